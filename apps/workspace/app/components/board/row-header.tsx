import { durationText } from "~/lib/planning-display";
import type { BoardAppointment, BoardRow } from "./types";

function rowStats(row: BoardRow, appointments: readonly BoardAppointment[]) {
  const mine = appointments.filter((a) => a.employeeId === row.id && !a.id.startsWith("ghost:"));
  const minutes = mine.reduce((sum, a) => sum + (a.endMinute - a.startMinute), 0);
  return mine.length
    ? `${mine.length} visit${mine.length === 1 ? "" : "s"} · ${durationText(minutes)}`
    : "No visits";
}

/** A person's name and what they have in view: "3 visits · 4 h 30 min". */
export function RowHeader({
  row,
  appointments,
}: {
  row: BoardRow;
  appointments: readonly BoardAppointment[];
}) {
  return (
    <th scope="row" className={`board-who${row.id === null ? " is-unassigned" : ""}`}>
      <span className="board-who-name">
        {row.name}
        {row.isMe ? <span className="badge tag">You</span> : null}
      </span>
      <span className="board-who-stats">{rowStats(row, appointments)}</span>
    </th>
  );
}

/** Appointments grouped by person and day ("employeeId|day"), each list in time order. */
export function byCell(appointments: readonly BoardAppointment[]): Map<string, BoardAppointment[]> {
  const cells = new Map<string, BoardAppointment[]>();
  for (const a of appointments) {
    const key = cellKey(a.employeeId, a.day);
    const list = cells.get(key) ?? [];
    list.push(a);
    cells.set(key, list);
  }
  for (const list of cells.values()) list.sort((a, b) => a.startMinute - b.startMinute);
  return cells;
}

export const cellKey = (employeeId: string | null, day: string) => `${employeeId ?? ""}|${day}`;
