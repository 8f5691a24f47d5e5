import { Link } from "@remix-run/react";
import type { CSSProperties, DragEvent } from "react";
import { dayText } from "~/lib/planning-display";
import { Card } from "./card";
import { useDropTargets } from "./drop-targets";
import { byCell, cellKey, RowHeader } from "./row-header";
import type { BoardAppointment, BoardRow, Dragged, DropPlace } from "./types";
import type { BoardDrag } from "./use-board-drag";

const isWeekend = (day: string) => {
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
};

/**
 * The week: people down, days across, the cards of each person and day in time order. Headers
 * stay in view while the board scrolls (both ways) inside its own box.
 */
export function WeekGrid({
  days,
  today,
  rows,
  appointments,
  canPlan,
  moveHref,
  dayHref,
  drag,
  onDrop,
}: {
  days: readonly string[];
  today: string;
  rows: readonly BoardRow[];
  appointments: readonly BoardAppointment[];
  canPlan: boolean;
  moveHref: (appointmentId: string) => string;
  dayHref: (day: string) => string;
  drag: BoardDrag;
  onDrop: (dragged: Dragged, place: DropPlace) => void;
}) {
  const drops = useDropTargets({ enabled: canPlan, drag, axis: null, onDrop });
  const cells = byCell(appointments);
  // An empty Saturday or Sunday gets a narrow column, so the working days have room.
  const quiet = new Set(days.filter((day) => isWeekend(day) && !appointments.some((a) => a.day === day)));

  const startDrag = (event: DragEvent<HTMLLIElement>, a: BoardAppointment) => {
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", `${a.targetTitle} (${a.timeText})`);
    drag.begin({ kind: "appointment", item: a, grabMinutes: 0 });
  };

  return (
    <div className={`board-scroll${drag.active ? " is-dragging" : ""}`}>
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
                data-day={day}
                className={
                  [day === today ? "is-today" : "", quiet.has(day) ? "is-quiet" : ""].join(" ").trim() ||
                  undefined
                }
              >
                {/* Its name starts with the words it shows (voice control says what it sees). */}
                <Link to={dayHref(day)} title={dayText(day, "long")}>
                  <span className="board-weekday">{dayText(day, "weekday")}</span>{" "}
                  <span className="board-date">
                    {quiet.has(day) ? dayText(day, "dayMonth").split(" ")[0] : dayText(day, "dayMonth")}
                  </span>
                  <span className="visually-hidden">: open the day view</span>
                </Link>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id ?? "unassigned"} className={row.id === null ? "is-unassigned" : undefined}>
              <RowHeader row={row} appointments={appointments} />
              {days.map((day) => {
                const key = cellKey(row.id, day);
                const items = cells.get(key) ?? [];
                return (
                  <td
                    key={day}
                    className={`board-cell${day === today ? " is-today" : ""}${drops.over === key ? " is-over" : ""}`}
                    {...drops.handlers(key, row.id, day)}
                  >
                    {items.length ? (
                      <ul className="board-cards">
                        {items.map((a) => (
                          <Card
                            key={a.id}
                            appointment={a}
                            moveHref={moveHref(a.id)}
                            onDragStart={(event) => startDrag(event, a)}
                            onDragEnd={drops.end}
                          />
                        ))}
                      </ul>
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
