import type { FormErrors } from "@ordinavo/ui";
import { useNavigation } from "@remix-run/react";
import { formatter } from "~/lib/format";
import type { RulePreview } from "./values";

function occurrenceText(occurrence: { start: Date | string; end: Date | string }, timeZone: string) {
  const start = new Date(occurrence.start);
  const end = new Date(occurrence.end);
  const day = formatter(timeZone, {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
  }).format(start);
  const time = formatter(timeZone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return { day, time: `${time.format(start)}–${time.format(end)}` };
}

/**
 * "Next visits": what the rule gives, from the last preview (a "Preview" submit without
 * JavaScript, or the live preview that follows the form with it), or why there is none.
 */
export function PreviewPanel({
  shown,
  previewProblem,
  errors,
  hydrated,
  updating,
  tenantTimeZone,
}: {
  shown: { preview: RulePreview | null; errors?: FormErrors | null } | null;
  previewProblem: string | null;
  errors: FormErrors | null | undefined;
  hydrated: boolean;
  updating: boolean;
  tenantTimeZone: string;
}) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" ? String(navigation.formData?.get("intent") ?? "") : "";
  return (
    <aside className="plan-form-aside" aria-labelledby="preview-title">
      <section className="panel plan-preview" aria-live="polite" aria-busy={updating}>
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
        {updating ? <p className="muted small">Updating…</p> : null}
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
  );
}
