// The friendly rule builder of the recurring-visit form, and the RFC 5545 rule text it stands for.
// Pure functions, used by the server (reading a posted form) and the browser (live updates).
// The recurrence package parses and checks the rule for real; this file only translates.

export const weekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type Weekday = (typeof weekdays)[number];

export const weekdayNames: Record<Weekday, string> = {
  MO: "Monday",
  TU: "Tuesday",
  WE: "Wednesday",
  TH: "Thursday",
  FR: "Friday",
  SA: "Saturday",
  SU: "Sunday",
};

export const weekdayShortNames: Record<Weekday, string> = {
  MO: "Mon",
  TU: "Tue",
  WE: "Wed",
  TH: "Thu",
  FR: "Fri",
  SA: "Sat",
  SU: "Sun",
};

/**
 * How the visit repeats. "custom" means the rule is the text typed into the advanced field, because
 * the builder cannot show it (BYSETPOS, YEARLY, several month days…).
 */
export const frequencies = ["weekly", "monthly_day", "monthly_nth", "daily", "custom"] as const;
export type Frequency = (typeof frequencies)[number];

export const frequencyNames: Record<Frequency, string> = {
  weekly: "Weekly, on chosen weekdays",
  monthly_day: "Monthly, on a day of the month",
  monthly_nth: "Monthly, on a weekday (e.g. first Tuesday)",
  daily: "Daily",
  custom: "Custom rule (RRULE text)",
};

/** Which weekday of the month: the first … fourth, or the last (-1). */
export const ordinals = [1, 2, 3, 4, -1] as const;
export type Ordinal = (typeof ordinals)[number];
export const ordinalNames: Record<string, string> = {
  "1": "First",
  "2": "Second",
  "3": "Third",
  "4": "Fourth",
  "-1": "Last",
};

export const ends = ["never", "count", "until"] as const;
export type End = (typeof ends)[number];

export interface RuleBuilder {
  frequency: Frequency;
  /** Every N weeks / months / days (1 = every one). */
  interval: number;
  /** Weekly: the weekdays, Monday first. */
  weekdays: Weekday[];
  /** Monthly by day: 1–31, or -1 for the last day of the month. */
  monthDay: number;
  /** Monthly by weekday: which one, and which weekday. */
  ordinal: Ordinal;
  ordinalWeekday: Weekday;
  end: End;
  /** Number of visits when `end` is "count". */
  count: number;
  /** Last day ("YYYY-MM-DD", inclusive) when `end` is "until". */
  until: string;
  /** The rule text when `frequency` is "custom". */
  text: string;
}

export const defaultBuilder: RuleBuilder = {
  frequency: "weekly",
  interval: 1,
  weekdays: ["MO"],
  monthDay: 1,
  ordinal: 1,
  ordinalWeekday: "MO",
  end: "never",
  count: 10,
  until: "",
  text: "",
};

/** The weekday of a calendar day ("YYYY-MM-DD"), or undefined for anything else. */
export function weekdayOf(day: string): Weekday | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(date.getTime())) return undefined;
  return weekdays[(date.getUTCDay() + 6) % 7];
}

/** A new builder whose defaults follow the plan's first day (its weekday, its day of the month). */
export function builderForStart(startsOn: string): RuleBuilder {
  const weekday = weekdayOf(startsOn) ?? "MO";
  const dayOfMonth = Number(startsOn.slice(8, 10)) || 1;
  return {
    ...defaultBuilder,
    weekdays: [weekday],
    monthDay: Math.min(dayOfMonth, 31),
    ordinal: dayOfMonth > 28 ? -1 : (Math.min(4, Math.ceil(dayOfMonth / 7)) as Ordinal),
    ordinalWeekday: weekday,
  };
}

const compactDate = (day: string) => day.replaceAll("-", "");

/**
 * The rule text of a builder, in the order the recurrence package normalises to:
 * FREQ, INTERVAL, COUNT, UNTIL, BYMONTHDAY, BYDAY. A custom builder gives its text as typed (trimmed).
 */
export function toRrule(builder: RuleBuilder): string {
  if (builder.frequency === "custom") return builder.text.trim();
  const parts: string[] = [];
  const freq =
    builder.frequency === "weekly" ? "WEEKLY" : builder.frequency === "daily" ? "DAILY" : "MONTHLY";
  parts.push(`FREQ=${freq}`);
  if (Number.isInteger(builder.interval) && builder.interval > 1) parts.push(`INTERVAL=${builder.interval}`);
  if (builder.end === "count") parts.push(`COUNT=${builder.count}`);
  if (builder.end === "until" && builder.until) parts.push(`UNTIL=${compactDate(builder.until)}`);
  if (builder.frequency === "monthly_day") parts.push(`BYMONTHDAY=${builder.monthDay}`);
  if (builder.frequency === "weekly" && builder.weekdays.length) {
    const chosen = weekdays.filter((day) => builder.weekdays.includes(day));
    parts.push(`BYDAY=${chosen.join(",")}`);
  }
  if (builder.frequency === "monthly_nth") parts.push(`BYDAY=${builder.ordinal}${builder.ordinalWeekday}`);
  return parts.join(";");
}

/** The parts of a rule text by name (upper case, no "RRULE:" prefix), or null when it is not NAME=VALUE;… */
function readParts(text: string): Map<string, string> | null {
  let body = text.trim().toUpperCase();
  if (body.startsWith("RRULE:")) body = body.slice("RRULE:".length);
  const parts = new Map<string, string>();
  for (const segment of body.split(";")) {
    const item = segment.trim();
    if (!item) continue;
    const equals = item.indexOf("=");
    if (equals <= 0) return null;
    const name = item.slice(0, equals).trim();
    if (parts.has(name)) return null;
    parts.set(name, item.slice(equals + 1).trim());
  }
  return parts;
}

const isWeekday = (value: string): value is Weekday => (weekdays as readonly string[]).includes(value);

/**
 * The builder that shows a rule, when the builder can show it exactly; otherwise a custom builder
 * that keeps the text. `base` gives the values of the fields the rule does not set.
 */
export function fromRrule(text: string, base: RuleBuilder = defaultBuilder): RuleBuilder {
  const custom: RuleBuilder = { ...base, frequency: "custom", text: text.trim() };
  const parts = readParts(text);
  if (!parts) return custom;
  const known = new Set(["FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "WKST"]);
  if ([...parts.keys()].some((name) => !known.has(name))) return custom;
  // Week start only matters for "every N weeks"; the builder always means Monday.
  const wkst = parts.get("WKST");
  if (wkst !== undefined && wkst !== "MO") return custom;

  const builder: RuleBuilder = { ...base, text: text.trim(), interval: 1, end: "never" };
  const interval = parts.get("INTERVAL");
  if (interval !== undefined) {
    if (!/^\d{1,3}$/.test(interval) || Number(interval) < 1) return custom;
    builder.interval = Number(interval);
  }
  const count = parts.get("COUNT");
  const until = parts.get("UNTIL");
  if (count !== undefined && until !== undefined) return custom;
  if (count !== undefined) {
    if (!/^\d{1,5}$/.test(count) || Number(count) < 1) return custom;
    builder.end = "count";
    builder.count = Number(count);
  }
  if (until !== undefined) {
    // Only a date: an UNTIL with a time of day stays as text.
    const match = /^(\d{4})(\d{2})(\d{2})$/.exec(until);
    if (!match) return custom;
    builder.end = "until";
    builder.until = `${match[1]}-${match[2]}-${match[3]}`;
  }

  const byDay = parts.get("BYDAY");
  const byMonthDay = parts.get("BYMONTHDAY");
  switch (parts.get("FREQ")) {
    case "DAILY":
      if (byDay !== undefined || byMonthDay !== undefined) return custom;
      return { ...builder, frequency: "daily" };
    case "WEEKLY": {
      if (byMonthDay !== undefined || byDay === undefined) return custom;
      const days = byDay.split(",").map((day) => day.trim());
      if (!days.every(isWeekday) || new Set(days).size !== days.length) return custom;
      return { ...builder, frequency: "weekly", weekdays: weekdays.filter((day) => days.includes(day)) };
    }
    case "MONTHLY": {
      if (byMonthDay !== undefined && byDay === undefined) {
        if (!/^-?\d{1,2}$/.test(byMonthDay)) return custom;
        const day = Number(byMonthDay);
        if (!((day >= 1 && day <= 31) || day === -1)) return custom;
        return { ...builder, frequency: "monthly_day", monthDay: day };
      }
      if (byDay !== undefined && byMonthDay === undefined) {
        const match = /^([+-]?\d)(MO|TU|WE|TH|FR|SA|SU)$/.exec(byDay);
        if (!match) return custom;
        const ordinal = Number(match[1]);
        if (!(ordinals as readonly number[]).includes(ordinal)) return custom;
        return {
          ...builder,
          frequency: "monthly_nth",
          ordinal: ordinal as Ordinal,
          ordinalWeekday: match[2] as Weekday,
        };
      }
      return custom;
    }
    default:
      return custom;
  }
}

/** Two rule texts that say the same thing in the same way, ignoring case, spaces and an RRULE: prefix. */
export function sameRuleText(a: string, b: string): boolean {
  const tidy = (text: string) =>
    text
      .trim()
      .toUpperCase()
      .replace(/^RRULE:/, "")
      .replace(/\s+/g, "")
      .replace(/;+$/, "");
  return tidy(a) === tidy(b);
}

/** The rule builder's fields as a form posts them (names of the inputs in the recurrence form). */
export interface PostedRule {
  frequency: string;
  interval: string;
  weekdays: string[];
  monthDay: string;
  ordinal: string;
  ordinalWeekday: string;
  end: string;
  count: string;
  until: string;
  /** The advanced field as the person left it. */
  rrule: string;
  /** The rule the form showed in the advanced field when it was rendered (hidden input). */
  shownRrule: string;
}

const whole = (value: string, fallback: number) => {
  const number = Number(value.trim());
  return value.trim() !== "" && Number.isInteger(number) ? number : fallback;
};

/**
 * The builder a posted form stands for. The advanced text wins when "Custom rule" is chosen, or
 * when the person changed the text (it differs from what the form showed): without JavaScript the
 * builder and the text cannot follow each other, so an edit of the text is taken as the intent.
 */
export function builderFromPost(posted: PostedRule): RuleBuilder {
  const frequency = (frequencies as readonly string[]).includes(posted.frequency)
    ? (posted.frequency as Frequency)
    : "weekly";
  const textEdited = posted.rrule.trim() !== "" && !sameRuleText(posted.rrule, posted.shownRrule);
  const ordinal = whole(posted.ordinal, 1);
  const builder: RuleBuilder = {
    frequency,
    interval: Math.max(1, whole(posted.interval, 1)),
    weekdays: weekdays.filter((day) => posted.weekdays.includes(day)),
    monthDay: whole(posted.monthDay, 1),
    ordinal: (ordinals as readonly number[]).includes(ordinal) ? (ordinal as Ordinal) : 1,
    ordinalWeekday: isWeekday(posted.ordinalWeekday) ? posted.ordinalWeekday : "MO",
    end: (ends as readonly string[]).includes(posted.end) ? (posted.end as End) : "never",
    count: Math.max(1, whole(posted.count, 10)),
    until: posted.until.trim(),
    text: posted.rrule.trim(),
  };
  if (frequency === "custom" || textEdited) return fromRrule(posted.rrule, builder);
  return builder;
}

/**
 * What is wrong with a builder before its rule is worth sending, by the name of the form field.
 * The recurrence package checks the rule itself (its messages land on `rrule`).
 */
export function builderProblems(builder: RuleBuilder): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const add = (field: string, message: string) => {
    problems[field] = [...(problems[field] ?? []), message];
  };
  if (builder.frequency === "custom") {
    if (!builder.text.trim()) add("rrule", "Enter a recurrence rule, such as FREQ=WEEKLY;BYDAY=MO.");
    return problems;
  }
  if (!(builder.interval >= 1 && builder.interval <= 99))
    add("interval", "Enter a whole number from 1 to 99.");
  if (builder.frequency === "weekly" && builder.weekdays.length === 0) {
    add("weekdays", "Choose at least one weekday.");
  }
  if (
    builder.frequency === "monthly_day" &&
    !((builder.monthDay >= 1 && builder.monthDay <= 31) || builder.monthDay === -1)
  ) {
    add("monthDay", "Choose a day of the month.");
  }
  if (builder.end === "count" && !(builder.count >= 1 && builder.count <= 999)) {
    add("count", "Enter how many visits, from 1 to 999.");
  }
  if (builder.end === "until" && !/^\d{4}-\d{2}-\d{2}$/.test(builder.until)) {
    add("until", "Enter the last day as YYYY-MM-DD.");
  }
  return problems;
}
