// Display helpers of the planning screens that run in the browser too. From the domain package
// only the schema-free calendar module is imported (the package's index would bring zod and every
// schema into the browser bundle). Which statuses allow what comes from the API's flags or the
// domain's status sets, handed over by the loaders; only the colours (tones) are the app's own.
import { addDays, clock } from "@ordinavo/domain/calendar";
import { priorityNames } from "@ordinavo/domain/labels";
import type { AppointmentStatus } from "@ordinavo/domain/vocabulary";

export type Tone = "neutral" | "info" | "ok" | "warn" | "danger" | "progress" | "done";

/** "HH:MM" for minutes after midnight (a minute count past 24 h wraps to the next day's clock). */
export function clockText(minuteOfDay: number): string {
  return clock(((minuteOfDay % 1440) + 1440) % 1440);
}

/** "08:30" → 510; null when it is not a clock time. */
export function minutesOfClock(value: string): number | null {
  const match = /^(\d{1,2}):(\d{2})/.exec(value);
  if (!match) return null;
  const [h, m] = [Number(match[1]), Number(match[2])];
  return h < 24 && m < 60 ? h * 60 + m : null;
}

/** "1 h 30 min", "45 min", "2 h". */
export function durationText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (!h) return `${m} min`;
  return m ? `${h} h ${m} min` : `${h} h`;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A calendar day (YYYY-MM-DD, no time zone of its own) in words: "Mon 23 Nov", "Monday 23 November
 * 2026", "23 Nov 2026"...
 */
export function dayText(
  day: string,
  style: "short" | "long" | "date" | "weekday" | "dayMonth" = "short",
): string {
  const options: Intl.DateTimeFormatOptions =
    style === "long"
      ? { weekday: "long", day: "numeric", month: "long", year: "numeric" }
      : style === "date"
        ? { day: "numeric", month: "short", year: "numeric" }
        : style === "weekday"
          ? { weekday: "short" }
          : style === "dayMonth"
            ? { day: "numeric", month: "short" }
            : { weekday: "short", day: "numeric", month: "short" };
  let format = dayFormats.get(style);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", ...options });
    dayFormats.set(style, format);
  }
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return format.format(new Date(Date.UTC(y, m - 1, d, 12)));
}

/** A day `count` days after another (both YYYY-MM-DD). */
export const shiftDay = addDays;

export { priorityNames };
export type PriorityName = keyof typeof priorityNames;

export const priorityTone: Record<string, Tone> = {
  low: "neutral",
  normal: "info",
  high: "warn",
  urgent: "danger",
};

export const targetTone: Record<string, Tone> = {
  open: "warn",
  planned: "info",
  in_progress: "progress",
  done: "ok",
  cancelled: "neutral",
};

/** Every status has a tone (`satisfies`); lookups by a stored string may still miss. */
export const appointmentTone: Readonly<Record<string, Tone>> = {
  scheduled: "info",
  confirmed: "ok",
  en_route: "progress",
  on_site: "progress",
  in_progress: "progress",
  completed: "done",
  not_completed: "danger",
  cancelled: "neutral",
  no_show: "danger",
} satisfies Record<AppointmentStatus, Tone>;

/** Busy intervals (minutes after midnight) of one employee on one day. */
export interface Busy {
  startMinute: number;
  endMinute: number;
}

/**
 * The first start at or after `from` where `length` minutes fit between the busy intervals, on a
 * five-minute mark and ending by `until`; `from` when the day is full (planning then reports the
 * overlap, and the dispatcher decides).
 */
export function firstFreeStart(
  busy: readonly Busy[],
  length: number,
  from = 8 * 60,
  until = 20 * 60,
): number {
  let candidate = from;
  for (const slot of [...busy].sort((a, b) => a.startMinute - b.startMinute)) {
    if (slot.endMinute <= candidate) continue;
    if (slot.startMinute >= candidate + length) break;
    candidate = Math.ceil(slot.endMinute / 5) * 5;
  }
  return candidate + length <= until ? candidate : from;
}

/**
 * Puts overlapping items on separate lanes (first fit, by start time), for the day timeline.
 * Returns the lane of each item by id, and how many lanes the row needs.
 */
export function assignLanes(items: readonly (Busy & { id: string })[]): {
  lanes: Map<string, number>;
  count: number;
} {
  const ends: number[] = [];
  const lanes = new Map<string, number>();
  for (const item of [...items].sort((a, b) => a.startMinute - b.startMinute || b.endMinute - a.endMinute)) {
    let lane = ends.findIndex((end) => end <= item.startMinute);
    if (lane === -1) {
      lane = ends.length;
      ends.push(item.endMinute);
    } else {
      ends[lane] = item.endMinute;
    }
    lanes.set(item.id, lane);
  }
  return { lanes, count: Math.max(1, ends.length) };
}

/** Rounds minutes to the nearest multiple of `step`. */
export function snap(minutes: number, step = 15): number {
  return Math.round(minutes / step) * step;
}
