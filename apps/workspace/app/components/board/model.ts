import { clockText } from "~/lib/planning-display";
import { appointmentStatusText, localSlot } from "~/lib/planning-time";
import type { BacklogItem, BoardAppointment, BoardData, BoardRow } from "./types";

// From what the API sends to what the grid draws. Runs in the loader's render and again in the
// browser whenever the board's query data changes (a move, a refetch), so both agree.

export interface Viewer {
  userId: string;
  /** Statuses in which an appointment can still be moved (the domain's `movable` set). */
  movableStatuses: readonly string[];
  /** Statuses in which an appointment takes up its person's time (the domain's `holdsTime` set). */
  busyStatuses: readonly string[];
}

const defaultRange = { from: 7 * 60, to: 19 * 60 };

export interface BoardModel {
  rows: BoardRow[];
  appointments: BoardAppointment[];
  /** The hours the day view shows, in minutes after midnight. */
  range: { from: number; to: number };
}

export function boardModel(
  board: BoardData,
  viewer: Viewer,
  span: "day" | "week",
  pendingIds: ReadonlySet<string> = new Set(),
): BoardModel {
  const first = board.days[0] ?? "";
  const appointments: BoardAppointment[] = board.appointments.map((a) => {
    const slot = localSlot(a.plannedStart, a.plannedEnd, board.timeZone);
    // Work that began the evening before still shows on the first day in view, from midnight.
    const before = !board.days.includes(slot.day);
    const startMinute = before ? 0 : slot.startMinute;
    const endMinute = before ? Math.max(15, slot.endMinute - 24 * 60) : slot.endMinute;
    const ghost = a.id.startsWith("ghost:");
    return {
      id: a.id,
      targetId: a.targetId,
      targetTitle: a.targetTitle,
      customerName: a.customerName,
      locationName: a.locationName,
      city: a.city,
      employeeId: a.assignedEmployeeId,
      day: before ? first : slot.day,
      startMinute,
      endMinute,
      timeText: `${slot.start}–${slot.end}`,
      status: a.status,
      statusText: ghost ? "Planning…" : appointmentStatusText(a.status),
      fixedTime: a.fixedTime,
      recurring: a.recurring,
      overlaps: a.overlaps,
      movable: board.can.plan && !ghost && viewer.movableStatuses.includes(a.status),
      pending: ghost || pendingIds.has(a.id),
    };
  });

  const rows: BoardRow[] = [
    ...(board.seesEveryone ? [{ id: null, name: "Unassigned" }] : []),
    ...board.employees.map((e) => ({ id: e.id, name: e.name, isMe: e.id === viewer.userId })),
  ];
  const known = new Set(rows.map((r) => r.id));
  for (const a of appointments) {
    if (a.employeeId && !known.has(a.employeeId)) {
      rows.push({ id: a.employeeId, name: "Former member" });
      known.add(a.employeeId);
    }
  }

  // The day view widens beyond 07:00–19:00 when work starts earlier or ends later.
  const range = { ...defaultRange };
  if (span === "day") {
    for (const a of appointments) {
      range.from = Math.min(range.from, Math.floor(a.startMinute / 60) * 60);
      range.to = Math.max(range.to, Math.min(24 * 60, Math.ceil(a.endMinute / 60) * 60));
    }
  }
  return { rows, appointments, range };
}

/** Lower case without accents, so "lumiere" finds "Lumière". */
function folded(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();
}

/** What the filter reads of a backlog item. */
type Filterable = Pick<BacklogItem, "title" | "customerName" | "locationName" | "city">;

/**
 * The backlog items whose title, customer, location or city hold every word of the filter.
 * An empty filter keeps them all.
 */
export function filterBacklog<T extends Filterable>(items: readonly T[], filter: string): T[] {
  const words = folded(filter).split(/\s+/).filter(Boolean);
  if (!words.length) return [...items];
  return items.filter((item) => {
    const fields = [item.title, item.customerName, item.locationName ?? "", item.city ?? ""];
    const haystack = folded(fields.join(" "));
    return words.every((word) => haystack.includes(word));
  });
}

/** "08:15–09:00" for a span of minutes. */
export const spanText = (startMinute: number, endMinute: number) =>
  `${clockText(startMinute)}–${clockText(endMinute)}`;
