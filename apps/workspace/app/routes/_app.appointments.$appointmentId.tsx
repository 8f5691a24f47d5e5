import type { AppointmentStatus } from "@ordinavo/domain/vocabulary";
import { FormAlert, type FormErrors, Notice } from "@ordinavo/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ConfirmPanel } from "~/components/confirm";
import { PageError } from "~/components/page-error";
import { AppointmentStatusBadge } from "~/components/planning-badges";
import { ConflictPanel } from "~/components/planning-conflicts";
import { SlotFields } from "~/components/planning-slot-fields";
import { formatDateTime } from "~/lib/format";
import { dayText, durationText } from "~/lib/planning-display";
import {
  appointmentStatusText,
  isUuid,
  localSlot,
  slotErrorFields,
  slotFromFields,
} from "~/lib/planning-time";
import { attempt, load, requireWorkspace, text } from "~/lib/require.server";
import planningCss from "~/styles/planning.css?url";

export const links = () => [{ rel: "stylesheet", href: planningCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.targetTitle ?? "Appointment"} · Appointment · Ordinavo Workspace` },
];

/** The workspace's status steps: what each button says (from where it starts), and whether it asks first. */
const statusActions: Partial<
  Record<AppointmentStatus, { label: (from: AppointmentStatus) => string; confirm: boolean }>
> = {
  confirmed: { label: () => "Confirm with the customer", confirm: false },
  scheduled: {
    label: (from) => (from === "en_route" ? "Call back: not on the way" : "Mark as not confirmed"),
    confirm: false,
  },
  cancelled: { label: () => "Cancel appointment…", confirm: true },
  no_show: { label: () => "Mark as no-show…", confirm: true },
};

export async function loader(args: LoaderFunctionArgs) {
  const appointmentId = args.params.appointmentId;
  if (!isUuid(appointmentId)) throw new Response("Not found", { status: 404 });
  const url = new URL(args.request.url);
  const { api, me } = await requireWorkspace(args);
  const detail = await load(args.request, () => api.appointments.get({ appointmentId }));
  const timeZone = me.active?.timeZone ?? "UTC";
  const { appointment } = detail;
  const movable = detail.can.move;
  const assignees = movable ? await load(args.request, () => api.board.assignees()) : [];
  const confirmParam = url.searchParams.get("status") as AppointmentStatus | null;
  const nextStatuses = detail.nextStatuses.filter((s) => statusActions[s]);
  return {
    timeZone,
    // The assignee works the visit from its execution page.
    isAssignee: appointment.assignedEmployeeId === me.user.id,
    appointment: {
      id: appointment.id,
      targetId: appointment.targetId ?? null,
      customerId: appointment.customerId ?? null,
      assignedEmployeeId: appointment.assignedEmployeeId ?? null,
      status: appointment.status,
      statusText: appointmentStatusText(appointment.status),
      fixedTime: appointment.fixedTime ?? false,
      recurring: Boolean(appointment.recurringOccurrenceId),
      startedAt: appointment.startedAt ?? null,
      completedAt: appointment.completedAt ?? null,
      slot: localSlot(appointment.plannedStart, appointment.plannedEnd, timeZone),
    },
    targetTitle: detail.targetTitle,
    customerName: detail.customerName,
    locationName: detail.locationName,
    address: detail.address,
    assigneeName: detail.assigneeName,
    recurringPlanId: detail.recurringPlanId,
    can: detail.can,
    movable,
    assignees,
    nextStatuses: nextStatuses.map((status) => ({
      status,
      label: statusActions[status]!.label(appointment.status),
      confirm: statusActions[status]!.confirm,
    })),
    confirming:
      confirmParam && nextStatuses.includes(confirmParam) && statusActions[confirmParam]?.confirm
        ? confirmParam
        : null,
    notice: url.searchParams.get("notice"),
  };
}

export async function action(args: ActionFunctionArgs) {
  const appointmentId = args.params.appointmentId ?? "";
  const form = await args.request.formData();
  const intent = text(form, "intent");
  const { api, me } = await requireWorkspace(args);
  const here = `/appointments/${appointmentId}`;

  if (intent === "status") {
    const status = text(form, "status") as AppointmentStatus;
    const result = await attempt(() => api.appointments.changeStatus({ appointmentId, status }));
    if (!result.ok) return data({ intent, errors: result.errors }, { status: result.status });
    return redirect(`${here}?notice=status`);
  }

  if (intent === "reschedule") {
    const values: Record<string, string> = {
      intent,
      day: text(form, "day"),
      start: text(form, "start"),
      end: text(form, "end"),
      assignedEmployeeId: text(form, "assignedEmployeeId"),
    };
    // Only a ticked box is kept, so the "plan anyway" replay of these values stays unticked too.
    if (text(form, "fixedTime") === "on") values.fixedTime = "on";
    const slot = slotFromFields(
      { day: values.day!, start: values.start!, end: values.end },
      me.active?.timeZone ?? "UTC",
    );
    if (!slot.ok) {
      const errors: FormErrors = { message: "Some fields need attention.", fields: slot.fields };
      return data({ intent, errors, values }, { status: 400 });
    }
    const result = await attempt(() =>
      api.appointments.reschedule({
        appointmentId,
        plannedStart: slot.plannedStart,
        plannedEnd: slot.plannedEnd,
        // Blank unassigns: the form always says who should do it.
        assignedEmployeeId: values.assignedEmployeeId,
        fixedTime: values.fixedTime === "on",
        allowConflicts: form.has("allowConflicts"),
      }),
    );
    if (!result.ok) {
      const errors = { ...result.errors, fields: slotErrorFields(result.errors.fields) };
      return data({ intent, errors, values }, { status: result.status });
    }
    const { appointment, conflicts } = result.value;
    if (!appointment) return data({ intent, conflicts, values });
    return redirect(`${here}?notice=${conflicts.length ? "moved-double" : "moved"}`);
  }

  return data(
    { intent, errors: { message: "This form is out of date. Reload the page and try again.", fields: {} } },
    { status: 400 },
  );
}

function noticeText(notice: string | null, statusText: string) {
  switch (notice) {
    case "status":
      return `The appointment is now ${statusText.toLowerCase()}.`;
    case "moved":
      return "Appointment updated.";
    case "moved-double":
      return "Appointment updated. It overlaps with other work of the employee.";
    default:
      return null;
  }
}

export default function AppointmentPage() {
  const loaded = useLoaderData<typeof loader>();
  const { appointment, timeZone, confirming } = loaded;
  const { slot } = appointment;
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const here = `/appointments/${appointment.id}`;
  const notice = noticeText(loaded.notice, appointment.statusText);

  const statusErrors = result?.intent === "status" && "errors" in result ? result.errors : null;
  const moveResult = result?.intent === "reschedule" ? result : null;
  const moveErrors = moveResult && "errors" in moveResult ? moveResult.errors : null;
  const moveValues = moveResult && "values" in moveResult ? moveResult.values : null;
  const conflicts = moveResult && "conflicts" in moveResult ? moveResult.conflicts : null;
  const conflictWho = moveValues?.assignedEmployeeId
    ? loaded.assignees.find((a) => a.id === moveValues.assignedEmployeeId)?.name
    : null;

  return (
    <section className="stack">
      <header className="plan-page-head">
        <div>
          <p className="eyebrow">
            <Link to="/board">Dispatch board</Link> · Appointment
          </p>
          <h1>{loaded.targetTitle}</h1>
          <p className="plan-badges">
            <AppointmentStatusBadge status={appointment.status} label={appointment.statusText} />
            <span>
              {dayText(slot.day, "long")}, {slot.start}–{slot.end}
            </span>
          </p>
        </div>
        <div className="actions">
          {loaded.isAssignee ? (
            <Link className="button" to={`/visits/${appointment.id}`}>
              Open visit
            </Link>
          ) : null}
          <Link className="button secondary" to={`/board?day=${slot.day}&span=day`}>
            Show on the board
          </Link>
        </div>
      </header>

      {notice ? <Notice>{notice}</Notice> : null}
      {statusErrors ? <FormAlert errors={statusErrors} /> : null}

      {confirming ? (
        <ConfirmPanel
          title={confirming === "cancelled" ? "Cancel this appointment?" : "Mark as no-show?"}
          cancelTo={here}
          form={(cancel) => (
            <Form method="post" action={here} className="actions">
              <input type="hidden" name="intent" value="status" />
              <input type="hidden" name="status" value={confirming} />
              <button type="submit" className="button danger" disabled={busyIntent === "status"}>
                {confirming === "cancelled" ? "Cancel appointment" : "Mark as no-show"}
              </button>
              {cancel}
            </Form>
          )}
        >
          {confirming === "cancelled" ? (
            <p>
              The visit on {dayText(slot.day, "long")} at {slot.start} leaves the board
              {loaded.assigneeName ? ` and ${loaded.assigneeName}'s day` : ""}. This cannot be undone; plan a
              new appointment if the visit happens after all. When it was the last planned visit, the work
              goes back to the backlog.
            </p>
          ) : (
            <p>
              Use this when the customer was not there or could not be reached. It cannot be undone; plan a
              new appointment for another visit.
            </p>
          )}
        </ConfirmPanel>
      ) : null}

      <div className={`plan-detail-grid${loaded.can.plan ? "" : " is-single"}`}>
        <div className="stack">
          <div className="panel">
            <h2>Details</h2>
            <dl className="facts">
              <div>
                <dt>Work</dt>
                <dd>
                  {appointment.targetId ? (
                    <Link to={`/targets/${appointment.targetId}`}>{loaded.targetTitle}</Link>
                  ) : (
                    loaded.targetTitle
                  )}
                </dd>
              </div>
              <div>
                <dt>Customer</dt>
                <dd>
                  {appointment.customerId ? (
                    <Link to={`/customers/${appointment.customerId}`}>{loaded.customerName}</Link>
                  ) : (
                    loaded.customerName
                  )}
                </dd>
              </div>
              <div>
                <dt>Place</dt>
                <dd>
                  {loaded.locationName ?? <span className="muted">No specific location</span>}
                  {loaded.address ? <span className="plan-sub">{loaded.address}</span> : null}
                </dd>
              </div>
              <div>
                <dt>When</dt>
                <dd>
                  {dayText(slot.day, "long")}
                  <span className="plan-sub">
                    {slot.start}–{slot.end} ({durationText(slot.duration)})
                    {appointment.fixedTime ? " · fixed time" : ""}
                  </span>
                </dd>
              </div>
              <div>
                <dt>Employee</dt>
                <dd>{loaded.assigneeName ?? <span className="muted">Not assigned yet</span>}</dd>
              </div>
              <div>
                <dt>Status</dt>
                <dd>{appointment.statusText}</dd>
              </div>
              {appointment.startedAt ? (
                <div>
                  <dt>Started</dt>
                  <dd>{formatDateTime(appointment.startedAt, timeZone)}</dd>
                </div>
              ) : null}
              {appointment.completedAt ? (
                <div>
                  <dt>Completed</dt>
                  <dd>{formatDateTime(appointment.completedAt, timeZone)}</dd>
                </div>
              ) : null}
              {appointment.recurring ? (
                <div>
                  <dt>Recurring</dt>
                  <dd>
                    {loaded.recurringPlanId ? (
                      <Link to={`/recurring/${loaded.recurringPlanId}`}>Open the recurring plan</Link>
                    ) : (
                      "Part of a recurring plan"
                    )}
                  </dd>
                </div>
              ) : null}
            </dl>
          </div>

          {loaded.nextStatuses.length ? (
            <div className="panel">
              <h2>Status</h2>
              <p className="muted small">
                The employee records progress on site (on the way, arrived, done) from their phone.
              </p>
              <div className="actions">
                {loaded.nextStatuses.map((next) =>
                  next.confirm ? (
                    <Link
                      key={next.status}
                      className="button secondary small danger-text"
                      to={`${here}?status=${next.status}#confirm`}
                    >
                      {next.label}
                    </Link>
                  ) : (
                    <Form key={next.status} method="post" action={here}>
                      <input type="hidden" name="intent" value="status" />
                      <input type="hidden" name="status" value={next.status} />
                      <button
                        type="submit"
                        className={next.status === "confirmed" ? "button small" : "button secondary small"}
                        disabled={busyIntent === "status"}
                      >
                        {next.label}
                      </button>
                    </Form>
                  ),
                )}
              </div>
            </div>
          ) : null}
        </div>

        {loaded.movable ? (
          <div className="stack plan-side">
            {conflicts && moveValues ? (
              <ConflictPanel
                conflicts={conflicts}
                values={moveValues}
                action={here}
                who={conflictWho}
                busy={busyIntent === "reschedule"}
                submitLabel="Move anyway"
                cancel={
                  <a className="button secondary" href="#move-form">
                    Change the time or employee
                  </a>
                }
              />
            ) : null}
            <div className="panel" id="move">
              <h2 id="move-title">Move or reassign</h2>
              <p className="muted small">
                {appointment.status === "confirmed"
                  ? "The customer confirmed this time: moving it to another time needs a new confirmation."
                  : "Change the day, the time or the employee."}
                {appointment.recurring
                  ? " Changes here keep this visit as it is when the recurring plan changes."
                  : ""}
              </p>
              <Form method="post" action={here} className="stack" aria-labelledby="move-title" id="move-form">
                <input type="hidden" name="intent" value="reschedule" />
                <FormAlert errors={moveErrors} />
                <SlotFields
                  key={
                    moveValues
                      ? JSON.stringify(moveValues)
                      : `${slot.day}-${slot.start}-${appointment.assignedEmployeeId}`
                  }
                  idPrefix="move"
                  values={
                    moveValues
                      ? {
                          day: moveValues.day ?? "",
                          start: moveValues.start ?? "",
                          end: moveValues.end ?? "",
                          assignedEmployeeId: moveValues.assignedEmployeeId ?? "",
                          fixedTime: moveValues.fixedTime === "on",
                        }
                      : {
                          day: slot.day,
                          start: slot.start,
                          end: slot.end,
                          assignedEmployeeId: appointment.assignedEmployeeId ?? "",
                          fixedTime: appointment.fixedTime ?? false,
                        }
                  }
                  errors={moveErrors}
                  assignees={loaded.assignees}
                  showFixedTime
                  timeZone={timeZone}
                />
                <div className="actions">
                  <button type="submit" className="button" disabled={busyIntent === "reschedule"}>
                    {busyIntent === "reschedule" ? "Saving…" : "Save changes"}
                  </button>
                </div>
              </Form>
            </div>
          </div>
        ) : loaded.can.plan ? (
          <div className="panel plan-side">
            <h2>Move or reassign</h2>
            <p className="muted">
              This appointment is {appointment.statusText.toLowerCase()} and can no longer be moved.
              {appointment.targetId ? (
                <>
                  {" "}
                  Plan another visit from <Link to={`/targets/${appointment.targetId}`}>its work</Link>.
                </>
              ) : null}
            </p>
          </div>
        ) : null}
      </div>
    </section>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
