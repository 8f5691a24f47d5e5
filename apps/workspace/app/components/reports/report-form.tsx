import { visitResults } from "@ordinavo/domain/vocabulary";
import { CheckboxField, Field, FormAlert, type FormErrors, messagesFor, TextAreaField } from "@ordinavo/ui";
import { Form } from "@remix-run/react";
import { resultHints, resultNames } from "./report-words";

// The author's form: plain fields that post to the page's action, so it works on a phone without
// JavaScript and from the keyboard (Tab through, Space ticks, Enter saves). Two buttons: keep the
// draft, or save and send it for review.

export type ReportValues = {
  title: string;
  result: string;
  summary: string;
  problems: string;
  followUpRequired: boolean;
  followUpDetails: string;
  followUpDueDate: string;
  billable: boolean;
  billingNote: string;
};

/** The form's values from a post (checkboxes are sent only when ticked). */
export function valuesFromForm(form: FormData): ReportValues {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  return {
    title: text("title"),
    result: text("result"),
    summary: text("summary"),
    problems: text("problems"),
    followUpRequired: form.has("followUpRequired"),
    followUpDetails: text("followUpDetails"),
    followUpDueDate: text("followUpDueDate"),
    billable: form.has("billable"),
    billingNote: text("billingNote"),
  };
}

const TEXT_MAX = 5000;

export function ReportForm({
  here,
  values,
  errors,
  withBillingNote,
  busy,
  today,
}: {
  here: string;
  values: ReportValues;
  errors: FormErrors | null;
  /** The viewer writes the billing note too (admins). */
  withBillingNote: boolean;
  busy: "save" | "submit" | null;
  today: string;
}) {
  const resultErrors = messagesFor(errors, "result");
  return (
    <Form method="post" action={here} className="panel report-form stack" id="report-form" noValidate>
      <h2>Report</h2>
      <FormAlert errors={errors} />
      <Field
        label="Title"
        name="title"
        errors={errors}
        defaultValue={values.title}
        required
        maxLength={200}
        autoComplete="off"
      />

      <fieldset
        className="report-results"
        aria-describedby={resultErrors.length ? "result-error" : undefined}
      >
        <legend>Result of the visit</legend>
        {visitResults.map((result) => (
          <label key={result} className="report-result">
            <input
              type="radio"
              name="result"
              value={result}
              defaultChecked={values.result === result}
              aria-invalid={resultErrors.length > 0 || undefined}
            />
            <span>
              <strong>{resultNames[result]}</strong>
              <span className="muted small">{resultHints[result]}</span>
            </span>
          </label>
        ))}
        {resultErrors.length ? (
          <p className="field-error" id="result-error">
            {resultErrors.join(" ")}
          </p>
        ) : null}
      </fieldset>

      <TextAreaField
        label="What was done"
        name="summary"
        errors={errors}
        defaultValue={values.summary}
        maxLength={TEXT_MAX}
        rows={5}
        hint="Stick to the work: no personal details that the job does not need."
      />
      <TextAreaField
        label="Problems found"
        name="problems"
        errors={errors}
        defaultValue={values.problems}
        maxLength={TEXT_MAX}
        rows={3}
      />

      <fieldset className="report-group">
        <legend>Follow-up</legend>
        <CheckboxField
          label="More work is needed"
          name="followUpRequired"
          errors={errors}
          defaultChecked={values.followUpRequired}
          hint="When the report is approved, the office gets new work to plan."
        />
        <TextAreaField
          label="What needs to be done"
          name="followUpDetails"
          errors={errors}
          defaultValue={values.followUpDetails}
          maxLength={TEXT_MAX}
          rows={3}
          hint="Needed when more work is needed."
        />
        <Field
          label="By when (optional)"
          name="followUpDueDate"
          type="date"
          errors={errors}
          defaultValue={values.followUpDueDate}
          min={today}
        />
      </fieldset>

      <fieldset className="report-group">
        <legend>Billing</legend>
        <CheckboxField
          label="This visit is billable"
          name="billable"
          errors={errors}
          defaultChecked={values.billable}
          hint="The office bills it once the report is approved."
        />
        {withBillingNote ? (
          <TextAreaField
            label="Billing note"
            name="billingNote"
            errors={errors}
            defaultValue={values.billingNote}
            maxLength={2000}
            rows={2}
            hint="Seen by administrators only."
          />
        ) : null}
      </fieldset>

      <div className="actions report-form-actions">
        {/* Saving comes first: Enter in a field keeps the draft rather than sending it off. */}
        <button
          type="submit"
          name="intent"
          value="save"
          className="button secondary"
          disabled={busy !== null}
        >
          {busy === "save" ? "Saving…" : "Save draft"}
        </button>
        <button type="submit" name="intent" value="submit" className="button" disabled={busy !== null}>
          {busy === "submit" ? "Submitting…" : "Submit for review"}
        </button>
      </div>
      <p className="muted small">Submitted reports can be changed again only if the reviewer returns them.</p>
    </Form>
  );
}
