import { FormAlert } from "@ordinavo/ui";
import { Form, Link } from "@remix-run/react";
import { ConflictPanel } from "~/components/planning-conflicts";
import { type Assignee, SlotFields } from "~/components/planning-slot-fields";
import { durationText } from "~/lib/planning-display";
import type { BoardLoad } from "./board.server";
import type { BoardOutcome as FormOutcome } from "./board-action.server";
import { useFocusOnOpen } from "./move-panel";

type Plan = NonNullable<BoardLoad["plan"]>;

/** The "Plan…" form for one piece of backlog work: a day, times, a person, fixed time or not. */
export function PlanPanel({
  plan,
  assignees,
  timeZone,
  here,
  closeHref,
  formResult,
  busy,
  rowName,
}: {
  plan: Plan;
  assignees: readonly Assignee[];
  timeZone: string;
  here: string;
  closeHref: string;
  formResult: FormOutcome | undefined;
  busy: boolean;
  rowName: (employeeId: string | null) => string | undefined;
}) {
  const heading = useFocusOnOpen(plan.id);
  const errors = formResult?.state === "error" ? formResult.errors : null;
  const values = formResult?.values;
  return (
    <section className="panel board-panel" id="plan" aria-labelledby="plan-title">
      <h2 id="plan-title" tabIndex={-1} ref={heading}>
        Plan “{plan.title}”
      </h2>
      <p className="muted small">
        {plan.customerName} · usually {durationText(plan.workMinutes)}
      </p>
      {!plan.plannable ? (
        <>
          <p>Only open or planned work can get appointments.</p>
          <Link className="button secondary" to={closeHref} preventScrollReset>
            Close
          </Link>
        </>
      ) : formResult?.state === "conflicts" && values ? (
        <ConflictPanel
          conflicts={formResult.conflicts}
          values={values}
          action={here}
          who={rowName(values.assignedEmployeeId || null)}
          busy={busy}
          cancel={
            <Link className="button secondary" to={here}>
              Choose another time
            </Link>
          }
        />
      ) : (
        <Form method="post" action={here} className="stack" preventScrollReset>
          <input type="hidden" name="intent" value="plan" />
          <input type="hidden" name="targetId" value={plan.id} />
          <FormAlert errors={errors} />
          <SlotFields
            key={values ? JSON.stringify(values) : plan.id}
            idPrefix="plan"
            values={{
              day: values?.day ?? plan.defaults.day,
              start: values?.start ?? plan.defaults.start,
              end: values?.end ?? plan.defaults.end,
              assignedEmployeeId: values?.assignedEmployeeId ?? "",
              fixedTime: values?.fixedTime === "on",
            }}
            errors={errors}
            assignees={assignees}
            timeZone={timeZone}
            showFixedTime
          />
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {busy ? "Planning…" : "Plan appointment"}
            </button>
            <Link className="button secondary" to={closeHref} preventScrollReset>
              Cancel
            </Link>
          </div>
        </Form>
      )}
    </section>
  );
}
