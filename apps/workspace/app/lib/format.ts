// Formatting shared by the server render and the browser. Every date goes through an explicit time
// zone and an explicit locale, so the server's and the browser's output match (no hydration drift).
import { addDays, localDay, zonedInstant } from "@ordinavo/domain/calendar";

/** Staff read the workspace in English; day-month-year and a 24-hour clock read well across Europe. */
const displayLocale = "en-GB";

const cache = new Map<string, Intl.DateTimeFormat>();

/**
 * One Intl.DateTimeFormat per zone and options, made once: making one costs far more than using
 * it, and a page formats hundreds of dates.
 */
export function formatter(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(displayLocale, { timeZone, ...options });
    cache.set(key, format);
  }
  return format;
}

function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

/** "3 May 2026, 14:05" in the given zone. */
export function formatDateTime(value: Date | string, timeZone: string): string {
  return formatter(timeZone, { dateStyle: "medium", timeStyle: "short" }).format(toDate(value));
}

/** "3 May 2026, 14:05:09" in the given zone: for logs, where seconds tell events apart. */
export function formatDateTimeSeconds(value: Date | string, timeZone: string): string {
  return formatter(timeZone, { dateStyle: "medium", timeStyle: "medium" }).format(toDate(value));
}

/** "3 May 2026" in the given zone. */
export function formatDate(value: Date | string, timeZone: string): string {
  return formatter(timeZone, { dateStyle: "medium" }).format(toDate(value));
}

/** The machine-readable form for <time dateTime>. */
export function isoString(value: Date | string): string {
  return toDate(value).toISOString();
}

/** The calendar date (YYYY-MM-DD) of a moment as seen in a zone. */
export function calendarDate(value: Date, timeZone: string): string {
  return localDay(value, timeZone);
}

/**
 * The last moment of a calendar day (YYYY-MM-DD) in a zone: midnight at the start of the next day,
 * local time, minus one millisecond. Returns null for anything that is not a real date.
 */
export function endOfDayInZone(day: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, date));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) {
    return null;
  }
  return new Date(zonedInstant(addDays(day, 1), 0, timeZone).getTime() - 1);
}

/** The first characters of an id, enough to tell rows apart at a glance. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}

/** "Chrome on macOS" from a user agent string; the raw string when nothing is recognised. */
export function describeUserAgent(userAgent: string): string {
  const browser =
    (/Edg\//.test(userAgent) && "Edge") ||
    (/OPR\//.test(userAgent) && "Opera") ||
    (/Firefox\//.test(userAgent) && "Firefox") ||
    (/(Chrome|Chromium|HeadlessChrome)\//.test(userAgent) && "Chrome") ||
    (/Safari\//.test(userAgent) && /Version\//.test(userAgent) && "Safari") ||
    (/curl\//i.test(userAgent) && "curl") ||
    null;
  const system =
    (/iPhone|iPad|iPod/.test(userAgent) && "iOS") ||
    (/Android/.test(userAgent) && "Android") ||
    (/Windows/.test(userAgent) && "Windows") ||
    (/Mac OS X|Macintosh/.test(userAgent) && "macOS") ||
    (/CrOS/.test(userAgent) && "ChromeOS") ||
    (/Linux/.test(userAgent) && "Linux") ||
    null;
  if (browser && system) return `${browser} on ${system}`;
  if (browser) return browser;
  return userAgent.length > 40 ? `${userAgent.slice(0, 39)}…` : userAgent;
}
