import { appointmentStatusSets } from "@ordinavo/domain";
import type { LoaderFunctionArgs } from "@remix-run/node";
import {
  addDays,
  appointmentStatusText,
  clock,
  isDay,
  isoWeekNumber,
  isUuid,
  localSlot,
  todayIn,
} from "~/lib/planning-time";
import { attempt, load, requireWorkspace } from "~/lib/require.server";
import type { Viewer } from "./model";

// What the dispatch board's page loads on the server: the board's data as the API gives it (the
// browser keeps it in its query cache and redraws from it), who is looking, and the plain-form
// panels (?move=<appointment>, ?plan=<target>) that work without JavaScript.

export const backlogLimit = 50;

/** A board address's own parameters: ?day, ?span and the backlog filter ?q. */
export function boardParams(url: URL) {
  return {
    day: url.searchParams.get("day"),
    span: (url.searchParams.get("span") === "day" ? "day" : "week") as "day" | "week",
    filter: (url.searchParams.get("q") ?? "").slice(0, 100),
  };
}

export async function loadBoard(args: LoaderFunctionArgs) {
  const url = new URL(args.request.url);
  const { api, me } = await requireWorkspace(args);
  const timeZone = me.active?.timeZone ?? "UTC";
  const today = todayIn(timeZone);
  const params = boardParams(url);
  const day = isDay(params.day) ? params.day : today;
  const { span } = params;
  const board = await load(args.request, () => api.board.view({ day, span }));
  const canPlan = board.can.plan;
  const viewer: Viewer = {
    userId: me.user.id,
    movableStatuses: appointmentStatusSets.movable,
    busyStatuses: appointmentStatusSets.holdsTime,
  };

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
      movable: moving.value.can.move,
      slot: localSlot(a.plannedStart, a.plannedEnd, timeZone),
      /** Where it is now, for Undo after the move. */
      previous: {
        plannedStart: a.plannedStart,
        plannedEnd: a.plannedEnd,
        assignedEmployeeId: a.assignedEmployeeId ?? null,
      },
    };
  }
  let plan = null;
  const inBacklog = board.backlog.find((t) => t.id === planId);
  if (canPlan && inBacklog) {
    plan = { ...inBacklog, plannable: true };
  } else if (planning?.ok) {
    const t = planning.value.target;
    plan = {
      id: t.id,
      title: t.title,
      customerName: planning.value.customerName,
      workMinutes: 60,
      plannable: planning.value.can.plan,
    };
  }

  return {
    board,
    viewer,
    timeZone: board.timeZone,
    today,
    day,
    span,
    filter: params.filter,
    weekNumber: isoWeekNumber(board.days[0]!),
    prev: addDays(day, span === "week" ? -7 : -1),
    next: addDays(day, span === "week" ? 7 : 1),
    nowMinute:
      span === "day" && day === today ? localSlot(new Date(), new Date(), timeZone).startMinute : null,
    backlogLimitReached: board.backlog.length >= backlogLimit,
    backlogExpanded: url.searchParams.get("backlog") === "all",
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
    undo: undoFromUrl(url, timeZone),
  };
}

/**
 * After a move without JavaScript the address says where the appointment was
 * (?undo=<id>&was=<start>~<end>~<employee>), so the notice can offer to move it back.
 */
function undoFromUrl(url: URL, timeZone: string) {
  const id = url.searchParams.get("undo");
  const [start, end, employee = ""] = (url.searchParams.get("was") ?? "").split("~");
  const from = new Date(start ?? "");
  const to = new Date(end ?? "");
  if (!isUuid(id) || Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return null;
  if (employee && !isUuid(employee)) return null;
  const slot = localSlot(from, to, timeZone);
  return { appointmentId: id, day: slot.day, start: slot.start, end: slot.end, assignedEmployeeId: employee };
}

export type BoardLoad = Awaited<ReturnType<typeof loadBoard>>;
