import { FormAlert, type FormErrors, TextAreaField } from "@ordinavo/ui";
import { Form, Link } from "@remix-run/react";
import { useEffect, useRef } from "react";

// The reviewer's two decisions, shared by the queue and the detail page. Approving is one button.
// Returning asks for the reason first: a link (a GET, so it works without JavaScript) opens the
// reason form in place, which is also the "are you sure?" step.

export function ApproveButton({
  action,
  visitReportId,
  busy,
  label = "Approve",
}: {
  action: string;
  visitReportId: string;
  busy: boolean;
  label?: string;
}) {
  return (
    <Form method="post" action={action} className="inline-form">
      <input type="hidden" name="intent" value="approve" />
      <input type="hidden" name="visitReportId" value={visitReportId} />
      <button type="submit" className="button small" disabled={busy}>
        {busy ? "Approving…" : label}
      </button>
    </Form>
  );
}

export function ReturnForm({
  action,
  cancelTo,
  visitReportId,
  title,
  errors,
  reason,
  busy,
}: {
  action: string;
  cancelTo: string;
  visitReportId: string;
  title: string;
  errors: FormErrors | null;
  reason: string;
  busy: boolean;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const headingId = `return-title-${visitReportId}`;
  return (
    <section className="report-return confirm" id={`return-${visitReportId}`} aria-labelledby={headingId}>
      <h3 id={headingId} tabIndex={-1} ref={heading}>
        Return “{title}” to its author?
      </h3>
      <Form method="post" action={action} className="stack">
        <input type="hidden" name="intent" value="return" />
        <input type="hidden" name="visitReportId" value={visitReportId} />
        <FormAlert errors={errors} />
        <TextAreaField
          label="What needs to change"
          name="reason"
          id={`reason-${visitReportId}`}
          errors={errors}
          defaultValue={reason}
          required
          maxLength={2000}
          rows={3}
          hint="The author reads this and can edit the report and submit it again."
        />
        <div className="actions">
          <button type="submit" className="button danger" disabled={busy}>
            {busy ? "Returning…" : "Return to author"}
          </button>
          <Link className="button secondary" to={cancelTo}>
            Cancel
          </Link>
        </div>
      </Form>
    </section>
  );
}
