import { FormAlert, type FormErrors } from "@ordinavo/ui";
import { Form, Link } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { ConflictPanel } from "~/components/planning-conflicts";
import { type Assignee, SlotFields } from "~/components/planning-slot-fields";
import { dayText } from "~/lib/planning-display";
import { slotErrorFields, slotFromFields } from "~/lib/planning-time";
import type { BoardLoad } from "./board.server";
import type { BoardOutcome as FormOutcome } from "./board-action.server";
import type { BoardOutcome, MoveRequest } from "./use-board-changes";

type Move = NonNullable<BoardLoad["move"]>;

/** Focuses a panel's heading when the panel opens, so keyboard users land on it. */
export function useFocusOnOpen(key: string | null) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (key) ref.current?.focus();
  }, [key]);
  return ref;
}

/**
 * The "Move…" form: a new day, times and person for one appointment. Without JavaScript it posts
 * to the page's action; in the browser it moves the appointment through the API like a drop
 * (shown at once, taken back if refused), and closes when saved.
 */
export function MovePanel({
  move,
  assignees,
  timeZone,
  here,
  closeHref,
  formResult,
  formBusy,
  outcome,
  onMove,
  moving,
  dismiss,
  rowName,
}: {
  move: Move;
  assignees: readonly Assignee[];
  timeZone: string;
  /** This panel's own address (its form posts there). */
  here: string;
  closeHref: string;
  /** What the page's action answered (no JavaScript). */
  formResult: FormOutcome | undefined;
  formBusy: boolean;
  /** What the last browser-side change answered. */
  outcome: BoardOutcome | null;
  onMove: (request: MoveRequest, allowConflicts?: boolean) => Promise<boolean>;
  moving: boolean;
  /** Forgets the last browser-side answer (back to the form). */
  dismiss: () => void;
  rowName: (employeeId: string | null) => string | undefined;
}) {
  const heading = useFocusOnOpen(move.id);
  const [localErrors, setLocalErrors] = useState<FormErrors | null>(null);
  const fromPanel = outcome && outcome.kind !== "done" && outcome.origin === "panel" ? outcome : null;
  const errors: FormErrors | null =
    localErrors ??
    (fromPanel?.kind === "error"
      ? { message: fromPanel.message, fields: slotErrorFields(fromPanel.fields) }
      : formResult?.state === "error"
        ? formResult.errors
        : null);
  const values = formResult?.values;
  const busy = formBusy || moving;

  if (!move.movable) {
    return (
      <Shell move={move} heading={heading}>
        <p>This appointment is {move.statusText.toLowerCase()} and can no longer be moved.</p>
        <Link className="button secondary" to={closeHref} preventScrollReset>
          Close
        </Link>
      </Shell>
    );
  }
  if (fromPanel?.kind === "conflicts") {
    return (
      <Shell move={move} heading={heading}>
        <ConflictPanel
          conflicts={fromPanel.conflicts}
          who={fromPanel.who}
          busy={busy}
          submitLabel="Move anyway"
          onConfirm={fromPanel.confirm}
          cancel={
            <button type="button" className="button secondary" onClick={dismiss}>
              Choose another time
            </button>
          }
        />
      </Shell>
    );
  }
  if (formResult?.state === "conflicts" && values) {
    return (
      <Shell move={move} heading={heading}>
        <ConflictPanel
          conflicts={formResult.conflicts}
          values={values}
          action={here}
          who={rowName(values.assignedEmployeeId || null)}
          busy={busy}
          submitLabel="Move anyway"
          cancel={
            <Link className="button secondary" to={here}>
              Choose another time
            </Link>
          }
        />
      </Shell>
    );
  }
  return (
    <Shell move={move} heading={heading}>
      <Form
        method="post"
        action={here}
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const field = (name: string) => String(form.get(name) ?? "");
          const slot = slotFromFields(
            { day: field("day"), start: field("start"), end: field("end") },
            timeZone,
          );
          if (!slot.ok) {
            setLocalErrors({ message: "Some fields need attention.", fields: slot.fields });
            return;
          }
          setLocalErrors(null);
          void onMove({
            appointmentId: move.id,
            plannedStart: slot.plannedStart,
            plannedEnd: slot.plannedEnd,
            assignedEmployeeId: field("assignedEmployeeId") || null,
            label: move.targetTitle,
            origin: "panel",
            previous: move.previous,
          });
        }}
      >
        <input type="hidden" name="intent" value="move" />
        <input type="hidden" name="appointmentId" value={move.id} />
        <FormAlert errors={errors} />
        <SlotFields
          key={values ? JSON.stringify(values) : move.id}
          idPrefix="move"
          values={{
            day: values?.day ?? move.slot.day,
            start: values?.start ?? move.slot.start,
            end: values?.end ?? move.slot.end,
            assignedEmployeeId: values ? (values.assignedEmployeeId ?? "") : (move.assignedEmployeeId ?? ""),
          }}
          errors={errors}
          assignees={assignees}
          timeZone={timeZone}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Moving…" : "Move appointment"}
          </button>
          <Link className="button secondary" to={closeHref} preventScrollReset>
            Cancel
          </Link>
        </div>
      </Form>
    </Shell>
  );
}

function Shell({
  move,
  heading,
  children,
}: {
  move: Move;
  heading: React.RefObject<HTMLHeadingElement>;
  children: React.ReactNode;
}) {
  return (
    <section className="panel board-panel" id="move" aria-labelledby="move-title">
      <h2 id="move-title" tabIndex={-1} ref={heading}>
        Move “{move.targetTitle}”
      </h2>
      <p className="muted small">
        {move.customerName} · now {dayText(move.slot.day)}, {move.slot.start}–{move.slot.end} ·{" "}
        {move.assigneeName ?? "not assigned"} · {move.statusText}
      </p>
      {children}
    </section>
  );
}
