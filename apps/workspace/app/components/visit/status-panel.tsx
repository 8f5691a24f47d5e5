import { Form, Link } from "@remix-run/react";
import type { FormEvent } from "react";
import { stepWords } from "./words";

// The big buttons for the next steps of a visit. Each is a plain form (it works without
// JavaScript: the page's action records it with the id the server put in the form); with
// JavaScript the page takes the tap instead and puts the update in the phone's outbox. A step
// that needs a reason opens the reason form first.

export function StatusPanel({
  next,
  needsReason,
  clientId,
  here,
  busy,
  onStep,
  onAsk,
}: {
  /** The statuses the employee may record now (already reflecting what waits in the outbox). */
  next: readonly string[];
  needsReason: readonly string[];
  /** Made by the server for the no-JavaScript form. */
  clientId: string;
  here: string;
  busy: boolean;
  /** With JavaScript: record this step (the form is not posted). */
  onStep?: (status: string) => void;
  /** With JavaScript: open the reason form in place (no page load, so it works offline too). */
  onAsk?: (status: string) => void;
}) {
  if (!next.length) return null;
  const submit = (status: string) => (event: FormEvent<HTMLFormElement>) => {
    if (!onStep) return;
    event.preventDefault();
    onStep(status);
  };
  return (
    <div className="exec-steps">
      {next.map((status, index) =>
        needsReason.includes(status) ? (
          <Link
            key={status}
            className="button secondary exec-big exec-step exec-step-stop"
            to={`${here}?ask=${status}#reason`}
            preventScrollReset
            onClick={(event) => {
              if (!onAsk) return;
              event.preventDefault();
              onAsk(status);
            }}
          >
            {stepWords[status] ?? status}
          </Link>
        ) : (
          <Form key={status} method="post" action={here} onSubmit={submit(status)} className="exec-step-form">
            <input type="hidden" name="intent" value="status" />
            <input type="hidden" name="status" value={status} />
            <input type="hidden" name="clientId" value={clientId} />
            {/* The usual next step is the big blue one; a shortcut (skipping a step) is plainer. */}
            <button
              type="submit"
              className={`button exec-big exec-step${index === 0 ? "" : " secondary"}`}
              disabled={busy}
            >
              {stepWords[status] ?? status}
            </button>
          </Form>
        ),
      )}
    </div>
  );
}
