import { Link } from "@remix-run/react";
import {
  type CSSProperties,
  type DragEvent,
  type MutableRefObject,
  useCallback,
  useRef,
  useState,
} from "react";
import { PriorityBadge } from "~/components/planning-badges";
import {
  appointmentTone,
  assignLanes,
  clockText,
  dayText,
  durationText,
  movableStatuses,
  snap,
} from "~/lib/planning-display";

// The dispatch board's grid: rows are people (plus the unassigned lane), columns are the days of a
// week or the hours of one day. Cards and backlog items can be dragged onto a cell where a mouse is
// at hand; every card also links to a plain form ("Move…", "Plan…") that works without JavaScript.

export interface BoardAppointment {
  id: string;
  targetId: string;
  targetTitle: string;
  customerName: string;
  locationName: string | null;
  city: string | null;
  employeeId: string | null;
  day: string;
  startMinute: number;
  endMinute: number;
  timeText: string;
  status: string;
  statusText: string;
  fixedTime: boolean;
  recurring: boolean;
  /** Shares time with another visit of the same person. */
  overlaps: boolean;
}

export interface BoardRow {
  /** null: the unassigned lane. */
  id: string | null;
  name: string;
  isMe?: boolean;
}

export interface BacklogItem {
  id: string;
  title: string;
  customerName: string;
  locationName: string | null;
  priority: string;
  dueDate: string | null;
  workMinutes: number;
}

export type Dragged =
  | { kind: "appointment"; item: BoardAppointment; grabMinutes: number }
  | { kind: "target"; item: BacklogItem };

/** Where something was dropped; `minute` only in the day view, where the position is a time. */
export interface DropPlace {
  employeeId: string | null;
  day: string;
  minute: number | null;
}

/** What is being dragged, shared by the grid and the backlog beside it. */
export interface BoardDrag {
  current: MutableRefObject<Dragged | null>;
  active: boolean;
  begin: (dragged: Dragged) => void;
  end: () => void;
}

export function useBoardDrag(): BoardDrag {
  const current = useRef<Dragged | null>(null);
  const [active, setActive] = useState(false);
  const begin = useCallback((dragged: Dragged) => {
    current.current = dragged;
    setActive(true);
  }, []);
  const end = useCallback(() => {
    current.current = null;
    setActive(false);
  }, []);
  return { current, active, begin, end };
}

const laneHeight = 76; // px, one row of cards in the day timeline

function RecurringIcon() {
  return (
    <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
      <path
        d="M13 3v3.5H9.5M3 13V9.5h3.5M3.6 6.2A4.8 4.8 0 0 1 12.7 6M12.4 9.8A4.8 4.8 0 0 1 3.3 10"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

function FixedIcon() {
  return (
    <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
      <rect x="3.5" y="7" width="9" height="7" rx="1.5" fill="currentColor" />
      <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
    </svg>
  );
}

function OverlapIcon() {
  return (
    <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
      <path d="M8 1.5 15 14H1z" fill="currentColor" />
      <path d="M8 6v4M8 11.5v1" stroke="#fff" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}

export function Markers({
  recurring,
  fixedTime,
  overlaps = false,
}: {
  recurring: boolean;
  fixedTime: boolean;
  overlaps?: boolean;
}) {
  if (!recurring && !fixedTime && !overlaps) return null;
  return (
    <span className="board-markers">
      {overlaps ? (
        <span className="board-marker board-marker-warn" title="Overlaps another visit of this person">
          <OverlapIcon />
          <span className="visually-hidden"> Overlaps another visit.</span>
        </span>
      ) : null}
      {recurring ? (
        <span className="board-marker" title="Recurring visit">
          <RecurringIcon />
          <span className="visually-hidden"> Recurring visit.</span>
        </span>
      ) : null}
      {fixedTime ? (
        <span className="board-marker" title="Fixed time, agreed with the customer">
          <FixedIcon />
          <span className="visually-hidden"> Fixed time.</span>
        </span>
      ) : null}
    </span>
  );
}

function Card({
  appointment: a,
  canPlan,
  moveHref,
  pending,
  style,
  onDragStart,
  onDragEnd,
}: {
  appointment: BoardAppointment;
  canPlan: boolean;
  moveHref: string;
  pending: boolean;
  style?: CSSProperties;
  onDragStart: (event: DragEvent<HTMLLIElement>) => void;
  onDragEnd: () => void;
}) {
  const movable = canPlan && movableStatuses.includes(a.status);
  const place = [a.locationName, a.city].filter(Boolean).join(", ");
  return (
    <li
      className={`board-card tone-${appointmentTone[a.status] ?? "neutral"}${pending ? " is-pending" : ""}${movable ? " is-movable" : ""}`}
      style={style}
      draggable={movable}
      onDragStart={movable ? onDragStart : undefined}
      onDragEnd={movable ? onDragEnd : undefined}
      title={`${a.timeText} · ${a.customerName} · ${a.targetTitle}${place ? ` · ${place}` : ""} · ${a.statusText}`}
    >
      <Link to={`/appointments/${a.id}`} className="board-card-link" draggable={false} prefetch="intent">
        <span className="board-card-time">
          <span className="board-dot" aria-hidden="true" />
          {a.timeText}
          <Markers recurring={a.recurring} fixedTime={a.fixedTime} overlaps={a.overlaps} />
        </span>{" "}
        <span className="board-card-customer">{a.customerName}</span>{" "}
        <span className="board-card-title">{a.targetTitle}</span>{" "}
        {a.city ? <span className="board-card-city">{a.city}</span> : null}
        <span className="visually-hidden"> Status: {a.statusText}.</span>
      </Link>
      {movable ? (
        <Link to={moveHref} className="board-card-move" draggable={false}>
          Move…
          <span className="visually-hidden">
            {" "}
            {a.targetTitle} at {a.customerName}
          </span>
        </Link>
      ) : null}
    </li>
  );
}

export function BoardGrid({
  span,
  days,
  today,
  rows,
  appointments,
  range,
  nowMinute,
  canPlan,
  pendingIds,
  ghosts,
  moveHref,
  dayHref,
  drag,
  onDrop,
}: {
  span: "week" | "day";
  days: readonly string[];
  today: string;
  rows: readonly BoardRow[];
  appointments: readonly BoardAppointment[];
  /** The hours the day view shows, in minutes after midnight. */
  range: { from: number; to: number };
  /** Minutes after midnight now, when the day view shows today. */
  nowMinute: number | null;
  canPlan: boolean;
  pendingIds: ReadonlySet<string>;
  /** Work being planned right now (shown until the board reloads). */
  ghosts: readonly BoardAppointment[];
  moveHref: (appointmentId: string) => string;
  dayHref: (day: string) => string;
  drag: BoardDrag;
  onDrop: (dragged: Dragged, place: DropPlace) => void;
}) {
  const [over, setOver] = useState<string | null>(null);
  const dragging = drag.active;
  const length = range.to - range.from;

  const byCell = new Map<string, BoardAppointment[]>();
  for (const a of [...appointments, ...ghosts]) {
    const key = `${a.employeeId ?? ""}|${a.day}`;
    const list = byCell.get(key) ?? [];
    list.push(a);
    byCell.set(key, list);
  }

  const startDrag = (event: DragEvent<HTMLLIElement>, a: BoardAppointment) => {
    let grabMinutes = 0;
    const timeline = event.currentTarget.parentElement;
    if (span === "day" && timeline) {
      const card = event.currentTarget.getBoundingClientRect();
      grabMinutes = ((event.clientX - card.left) / timeline.getBoundingClientRect().width) * length;
    }
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", `${a.targetTitle} (${a.timeText})`);
    drag.begin({ kind: "appointment", item: a, grabMinutes });
  };
  const endDrag = () => {
    drag.end();
    setOver(null);
  };

  const dropHandlers = (key: string, employeeId: string | null, day: string) =>
    canPlan
      ? {
          onDragOver: (event: DragEvent<HTMLElement>) => {
            if (!drag.current.current) return;
            event.preventDefault();
            event.dataTransfer.dropEffect = "move";
            if (over !== key) setOver(key);
          },
          onDragLeave: (event: DragEvent<HTMLElement>) => {
            if (!event.currentTarget.contains(event.relatedTarget as Node | null)) {
              setOver((current) => (current === key ? null : current));
            }
          },
          onDrop: (event: DragEvent<HTMLElement>) => {
            event.preventDefault();
            const item = drag.current.current;
            endDrag();
            if (!item) return;
            let minute: number | null = null;
            if (span === "day") {
              const box = event.currentTarget.getBoundingClientRect();
              const at = range.from + ((event.clientX - box.left) / box.width) * length;
              const grab = item.kind === "appointment" ? item.grabMinutes : 0;
              const size =
                item.kind === "appointment"
                  ? item.item.endMinute - item.item.startMinute
                  : item.item.workMinutes;
              minute = Math.min(Math.max(snap(at - grab, 15), 0), 24 * 60 - Math.min(size, 24 * 60));
            }
            onDrop(item, { employeeId, day, minute });
          },
        }
      : {};

  const rowStats = (row: BoardRow) => {
    const mine = appointments.filter((a) => a.employeeId === row.id);
    const minutes = mine.reduce((sum, a) => sum + (a.endMinute - a.startMinute), 0);
    return mine.length
      ? `${mine.length} visit${mine.length === 1 ? "" : "s"} · ${durationText(minutes)}`
      : "No visits";
  };

  const rowHeader = (row: BoardRow) => (
    <th scope="row" className={`board-who${row.id === null ? " is-unassigned" : ""}`}>
      <span className="board-who-name">
        {row.name}
        {row.isMe ? <span className="badge tag">You</span> : null}
      </span>
      <span className="board-who-stats">{rowStats(row)}</span>
    </th>
  );

  const card = (a: BoardAppointment, style?: CSSProperties) => (
    <Card
      key={a.id}
      appointment={a}
      canPlan={canPlan && !a.id.startsWith("ghost:")}
      moveHref={moveHref(a.id)}
      pending={pendingIds.has(a.id) || a.id.startsWith("ghost:")}
      style={style}
      onDragStart={(event) => startDrag(event, a)}
      onDragEnd={endDrag}
    />
  );

  if (span === "week") {
    // An empty Saturday or Sunday gets a narrow column, so the working days have room.
    const quiet = new Set(
      days.filter((day) => {
        const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
        return (weekday === 0 || weekday === 6) && !appointments.some((a) => a.day === day);
      }),
    );
    return (
      <div className={`board-scroll${dragging ? " is-dragging" : ""}`}>
        <table
          className="board board-week"
          style={{ "--busy-days": days.length - quiet.size, "--quiet-days": quiet.size } as CSSProperties}
        >
          <caption className="visually-hidden">Appointments per person and day</caption>
          <thead>
            <tr>
              <th scope="col" className="board-corner">
                <span className="visually-hidden">Person</span>
              </th>
              {days.map((day) => (
                <th
                  key={day}
                  scope="col"
                  className={
                    [day === today ? "is-today" : "", quiet.has(day) ? "is-quiet" : ""].join(" ").trim() ||
                    undefined
                  }
                >
                  <Link to={dayHref(day)} aria-label={`${dayText(day, "long")}: open the day view`}>
                    <span className="board-weekday">{dayText(day, "weekday")}</span>{" "}
                    <span className="board-date">
                      {quiet.has(day) ? dayText(day, "dayMonth").split(" ")[0] : dayText(day, "dayMonth")}
                    </span>
                  </Link>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id ?? "unassigned"} className={row.id === null ? "is-unassigned" : undefined}>
                {rowHeader(row)}
                {days.map((day) => {
                  const key = `${row.id ?? ""}|${day}`;
                  const items = (byCell.get(key) ?? []).sort((a, b) => a.startMinute - b.startMinute);
                  return (
                    <td
                      key={day}
                      className={`board-cell${day === today ? " is-today" : ""}${over === key ? " is-over" : ""}`}
                      {...dropHandlers(key, row.id, day)}
                    >
                      {items.length ? (
                        <ul className="board-cards">{items.map((a) => card(a))}</ul>
                      ) : (
                        <span className="visually-hidden">Nothing planned</span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }

  const day = days[0]!;
  const hours: number[] = [];
  for (let m = Math.ceil(range.from / 60) * 60; m <= range.to; m += 60) hours.push(m);
  const pct = (minutes: number) => `${((minutes - range.from) / length) * 100}%`;
  return (
    <div className={`board-scroll${dragging ? " is-dragging" : ""}`}>
      <table className="board board-day">
        <caption className="visually-hidden">Appointments per person on {dayText(day, "long")}</caption>
        <thead>
          <tr>
            <th scope="col" className="board-corner">
              <span className="visually-hidden">Person</span>
            </th>
            <th scope="col" className="board-hours-head">
              <span className="visually-hidden">Time of day</span>
              <div className="board-hours" aria-hidden="true">
                {hours
                  .filter((m) => m < range.to)
                  .map((m) => (
                    <span key={m} style={{ left: pct(m) }}>
                      {clockText(m)}
                    </span>
                  ))}
              </div>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const key = `${row.id ?? ""}|${day}`;
            const items = (byCell.get(key) ?? []).sort((a, b) => a.startMinute - b.startMinute);
            const { lanes, count } = assignLanes(items);
            return (
              <tr key={row.id ?? "unassigned"} className={row.id === null ? "is-unassigned" : undefined}>
                {rowHeader(row)}
                <td className={`board-cell board-timeline-cell${over === key ? " is-over" : ""}`}>
                  <div
                    className="board-timeline"
                    style={{ "--lanes": count, "--lane-height": `${laneHeight}px` } as CSSProperties}
                    {...dropHandlers(key, row.id, day)}
                  >
                    <div className="board-hour-lines" aria-hidden="true">
                      {hours.map((m) => (
                        <span key={m} style={{ left: pct(m) }} />
                      ))}
                    </div>
                    {nowMinute !== null && nowMinute > range.from && nowMinute < range.to ? (
                      <span
                        className="board-now"
                        style={{ left: pct(nowMinute) }}
                        title={`Now, ${clockText(nowMinute)}`}
                      />
                    ) : null}
                    {items.length ? (
                      <ul className="board-cards">
                        {items.map((a) => {
                          const start = Math.max(a.startMinute, range.from);
                          const end = Math.min(Math.max(a.endMinute, start + 15), range.to);
                          return card(a, {
                            "--left": pct(start),
                            "--width": `calc(${((end - start) / length) * 100}% - 3px)`,
                            "--top": `${(lanes.get(a.id) ?? 0) * laneHeight + 4}px`,
                          } as CSSProperties);
                        })}
                      </ul>
                    ) : (
                      <span className="board-free">Nothing planned</span>
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function Backlog({
  items,
  canDrag,
  planHref,
  limitReached,
  drag,
}: {
  items: readonly BacklogItem[];
  canDrag: boolean;
  planHref: (targetId: string) => string;
  limitReached: boolean;
  drag: BoardDrag;
}) {
  return (
    <aside className="panel board-backlog" aria-labelledby="backlog-title">
      <div className="panel-head">
        <h2 id="backlog-title">Backlog</h2>
        <span className="badge">{items.length}</span>
      </div>
      <p className="hint">Open work without an appointment, most urgent first.</p>
      {items.length === 0 ? (
        <p className="empty">Nothing is waiting to be planned.</p>
      ) : (
        <ul className="backlog-list">
          {items.map((t) => (
            <li
              key={t.id}
              className={`backlog-item${canDrag ? " is-movable" : ""}`}
              draggable={canDrag}
              onDragStart={(event) => {
                if (!canDrag) return;
                event.dataTransfer.effectAllowed = "move";
                event.dataTransfer.setData("text/plain", t.title);
                drag.begin({ kind: "target", item: t });
              }}
              onDragEnd={drag.end}
            >
              <Link to={`/targets/${t.id}`} className="backlog-title" draggable={false}>
                {t.title}
              </Link>
              <span className="backlog-customer">
                {t.customerName}
                {t.locationName ? ` · ${t.locationName}` : ""}
              </span>
              <span className="backlog-meta">
                <PriorityBadge priority={t.priority} />
                {t.dueDate ? <span>Due {dayText(t.dueDate, "dayMonth")}</span> : null}
                <span>{durationText(t.workMinutes)}</span>
              </span>
              <Link className="button secondary small backlog-plan" to={planHref(t.id)} draggable={false}>
                Plan…<span className="visually-hidden"> {t.title}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {limitReached ? (
        <p className="hint">
          The most urgent {items.length} are shown. <Link to="/targets?show=open">See all open work</Link>
        </p>
      ) : null}
    </aside>
  );
}
