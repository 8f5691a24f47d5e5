// The recurring-visit form's values: from a posted form or a saved plan, to the API's input, and
// the preview of the next visits. Shared by the "new" and the plan pages' loaders and actions.
import type { FormErrors } from "@ordinavo/ui";
import {
  builderForStart,
  builderFromPost,
  builderProblems,
  fromRrule,
  type RuleBuilder,
  toRrule,
} from "~/lib/rrule-builder";

/** Every IANA zone the server knows, plus UTC (the browser's list may differ: it comes from here). */
export const knownTimeZones = (): string[] => [
  "UTC",
  ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC"),
];

/** What the form shows, as text (what was typed is kept after an error). */
export interface PlanFormValues {
  title: string;
  rule: RuleBuilder;
  startsOn: string;
  startTime: string;
  timeZone: string;
  durationMinutes: string;
  defaultAssigneeId: string;
  horizonDays: string;
  active: boolean;
}

export interface RulePreview {
  description: string;
  /** The zone the visits are shown in (the plan's). */
  timeZone: string;
  occurrences: { start: Date | string; end: Date | string }[];
}

/** What an action answers for "Preview": the next visits, or why there are none. */
export interface PreviewOutcome {
  intent: "preview";
  preview: RulePreview | null;
  errors: FormErrors | null;
  values: PlanFormValues;
}

export interface Assignee {
  id: string;
  name: string;
  role: string;
  /** Field staff do the visits (the API says who is which). */
  group: "field" | "office";
}

const fieldText = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/** The form's values from a posted form. */
export function planValuesFromForm(form: FormData): PlanFormValues {
  const rule = builderFromPost({
    frequency: fieldText(form, "frequency"),
    interval: fieldText(form, "interval"),
    weekdays: form.getAll("weekdays").map(String),
    monthDay: fieldText(form, "monthDay"),
    ordinal: fieldText(form, "ordinal"),
    ordinalWeekday: fieldText(form, "ordinalWeekday"),
    end: fieldText(form, "end"),
    count: fieldText(form, "count"),
    until: fieldText(form, "until"),
    rrule: fieldText(form, "rrule"),
    shownRrule: fieldText(form, "shownRrule"),
  });
  return {
    title: fieldText(form, "title"),
    rule,
    startsOn: fieldText(form, "startsOn").trim(),
    startTime: fieldText(form, "startTime").trim(),
    timeZone: fieldText(form, "timeZone").trim(),
    durationMinutes: fieldText(form, "durationMinutes").trim(),
    defaultAssigneeId: fieldText(form, "defaultAssigneeId"),
    horizonDays: fieldText(form, "horizonDays").trim(),
    active: form.get("active") === "on",
  };
}

/** The values of a saved plan, for the edit form. */
export function planValuesFromPlan(plan: {
  title: string;
  rrule: string;
  startsOn: string;
  startTime: string;
  timeZone: string;
  durationMinutes: number;
  defaultAssigneeId: string | null;
  horizonDays: number;
  active: boolean;
}): PlanFormValues {
  return {
    title: plan.title,
    rule: fromRrule(plan.rrule, builderForStart(plan.startsOn)),
    startsOn: plan.startsOn,
    startTime: plan.startTime,
    timeZone: plan.timeZone,
    durationMinutes: String(plan.durationMinutes),
    defaultAssigneeId: plan.defaultAssigneeId ?? "",
    horizonDays: String(plan.horizonDays),
    active: plan.active,
  };
}

/** A number typed into a form; blank or not a number gives NaN, which the API refuses with a message. */
const numberOf = (value: string) => (value.trim() === "" ? Number.NaN : Number(value));

/** The plan fields as the API takes them (create and update share them). */
export function planInput(values: PlanFormValues) {
  return {
    title: values.title,
    rrule: toRrule(values.rule),
    startsOn: values.startsOn,
    startTime: values.startTime,
    timeZone: values.timeZone,
    durationMinutes: numberOf(values.durationMinutes),
    defaultAssigneeId: values.defaultAssigneeId || null,
    horizonDays: numberOf(values.horizonDays),
    active: values.active,
  };
}

/** Builder problems as form errors, or null when the builder is complete. */
export function ruleErrors(values: PlanFormValues): FormErrors | null {
  const fields = builderProblems(values.rule);
  if (!Object.keys(fields).length) return null;
  return { message: "Some fields need attention.", fields };
}

type Attempted<T> = { ok: true; value: T } | { ok: false; status: number; errors: FormErrors };
type PreviewInput = {
  rrule: string;
  startsOn: string;
  startTime: string;
  timeZone: string;
  durationMinutes: number;
};
type PreviewValue = { description: string; occurrences: { start: Date; end: Date }[] };

/**
 * Runs the API's preview for the form's values (the caller passes the procedure, wrapped in
 * `attempt`). A problem comes back as form errors on the fields, never as a thrown error.
 */
export async function previewPlan(
  values: PlanFormValues,
  knownTimeZones: readonly string[],
  run: (input: PreviewInput) => Promise<Attempted<PreviewValue>>,
): Promise<PreviewOutcome> {
  const outcome = (preview: RulePreview | null, errors: FormErrors | null): PreviewOutcome => ({
    intent: "preview",
    preview,
    errors,
    values,
  });
  const problems = ruleErrors(values);
  if (problems) return outcome(null, problems);
  if (!knownTimeZones.includes(values.timeZone)) {
    return outcome(null, {
      message: "Some fields need attention.",
      fields: { timeZone: ['Choose a time zone from the list, such as "Europe/Paris"'] },
    });
  }
  const input = planInput(values);
  const result = await run({
    rrule: input.rrule,
    startsOn: input.startsOn,
    startTime: input.startTime,
    timeZone: input.timeZone,
    durationMinutes: input.durationMinutes,
  });
  if (!result.ok) return outcome(null, result.errors);
  return outcome({ ...result.value, timeZone: values.timeZone }, null);
}

/** Fresh values for a new plan. */
export function newPlanValues(startsOn: string, timeZone: string, title = ""): PlanFormValues {
  return {
    title,
    rule: builderForStart(startsOn),
    startsOn,
    startTime: "09:00",
    timeZone,
    durationMinutes: "60",
    defaultAssigneeId: "",
    horizonDays: "56",
    active: true,
  };
}
