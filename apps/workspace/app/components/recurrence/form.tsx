// The recurring-visit form: title, the rule builder (with the RFC 5545 text for those who want it),
// when and how long, who and how far ahead, and a preview of the next visits. Shared by the "new"
// and the plan pages. Works as a plain form; with JavaScript the rule text and the preview follow
// the builder as you change it.

import { nameOf, roleNames } from "@ordinavo/domain/labels";
import { CheckboxField, Field, type FormErrors, SelectField } from "@ordinavo/ui";
import { Form, Link, useFetcher, useNavigation } from "@remix-run/react";
import { type ReactNode, useEffect, useMemo, useRef, useState } from "react";
import { type RuleBuilder, toRrule } from "~/lib/rrule-builder";
import { PreviewPanel } from "./preview-panel";
import { RuleFields } from "./rule-fields";
import type { Assignee, PlanFormValues, PreviewOutcome, RulePreview } from "./values";

export type { Assignee, PlanFormValues, PreviewOutcome, RulePreview } from "./values";

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

        <RuleFields
          rule={rule}
          setRule={setRule}
          typed={typed}
          setTyped={setTyped}
          hydrated={hydrated}
          errors={errors}
        />

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
                  {person.group === "field" ? "" : ` (${nameOf(roleNames, person.role)})`}
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

      <PreviewPanel
        shown={shown}
        previewProblem={previewProblem}
        errors={errors}
        hydrated={hydrated}
        updating={livePreview.state !== "idle"}
        tenantTimeZone={tenantTimeZone}
      />

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
