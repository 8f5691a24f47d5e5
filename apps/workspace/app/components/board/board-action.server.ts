import type { FormErrors } from "@ordinavo/ui";
import type { ActionFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { slotErrorFields, slotFromFields } from "~/lib/planning-time";
import { attempt, requireWorkspace, text } from "~/lib/require.server";
import type { ConflictView } from "./types";

// The board's plain forms, for the page without JavaScript (and the "Plan…" panel): move an
// appointment, plan backlog work, move one back (Undo). In the browser, moves and drops go to
// the API directly (use-board-changes.ts) and do not come here.

type Values = Record<string, string>;

export type BoardOutcome =
  | { intent: string; state: "conflicts"; conflicts: ConflictView[]; values: Values }
  | { intent: string; state: "error"; errors: FormErrors; values: Values };

const fieldNames = ["intent", "appointmentId", "targetId", "day", "start", "end", "assignedEmployeeId"];

export async function boardAction(args: ActionFunctionArgs) {
  const url = new URL(args.request.url);
  const form = await args.request.formData();
  const intent = text(form, "intent");
  const values: Values = {};
  for (const name of fieldNames) {
    const value = text(form, name);
    if (value) values[name] = value;
  }
  if (form.has("fixedTime")) values.fixedTime = "on";
  const reply = (outcome: BoardOutcome, status = 200) => data(outcome, { status });
  const refuse = (errors: FormErrors, status: number) =>
    reply(
      { intent, state: "error", errors: { ...errors, fields: slotErrorFields(errors.fields) }, values },
      status,
    );

  if (intent !== "move" && intent !== "plan" && intent !== "undo") {
    return refuse({ message: "This form is out of date. Reload the page and try again.", fields: {} }, 400);
  }
  const { api, me } = await requireWorkspace(args);
  const timeZone = me.active?.timeZone ?? "UTC";
  const slot = slotFromFields(
    { day: values.day ?? "", start: values.start ?? "", end: values.end },
    timeZone,
  );
  if (!slot.ok) return refuse({ message: "Some fields need attention.", fields: slot.fields }, 400);
  // Moving back asks no questions: it was there before.
  const allowConflicts = form.has("allowConflicts") || intent === "undo";
  const assignedEmployeeId = values.assignedEmployeeId || null;

  const appointmentId = values.appointmentId ?? "";
  const earlier = intent === "move" ? await attempt(() => api.appointments.get({ appointmentId })) : null;
  const result =
    intent === "plan"
      ? await attempt(() =>
          api.appointments.create({
            targetId: values.targetId ?? "",
            plannedStart: slot.plannedStart,
            plannedEnd: slot.plannedEnd,
            assignedEmployeeId,
            fixedTime: form.has("fixedTime"),
            allowConflicts,
          }),
        )
      : await attempt(() =>
          api.appointments.reschedule({
            appointmentId,
            plannedStart: slot.plannedStart,
            plannedEnd: slot.plannedEnd,
            assignedEmployeeId,
            allowConflicts,
          }),
        );
  if (!result.ok) return refuse(result.errors, result.status);
  const { appointment, conflicts } = result.value;
  if (!appointment) return reply({ intent, state: "conflicts", conflicts, values });

  const span = url.searchParams.get("span") === "day" ? "day" : "week";
  const params = new URLSearchParams({ day: values.day ?? "", span });
  const done = intent === "plan" ? "planned" : intent === "undo" ? "moved-back" : "moved";
  params.set("notice", `${done}${conflicts.length && intent !== "undo" ? "-double" : ""}`);
  if (earlier?.ok) {
    const was = earlier.value.appointment;
    params.set("undo", was.id);
    params.set(
      "was",
      [was.plannedStart.toISOString(), was.plannedEnd.toISOString(), was.assignedEmployeeId ?? ""].join("~"),
    );
  }
  return redirect(`/board?${params}`);
}
