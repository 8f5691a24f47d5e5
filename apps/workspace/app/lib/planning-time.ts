import {
  addDays,
  clock,
  isoWeekday,
  localDay,
  localMinuteOfDay,
  plusMinutes,
  zonedInstant,
} from "@ordinavo/domain/calendar";
import { statusLabel } from "@ordinavo/domain/labels";

// Dates and times of the planning screens. Forms send a local day ("YYYY-MM-DD") and wall-clock
// times ("HH:MM") in the tenant's time zone; these helpers turn them into the UTC instants the API
// takes, and back. Loaders, actions and the board in the browser share them: only the domain's
// schema-free calendar and label modules are imported, so no schemas reach the browser bundle.

export type FieldMessages = Record<string, string[]>;

/** "HH:MM" (or "H:MM", seconds ignored) → minutes after midnight; null when it is not a time. */
export function parseClock(value: string): number | null {
  const match = /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(value.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return null;
  return hours * 60 + minutes;
}

/** Whether a text is a real calendar day written YYYY-MM-DD. */
export function isDay(value: string | null | undefined): value is string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? "");
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export const isUuid = (value: string | null | undefined): value is string =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value ?? "");

/** The fields of a slot as typed: a day, a start, and either an end time or a length in minutes. */
export interface SlotInput {
  day: string;
  start: string;
  end?: string;
  duration?: string;
}

export type SlotResult =
  | { ok: true; plannedStart: Date; plannedEnd: Date }
  | { ok: false; fields: FieldMessages };

/**
 * A day and wall-clock times in the tenant's zone → the UTC start and end. Field messages are keyed
 * by the form's own names (day, start, end); the API's checks (end after start, at most 24 hours)
 * come back on plannedStart/plannedEnd and are mapped with `slotErrorFields`.
 */
export function slotFromFields(input: SlotInput, timeZone: string): SlotResult {
  const fields: FieldMessages = {};
  const day = input.day.trim();
  if (!isDay(day)) fields.day = ["Choose a date"];
  const start = parseClock(input.start);
  if (start === null) fields.start = ["Enter the start as HH:MM"];
  let end: number | null = null;
  let length: number | null = null;
  if (input.duration !== undefined && input.duration !== "") {
    length = Number(input.duration);
    if (!Number.isInteger(length) || length < 5 || length > 24 * 60) {
      fields.end = ["Enter a length between 5 minutes and 24 hours"];
    }
  } else {
    end = parseClock(input.end ?? "");
    if (end === null) fields.end = ["Enter the end as HH:MM"];
  }
  if (Object.keys(fields).length || start === null) return { ok: false, fields };
  const plannedStart = zonedInstant(day, start, timeZone);
  const plannedEnd =
    length !== null ? plusMinutes(plannedStart, length) : zonedInstant(day, end ?? start, timeZone);
  return { ok: true, plannedStart, plannedEnd };
}

/** The API names the slot fields plannedStart/plannedEnd; the forms call them start/end. */
export function slotErrorFields(fields: FieldMessages): FieldMessages {
  const names: Record<string, string> = { plannedStart: "start", plannedEnd: "end" };
  const out: FieldMessages = {};
  for (const [path, messages] of Object.entries(fields)) {
    const name = names[path] ?? path;
    out[name] = [...(out[name] ?? []), ...messages];
  }
  return out;
}

/** An appointment's slot as the forms and the board show it, in the tenant's zone. */
export function localSlot(plannedStart: Date, plannedEnd: Date, timeZone: string) {
  const day = localDay(plannedStart, timeZone);
  const startMinute = localMinuteOfDay(plannedStart, timeZone);
  const duration = Math.max(0, Math.round((plannedEnd.getTime() - plannedStart.getTime()) / 60_000));
  return {
    day,
    startMinute,
    endMinute: startMinute + duration,
    duration,
    start: clock(startMinute),
    end: clock(localMinuteOfDay(plannedEnd, timeZone)),
  };
}

/** Today in the tenant's zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  return localDay(now, timeZone);
}

/** The Monday of a day's week. */
export function mondayOf(day: string): string {
  return addDays(day, 1 - isoWeekday(day));
}

/** The next Monday-to-Friday day after a day. */
export function nextWorkingDay(day: string): string {
  let next = addDays(day, 1);
  while (isoWeekday(next) > 5) next = addDays(next, 1);
  return next;
}

/** ISO 8601 week number of a day. */
export function isoWeekNumber(day: string): number {
  const thursday = addDays(day, 4 - isoWeekday(day));
  const [y] = thursday.split("-").map(Number) as [number];
  const jan1 = Date.UTC(y, 0, 1);
  const [ty, tm, td] = thursday.split("-").map(Number) as [number, number, number];
  return Math.floor((Date.UTC(ty, tm - 1, td) - jan1) / 86_400_000 / 7) + 1;
}

export { addDays, clock, plusMinutes, zonedInstant };

/** Staff words for statuses, resolved on the server so the browser bundle needs no label tables. */
export const targetStatusText = (status: Parameters<typeof statusLabel<"target">>[1]) =>
  statusLabel("target", status);
export const appointmentStatusText = (status: Parameters<typeof statusLabel<"appointment">>[1]) =>
  statusLabel("appointment", status);
