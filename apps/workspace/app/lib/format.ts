// Formatting shared by the server render and the browser. Every date goes through an explicit time
// zone and an explicit locale, so the server's and the browser's output match (no hydration drift).

/** Staff read the workspace in English; day-month-year and a 24-hour clock read well across Europe. */
const displayLocale = "en-GB";

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
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
  const parts = formatter(timeZone, { year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(
    value,
  );
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** How far the zone's wall clock is ahead of UTC at a given moment, in milliseconds. */
function zoneOffset(at: number, timeZone: string): number {
  const parts = formatter(timeZone, {
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
    hourCycle: "h23",
  }).formatToParts(new Date(at));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second"));
  return wall - Math.floor(at / 1000) * 1000;
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
  const nextMidnightWall = Date.UTC(year, month - 1, date + 1);
  // Read the offset twice: once near the guess, once at the corrected moment (daylight saving).
  let utc = nextMidnightWall - zoneOffset(nextMidnightWall, timeZone);
  utc = nextMidnightWall - zoneOffset(utc, timeZone);
  return new Date(utc - 1);
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
