import { Form, Link } from "@remix-run/react";
import { type ReactNode, useEffect, useId, useRef } from "react";

export interface ConflictView {
  appointmentId: string;
  message: string;
}

type FormLike = (props: {
  method: "post";
  action?: string;
  className?: string;
  children: ReactNode;
}) => ReactNode;

/**
 * The double-booking warning: the API planned nothing because the employee is busy then. It names
 * each overlapping appointment and offers to plan anyway, which sends the same fields again with
 * `allowConflicts`. Works as a plain form; pass `onConfirm` to ask again from the browser instead.
 */
export function ConflictPanel({
  conflicts,
  values,
  action,
  cancel,
  who,
  form: FormComponent = Form,
  onConfirm,
  busy = false,
  submitLabel = "Plan anyway",
}: {
  conflicts: readonly ConflictView[];
  /** The fields of the refused submission, sent again as they were (the form variant). */
  values?: Record<string, string>;
  action?: string;
  cancel: ReactNode;
  /** The employee's name, when known. */
  who?: string | null;
  form?: FormLike;
  /** Plan anyway without a form (the board's browser path). */
  onConfirm?: () => void;
  busy?: boolean;
  submitLabel?: string;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const id = useId();
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <section className="panel plan-conflict" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} tabIndex={-1} ref={heading}>
        {who ? `${who} is already busy then` : "The employee is already busy then"}
      </h2>
      <ul className="plan-conflict-list">
        {conflicts.map((conflict) => (
          <li key={conflict.appointmentId}>
            <Link to={`/appointments/${conflict.appointmentId}`}>{conflict.message}</Link>
          </li>
        ))}
      </ul>
      <p className="muted small">
        Nothing has been saved. Choose “{submitLabel}” to double-book, or change the time or the employee.
      </p>
      {onConfirm ? (
        <div className="actions">
          <button type="button" className="button" disabled={busy} onClick={onConfirm}>
            {busy ? "Saving…" : submitLabel}
          </button>
          {cancel}
        </div>
      ) : (
        <FormComponent method="post" action={action} className="actions">
          {Object.entries(values ?? {}).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <input type="hidden" name="allowConflicts" value="on" />
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Saving…" : submitLabel}
          </button>
          {cancel}
        </FormComponent>
      )}
    </section>
  );
}
