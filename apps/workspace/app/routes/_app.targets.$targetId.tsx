import { appointmentIs } from "@ordinavo/domain/machines";
import type { priorities, TargetStatus } from "@ordinavo/domain/vocabulary";
import { FormAlert, type FormErrors, Notice } from "@ordinavo/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ConfirmPanel } from "~/components/confirm";
import { PageError } from "~/components/page-error";
import { PriorityBadge, TargetStatusBadge } from "~/components/planning-badges";
import {
  TargetAppointments,
  TargetEditForm,
  TargetFacts,
  type TargetUpdateValues,
} from "~/components/planning-target-details";
import { TargetPlanSide } from "~/components/planning-target-plan";
import { dayText } from "~/lib/planning-display";
import {
  appointmentStatusText,
  clock,
  isUuid,
  localSlot,
  nextWorkingDay,
  slotErrorFields,
  slotFromFields,
  targetStatusText,
  todayIn,
} from "~/lib/planning-time";
import { attempt, load, requireWorkspace, text } from "~/lib/require.server";
import planningCss from "~/styles/planning.css?url";

export const links = () => [{ rel: "stylesheet", href: planningCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.target.title ?? "Target"} · Ordinavo Workspace` },
];

/** What the button of each next status says, and whether it asks first. */
const statusActions: Record<TargetStatus, { label: (from: TargetStatus) => string; confirm: boolean }> = {
  open: { label: (from) => (from === "planned" ? "Back to open" : "Reopen"), confirm: false },
  planned: { label: () => "Mark as planned", confirm: false },
  in_progress: { label: () => "Mark in progress", confirm: false },
  done: { label: () => "Mark done…", confirm: true },
  cancelled: { label: () => "Cancel this work…", confirm: true },
};

export async function loader(args: LoaderFunctionArgs) {
  const targetId = args.params.targetId;
  if (!isUuid(targetId)) throw new Response("Not found", { status: 404 });
  const url = new URL(args.request.url);
  const { api, me } = await requireWorkspace(args);
  const detail = await load(args.request, () => api.targets.get({ targetId }));
  const timeZone = me.active?.timeZone ?? "UTC";
  const { target } = detail;
  const editing = url.searchParams.has("edit") && detail.can.edit;
  const plannable = detail.can.plan;
  const rolePlans = Boolean(me.active?.allowedActions.includes("appointment.write"));
  const readsReports = Boolean(me.active?.allowedActions.includes("visit_report.read"));
  const [customer, assignees, origin] = await Promise.all([
    // The customer's places give the address, the edit form's choices and the usual visit length.
    target.customerId ? attempt(() => api.customers.get({ customerId: target.customerId! })) : null,
    plannable ? load(args.request, () => api.board.assignees()) : [],
    // Follow-up work links back to the visit report that asked for it (when the viewer may read it).
    target.source === "follow_up" && readsReports
      ? attempt(() => api.reports.ofFollowUpTarget({ targetId }))
      : null,
  ]);
  const places = customer?.ok ? customer.value : null;
  const location = places?.locations.find((l) => l.id === target.locationId);
  const workMinutes = location?.defaultWorkMinutes ?? 60;
  const today = todayIn(timeZone);
  const confirmParam = url.searchParams.get("status") as TargetStatus | null;
  // Cancelling the work cancels the visits nobody has set off for yet.
  const activeAppointments = detail.appointments.filter((a) => appointmentIs("movable", a.status));

  return {
    timeZone,
    today,
    target: {
      id: target.id,
      title: target.title,
      description: target.description ?? null,
      status: target.status,
      statusText: targetStatusText(target.status),
      priority: target.priority ?? "normal",
      dueDate: target.dueDate ?? null,
      source: target.source ?? null,
      customerId: target.customerId ?? null,
      locationId: target.locationId ?? null,
      contactId: target.contactId ?? null,
      createdAt: target.createdAt ?? null,
      completedAt: target.completedAt ?? null,
    },
    followUpOf: origin?.ok ? origin.value : null,
    customerName: detail.customerName,
    locationName: detail.locationName,
    contactName: detail.contactName,
    address: location
      ? [location.addressLine1, location.postalCode, location.city].filter(Boolean).join(", ")
      : null,
    nextStatuses: detail.nextStatuses.map((status) => ({
      status,
      label: statusActions[status].label(target.status),
      confirm: statusActions[status].confirm,
      text: targetStatusText(status),
    })),
    confirming:
      confirmParam && detail.nextStatuses.includes(confirmParam) && statusActions[confirmParam].confirm
        ? {
            status: confirmParam,
            text: targetStatusText(confirmParam),
            activeAppointments: activeAppointments.length,
          }
        : null,
    appointments: detail.appointments.map((a) => ({
      id: a.id,
      status: a.status,
      statusText: appointmentStatusText(a.status),
      slot: localSlot(a.plannedStart, a.plannedEnd, timeZone),
      assigneeName: a.assigneeName,
      fixedTime: a.fixedTime ?? false,
      recurring: Boolean(a.recurringOccurrenceId),
    })),
    can: detail.can,
    /** The viewer plans, but this work takes no appointments now (and why). */
    planBlocked:
      rolePlans && !detail.can.plan ? (target.status === "in_progress" ? "in_progress" : "closed") : null,
    edit: editing
      ? {
          locations: (places?.locations ?? []).map((l) => ({ id: l.id, name: l.name, city: l.city ?? null })),
          contacts: (places?.contacts ?? []).map((p) => ({ id: p.id, name: p.name, role: p.role ?? null })),
        }
      : null,
    plan: plannable
      ? {
          workMinutes,
          assignees,
          defaults: {
            day: nextWorkingDay(today),
            start: "08:00",
            end: clock(8 * 60 + workMinutes),
            assignedEmployeeId: "",
            fixedTime: false,
          },
        }
      : null,
    notice: url.searchParams.get("notice"),
    newAppointmentId: isUuid(url.searchParams.get("appointment"))
      ? url.searchParams.get("appointment")
      : null,
  };
}

type PlanValues = Record<string, string>;
type UpdateValues = TargetUpdateValues;
type Conflict = { appointmentId: string; message: string };

type Outcome =
  | { intent: "status" | "other"; errors: FormErrors }
  | { intent: "update"; errors: FormErrors; values: UpdateValues }
  | { intent: "plan"; errors: FormErrors | null; conflicts: Conflict[] | null; values: PlanValues };

export async function action(args: ActionFunctionArgs) {
  const targetId = args.params.targetId ?? "";
  const form = await args.request.formData();
  const intent = text(form, "intent");
  const { api, me } = await requireWorkspace(args);
  const here = `/targets/${targetId}`;

  if (intent === "status") {
    const status = text(form, "status") as TargetStatus;
    const result = await attempt(() => api.targets.changeStatus({ targetId, status }));
    if (!result.ok) return data<Outcome>({ intent, errors: result.errors }, { status: result.status });
    return redirect(`${here}?notice=status`);
  }

  if (intent === "update") {
    const values: UpdateValues = {
      locationId: text(form, "locationId"),
      contactId: text(form, "contactId"),
      title: text(form, "title"),
      description: text(form, "description"),
      priority: text(form, "priority"),
      dueDate: text(form, "dueDate"),
    };
    const result = await attempt(() =>
      api.targets.update({ targetId, ...values, priority: values.priority as (typeof priorities)[number] }),
    );
    if (!result.ok)
      return data<Outcome>({ intent, errors: result.errors, values }, { status: result.status });
    return redirect(`${here}?notice=updated`);
  }

  if (intent === "plan") {
    const values: PlanValues = {
      intent,
      day: text(form, "day"),
      start: text(form, "start"),
      end: text(form, "end"),
      assignedEmployeeId: text(form, "assignedEmployeeId"),
    };
    if (form.has("fixedTime")) values.fixedTime = "on";
    const slot = slotFromFields(
      { day: values.day!, start: values.start!, end: values.end },
      me.active?.timeZone ?? "UTC",
    );
    if (!slot.ok) {
      const errors: FormErrors = { message: "Some fields need attention.", fields: slot.fields };
      return data<Outcome>({ intent, errors, conflicts: null, values }, { status: 400 });
    }
    const result = await attempt(() =>
      api.appointments.create({
        targetId,
        plannedStart: slot.plannedStart,
        plannedEnd: slot.plannedEnd,
        assignedEmployeeId: values.assignedEmployeeId,
        fixedTime: form.has("fixedTime"),
        allowConflicts: form.has("allowConflicts"),
      }),
    );
    if (!result.ok) {
      const errors = { ...result.errors, fields: slotErrorFields(result.errors.fields) };
      return data<Outcome>({ intent, errors, conflicts: null, values }, { status: result.status });
    }
    const { appointment, conflicts } = result.value;
    if (!appointment) return data<Outcome>({ intent, errors: null, conflicts, values });
    return redirect(
      `${here}?notice=${conflicts.length ? "planned-double" : "planned"}&appointment=${appointment.id}`,
    );
  }

  return data<Outcome>(
    {
      intent: "other",
      errors: { message: "This form is out of date. Reload the page and try again.", fields: {} },
    },
    { status: 400 },
  );
}

function noticeText(notice: string | null, statusText: string, canPlan: boolean) {
  switch (notice) {
    case "created":
      return canPlan ? "Target created. Plan its first appointment below." : "Target created.";
    case "updated":
      return "Changes saved.";
    case "status":
      return `The target is now ${statusText.toLowerCase()}.`;
    case "planned":
      return "Appointment planned.";
    case "planned-double":
      return "Appointment planned. It overlaps with other work of the employee.";
    default:
      return null;
  }
}

export default function TargetPage() {
  const loaded = useLoaderData<typeof loader>();
  const { target, timeZone, can, plan, edit, confirming } = loaded;
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const here = `/targets/${target.id}`;
  const notice = noticeText(loaded.notice, target.statusText, can.plan);

  const statusErrors = result?.intent === "status" || result?.intent === "other" ? result.errors : null;
  const updateResult = result?.intent === "update" ? result : null;
  const planResult = result?.intent === "plan" ? result : null;

  return (
    <section className="stack">
      <header className="plan-page-head">
        <div>
          <p className="eyebrow">
            <Link to="/targets">Work</Link>
            {target.customerId ? (
              <>
                {" · "}
                <Link to={`/customers/${target.customerId}`}>{loaded.customerName}</Link>
              </>
            ) : null}
          </p>
          <h1>{target.title}</h1>
          <p className="plan-badges">
            <TargetStatusBadge status={target.status} label={target.statusText} />
            <PriorityBadge priority={target.priority} />
            {target.dueDate ? (
              <span className="muted small">
                Due <time dateTime={target.dueDate}>{dayText(target.dueDate, "date")}</time>
              </span>
            ) : null}
          </p>
        </div>
        {can.edit && !edit ? (
          <Link className="button secondary" to={`${here}?edit=1#edit`}>
            Edit details
          </Link>
        ) : null}
      </header>

      {notice ? (
        <Notice>
          {notice}{" "}
          {loaded.newAppointmentId ? (
            <Link to={`/appointments/${loaded.newAppointmentId}`}>Open the appointment</Link>
          ) : null}
        </Notice>
      ) : null}
      {statusErrors ? <FormAlert errors={statusErrors} /> : null}
      {loaded.followUpOf ? (
        <p className="panel small">
          Follow-up of the visit report{" "}
          <Link to={`/reports/${loaded.followUpOf.visitReportId}`}>“{loaded.followUpOf.title}”</Link>.
        </p>
      ) : null}

      {confirming ? (
        <ConfirmPanel
          title={confirming.status === "cancelled" ? "Cancel this work?" : "Mark this work as done?"}
          cancelTo={here}
          form={(cancel) => (
            <Form method="post" action={here} className="actions">
              <input type="hidden" name="intent" value="status" />
              <input type="hidden" name="status" value={confirming.status} />
              <button
                type="submit"
                className={confirming.status === "cancelled" ? "button danger" : "button"}
                disabled={busyIntent === "status"}
              >
                {confirming.status === "cancelled" ? "Cancel the work" : "Mark done"}
              </button>
              {cancel}
            </Form>
          )}
        >
          {confirming.status === "cancelled" ? (
            <p>
              “{target.title}” leaves the backlog and the board.
              {confirming.activeAppointments
                ? ` Its ${confirming.activeAppointments} upcoming appointment${confirming.activeAppointments === 1 ? " is" : "s are"} cancelled too.`
                : ""}{" "}
              You can reopen it later.
            </p>
          ) : (
            <p>
              Done is final: further work on “{target.title}” becomes a new target. Use this for work settled
              without a visit, or when the last visit finished it.
            </p>
          )}
        </ConfirmPanel>
      ) : null}

      <div className={`plan-detail-grid${plan || loaded.planBlocked ? "" : " is-single"}`}>
        <div className="stack">
          {edit ? (
            <TargetEditForm
              target={target}
              choices={edit}
              result={updateResult}
              busy={busyIntent === "update"}
              here={here}
            />
          ) : (
            <TargetFacts
              target={target}
              customerName={loaded.customerName}
              locationName={loaded.locationName}
              address={loaded.address}
              contactName={loaded.contactName}
              showContact={can.edit || Boolean(loaded.contactName)}
              timeZone={timeZone}
            />
          )}

          {loaded.nextStatuses.length ? (
            <div className="panel">
              <h2>Status</h2>
              <p className="muted small">
                Now <strong>{target.statusText.toLowerCase()}</strong>. Planning an appointment marks open
                work as planned by itself.
              </p>
              <div className="actions">
                {loaded.nextStatuses.map((next) =>
                  next.confirm ? (
                    <Link
                      key={next.status}
                      className={`button secondary small${next.status === "cancelled" ? " danger-text" : ""}`}
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
                        className="button secondary small"
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

          <TargetAppointments appointments={loaded.appointments} canPlanHere={Boolean(plan)} />
        </div>

        {plan ? (
          <TargetPlanSide
            plan={plan}
            result={planResult}
            here={here}
            timeZone={timeZone}
            locationName={loaded.locationName}
            busy={busyIntent === "plan"}
          />
        ) : loaded.planBlocked ? (
          <div className="panel plan-side">
            <h2>Plan an appointment</h2>
            <p className="muted">
              {loaded.planBlocked === "in_progress"
                ? "This work is in progress. Set it back to open to plan another visit."
                : `This work is ${target.statusText.toLowerCase()}; only open or planned work gets appointments.`}
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
