import { FormAlert, type FormErrors, messagesFor } from "@ordinavo/ui";
import { Form, Link } from "@remix-run/react";
import type { FormEvent } from "react";

// The two free-text forms of a visit: a comment or problem report, and the reason a visit could
// not be completed. Like the status buttons they post to the page without JavaScript and go to
// the phone's outbox with it.

/** The longest text an update may carry: the server's limit (execution.record's `body`). */
export const UPDATE_BODY_MAX = 4000;

/** The reason form for a step that needs one ("Could not complete"). */
export function ReasonForm({
  status,
  clientId,
  here,
  errors,
  body,
  busy,
  onReason,
  onCancel,
}: {
  status: string;
  clientId: string;
  here: string;
  errors: FormErrors | null;
  body: string;
  busy: boolean;
  onReason?: (body: string) => void;
  /** With JavaScript: close the form in place. */
  onCancel?: () => void;
}) {
  const messages = messagesFor(errors, "body");
  const submit = (event: FormEvent<HTMLFormElement>) => {
    if (!onReason) return;
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get("body") ?? "").trim();
    if (text) onReason(text);
  };
  return (
    <div className="panel exec-reason" id="reason">
      <h2>Why could the visit not be completed?</h2>
      <FormAlert errors={errors} />
      <Form method="post" action={`${here}?ask=${status}`} onSubmit={submit} className="stack">
        <input type="hidden" name="intent" value="status" />
        <input type="hidden" name="status" value={status} />
        <input type="hidden" name="clientId" value={clientId} />
        <div className="field">
          <label htmlFor="reason-body">Reason</label>
          <textarea
            id="reason-body"
            name="body"
            rows={4}
            required
            maxLength={UPDATE_BODY_MAX}
            defaultValue={body}
            aria-invalid={messages.length ? true : undefined}
            aria-describedby="reason-hint"
          />
          <p className="hint" id="reason-hint">
            For example: no access, the part is missing, not safe to work. The office plans the next step.
          </p>
          {messages.map((message) => (
            <p key={message} className="field-error">
              {message}
            </p>
          ))}
        </div>
        <div className="exec-stack-buttons">
          <button type="submit" className="button danger exec-big" disabled={busy}>
            Record: could not complete
          </button>
          <Link
            className="button secondary exec-big"
            to={here}
            preventScrollReset
            onClick={(event) => {
              if (!onCancel) return;
              event.preventDefault();
              onCancel();
            }}
          >
            Back
          </Link>
        </div>
      </Form>
    </div>
  );
}

/** A comment or a problem report. */
export function NoteForm({
  clientId,
  here,
  errors,
  body,
  busy,
  onNote,
}: {
  clientId: string;
  here: string;
  errors: FormErrors | null;
  body: string;
  busy: boolean;
  onNote?: (kind: "comment" | "problem_report", body: string) => void;
}) {
  const messages = messagesFor(errors, "body");
  const submit = (event: FormEvent<HTMLFormElement>) => {
    if (!onNote) return;
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const kind = submitter?.value === "problem_report" ? "problem_report" : "comment";
    const form = event.currentTarget;
    const text = String(new FormData(form).get("body") ?? "").trim();
    if (!text) return;
    onNote(kind, text);
    form.reset();
  };
  return (
    <div className="panel exec-note" id="note">
      <h2>Comment or problem</h2>
      <FormAlert errors={errors} />
      <Form method="post" action={here} onSubmit={submit} className="stack">
        <input type="hidden" name="clientId" value={clientId} />
        <div className="field">
          <label htmlFor="note-body">What should the office know?</label>
          <textarea
            id="note-body"
            name="body"
            rows={3}
            required
            maxLength={UPDATE_BODY_MAX}
            defaultValue={body}
            aria-invalid={messages.length ? true : undefined}
          />
          {messages.map((message) => (
            <p key={message} className="field-error">
              {message}
            </p>
          ))}
        </div>
        <div className="exec-stack-buttons">
          <button
            type="submit"
            name="intent"
            value="comment"
            className="button secondary exec-big"
            disabled={busy}
          >
            Add comment
          </button>
          <button
            type="submit"
            name="intent"
            value="problem_report"
            className="button secondary exec-big exec-problem"
            disabled={busy}
          >
            Report a problem
          </button>
        </div>
      </Form>
    </div>
  );
}
