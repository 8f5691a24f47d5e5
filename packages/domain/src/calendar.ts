/**
 * Calendar arithmetic in a tenant's time zone: local days ("YYYY-MM-DD") and local times of day
 * in an IANA zone, turned into the UTC instants the application stores — and back.
 */

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
        era: "short",
      });
    } catch {
      throw new RangeError(`Unknown time zone "${timeZone.slice(0, 60)}"`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The UTC instant whose UTC fields read like this wall-clock time ("floating" time). */
export function floatingTime(year: number, month: number, day: number, hour: number, minute: number): Date {
  const value = new Date(Date.UTC(2000, 0, 1, hour, minute));
  value.setUTCFullYear(year, month - 1, day);
  return value;
}

/** The wall clock an instant shows in a time zone, as floating milliseconds (whole seconds). */
function wallClockAsUtc(instant: Date, timeZone: string): number {
  const fields: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) fields[part.type] = part.value;
  let year = Number(fields.year);
  if (fields.era === "BC" || fields.era === "B") year = 1 - year;
  const value = new Date(
    Date.UTC(2000, 0, 1, Number(fields.hour) % 24, Number(fields.minute), Number(fields.second)),
  );
  value.setUTCFullYear(year, Number(fields.month) - 1, Number(fields.day));
  return value.getTime();
}

/** The wall clock an instant shows in a time zone, as a floating time (see `floatingTime`). */
export function floatingWallClock(instant: Date, timeZone: string): Date {
  return new Date(wallClockAsUtc(instant, timeZone));
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetAt(instantMs: number, timeZone: string): number {
  const whole = Math.floor(instantMs / 1000) * 1000;
  return wallClockAsUtc(new Date(whole), timeZone) - whole;
}

/** Minutes the zone is ahead of UTC at that instant (+60 for Paris in winter, +120 in summer). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  return Math.round(offsetAt(instant.getTime(), timeZone) / 60_000);
}

/**
 * The instant at which the wall clock in `timeZone` shows the given local time. A local time in
 * a spring-forward gap is moved forward by the gap; an ambiguous one (fall-back) takes the first
 * of its two instants. Throws a RangeError for an unknown time zone.
 */
export function zonedWallTimeToUtc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string,
): Date {
  const local = floatingTime(year, month, day, hour, minute).getTime();
  const before = offsetAt(local - DAY_MS, timeZone);
  const after = offsetAt(local + DAY_MS, timeZone);
  const candidates = [...new Set([local - before, local - after])].sort((a, b) => a - b);
  for (const candidate of candidates) {
    if (wallClockAsUtc(new Date(candidate), timeZone) === local) return new Date(candidate);
  }
  // No instant shows this wall-clock time: it lies in a gap. Reading it with the offset from
  // before the change lands the same distance after the gap.
  return new Date(local - before);
}

/** The wall-clock time an instant shows in a time zone. */
export function utcToZonedWallTime(
  instant: Date,
  timeZone: string,
): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const value = new Date(wallClockAsUtc(instant, timeZone));
  return {
    year: value.getUTCFullYear(),
    month: value.getUTCMonth() + 1,
    day: value.getUTCDate(),
    hour: value.getUTCHours(),
    minute: value.getUTCMinutes(),
    second: value.getUTCSeconds(),
  };
}

/** The local calendar day ("YYYY-MM-DD") of an instant. */
export function localDay(instant: Date, timeZone: string): string {
  return new Date(wallClockAsUtc(instant, timeZone)).toISOString().slice(0, 10);
}

/** Minutes since local midnight of an instant. */
export function localMinuteOfDay(instant: Date, timeZone: string): number {
  const wall = utcToZonedWallTime(instant, timeZone);
  return wall.hour * 60 + wall.minute;
}

/**
 * The UTC instant of a local wall-clock time (minutes after midnight, may run past 24:00 into the
 * next days) on a local day.
 */
export function zonedInstant(day: string, minuteOfDay: number, timeZone: string): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const wall = new Date(Date.UTC(y, m - 1, d, 0, minuteOfDay));
  return zonedWallTimeToUtc(
    wall.getUTCFullYear(),
    wall.getUTCMonth() + 1,
    wall.getUTCDate(),
    wall.getUTCHours(),
    wall.getUTCMinutes(),
    timeZone,
  );
}

/** A day `count` days after (or before, if negative) another. */
export function addDays(day: string, count: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + count)).toISOString().slice(0, 10);
}

/** ISO weekday of a day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

export function isWorkingDay(day: string): boolean {
  return isoWeekday(day) <= 5;
}

/** "HH:MM" for minutes after midnight. */
export function clock(minuteOfDay: number): string {
  return `${String(Math.floor(minuteOfDay / 60)).padStart(2, "0")}:${String(minuteOfDay % 60).padStart(2, "0")}`;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** An instant shifted by a number of minutes. */
export function plusMinutes(instant: Date, minutes: number): Date {
  return new Date(instant.getTime() + minutes * MINUTE);
}
