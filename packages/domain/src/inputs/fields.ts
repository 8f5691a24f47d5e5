import { z } from "zod";

// Building blocks shared by the input schemas. Text is trimmed; a blank optional field becomes
// `null` ("no value"), while a missing key stays `undefined` ("not given", which for an update
// means "leave unchanged").

const blankToNull = (value: string): string | null => (value === "" ? null : value);

function tooLong(field: string, max: number): string {
  return `${field} must be at most ${max} characters`;
}

/** PostgreSQL cannot store NUL characters in text; no person types one on purpose. */
export const NUL_MESSAGE = "This text contains a NUL character (\\0), which cannot be stored. Remove it.";

/** True when a text holds no NUL character. */
export function hasNoNul(value: string): boolean {
  return !value.includes("\u0000");
}

/** Trimmed text that must not be empty. */
export function requiredText(field: string, max: number, emptyMessage: string) {
  return z
    .string({ error: emptyMessage })
    .trim()
    .min(1, { error: emptyMessage })
    .max(max, { error: tooLong(field, max) })
    .refine(hasNoNul, { error: NUL_MESSAGE });
}

/** Trimmed text that may be left blank; blank becomes `null`. */
export function optionalText(field: string, max: number) {
  return z
    .string({ error: `${field} must be text` })
    .trim()
    .max(max, { error: tooLong(field, max) })
    .refine(hasNoNul, { error: NUL_MESSAGE })
    .transform(blankToNull)
    .nullish();
}

/**
 * What someone types into a search box: trimmed, at most `max` characters, no NUL. Blank stays
 * "" (the caller decides whether that means "no filter").
 */
export function searchText(max = 100) {
  return z
    .string({ error: "Search for text" })
    .trim()
    .max(max, { error: `Search for at most ${max} characters` })
    .refine(hasNoNul, { error: NUL_MESSAGE });
}

/** Makes a string format optional: the value is trimmed and a blank value becomes `null`. */
export function optionalFormat<T extends z.ZodType<unknown, string>>(format: T, field: string) {
  return z
    .string({ error: `${field} must be text` })
    .trim()
    .transform(blankToNull)
    .pipe(format.nullable())
    .nullish();
}

/** A reference to another record, usually picked from a list. */
export function reference(message: string) {
  return z.uuid({ error: message });
}

/** An optional reference; blank becomes `null`. */
export function optionalReference(message: string) {
  return optionalFormat(z.uuid({ error: message }), "This reference");
}

/** One of a fixed list of values. */
export function choice<const T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z.enum(values, { error: message });
}

/** A whole number within a range, both ends included. */
export function wholeNumber(field: string, min: number, max: number, unit = "") {
  const range = `${field} must be a whole number between ${min} and ${max}${unit ? ` ${unit}` : ""}`;
  return z
    .number({ error: range })
    .int({ error: range })
    .min(min, { error: range })
    .max(max, { error: range });
}

/** A number (fractions allowed) within a range, both ends included. */
export function decimal(field: string, min: number, max: number) {
  const range = `${field} must be between ${min} and ${max}`;
  return z.number({ error: range }).min(min, { error: range }).max(max, { error: range });
}

export const latitude = decimal("Latitude", -90, 90);
export const longitude = decimal("Longitude", -180, 180);

/** A yes/no value. */
export function flag(field: string) {
  return z.boolean({ error: `${field} must be yes or no` });
}

/** An email address, trimmed. Case is kept: it is a contact channel, not a login. */
export const emailAddress = z
  .string({ error: "Enter an email address" })
  .trim()
  .pipe(z.email({ error: "Enter a valid email address" }).max(254, { error: "Enter a valid email address" }));

/** An email address someone signs in with: trimmed and lower-cased so it compares reliably. */
export const loginEmail = emailAddress.transform((value) => value.toLowerCase());

/**
 * A phone number as people write it: an optional leading "+", then digits with spaces, dashes, dots
 * or parentheses between them, 6 to 20 digits in total.
 */
export function isPhoneNumber(value: string): boolean {
  if (!/^\+?[0-9 ().-]+$/.test(value)) return false;
  const digits = value.replace(/[^0-9]/g, "").length;
  return digits >= 6 && digits <= 20;
}

export function optionalPhone(field: string, message: string) {
  return optionalFormat(z.string().refine(isPhoneNumber, { error: message }), field);
}

/** A calendar date written YYYY-MM-DD (kept as a string: a date has no time zone). */
export function isoDate(message = "Enter a date as YYYY-MM-DD") {
  return z.iso.date({ error: message });
}

/**
 * The days anything can be planned on: the board, routes, appointments, recurring plans and due
 * dates stay within these years. Dates far outside (9999-12-31, 0001-01-01) are typing mistakes
 * or probes, and would overflow date arithmetic and the database's ranges.
 */
export const PLANNING_DAYS = { first: "2000-01-01", last: "2099-12-31" } as const;
const planningRangeMessage = `Choose a date between ${PLANNING_DAYS.first} and ${PLANNING_DAYS.last}`;

/** A day within the planning range, written YYYY-MM-DD (compared as text: same order). */
export function planningDay(message = "Enter a date as YYYY-MM-DD") {
  // A value that is not YYYY-MM-DD at all gets the format message only.
  const inRange = (day: string) =>
    !/^\d{4}-\d{2}-\d{2}$/.test(day) || (day >= PLANNING_DAYS.first && day <= PLANNING_DAYS.last);
  return isoDate(message).refine(inRange, { error: planningRangeMessage });
}

/** `planningDay()` with the board's and the routes' message. */
export const ZPlanningDay = planningDay("Choose a day as YYYY-MM-DD");

/**
 * The moments that belong to a planning day somewhere on earth: from 14 hours before the first
 * day (UTC+14) to 12 hours after the last (UTC−12).
 */
export const PLANNING_INSTANTS = {
  first: new Date(`${PLANNING_DAYS.first}T00:00:00+14:00`),
  last: new Date(`${PLANNING_DAYS.last}T23:59:59.999-12:00`),
} as const;

/** True when a moment lies within the planning range. */
export function isPlanningInstant(value: Date): boolean {
  const time = value.getTime();
  return time >= PLANNING_INSTANTS.first.getTime() && time <= PLANNING_INSTANTS.last.getTime();
}

const isoInstantString = z.iso.datetime({ offset: true });

/**
 * A moment in time, given as a Date or as an ISO 8601 string with a time zone offset
 * ("2025-03-01T08:30:00+01:00" or "...Z"). Strings without an offset are refused: they are ambiguous.
 */
export function instant(message: string) {
  return z.preprocess(
    (value) =>
      typeof value === "string" && isoInstantString.safeParse(value).success ? new Date(value) : value,
    z.date({ error: message }),
  );
}

/** A moment within the planning range (`PLANNING_INSTANTS`), given as for `instant`. */
export function planningInstant(message: string) {
  return instant(message).refine((value) => isPlanningInstant(value as Date), {
    error: planningRangeMessage,
  });
}

/** An optional moment in time; blank becomes `null`. */
export function optionalInstant(message: string) {
  return z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? null : value),
    instant(message).nullish(),
  );
}

/** Rejects repeated values in a list, pointing at the second occurrence. */
export function noDuplicates<T>(key: (item: T) => string, message: string) {
  return (items: readonly T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const k = key(item);
      if (seen.has(k)) ctx.addIssue({ code: "custom", message, path: [index], input: item });
      seen.add(k);
    });
  };
}
