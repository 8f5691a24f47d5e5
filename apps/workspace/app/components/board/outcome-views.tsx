import { Notice } from "@ordinavo/ui";
import { useEffect, useRef } from "react";
import { ConflictPanel } from "~/components/planning-conflicts";
import type { BoardOutcome } from "./use-board-changes";

/**
 * What the last change on the board did, said where it does not move the board: a toast (with
 * Undo after a move) in a live region, and an alert when the API refused.
 */
export function OutcomeToast({ outcome, dismiss }: { outcome: BoardOutcome | null; dismiss: () => void }) {
  return (
    <div aria-live="polite" className="board-live">
      {outcome?.kind === "done" ? (
        <div className={`board-toast${outcome.undo ? " has-undo" : ""}`} key={outcome.serial}>
          <Notice>
            {outcome.message}{" "}
            {outcome.undo ? (
              <button type="button" className="button secondary small board-undo" onClick={outcome.undo}>
                Undo
              </button>
            ) : null}
            <button type="button" className="board-toast-close" onClick={dismiss} aria-label="Close notice">
              ×
            </button>
          </Notice>
        </div>
      ) : null}
    </div>
  );
}

export function OutcomeAlert({ outcome, dismiss }: { outcome: BoardOutcome | null; dismiss: () => void }) {
  if (outcome?.kind !== "error" || outcome.origin !== "drop") return null;
  const details = Object.values(outcome.fields)
    .flat()
    .filter((m) => m !== outcome.message);
  return (
    <div className="alert board-alert" role="alert">
      <span>
        Nothing changed for “{outcome.label}”: {outcome.message}
        {details.map((m) => ` ${m}`)}
      </span>
      <button type="button" className="button secondary small" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}

/** The double-booking question after a drop, as a modal dialog. */
export function ConflictDialog({
  outcome,
  busy,
  dismiss,
}: {
  outcome: BoardOutcome | null;
  busy: boolean;
  dismiss: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const open = outcome?.kind === "conflicts" && outcome.origin === "drop";
  useEffect(() => {
    const box = dialog.current;
    if (!box) return;
    if (open && !box.open) box.showModal();
    if (!open && box.open) box.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      className="board-dialog"
      aria-labelledby="conflict-dialog-title"
      onClose={() => {
        if (open) dismiss();
      }}
    >
      {open && outcome?.kind === "conflicts" ? (
        <>
          <p className="visually-hidden" id="conflict-dialog-title">
            Double booking
          </p>
          <ConflictPanel
            conflicts={outcome.conflicts}
            who={outcome.who}
            busy={busy}
            submitLabel={outcome.intent === "move" ? "Move anyway" : "Plan anyway"}
            onConfirm={() => {
              dismiss();
              outcome.confirm();
            }}
            cancel={
              <button type="button" className="button secondary" onClick={dismiss}>
                Cancel
              </button>
            }
          />
        </>
      ) : null}
    </dialog>
  );
}
