// Recurring visits: parsing an RFC 5545 rule, describing it, and expanding a plan into instants.
// Pure functions; rrule does all recurrence arithmetic, Intl does all time-zone arithmetic.
import { floatingTime, floatingWallClock, zonedWallTimeToUtc, zoneOffsetMinutes } from "@ordinavo/domain";
import * as rruleModule from "rrule";

// rrule ships CommonJS for Node and ES modules for bundlers: under Node ESM its exports sit on
// `default`, under a bundler on the namespace itself. This works in both (tsx, node, vitest, vite).
const rrule: typeof rruleModule = (rruleModule as { default?: typeof rruleModule }).default ?? rruleModule;
const { RRule } = rrule;
type RRuleOptions = ConstructorParameters<typeof RRule>[0];

export type ParsedRecurrenceRule = { ok: true; rule: string } | { ok: false; message: string };

/** Where a plan starts; with it, parsing also refuses a rule that ends before its first visit. */
export interface RecurrenceContext {
  /** The first possible day, "YYYY-MM-DD". */
  startsOn: string;
  /** Local time of day, "HH:MM". */
  startTime: string;
  /** IANA time zone of the plan (used to read an UNTIL given in UTC). */
  timeZone: string;
}

export interface RecurringPlanShape extends RecurrenceContext {
  /** A rule as stored: no DTSTART. */
  rrule: string;
  durationMinutes: number;
}

export interface Occurrence {
  start: Date;
  end: Date;
}

export const MAX_RULE_LENGTH = 500;

const FREQUENCIES = ["DAILY", "WEEKLY", "MONTHLY", "YEARLY"] as const;
type Frequency = (typeof FREQUENCIES)[number];
const TOO_FREQUENT = new Set(["SECONDLY", "MINUTELY", "HOURLY"]);
const WEEKDAYS = new Set(["MO", "TU", "WE", "TH", "FR", "SA", "SU"]);
/** The parts a plan's rule may have, in the order the normalised rule lists them. */
const PART_ORDER = [
  "FREQ",
  "INTERVAL",
  "COUNT",
  "UNTIL",
  "BYMONTH",
  "BYWEEKNO",
  "BYYEARDAY",
  "BYMONTHDAY",
  "BYDAY",
  "BYSETPOS",
  "WKST",
] as const;
type Part = (typeof PART_ORDER)[number];

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

class RuleError extends Error {}

/**
 * Checks a recurrence rule as a person typed it and returns it normalised (upper case, parts in
 * a fixed order, no "RRULE:" prefix), or a message to show next to the form field.
 *
 * A plan's rule has no DTSTART (the plan's first day and start time set it), repeats daily at
 * most often, gets its time of day from the plan (no BYHOUR/BYMINUTE/BYSECOND), and must produce
 * at least one visit. With `context`, a rule whose UNTIL lies before the first visit is refused too.
 */
export function parseRecurrenceRule(text: string, context?: RecurrenceContext): ParsedRecurrenceRule {
  try {
    const parts = readParts(text);
    const rule = PART_ORDER.filter((name) => parts.has(name))
      .map((name) => `${name}=${parts.get(name)}`)
      .join(";");
    if (rule.length > MAX_RULE_LENGTH) {
      throw new RuleError(`The rule must be at most ${MAX_RULE_LENGTH} characters.`);
    }
    requireSomeOccurrence(rule, context);
    return { ok: true, rule };
  } catch (error) {
    if (error instanceof RuleError) return { ok: false, message: error.message };
    throw error;
  }
}

/** Human-readable English, such as "Every week on Monday, Wednesday" (for the UI). */
export function describeRecurrence(rule: string): string {
  const parsed = parseRecurrenceRule(rule);
  if (!parsed.ok) return rule;
  const options = RRule.parseString(parsed.rule);
  const until = readUntil(parsed.rule);
  const value = new RRule({
    ...options,
    // toText prints the day only; a date-only UNTIL reads as "until December 31, 2026".
    until: until ? floatingTime(until.year, until.month, until.day, 0, 0) : null,
  });
  // rrule's own isFullyConvertibleToText() answers true too early; toText() ignores BYSETPOS.
  if (parsed.rule.includes("BYSETPOS=")) return `Repeats by the rule ${parsed.rule}`;
  // rrule writes BYMONTHDAY=-1 as "on the last" and -2 as "on the 2nd last": its "last" is marked
  // so that the month days can be put in words here and "2nd last" reads "2nd to last".
  let text = value.toText((id) => (id === "last" ? LAST : id.toString()));
  const monthDays = /(?:^|;)BYMONTHDAY=([^;]+)/.exec(parsed.rule)?.[1]?.split(",").map(Number);
  if (monthDays?.some((day) => day < 0)) {
    // The month days are the first "the" list of ordinals that no weekday or "day" follows.
    const day = `(?:\\d+(?:st|nd|rd|th)(?: ${LAST})?|${LAST})`;
    const list = new RegExp(
      `\\bthe (${day}(?:(?:, | and | or )${day})*)(?!,| and | or | ${LAST}| [A-Z]| day)`,
    );
    // Without a month to refer to (every day, every year), say which day is meant.
    const ofTheMonth = !parsed.rule.startsWith("FREQ=MONTHLY") && !parsed.rule.includes("BYMONTH=");
    text = text.replace(list, (_, days: string) => {
      const words = monthDaysText(monthDays, days.includes(" or ") ? "or" : "and");
      return `the ${words}${ofTheMonth ? " of the month" : ""}`;
    });
  }
  text = text
    .replace(new RegExp(`(\\d+(?:st|nd|rd|th)) ${LAST}`, "g"), "$1 to last")
    .replaceAll(LAST, "last");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A marker for rrule's word "last" while the text is being put together. */
const LAST = "\uE000last";

/** Month days in order through the month: "1st, 15th and last day", "2nd to last day". */
function monthDaysText(days: number[], conjunction: "and" | "or"): string {
  const fromStart = days.filter((d) => d > 0).sort((a, b) => a - b);
  const fromEnd = days.filter((d) => d < 0).sort((a, b) => a - b);
  const words = [
    ...fromStart.map(ordinal),
    ...fromEnd.map((d) => (d === -1 ? "last" : `${ordinal(-d)} to last`)),
  ];
  const listed =
    words.length > 1 ? `${words.slice(0, -1).join(", ")} ${conjunction} ${words.at(-1)}` : (words[0] ?? "");
  return fromEnd.length > 0 ? `${listed} day` : listed;
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${{ 1: "st", 2: "nd", 3: "rd" }[n % 10] ?? "th"}`;
}

/**
 * The occurrences of a plan whose start lies in [window.from, window.to), oldest first.
 *
 * rrule expands the rule in floating wall-clock time (UTC fields read as the plan's local clock,
 * DTSTART = startsOn at startTime); each wall-clock time then becomes an instant in the plan's
 * time zone. So 09:00 stays 09:00 local across daylight-saving changes. A start time that does
 * not exist on a spring-forward day moves forward by the gap (02:30 → 03:30); one that exists
 * twice on a fall-back day takes the first (summer-time) instant.
 */
export function expandPlan(plan: RecurringPlanShape, window: { from: Date; to: Date }): Occurrence[] {
  if (!(window.from.getTime() < window.to.getTime())) return [];
  const parsed = parseRecurrenceRule(plan.rrule);
  if (!parsed.ok) throw new RangeError(`Invalid recurrence rule: ${parsed.message}`);
  const rule = buildRule(parsed.rule, plan);
  const duration = plan.durationMinutes * MINUTE_MS;

  // Floating bounds with a day of slack either side; the exact bounds are applied to instants.
  const from = floatingWallClock(window.from, plan.timeZone).getTime() - DAY_MS;
  const to = floatingWallClock(window.to, plan.timeZone).getTime() + DAY_MS;
  const seen = new Set<number>();
  const occurrences: Occurrence[] = [];
  for (const wall of rule.between(new Date(from), new Date(to), true)) {
    const start = zonedWallTimeToUtc(
      wall.getUTCFullYear(),
      wall.getUTCMonth() + 1,
      wall.getUTCDate(),
      wall.getUTCHours(),
      wall.getUTCMinutes(),
      plan.timeZone,
    );
    const at = start.getTime();
    if (at < window.from.getTime() || at >= window.to.getTime() || seen.has(at)) continue;
    seen.add(at);
    occurrences.push({ start, end: new Date(at + duration) });
  }
  return occurrences.sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** The instant at which a plan's first possible visit would start (startsOn at startTime, local). */
export function planStartInstant(plan: Pick<RecurrenceContext, "startsOn" | "startTime" | "timeZone">): Date {
  const { year, month, day } = readDate(plan.startsOn);
  const { hour, minute } = readTime(plan.startTime);
  return zonedWallTimeToUtc(year, month, day, hour, minute, plan.timeZone);
}

// --- Reading a rule ---------------------------------------------------------------------------

function readParts(text: string): Map<Part, string> {
  let body = text.trim();
  if (body === "") throw new RuleError("Enter a recurrence rule, such as FREQ=WEEKLY;BYDAY=MO.");
  if (/[\r\n]/.test(body)) {
    throw new RuleError("Enter one rule on one line, such as FREQ=WEEKLY;BYDAY=MO.");
  }
  body = body.toUpperCase();
  if (body.startsWith("RRULE:")) body = body.slice("RRULE:".length);
  if (body.includes("DTSTART")) {
    throw new RuleError("Leave out DTSTART: the plan's first day and start time set it.");
  }
  const parts = new Map<Part, string>();
  for (const segment of body.split(";")) {
    const item = segment.trim();
    if (item === "") continue;
    const equals = item.indexOf("=");
    if (equals <= 0) throw new RuleError(`"${clip(item)}" is not a NAME=VALUE part.`);
    const name = item.slice(0, equals).trim();
    const value = item.slice(equals + 1).trim();
    if (name === "BYHOUR" || name === "BYMINUTE" || name === "BYSECOND") {
      throw new RuleError(
        "The time of day comes from the plan's start time: leave out BYHOUR, BYMINUTE and BYSECOND.",
      );
    }
    if (name === "TZID") throw new RuleError("Leave out TZID: the plan's time zone applies.");
    if (!(PART_ORDER as readonly string[]).includes(name)) {
      throw new RuleError(`"${clip(name)}" is not a recurrence rule part this form supports.`);
    }
    if (parts.has(name as Part)) throw new RuleError(`${name} appears more than once.`);
    if (value === "") throw new RuleError(`${name} needs a value.`);
    parts.set(name as Part, value);
  }

  const freq = parts.get("FREQ");
  if (!freq) throw new RuleError("The rule needs a FREQ part, such as FREQ=WEEKLY.");
  if (TOO_FREQUENT.has(freq)) {
    throw new RuleError("Visits can repeat at most daily: use FREQ=DAILY, WEEKLY, MONTHLY or YEARLY.");
  }
  if (!(FREQUENCIES as readonly string[]).includes(freq)) {
    throw new RuleError("FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY.");
  }
  const frequency = freq as Frequency;

  const normalised = (name: Part, value: string) => parts.set(name, value);
  for (const [name, value] of parts) {
    switch (name) {
      case "FREQ":
        break;
      case "INTERVAL":
        normalised(name, String(integer(name, value, 1, 999)));
        break;
      case "COUNT":
        normalised(name, String(integer(name, value, 1, 10_000)));
        break;
      case "UNTIL":
        readUntilValue(value);
        break;
      case "BYMONTH":
        normalised(
          name,
          list(name, value, (v) => String(integer(name, v, 1, 12))),
        );
        break;
      case "BYWEEKNO":
        if (frequency !== "YEARLY") throw new RuleError("BYWEEKNO needs FREQ=YEARLY.");
        normalised(
          name,
          list(name, value, (v) => String(signedNonZero(name, v, 53))),
        );
        break;
      case "BYYEARDAY":
        if (frequency !== "YEARLY") throw new RuleError("BYYEARDAY needs FREQ=YEARLY.");
        normalised(
          name,
          list(name, value, (v) => String(signedNonZero(name, v, 366))),
        );
        break;
      case "BYMONTHDAY":
        if (frequency === "WEEKLY") {
          throw new RuleError("BYMONTHDAY does not go with FREQ=WEEKLY; use FREQ=MONTHLY.");
        }
        normalised(
          name,
          list(name, value, (v) => String(signedNonZero(name, v, 31))),
        );
        break;
      case "BYDAY":
        normalised(
          name,
          list(name, value, (v) => weekday(v, frequency, parts.has("BYWEEKNO"))),
        );
        break;
      case "BYSETPOS":
        normalised(
          name,
          list(name, value, (v) => String(signedNonZero(name, v, 366))),
        );
        break;
      case "WKST":
        if (!WEEKDAYS.has(value)) throw new RuleError("WKST must be a weekday such as MO.");
        break;
    }
  }
  if (parts.has("COUNT") && parts.has("UNTIL")) {
    throw new RuleError("Use either COUNT or UNTIL, not both.");
  }
  if (
    parts.has("BYSETPOS") &&
    !["BYMONTH", "BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY"].some((p) => parts.has(p as Part))
  ) {
    throw new RuleError("BYSETPOS needs another BY part, such as BYDAY.");
  }
  return parts;
}

function integer(name: string, value: string, min: number, max: number): number {
  if (!/^\+?\d{1,5}$/.test(value)) throw new RuleError(`${name} must be a whole number.`);
  const n = Number(value);
  if (n < min || n > max) throw new RuleError(`${name} must be between ${min} and ${max}.`);
  return n;
}

function signedNonZero(name: string, value: string, max: number): number {
  if (!/^[+-]?\d{1,3}$/.test(value)) throw new RuleError(`${name} must list whole numbers.`);
  const n = Number(value);
  if (n === 0 || Math.abs(n) > max) {
    throw new RuleError(`${name} values must be between 1 and ${max} (or -1 to -${max}).`);
  }
  return n;
}

function list(name: string, value: string, item: (v: string) => string): string {
  const items = value.split(",").map((v) => v.trim());
  if (items.some((v) => v === "")) throw new RuleError(`${name} has an empty entry.`);
  return items.map(item).join(",");
}

function weekday(value: string, frequency: Frequency, withWeekNumbers: boolean): string {
  const match = /^([+-]?\d{1,2})?([A-Z]{2})$/.exec(value);
  if (!match || !WEEKDAYS.has(match[2]!)) {
    throw new RuleError(`"${clip(value)}" is not a weekday; use MO, TU, WE, TH, FR, SA or SU.`);
  }
  if (match[1] === undefined) return match[2]!;
  const n = Number(match[1]);
  if (frequency !== "MONTHLY" && frequency !== "YEARLY") {
    throw new RuleError("Numbered weekdays such as 2MO need FREQ=MONTHLY or FREQ=YEARLY.");
  }
  if (frequency === "YEARLY" && withWeekNumbers) {
    throw new RuleError("Numbered weekdays such as 2MO do not go with BYWEEKNO.");
  }
  const max = frequency === "MONTHLY" ? 5 : 53;
  if (n === 0 || Math.abs(n) > max) {
    throw new RuleError(`A weekday's number must be between 1 and ${max} (or -1 to -${max}).`);
  }
  return `${n}${match[2]}`;
}

type UntilValue =
  | { kind: "date"; year: number; month: number; day: number }
  | {
      kind: "local" | "utc";
      year: number;
      month: number;
      day: number;
      hour: number;
      minute: number;
      second: number;
    };

const UNTIL_FORMAT = "UNTIL must be a date such as 20261231, or a UTC time such as 20261231T170000Z.";

function readUntilValue(value: string): UntilValue {
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(value);
  if (!match) throw new RuleError(UNTIL_FORMAT);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(2000, 0, 1));
  date.setUTCFullYear(year, month - 1, day);
  if (year < 1900 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new RuleError(UNTIL_FORMAT);
  }
  if (match[4] === undefined) return { kind: "date", year, month, day };
  const [hour, minute, second] = [Number(match[4]), Number(match[5]), Number(match[6])];
  if (hour > 23 || minute > 59 || second > 59) throw new RuleError(UNTIL_FORMAT);
  return { kind: match[7] ? "utc" : "local", year, month, day, hour, minute, second };
}

function readUntil(rule: string): UntilValue | undefined {
  const value = /(?:^|;)UNTIL=([^;]+)/.exec(rule)?.[1];
  return value === undefined ? undefined : readUntilValue(value);
}

/** The rule with DTSTART (floating) and UNTIL (floating, in the plan's zone) for expansion. */
function buildRule(rule: string, plan: Pick<RecurrenceContext, "startsOn" | "startTime" | "timeZone">) {
  const { year, month, day } = readDate(plan.startsOn);
  const { hour, minute } = readTime(plan.startTime);
  const options: Partial<RRuleOptions> = RRule.parseString(rule);
  return new RRule({
    ...options,
    dtstart: floatingTime(year, month, day, hour, minute),
    until: floatingUntil(readUntil(rule), plan.timeZone),
    tzid: null,
  });
}

function floatingUntil(until: UntilValue | undefined, timeZone: string): Date | null {
  if (!until) return null;
  switch (until.kind) {
    // A date means "up to and including that day" in the plan's time zone.
    case "date":
      return new Date(floatingTime(until.year, until.month, until.day, 23, 59).getTime() + 59_999);
    case "local":
      return new Date(
        floatingTime(until.year, until.month, until.day, until.hour, until.minute).getTime() +
          until.second * 1000,
      );
    case "utc": {
      const instant = Date.UTC(
        until.year,
        until.month - 1,
        until.day,
        until.hour,
        until.minute,
        until.second,
      );
      return floatingWallClock(new Date(instant), timeZone);
    }
  }
}

/**
 * rrule walks period by period up to the year 9999 looking for a match, so a rule that never
 * matches (FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30, FREQ=DAILY;INTERVAL=7;BYDAY=TU from a Monday)
 * would take seconds to expand. The calendar repeats every 400 years, so the same rule is tried
 * from a start shifted by a multiple of 400 years into the 9200s: rrule gives up after 400–800
 * years, and whatever matches there matches for the real start as well.
 */
function requireSomeOccurrence(rule: string, context: RecurrenceContext | undefined) {
  const options: Partial<RRuleOptions> = RRule.parseString(rule);
  const start = context ? readDate(context.startsOn) : { year: 2000, month: 1, day: 3 };
  const time = context ? readTime(context.startTime) : { hour: 12, minute: 0 };
  const shiftedYear = start.year + 400 * Math.ceil((9200 - start.year) / 400);
  const probeStart = floatingTime(shiftedYear, start.month, start.day, time.hour, time.minute);
  const probe = new RRule({ ...options, count: null, until: null, dtstart: probeStart, tzid: null });
  if (!probe.after(probeStart, true)) {
    throw new RuleError("This rule never produces a visit: check its day, week and month parts.");
  }
  if (!context) return;
  if (!isKnownTimeZone(context.timeZone)) return; // the time zone field reports that itself
  const real = buildRule(rule, context);
  const first = real.after(floatingTime(start.year, start.month, start.day, 0, 0), true);
  if (!first) throw new RuleError("The rule ends (UNTIL) before the plan's first visit.");
}

function readDate(value: string): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) throw new RangeError(`Expected a date as YYYY-MM-DD, got "${clip(value)}"`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

function readTime(value: string): { hour: number; minute: number } {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match) throw new RangeError(`Expected a time as HH:MM, got "${clip(value)}"`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

function clip(value: string): string {
  return value.length > 24 ? `${value.slice(0, 24)}…` : value;
}

// --- Time zones -------------------------------------------------------------------------------

/** A wall-clock time as a Date whose UTC fields are that wall clock ("floating"). */

function isKnownTimeZone(timeZone: string): boolean {
  try {
    zoneOffsetMinutes(new Date(0), timeZone);
    return true;
  } catch {
    return false;
  }
}
