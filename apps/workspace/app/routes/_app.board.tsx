import { FormAlert, type FormErrors, freshKey, Notice } from "@ordinavo/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { PageError } from "~/components/page-error";
import {
  Backlog,
  type BacklogItem,
  type BoardAppointment,
  BoardGrid,
  type BoardRow,
  type Dragged,
  type DropPlace,
  Markers,
  useBoardDrag,
} from "~/components/planning-board";
import { ConflictPanel, type ConflictView } from "~/components/planning-conflicts";
import { SlotFields } from "~/components/planning-slot-fields";
import { apiFor, attempt } from "~/lib/api.server";
import { load, text } from "~/lib/load.server";
import {
  appointmentTone,
  clockText,
  dayText,
  durationText,
  firstFreeStart,
  minutesOfClock,
  movableStatuses,
} from "~/lib/planning-display";
import {
  addDays,
  appointmentStatusText,
  clock,
  isDay,
  isoWeekNumber,
  isUuid,
  localSlot,
  slotErrorFields,
  slotFromFields,
  todayIn,
} from "~/lib/planning-time";
import planningCss from "~/styles/planning.css?url";

export const links = () => [{ rel: "stylesheet", href: planningCss }];

export const meta: MetaFunction = () => [{ title: "Dispatch board · Ordinavo Workspace" }];

const backlogLimit = 50;
const defaultRange = { from: 7 * 60, to: 19 * 60 };

export async function loader(args: LoaderFunctionArgs) {
  const url = new URL(args.request.url);
  const { api } = await apiFor(args);
  const me = await load(args.request, () => api.session.me());
  const timeZone = me.active?.timeZone ?? "UTC";
  const today = todayIn(timeZone);
  const dayParam = url.searchParams.get("day");
  const day = isDay(dayParam) ? dayParam : today;
  const span: "day" | "week" = url.searchParams.get("span") === "day" ? "day" : "week";
  const board = await load(args.request, () => api.board.view({ day, span }));
  const canPlan = board.can.plan;
  const seesEveryone = me.active?.role !== "employee";

  const appointments: BoardAppointment[] = board.appointments.map((a) => {
    const slot = localSlot(a.plannedStart, a.plannedEnd, board.timeZone);
    // Work that began the evening before still shows on the first day in view, from midnight.
    const before = !board.days.includes(slot.day);
    return {
      id: a.id,
      targetId: a.targetId,
      targetTitle: a.targetTitle,
      customerName: a.customerName,
      locationName: a.locationName,
      city: a.city,
      employeeId: a.assignedEmployeeId,
      day: before ? board.days[0]! : slot.day,
      startMinute: before ? 0 : slot.startMinute,
      endMinute: before ? Math.max(15, slot.endMinute - 24 * 60) : slot.endMinute,
      timeText: `${slot.start}–${slot.end}`,
      status: a.status,
      statusText: appointmentStatusText(a.status),
      fixedTime: a.fixedTime,
      recurring: a.recurring,
      overlaps: a.overlaps,
    };
  });

  const rows: BoardRow[] = [
    ...(seesEveryone ? [{ id: null, name: "Unassigned" }] : []),
    ...board.employees.map((e) => ({ id: e.id, name: e.name, isMe: e.id === me.user.id })),
  ];
  const known = new Set(rows.map((r) => r.id));
  for (const a of appointments) {
    if (a.employeeId && !known.has(a.employeeId)) {
      rows.push({ id: a.employeeId, name: "Former member" });
      known.add(a.employeeId);
    }
  }

  // The day view widens beyond 07:00–19:00 when work starts earlier or ends later.
  const range = { ...defaultRange };
  if (span === "day") {
    for (const a of appointments) {
      range.from = Math.min(range.from, Math.floor(a.startMinute / 60) * 60);
      range.to = Math.max(range.to, Math.min(24 * 60, Math.ceil(a.endMinute / 60) * 60));
    }
  }

  // The plain-form panels: ?move=<appointment> and ?plan=<target>.
  const moveId = url.searchParams.get("move");
  const planId = url.searchParams.get("plan");
  const [moving, planning, assignees] = await Promise.all([
    canPlan && isUuid(moveId) ? attempt(() => api.appointments.get({ appointmentId: moveId })) : null,
    canPlan && isUuid(planId) && !board.backlog.some((t) => t.id === planId)
      ? attempt(() => api.targets.get({ targetId: planId }))
      : null,
    canPlan && (isUuid(moveId) || isUuid(planId)) ? load(args.request, () => api.board.assignees()) : [],
  ]);

  let move = null;
  if (moving?.ok) {
    const a = moving.value.appointment;
    move = {
      id: a.id,
      targetTitle: moving.value.targetTitle,
      customerName: moving.value.customerName,
      assigneeName: moving.value.assigneeName,
      assignedEmployeeId: a.assignedEmployeeId ?? null,
      statusText: appointmentStatusText(a.status),
      movable: movableStatuses.includes(a.status),
      slot: localSlot(a.plannedStart, a.plannedEnd, timeZone),
    };
  }
  let plan = null;
  const inBacklog = board.backlog.find((t) => t.id === planId);
  if (canPlan && inBacklog) {
    plan = {
      id: inBacklog.id,
      title: inBacklog.title,
      customerName: inBacklog.customerName,
      workMinutes: inBacklog.workMinutes,
      plannable: true,
    };
  } else if (planning?.ok) {
    const t = planning.value.target;
    plan = {
      id: t.id,
      title: t.title,
      customerName: planning.value.customerName,
      workMinutes: 60,
      plannable: t.status === "open" || t.status === "planned",
    };
  }

  return {
    timeZone: board.timeZone,
    today,
    day,
    span,
    days: board.days,
    weekNumber: isoWeekNumber(board.days[0]!),
    prev: addDays(day, span === "week" ? -7 : -1),
    next: addDays(day, span === "week" ? 7 : 1),
    rows,
    appointments,
    range,
    nowMinute:
      span === "day" && day === today ? localSlot(new Date(), new Date(), timeZone).startMinute : null,
    backlog: board.backlog,
    canPlan,
    seesEveryone,
    assignees,
    move,
    missingMove: Boolean(moveId) && canPlan && !move,
    plan: plan
      ? {
          ...plan,
          defaults: {
            day: span === "week" && day.localeCompare(today) < 0 ? today : day,
            start: "08:00",
            end: clock(8 * 60 + plan.workMinutes),
          },
        }
      : null,
    missingPlan: Boolean(planId) && canPlan && !plan,
    notice: url.searchParams.get("notice"),
  };
}

type Values = Record<string, string>;

type Outcome =
  | { intent: string; state: "done"; notice: string; values: Values }
  | { intent: string; state: "conflicts"; conflicts: ConflictView[]; values: Values }
  | { intent: string; state: "error"; errors: FormErrors; values: Values };

export async function action(args: ActionFunctionArgs) {
  const url = new URL(args.request.url);
  const form = await args.request.formData();
  const intent = text(form, "intent");
  const viaScript = text(form, "via") === "js";
  const values: Values = {};
  for (const name of [
    "intent",
    "via",
    "appointmentId",
    "targetId",
    "day",
    "start",
    "end",
    "duration",
    "assignedEmployeeId",
    "label",
    "who",
  ]) {
    const value = text(form, name);
    if (value) values[name] = value;
  }
  if (form.has("fixedTime")) values.fixedTime = "on";
  const reply = (outcome: Outcome, status = 200) => data(outcome, { status });
  const refuse = (errors: FormErrors, status: number) =>
    reply(
      { intent, state: "error", errors: { ...errors, fields: slotErrorFields(errors.fields) }, values },
      status,
    );

  if (intent !== "move" && intent !== "plan") {
    return refuse({ message: "This form is out of date. Reload the page and try again.", fields: {} }, 400);
  }
  const { api } = await apiFor(args);
  const me = await load(args.request, () => api.session.me());
  const timeZone = me.active?.timeZone ?? "UTC";
  const slot = slotFromFields(
    { day: values.day ?? "", start: values.start ?? "", end: values.end, duration: values.duration },
    timeZone,
  );
  if (!slot.ok) return refuse({ message: "Some fields need attention.", fields: slot.fields }, 400);
  const allowConflicts = form.has("allowConflicts");
  const assignedEmployeeId = values.assignedEmployeeId ?? "";

  const result =
    intent === "move"
      ? await attempt(() =>
          api.appointments.reschedule({
            appointmentId: values.appointmentId ?? "",
            plannedStart: slot.plannedStart,
            plannedEnd: slot.plannedEnd,
            assignedEmployeeId,
            allowConflicts,
          }),
        )
      : await attempt(() =>
          api.appointments.create({
            targetId: values.targetId ?? "",
            plannedStart: slot.plannedStart,
            plannedEnd: slot.plannedEnd,
            assignedEmployeeId,
            fixedTime: form.has("fixedTime"),
            allowConflicts,
          }),
        );
  if (!result.ok) return refuse(result.errors, result.status);
  const { appointment, conflicts } = result.value;
  if (!appointment) return reply({ intent, state: "conflicts", conflicts, values });

  const when = `${dayText(localSlot(appointment.plannedStart, appointment.plannedEnd, timeZone).day)}, ${localSlot(appointment.plannedStart, appointment.plannedEnd, timeZone).start}`;
  if (viaScript) {
    const what = values.label ? `“${values.label}”` : intent === "move" ? "The appointment" : "The work";
    const who = values.who ? ` for ${values.who}` : assignedEmployeeId ? "" : ", not assigned";
    const verb = intent === "move" ? "moved to" : "planned for";
    const double = conflicts.length ? " It overlaps with other work." : "";
    return reply({ intent, state: "done", notice: `${what} ${verb} ${when}${who}.${double}`, values });
  }
  const span = url.searchParams.get("span") === "day" ? "day" : "week";
  const notice = `${intent === "move" ? "moved" : "planned"}${conflicts.length ? "-double" : ""}`;
  return redirect(`/board?day=${values.day}&span=${span}&notice=${notice}`);
}

const notices: Record<string, string> = {
  moved: "Appointment moved.",
  "moved-double": "Appointment moved. It overlaps with other work of the employee.",
  planned: "Appointment planned.",
  "planned-double": "Appointment planned. It overlaps with other work of the employee.",
};

/** Focuses a panel's heading when the panel opens, so keyboard users land on it. */
function useFocusOnOpen(key: string | null) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (key) ref.current?.focus();
  }, [key]);
  return ref;
}

export default function DispatchBoard() {
  const loaded = useLoaderData<typeof loader>();
  const { day, span, days, today, rows, canPlan, timeZone } = loaded;
  const fetcher = useFetcher<typeof action>({ key: "board-drop" });
  const navigation = useNavigation();
  const actionData = useActionData<typeof action>();
  const drag = useBoardDrag();
  const [dismissed, setDismissed] = useState<object | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);

  const boardUrl = (change: Record<string, string | null>) => {
    const params = new URLSearchParams({ day, span });
    for (const [key, value] of Object.entries(change)) {
      if (value === null) params.delete(key);
      else params.set(key, value);
    }
    return `/board?${params}`;
  };
  const here = boardUrl({});

  // What the drag-and-drop request is doing right now: the moved card waits at its new place.
  const pending = fetcher.state !== "idle" ? fetcher.formData : undefined;
  const pendingIds = new Set<string>();
  let appointments = loaded.appointments;
  const ghosts: BoardAppointment[] = [];
  if (pending) {
    const startMinute = minutesOfClock(String(pending.get("start") ?? "")) ?? Number.NaN;
    const duration = Number(pending.get("duration"));
    const employeeId = (pending.get("assignedEmployeeId") as string) || null;
    const pendingDay = pending.get("day") as string;
    const moved = pending.get("appointmentId") as string | null;
    if (moved) {
      pendingIds.add(moved);
      appointments = appointments.map((a) =>
        a.id === moved && Number.isFinite(startMinute)
          ? {
              ...a,
              day: pendingDay,
              employeeId,
              startMinute,
              endMinute: startMinute + duration,
              timeText: `${clockText(startMinute)}–${clockText(startMinute + duration)}`,
            }
          : a,
      );
    } else if (pending.get("targetId") && Number.isFinite(startMinute)) {
      const target = loaded.backlog.find((t) => t.id === pending.get("targetId"));
      if (target) {
        ghosts.push({
          id: `ghost:${target.id}`,
          targetId: target.id,
          targetTitle: target.title,
          customerName: target.customerName,
          locationName: target.locationName,
          city: null,
          employeeId,
          day: pendingDay,
          startMinute,
          endMinute: startMinute + duration,
          timeText: `${clockText(startMinute)}–${clockText(startMinute + duration)}`,
          status: "scheduled",
          statusText: "Planning…",
          fixedTime: false,
          recurring: false,
          overlaps: false,
        });
      }
    }
  }
  const plannedIds = new Set(ghosts.map((g) => g.targetId));
  const backlog = loaded.backlog.filter((t) => !plannedIds.has(t.id));

  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const showConflicts = result?.state === "conflicts" && result !== dismissed;
  const showError = result?.state === "error" && result !== dismissed;
  useEffect(() => {
    const box = dialog.current;
    if (!box) return;
    if (showConflicts && !box.open) box.showModal();
    if (!showConflicts && box.open) box.close();
  }, [showConflicts]);

  const rowName = (id: string | null | undefined) => rows.find((r) => r.id === (id || null))?.name;

  const onDrop = (dragged: Dragged, place: DropPlace) => {
    const who = place.employeeId ? (rowName(place.employeeId) ?? "") : "";
    if (dragged.kind === "appointment") {
      const a = dragged.item;
      const duration = a.endMinute - a.startMinute;
      const start = place.minute ?? a.startMinute;
      if (place.day === a.day && place.employeeId === a.employeeId && start === a.startMinute) return;
      fetcher.submit(
        {
          intent: "move",
          via: "js",
          appointmentId: a.id,
          day: place.day,
          start: clockText(start),
          duration: String(duration),
          assignedEmployeeId: place.employeeId ?? "",
          label: a.targetTitle,
          who,
        },
        { method: "post", action: here },
      );
      return;
    }
    const t: BacklogItem = dragged.item;
    const busy = loaded.appointments.filter(
      (a) => a.employeeId === place.employeeId && a.day === place.day && a.status !== "no_show",
    );
    const start = place.minute ?? (place.employeeId ? firstFreeStart(busy, t.workMinutes) : 8 * 60);
    fetcher.submit(
      {
        intent: "plan",
        via: "js",
        targetId: t.id,
        day: place.day,
        start: clockText(start),
        duration: String(t.workMinutes),
        assignedEmployeeId: place.employeeId ?? "",
        label: t.title,
        who,
      },
      { method: "post", action: here },
    );
  };

  const moveRef = useFocusOnOpen(loaded.move?.id ?? null);
  const planRef = useFocusOnOpen(loaded.plan?.id ?? null);
  const panelResult = actionData && navigation.state === "idle" ? actionData : undefined;
  const panelErrors = panelResult?.state === "error" ? panelResult.errors : null;
  const panelValues = panelResult?.values;
  const panelConflicts = panelResult?.state === "conflicts" ? panelResult.conflicts : null;
  const busy = navigation.state === "submitting";

  const title =
    span === "week"
      ? `${dayText(days[0]!, "dayMonth")} – ${dayText(days[days.length - 1]!, "date")}`
      : dayText(day, "long");
  const isCurrent = span === "week" ? days.includes(today) : day === today;
  const total = loaded.appointments.length;
  const unassigned = loaded.appointments.filter((a) => a.employeeId === null).length;

  return (
    <section className="stack board-page">
      <header className="plan-page-head">
        <div>
          <p className="eyebrow">{loaded.seesEveryone ? "Planning" : "Dispatch board"}</p>
          <h1>{loaded.seesEveryone ? "Dispatch board" : "My schedule"}</h1>
          <p className="muted">
            {canPlan
              ? "Who goes where, and when. Drag a card to move it, or drag work from the backlog onto a day."
              : loaded.seesEveryone
                ? "Who goes where, and when. Planning is up to the dispatchers."
                : "Your planned visits."}
          </p>
        </div>
      </header>

      {loaded.notice && notices[loaded.notice] ? <Notice>{notices[loaded.notice]}</Notice> : null}
      <div aria-live="polite" className="board-live">
        {result?.state === "done" ? (
          <div className="board-toast" key={freshKey(result)}>
            <Notice>{result.notice}</Notice>
          </div>
        ) : null}
      </div>
      {showError && result?.state === "error" ? (
        <div className="alert board-alert" role="alert">
          <span>
            Nothing changed{result.values.label ? ` for “${result.values.label}”` : ""}:{" "}
            {result.errors.message}
            {Object.values(result.errors.fields)
              .flat()
              .filter((m) => m !== result.errors.message)
              .map((m) => ` ${m}`)}
          </span>
          <button type="button" className="button secondary small" onClick={() => setDismissed(result)}>
            Dismiss
          </button>
        </div>
      ) : null}

      {loaded.missingMove ? (
        <div className="alert" role="alert">
          That appointment could not be found. <Link to={boardUrl({ move: null })}>Back to the board</Link>
        </div>
      ) : null}
      {loaded.move ? (
        <section className="panel board-panel" id="move" aria-labelledby="move-title">
          <h2 id="move-title" tabIndex={-1} ref={moveRef}>
            Move “{loaded.move.targetTitle}”
          </h2>
          <p className="muted small">
            {loaded.move.customerName} · now {dayText(loaded.move.slot.day)}, {loaded.move.slot.start}–
            {loaded.move.slot.end} · {loaded.move.assigneeName ?? "not assigned"} · {loaded.move.statusText}
          </p>
          {!loaded.move.movable ? (
            <>
              <p>This appointment is {loaded.move.statusText.toLowerCase()} and can no longer be moved.</p>
              <Link className="button secondary" to={boardUrl({ move: null })}>
                Close
              </Link>
            </>
          ) : panelConflicts && panelValues ? (
            <ConflictPanel
              conflicts={panelConflicts}
              values={panelValues}
              action={boardUrl({ move: loaded.move.id })}
              who={rowName(panelValues.assignedEmployeeId)}
              busy={busy}
              submitLabel="Move anyway"
              cancel={
                <Link className="button secondary" to={boardUrl({ move: loaded.move.id })}>
                  Choose another time
                </Link>
              }
            />
          ) : (
            <Form method="post" action={boardUrl({ move: loaded.move.id })} className="stack">
              <input type="hidden" name="intent" value="move" />
              <input type="hidden" name="appointmentId" value={loaded.move.id} />
              <FormAlert errors={panelErrors} />
              <SlotFields
                key={panelValues ? JSON.stringify(panelValues) : loaded.move.id}
                idPrefix="move"
                values={{
                  day: panelValues?.day ?? loaded.move.slot.day,
                  start: panelValues?.start ?? loaded.move.slot.start,
                  end: panelValues?.end ?? loaded.move.slot.end,
                  assignedEmployeeId: panelValues
                    ? (panelValues.assignedEmployeeId ?? "")
                    : (loaded.move.assignedEmployeeId ?? ""),
                }}
                errors={panelErrors}
                assignees={loaded.assignees}
                timeZone={timeZone}
              />
              <div className="actions">
                <button type="submit" className="button" disabled={busy}>
                  {busy ? "Moving…" : "Move appointment"}
                </button>
                <Link className="button secondary" to={boardUrl({ move: null })}>
                  Cancel
                </Link>
              </div>
            </Form>
          )}
        </section>
      ) : null}

      {loaded.missingPlan ? (
        <div className="alert" role="alert">
          That work could not be found. <Link to={boardUrl({ plan: null })}>Back to the board</Link>
        </div>
      ) : null}
      {loaded.plan ? (
        <section className="panel board-panel" id="plan" aria-labelledby="plan-title">
          <h2 id="plan-title" tabIndex={-1} ref={planRef}>
            Plan “{loaded.plan.title}”
          </h2>
          <p className="muted small">
            {loaded.plan.customerName} · usually {durationText(loaded.plan.workMinutes)}
          </p>
          {!loaded.plan.plannable ? (
            <>
              <p>Only open or planned work can get appointments.</p>
              <Link className="button secondary" to={boardUrl({ plan: null })}>
                Close
              </Link>
            </>
          ) : panelConflicts && panelValues ? (
            <ConflictPanel
              conflicts={panelConflicts}
              values={panelValues}
              action={boardUrl({ plan: loaded.plan.id })}
              who={rowName(panelValues.assignedEmployeeId)}
              busy={busy}
              cancel={
                <Link className="button secondary" to={boardUrl({ plan: loaded.plan.id })}>
                  Choose another time
                </Link>
              }
            />
          ) : (
            <Form method="post" action={boardUrl({ plan: loaded.plan.id })} className="stack">
              <input type="hidden" name="intent" value="plan" />
              <input type="hidden" name="targetId" value={loaded.plan.id} />
              <FormAlert errors={panelErrors} />
              <SlotFields
                key={panelValues ? JSON.stringify(panelValues) : loaded.plan.id}
                idPrefix="plan"
                values={{
                  day: panelValues?.day ?? loaded.plan.defaults.day,
                  start: panelValues?.start ?? loaded.plan.defaults.start,
                  end: panelValues?.end ?? loaded.plan.defaults.end,
                  assignedEmployeeId: panelValues?.assignedEmployeeId ?? "",
                  fixedTime: panelValues?.fixedTime === "on",
                }}
                errors={panelErrors}
                assignees={loaded.assignees}
                timeZone={timeZone}
                showFixedTime
              />
              <div className="actions">
                <button type="submit" className="button" disabled={busy}>
                  {busy ? "Planning…" : "Plan appointment"}
                </button>
                <Link className="button secondary" to={boardUrl({ plan: null })}>
                  Cancel
                </Link>
              </div>
            </Form>
          )}
        </section>
      ) : null}

      <div className="board-toolbar">
        <nav className="board-nav" aria-label={span === "week" ? "Weeks" : "Days"}>
          <Link className="button secondary small" to={boardUrl({ day: loaded.prev })}>
            ← <span className="visually-hidden">{span === "week" ? "Previous week" : "Previous day"}</span>
          </Link>
          <Link
            className="button secondary small"
            to={boardUrl({ day: today })}
            aria-current={isCurrent ? "date" : undefined}
          >
            Today
          </Link>
          <Link className="button secondary small" to={boardUrl({ day: loaded.next })}>
            <span className="visually-hidden">{span === "week" ? "Next week" : "Next day"}</span> →
          </Link>
        </nav>
        <h2 className="board-title">
          {span === "week" ? <span className="board-week-no">Week {loaded.weekNumber}</span> : null}
          {title}
        </h2>
        <nav className="board-views" aria-label="View">
          <Link
            className={`board-view${span === "week" ? " is-current" : ""}`}
            aria-current={span === "week" ? "page" : undefined}
            to={boardUrl({ span: "week" })}
          >
            Week
          </Link>
          <Link
            className={`board-view${span === "day" ? " is-current" : ""}`}
            aria-current={span === "day" ? "page" : undefined}
            to={boardUrl({ span: "day", day: span === "week" && days.includes(today) ? today : day })}
          >
            Day
          </Link>
        </nav>
        <Form method="get" action="/board" className="board-goto">
          <input type="hidden" name="span" value={span} />
          <label htmlFor="board-day" className="visually-hidden">
            Go to date
          </label>
          <input id="board-day" type="date" name="day" defaultValue={day} key={day} />
          <button type="submit" className="button secondary small">
            Go
          </button>
        </Form>
      </div>

      <p className="board-summary muted small">
        {total === 0
          ? span === "week"
            ? "Nothing planned this week."
            : "Nothing planned on this day."
          : `${total} appointment${total === 1 ? "" : "s"}${loaded.seesEveryone ? ` · ${unassigned} not assigned` : ""}`}
        {canPlan ? ` · Times in ${timeZone.replace(/_/g, " ")}` : ""}
      </p>

      <div className={`board-layout${canPlan ? " has-backlog" : ""}`}>
        {canPlan ? (
          <Backlog
            items={backlog}
            canDrag={canPlan}
            planHref={(id) => `${boardUrl({ plan: id, move: null })}#plan`}
            limitReached={loaded.backlog.length >= backlogLimit}
            drag={drag}
          />
        ) : null}
        <BoardGrid
          span={span}
          days={days}
          today={today}
          rows={rows}
          appointments={appointments}
          range={loaded.range}
          nowMinute={loaded.nowMinute}
          canPlan={canPlan}
          pendingIds={pendingIds}
          ghosts={ghosts}
          moveHref={(id) => `${boardUrl({ move: id, plan: null })}#move`}
          dayHref={(d) => boardUrl({ day: d, span: "day" })}
          drag={drag}
          onDrop={onDrop}
        />
      </div>

      <Legend canPlan={canPlan} />

      <dialog
        ref={dialog}
        className="board-dialog"
        aria-labelledby="conflict-dialog-title"
        onClose={() => {
          if (result?.state === "conflicts") setDismissed(result);
        }}
      >
        {showConflicts && result?.state === "conflicts" ? (
          <>
            <p className="visually-hidden" id="conflict-dialog-title">
              Double booking
            </p>
            <ConflictPanel
              conflicts={result.conflicts}
              values={result.values}
              action={here}
              form={fetcher.Form}
              who={result.values.who || null}
              busy={fetcher.state !== "idle"}
              submitLabel={result.intent === "move" ? "Move anyway" : "Plan anyway"}
              cancel={
                <button type="button" className="button secondary" onClick={() => setDismissed(result)}>
                  Cancel
                </button>
              }
            />
          </>
        ) : null}
      </dialog>
    </section>
  );
}

function Legend({ canPlan }: { canPlan: boolean }) {
  const statuses: [string, string][] = [
    ["scheduled", "Scheduled"],
    ["confirmed", "Confirmed"],
    ["en_route", "On the way or on site"],
    ["completed", "Completed"],
    ["no_show", "No-show"],
  ];
  return (
    <div className="board-legend small muted">
      <ul aria-label="Colours and markers">
        {statuses.map(([status, label]) => (
          <li key={status}>
            <span className={`board-swatch tone-${appointmentTone[status]}`} aria-hidden="true" /> {label}
          </li>
        ))}
        <li>
          <Markers recurring fixedTime={false} /> Recurring
        </li>
        <li>
          <Markers recurring={false} fixedTime /> Fixed time
        </li>
        <li>
          <Markers recurring={false} fixedTime={false} overlaps /> Overlaps another visit
        </li>
      </ul>
      {canPlan ? (
        <p>
          Without a mouse: open a card’s <strong>Move…</strong> link or a backlog item’s{" "}
          <strong>Plan…</strong> link. Dropping work on a day in the week view plans it at the first free time
          from 08:00; in the day view, where you drop it.
        </p>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
