import { FormAlert, type FormErrors } from "@ordinavo/ui";
import { Form, Link } from "@remix-run/react";
import { ConflictPanel } from "~/components/planning-conflicts";
import { type Assignee, SlotFields, type SlotValues } from "~/components/planning-slot-fields";
import { durationText } from "~/lib/planning-display";

/**
 * Planning from a target's page: the slot form (the employee's double booking is asked about
 * before anything is saved) and, after such an answer, the question itself.
 */
export function TargetPlanSide({
  plan,
  result,
  here,
  timeZone,
  locationName,
  busy,
}: {
  plan: { workMinutes: number; assignees: Assignee[]; defaults: SlotValues };
  /** What the last "Plan appointment" answered. */
  result: {
    errors: FormErrors | null;
    conflicts: { appointmentId: string; message: string }[] | null;
    values: Record<string, string>;
  } | null;
  here: string;
  timeZone: string;
  locationName: string | null;
  busy: boolean;
}) {
  const planErrors = result?.errors ?? null;
  const planValues = result?.values ?? null;
  const conflicts = result?.conflicts ?? null;
  return (
    <div className="stack plan-side">
      {conflicts && planValues ? (
        <ConflictPanel
          conflicts={conflicts}
          values={planValues}
          action={here}
          who={plan.assignees.find((a) => a.id === planValues.assignedEmployeeId)?.name}
          busy={busy}
          cancel={
            <a className="button secondary" href="#plan-form">
              Change the time or employee
            </a>
          }
        />
      ) : null}
      <div className="panel" id="plan">
        <h2 id="plan-title">Plan an appointment</h2>
        <p className="muted small">
          A visit of about {durationText(plan.workMinutes)}
          {locationName ? ` at ${locationName}` : ""}. If the employee is busy then, you are asked before
          anything is saved.
        </p>
        <Form method="post" action={here} className="stack" aria-labelledby="plan-title" id="plan-form">
          <input type="hidden" name="intent" value="plan" />
          <FormAlert errors={planErrors} />
          <SlotFields
            key={planValues ? JSON.stringify(planValues) : "defaults"}
            idPrefix="plan"
            values={
              planValues
                ? {
                    day: planValues.day ?? "",
                    start: planValues.start ?? "",
                    end: planValues.end ?? "",
                    assignedEmployeeId: planValues.assignedEmployeeId ?? "",
                    fixedTime: planValues.fixedTime === "on",
                  }
                : plan.defaults
            }
            errors={planErrors}
            assignees={plan.assignees}
            timeZone={timeZone}
            showFixedTime
          />
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {busy ? "Planning…" : "Plan appointment"}
            </button>
            <Link className="small" to={`/board?day=${planValues?.day || plan.defaults.day}&span=day`}>
              See that day on the board
            </Link>
          </div>
        </Form>
      </div>
    </div>
  );
}
