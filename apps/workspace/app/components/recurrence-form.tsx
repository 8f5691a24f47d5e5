// The recurring-visit form: title, the rule builder (with the RFC 5545 text for those who want it),
// when and how long, who and how far ahead, and a preview of the next visits. Shared by the "new"
// and the plan pages. Works as a plain form; with JavaScript the rule text and the preview follow
// the builder as you change it.
import { CheckboxField, Field, type FormErrors, messagesFor, SelectField } from "@ordinavo/ui";
import { Form, Link, useFetcher, useNavigation } from "@remix-run/react";
import { type ReactNode, useEffect, useMemo, useRef, useState } from "react";
import {
  builderForStart,
  builderFromPost,
  builderProblems,
  ends,
  type Frequency,
  frequencies,
  frequencyNames,
  fromRrule,
  ordinalNames,
  ordinals,
  type RuleBuilder,
  toRrule,
  type Weekday,
  weekdayNames,
  weekdayShortNames,
  weekdays,
} from "~/lib/rrule-builder";

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

const unitNames: Record<Frequency, [string, string]> = {
  weekly: ["week", "weeks"],
  monthly_day: ["month", "months"],
  monthly_nth: ["month", "months"],
  daily: ["day", "days"],
  custom: ["", ""],
};

function occurrenceText(occurrence: { start: Date | string; end: Date | string }, timeZone: string) {
  const start = new Date(occurrence.start);
  const end = new Date(occurrence.end);
  const day = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
  }).format(start);
  const time = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  return { day, time: `${time.format(start)}–${time.format(end)}` };
}

export function RecurrenceForm({
  values,
  errors,
  preview,
  timeZones,
  tenantTimeZone,
  assignees,
  intro,
  submitLabel,
  cancelTo,
  action,
}: {
  values: PlanFormValues;
  errors: FormErrors | null | undefined;
  /** The preview from the last "Preview" submit (no JavaScript), if any. */
  preview: RulePreview | null | undefined;
  timeZones: readonly string[];
  tenantTimeZone: string;
  assignees: Assignee[];
  /** Fields before the plan's own (customer and location for a new plan). */
  intro?: ReactNode;
  submitLabel: string;
  cancelTo: string;
  /** Where the form posts (the current page, with its search). */
  action: string;
}) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" ? String(navigation.formData?.get("intent") ?? "") : "";
  const [rule, setRule] = useState<RuleBuilder>(values.rule);
  /** The rule text as typed, while the person edits it (null: the text follows the builder). */
  const [typed, setTyped] = useState<string | null>(null);
  // Values from the server (after a preview or an error) replace what the browser holds.
  useEffect(() => {
    setRule(values.rule);
    setTyped(null);
  }, [values]);

  const ruleText = typed ?? toRrule(rule);
  const livePreview = useFetcher<PreviewOutcome>();
  const form = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  /** With JavaScript the preview follows the form, a moment after the last change. */
  function schedulePreview() {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (!form.current) return;
      const data = new FormData(form.current);
      data.set("intent", "preview");
      livePreview.submit(data, { method: "post", action });
    }, 450);
  }
  useEffect(() => () => clearTimeout(timer.current), []);

  const shown = livePreview.data ?? (preview || errors ? { preview: preview ?? null, errors } : null);
  const previewErrors = livePreview.data ? livePreview.data.errors : null;
  const previewProblem = previewErrors
    ? (Object.values(previewErrors.fields).flat()[0] ?? previewErrors.message)
    : null;
  const update = (change: Partial<RuleBuilder>) => {
    setRule((current) => ({ ...current, ...change }));
    setTyped(null);
  };
  const [one, many] = unitNames[rule.frequency];
  const ruleFieldErrors = messagesFor(errors, "rrule");
  const zones = useMemo(
    () => (timeZones.includes(values.timeZone) ? timeZones : [values.timeZone, ...timeZones]),
    [timeZones, values.timeZone],
  );

  return (
    <Form
      method="post"
      action={action}
      className="plan-form"
      ref={form}
      onChange={hydrated ? schedulePreview : undefined}
    >
      <input type="hidden" name="shownRrule" value={ruleText} />
      <div className="plan-form-main stack">
        {intro}
        <Field
          label="Title"
          name="title"
          defaultValue={values.title}
          key={`title-${values.title}`}
          required
          maxLength={200}
          errors={errors}
          hint="What the visit is for, as it appears on the board and the route (e.g. “Monthly filter change”)."
        />

        <fieldset className="panel rule-builder" data-frequency={rule.frequency}>
          <legend>Repeats</legend>
          <SelectField
            label="How often"
            name="frequency"
            value={rule.frequency}
            onChange={(event) => {
              const frequency = event.currentTarget.value as Frequency;
              if (frequency === "custom") {
                setRule((current) => ({ ...current, frequency, text: typed ?? toRrule(current) }));
              } else update({ frequency, interval: 1 });
            }}
            errors={errors}
          >
            {frequencies.map((frequency) => (
              <option key={frequency} value={frequency}>
                {frequencyNames[frequency]}
              </option>
            ))}
          </SelectField>

          <div className="rule-part for-weekly for-monthly_day for-monthly_nth for-daily">
            <div className="field interval-field">
              <label htmlFor="field-interval">Every</label>
              <div className="with-unit">
                <input
                  id="field-interval"
                  name="interval"
                  type="number"
                  min={1}
                  max={99}
                  inputMode="numeric"
                  value={Number.isFinite(rule.interval) ? rule.interval : ""}
                  onChange={(event) => update({ interval: event.currentTarget.valueAsNumber })}
                  aria-describedby="interval-unit"
                  aria-invalid={messagesFor(errors, "interval").length > 0 || undefined}
                />
                <span id="interval-unit" className="unit">
                  {hydrated ? (
                    rule.interval === 1 ? (
                      one
                    ) : (
                      many
                    )
                  ) : (
                    <>
                      <span className="unit-weekly">week(s)</span>
                      <span className="unit-monthly_day unit-monthly_nth">month(s)</span>
                      <span className="unit-daily">day(s)</span>
                    </>
                  )}
                </span>
              </div>
              {messagesFor(errors, "interval").length ? (
                <p className="field-error">{messagesFor(errors, "interval").join(" ")}</p>
              ) : null}
            </div>
          </div>

          <fieldset
            className="rule-part for-weekly weekday-picker"
            aria-invalid={messagesFor(errors, "weekdays").length > 0 || undefined}
            aria-describedby={messagesFor(errors, "weekdays").length ? "weekdays-error" : undefined}
          >
            <legend>On</legend>
            <div className="weekday-boxes">
              {weekdays.map((day) => (
                <label key={day} className="weekday-box">
                  <input
                    type="checkbox"
                    name="weekdays"
                    value={day}
                    checked={rule.weekdays.includes(day)}
                    onChange={(event) => {
                      const checked = event.currentTarget.checked;
                      update({
                        weekdays: weekdays.filter((d) => (d === day ? checked : rule.weekdays.includes(d))),
                      });
                    }}
                  />
                  <span aria-hidden="true">{weekdayShortNames[day]}</span>
                  <span className="visually-hidden">{weekdayNames[day]}</span>
                </label>
              ))}
            </div>
            {messagesFor(errors, "weekdays").length ? (
              <p className="field-error" id="weekdays-error">
                {messagesFor(errors, "weekdays").join(" ")}
              </p>
            ) : null}
          </fieldset>

          <div className="rule-part for-monthly_day">
            <SelectField
              label="On day of the month"
              name="monthDay"
              value={String(rule.monthDay)}
              onChange={(event) => update({ monthDay: Number(event.currentTarget.value) })}
              errors={errors}
              hint="Months without that day are skipped: choose “Last day” for the end of every month."
            >
              {Array.from({ length: 31 }, (_, i) => i + 1).map((day) => (
                <option key={day} value={day}>
                  {day}
                </option>
              ))}
              <option value="-1">Last day</option>
            </SelectField>
          </div>

          <div className="rule-part for-monthly_nth nth-weekday">
            <SelectField
              label="On the"
              name="ordinal"
              value={String(rule.ordinal)}
              onChange={(event) =>
                update({ ordinal: Number(event.currentTarget.value) as RuleBuilder["ordinal"] })
              }
              errors={errors}
            >
              {ordinals.map((ordinal) => (
                <option key={ordinal} value={ordinal}>
                  {ordinalNames[String(ordinal)]}
                </option>
              ))}
            </SelectField>
            <SelectField
              label="Weekday"
              name="ordinalWeekday"
              value={rule.ordinalWeekday}
              onChange={(event) => update({ ordinalWeekday: event.currentTarget.value as Weekday })}
              errors={errors}
            >
              {weekdays.map((day) => (
                <option key={day} value={day}>
                  {weekdayNames[day]}
                </option>
              ))}
            </SelectField>
          </div>

          <fieldset className="rule-part for-weekly for-monthly_day for-monthly_nth for-daily rule-end">
            <legend>Ends</legend>
            {ends.map((end) => (
              <div key={end} className="end-choice">
                <label className="check-inline">
                  <input
                    type="radio"
                    name="end"
                    value={end}
                    checked={rule.end === end}
                    onChange={() => update({ end })}
                  />
                  <span>
                    {end === "never" ? "Never" : end === "count" ? "After a number of visits" : "On a day"}
                  </span>
                </label>
                {end === "count" ? (
                  <Field
                    label="Number of visits"
                    name="count"
                    type="number"
                    min={1}
                    max={999}
                    inputMode="numeric"
                    value={Number.isFinite(rule.count) ? String(rule.count) : ""}
                    onChange={(event) => update({ count: event.currentTarget.valueAsNumber, end: "count" })}
                    errors={errors}
                  />
                ) : end === "until" ? (
                  <Field
                    label="Last day (included)"
                    name="until"
                    type="date"
                    value={rule.until}
                    onChange={(event) => update({ until: event.currentTarget.value, end: "until" })}
                    errors={errors}
                  />
                ) : null}
              </div>
            ))}
          </fieldset>

          <div className="field rrule-field">
            <label htmlFor="field-rrule">Advanced: RRULE text</label>
            <input
              id="field-rrule"
              name="rrule"
              value={ruleText}
              onChange={(event) => {
                const text = event.currentTarget.value;
                setTyped(text);
                // The builder shows the rule when it can; otherwise it switches to "Custom rule".
                setRule((current) => fromRrule(text, current));
              }}
              onBlur={() => setTyped(null)}
              spellCheck={false}
              autoCapitalize="characters"
              autoComplete="off"
              maxLength={500}
              aria-describedby={`rrule-hint${ruleFieldErrors.length ? " rrule-error" : ""}`}
              aria-invalid={ruleFieldErrors.length > 0 || undefined}
            />
            <p className="hint" id="rrule-hint">
              An RFC 5545 rule without DTSTART, such as <code>FREQ=WEEKLY;BYDAY=MO,TH</code> or{" "}
              <code>FREQ=MONTHLY;BYMONTHDAY=1</code>. The first day and the start time below set when it
              begins. If you change this text, it replaces the choices above.
            </p>
            {ruleFieldErrors.length ? (
              <p className="field-error" id="rrule-error">
                {ruleFieldErrors.join(" ")}
              </p>
            ) : null}
          </div>
        </fieldset>

        <fieldset className="panel">
          <legend>When</legend>
          <div className="plan-grid">
            <Field
              label="Starts on"
              name="startsOn"
              type="date"
              defaultValue={values.startsOn}
              key={`starts-${values.startsOn}`}
              required
              errors={errors}
              hint="No visit before this day."
            />
            <Field
              label="Start time"
              name="startTime"
              type="time"
              defaultValue={values.startTime}
              key={`time-${values.startTime}`}
              required
              errors={errors}
            />
            <Field
              label="Duration (minutes)"
              name="durationMinutes"
              type="number"
              min={5}
              max={1440}
              inputMode="numeric"
              defaultValue={values.durationMinutes}
              key={`duration-${values.durationMinutes}`}
              required
              errors={errors}
            />
            <SelectField
              label="Time zone"
              name="timeZone"
              defaultValue={values.timeZone}
              key={`zone-${values.timeZone}`}
              errors={errors}
              hint={
                values.timeZone === tenantTimeZone
                  ? "The workspace's zone. 09:00 stays 09:00 across daylight-saving changes."
                  : `The workspace uses ${tenantTimeZone}.`
              }
            >
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll("_", " ")}
                </option>
              ))}
            </SelectField>
          </div>
        </fieldset>

        <fieldset className="panel">
          <legend>Who and how far ahead</legend>
          <div className="plan-grid">
            <SelectField
              label="Default assignee"
              name="defaultAssigneeId"
              defaultValue={values.defaultAssigneeId}
              key={`assignee-${values.defaultAssigneeId}`}
              errors={errors}
              hint="Generated visits go to this person; leave unassigned to plan them on the board."
            >
              <option value="">Unassigned</option>
              {assignees.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.name}
                  {person.role === "employee"
                    ? ""
                    : ` (${person.role === "tenant_admin" ? "admin" : person.role})`}
                </option>
              ))}
            </SelectField>
            <Field
              label="Planning horizon (days)"
              name="horizonDays"
              type="number"
              min={1}
              max={365}
              inputMode="numeric"
              defaultValue={values.horizonDays}
              key={`horizon-${values.horizonDays}`}
              required
              errors={errors}
              hint="Visits are created this many days ahead, and topped up every day."
            />
          </div>
          <CheckboxField
            label="Active"
            name="active"
            defaultChecked={values.active}
            key={`active-${values.active}`}
            errors={errors}
            hint="A paused plan keeps its visits but creates no new ones."
          />
        </fieldset>
      </div>

      <aside className="plan-form-aside" aria-labelledby="preview-title">
        <section className="panel plan-preview" aria-live="polite" aria-busy={livePreview.state !== "idle"}>
          <h2 id="preview-title">Next visits</h2>
          {shown?.preview ? (
            <>
              <p className="preview-description">{shown.preview.description}</p>
              {shown.preview.occurrences.length ? (
                <ol className="preview-list">
                  {shown.preview.occurrences.map((occurrence) => {
                    const { day, time } = occurrenceText(occurrence, shown.preview!.timeZone);
                    return (
                      <li key={new Date(occurrence.start).toISOString()}>
                        <span>{day}</span>
                        <span className="muted">{time}</span>
                      </li>
                    );
                  })}
                </ol>
              ) : (
                <p className="muted small">This rule gives no visits from today on.</p>
              )}
              {shown.preview.timeZone !== tenantTimeZone ? (
                <p className="muted small">Times in {shown.preview.timeZone}.</p>
              ) : null}
            </>
          ) : previewProblem ? (
            <p className="field-error">
              {Object.values(errors?.fields ?? {})
                .flat()
                .includes(previewProblem)
                ? "Fix the fields marked in the form to see the next visits."
                : `No preview yet: ${previewProblem}`}
            </p>
          ) : (
            <p className="muted small">
              {hydrated
                ? "The next visits appear here as you fill in the rule."
                : "Choose “Preview” to see the next six visits this rule gives."}
            </p>
          )}
          {livePreview.state !== "idle" ? <p className="muted small">Updating…</p> : null}
          <button
            type="submit"
            name="intent"
            value="preview"
            className="button secondary"
            formNoValidate
            disabled={!!busy}
          >
            {busy === "preview" ? "Working out…" : "Preview"}
          </button>
        </section>
      </aside>

      <div className="plan-form-actions actions">
        <button type="submit" name="intent" value="save" className="button" disabled={!!busy}>
          {busy === "save" ? "Saving…" : submitLabel}
        </button>
        <Link to={cancelTo} className="button secondary">
          Cancel
        </Link>
        <p className="muted small">
          Appointments are generated in the background a few seconds after saving.
        </p>
      </div>
    </Form>
  );
}
