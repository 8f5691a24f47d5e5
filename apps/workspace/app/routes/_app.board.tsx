import { Notice } from "@ordinavo/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigate, useNavigation } from "@remix-run/react";
import { useEffect, useMemo, useState } from "react";
import { Backlog } from "~/components/board/backlog";
import { loadBoard } from "~/components/board/board.server";
import { boardAction } from "~/components/board/board-action.server";
import boardCss from "~/components/board/board-page.css?url";
import { DayGrid } from "~/components/board/day-grid";
import { Legend } from "~/components/board/legend";
import { boardModel } from "~/components/board/model";
import { MovePanel } from "~/components/board/move-panel";
import { ConflictDialog, OutcomeAlert, OutcomeToast } from "~/components/board/outcome-views";
import { PlanPanel } from "~/components/board/plan-panel";
import { BoardToolbar } from "~/components/board/toolbar";
import type { Dragged, DropPlace } from "~/components/board/types";
import { useBoardChanges } from "~/components/board/use-board-changes";
import { useBoardDrag } from "~/components/board/use-board-drag";
import { WeekGrid } from "~/components/board/week-grid";
import { PageError } from "~/components/page-error";
import { firstFreeStart } from "~/lib/planning-display";
import { plusMinutes, zonedInstant } from "~/lib/planning-time";
import { trpc } from "~/lib/trpc";
import planningCss from "~/styles/planning.css?url";

// The dispatch board. The loader renders it (and its plain forms work without JavaScript); in the
// browser the board's data lives in the query cache, moves and drops go to the API as mutations
// with an optimistic update, and the board refreshes when the window gets focus again.

export const links = () => [
  { rel: "stylesheet", href: planningCss },
  { rel: "stylesheet", href: boardCss },
];

export const meta: MetaFunction = () => [{ title: "Dispatch board · Ordinavo Workspace" }];

export const loader = (args: LoaderFunctionArgs) => loadBoard(args);
export const action = (args: ActionFunctionArgs) => boardAction(args);

const backlogKey = "ordinavo.board.backlog";

const notices: Record<string, string> = {
  moved: "Appointment moved.",
  "moved-double": "Appointment moved. It overlaps with other work of the employee.",
  "moved-back": "Appointment moved back.",
  planned: "Appointment planned.",
  "planned-double": "Appointment planned. It overlaps with other work of the employee.",
};

export default function DispatchBoard() {
  const loaded = useLoaderData<typeof loader>();
  const { day, span, today, timeZone, viewer } = loaded;
  const navigation = useNavigation();
  const navigate = useNavigate();
  const formResult = useActionData<typeof action>();
  const drag = useBoardDrag();

  const input = useMemo(() => ({ day, span }), [day, span]);
  const utils = trpc.useUtils();
  const query = trpc.board.view.useQuery(input, {
    initialData: loaded.board,
    staleTime: 10_000,
    refetchOnWindowFocus: true,
  });
  // What the loader brings (another week, after a plain form) replaces what the cache holds.
  useEffect(() => {
    utils.board.view.setData(input, loaded.board);
  }, [utils, input, loaded.board]);
  const board = query.data;
  const canPlan = board.can.plan;

  const names = new Map(board.employees.map((e) => [e.id, e.name]));
  const rowName = (id: string | null) => (id ? (names.get(id) ?? "a former member") : undefined);
  const changes = useBoardChanges({ input, timeZone, rowName });
  const model = useMemo(
    () => boardModel(board, viewer, span, changes.pendingIds),
    [board, viewer, span, changes.pendingIds],
  );

  const boardUrl = (change: Record<string, string | null>) => {
    const params = new URLSearchParams({ day, span });
    if (loaded.filter) params.set("q", loaded.filter);
    for (const [key, value] of Object.entries(change)) {
      if (value === null) params.delete(key);
      else params.set(key, value);
    }
    return `/board?${params}`;
  };
  const here = boardUrl({});

  // A move saved from the "Move…" panel closes the panel.
  const { outcome } = changes;
  useEffect(() => {
    if (outcome?.kind === "done" && outcome.origin === "panel") {
      navigate(boardUrl({ move: null }), { preventScrollReset: true });
    }
  }, [outcome]);

  const onDrop = (dragged: Dragged, place: DropPlace) => {
    if (dragged.kind === "appointment") {
      const a = dragged.item;
      const raw = board.appointments.find((x) => x.id === a.id);
      const start = place.minute ?? a.startMinute;
      if (!raw || (place.day === a.day && place.employeeId === a.employeeId && start === a.startMinute))
        return;
      const plannedStart = zonedInstant(place.day, start, timeZone);
      const length = raw.plannedEnd.getTime() - raw.plannedStart.getTime();
      void changes.move({
        appointmentId: a.id,
        plannedStart,
        plannedEnd: new Date(plannedStart.getTime() + length),
        assignedEmployeeId: place.employeeId,
        label: a.targetTitle,
        origin: "drop",
      });
      return;
    }
    const t = dragged.item;
    const busy = model.appointments.filter(
      (a) =>
        a.employeeId === place.employeeId && a.day === place.day && viewer.busyStatuses.includes(a.status),
    );
    const start = place.minute ?? (place.employeeId ? firstFreeStart(busy, t.workMinutes) : 8 * 60);
    const plannedStart = zonedInstant(place.day, start, timeZone);
    void changes.plan({
      target: t,
      plannedStart,
      plannedEnd: plusMinutes(plannedStart, t.workMinutes),
      assignedEmployeeId: place.employeeId,
    });
  };

  // The backlog can be folded away in the browser (remembered there); without JavaScript it shows.
  const [backlogShown, setBacklogShown] = useState(true);
  useEffect(() => setBacklogShown(localStorage.getItem(backlogKey) !== "hidden"), []);
  const showBacklog = (shown: boolean) => {
    setBacklogShown(shown);
    localStorage.setItem(backlogKey, shown ? "shown" : "hidden");
  };

  const formBusy = navigation.state === "submitting";
  const settledResult = formResult && navigation.state === "idle" ? formResult : undefined;
  const total = model.appointments.length;
  const unassigned = model.appointments.filter((a) => a.employeeId === null).length;
  const moveHref = (id: string) => `${boardUrl({ move: id, plan: null })}#move`;

  return (
    <section className={`board-page${canPlan ? " can-plan" : ""}`}>
      <header className="board-head">
        <h1>{board.seesEveryone ? "Dispatch board" : "My schedule"}</h1>
        <p className="muted small">
          {canPlan
            ? "Drag a card to move it, or drag work from the backlog onto a day."
            : board.seesEveryone
              ? "Who goes where, and when. Planning is up to the dispatchers."
              : "Your planned visits."}
        </p>
      </header>

      {loaded.notice && notices[loaded.notice] ? (
        <Notice>
          {notices[loaded.notice]}{" "}
          {loaded.undo && loaded.notice.startsWith("moved") && loaded.notice !== "moved-back" ? (
            <Form method="post" action={here} className="inline-form">
              {Object.entries({ intent: "undo", ...loaded.undo }).map(([name, value]) => (
                <input key={name} type="hidden" name={name} value={value} />
              ))}
              <button type="submit" className="button secondary small" disabled={formBusy}>
                Undo
              </button>
            </Form>
          ) : null}
        </Notice>
      ) : null}
      <OutcomeAlert outcome={outcome} dismiss={changes.dismiss} />

      {loaded.missingMove ? (
        <div className="alert" role="alert">
          That appointment could not be found. <Link to={boardUrl({ move: null })}>Back to the board</Link>
        </div>
      ) : null}
      {loaded.move ? (
        <MovePanel
          move={loaded.move}
          assignees={loaded.assignees}
          timeZone={timeZone}
          here={boardUrl({ move: loaded.move.id })}
          closeHref={boardUrl({ move: null })}
          formResult={settledResult}
          formBusy={formBusy}
          outcome={outcome}
          onMove={changes.move}
          moving={changes.pendingIds.has(loaded.move.id)}
          dismiss={changes.dismiss}
          rowName={rowName}
        />
      ) : null}
      {loaded.missingPlan ? (
        <div className="alert" role="alert">
          That work could not be found. <Link to={boardUrl({ plan: null })}>Back to the board</Link>
        </div>
      ) : null}
      {loaded.plan ? (
        <PlanPanel
          plan={loaded.plan}
          assignees={loaded.assignees}
          timeZone={timeZone}
          here={boardUrl({ plan: loaded.plan.id })}
          closeHref={boardUrl({ plan: null })}
          formResult={settledResult}
          busy={formBusy}
          rowName={rowName}
        />
      ) : null}

      <BoardToolbar
        span={span}
        day={day}
        days={board.days}
        today={today}
        weekNumber={loaded.weekNumber}
        prev={loaded.prev}
        next={loaded.next}
        boardUrl={boardUrl}
      />
      <p className="board-summary muted small">
        {total === 0
          ? span === "week"
            ? "Nothing planned this week."
            : "Nothing planned on this day."
          : `${total} appointment${total === 1 ? "" : "s"}${board.seesEveryone ? ` · ${unassigned} not assigned` : ""}`}
        {` · Times in ${timeZone.replace(/_/g, " ")}`}
        {query.isFetching && !query.isLoading ? " · Updating…" : ""}
        {canPlan && !backlogShown ? (
          <>
            {" · "}
            <button
              type="button"
              className="link-button"
              onClick={() => showBacklog(true)}
              aria-controls="board-backlog"
              aria-expanded="false"
            >
              Show backlog ({board.backlog.length})
            </button>
          </>
        ) : null}
      </p>

      <div className={`board-main${canPlan && backlogShown ? " has-backlog" : ""}`}>
        {span === "week" ? (
          <WeekGrid
            days={board.days}
            today={today}
            rows={model.rows}
            appointments={model.appointments}
            canPlan={canPlan}
            moveHref={moveHref}
            dayHref={(d) => boardUrl({ day: d, span: "day", move: null, plan: null })}
            drag={drag}
            onDrop={onDrop}
          />
        ) : (
          <DayGrid
            day={board.days[0]!}
            rows={model.rows}
            appointments={model.appointments}
            range={model.range}
            nowMinute={loaded.nowMinute}
            canPlan={canPlan}
            moveHref={moveHref}
            drag={drag}
            onDrop={onDrop}
          />
        )}
        {canPlan && backlogShown ? (
          <Backlog
            items={board.backlog}
            filter={loaded.filter}
            hidden={{ day, span }}
            planHref={(id) => `${boardUrl({ plan: id, move: null })}#plan`}
            limitReached={loaded.backlogLimitReached}
            expanded={loaded.backlogExpanded}
            moreHref={`${boardUrl({ backlog: "all" })}#board-backlog`}
            drag={drag}
            onHide={() => showBacklog(false)}
          />
        ) : null}
      </div>

      <Legend canPlan={canPlan} />
      <OutcomeToast outcome={outcome} dismiss={changes.dismiss} />
      <ConflictDialog outcome={outcome} busy={changes.pendingIds.size > 0} dismiss={changes.dismiss} />
    </section>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
