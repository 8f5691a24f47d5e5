import type { CSSProperties, DragEvent } from "react";
import { assignLanes, clockText, dayText } from "~/lib/planning-display";
import { Card } from "./card";
import { type TimeAxis, useDropTargets } from "./drop-targets";
import { byCell, cellKey, RowHeader } from "./row-header";
import type { BoardAppointment, BoardRow, Dragged, DropPlace } from "./types";
import type { BoardDrag } from "./use-board-drag";

const laneHeight = 64; // px, one row of cards in the day timeline

/**
 * One day: a timeline per person, cards placed by their time, overlapping ones on lanes of their
 * own. On a phone the timeline becomes a list per person (board.css).
 */
export function DayGrid({
  day,
  rows,
  appointments,
  range,
  nowMinute,
  canPlan,
  moveHref,
  drag,
  onDrop,
}: {
  day: string;
  rows: readonly BoardRow[];
  appointments: readonly BoardAppointment[];
  range: TimeAxis;
  /** Minutes after midnight now, when the view shows today. */
  nowMinute: number | null;
  canPlan: boolean;
  moveHref: (appointmentId: string) => string;
  drag: BoardDrag;
  onDrop: (dragged: Dragged, place: DropPlace) => void;
}) {
  const drops = useDropTargets({ enabled: canPlan, drag, axis: range, onDrop });
  const cells = byCell(appointments);
  const length = range.to - range.from;
  const share = (minutes: number) => ((minutes - range.from) / length) * 100;
  const pct = (minutes: number) => `${share(minutes)}%`;
  const hours: number[] = [];
  for (let m = Math.ceil(range.from / 60) * 60; m <= range.to; m += 60) hours.push(m);

  const startDrag = (event: DragEvent<HTMLLIElement>, a: BoardAppointment) => {
    // Where in the card it was grabbed, in minutes, so the drop keeps that point under the pointer.
    let grabMinutes = 0;
    const timeline = event.currentTarget.parentElement;
    if (timeline) {
      const card = event.currentTarget.getBoundingClientRect();
      grabMinutes = ((event.clientX - card.left) / timeline.getBoundingClientRect().width) * length;
    }
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", `${a.targetTitle} (${a.timeText})`);
    drag.begin({ kind: "appointment", item: a, grabMinutes });
  };

  return (
    <div className={`board-scroll${drag.active ? " is-dragging" : ""}`}>
      <table className="board board-day" style={{ "--hours": length / 60 } as CSSProperties}>
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
            const key = cellKey(row.id, day);
            const items = cells.get(key) ?? [];
            const { lanes, count } = assignLanes(items);
            return (
              <tr key={row.id ?? "unassigned"} className={row.id === null ? "is-unassigned" : undefined}>
                <RowHeader row={row} appointments={appointments} />
                <td className={`board-cell board-timeline-cell${drops.over === key ? " is-over" : ""}`}>
                  <div
                    className="board-timeline"
                    style={{ "--lanes": count, "--lane-height": `${laneHeight}px` } as CSSProperties}
                    {...drops.handlers(key, row.id, day)}
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
                          const style = {
                            "--left": pct(start),
                            "--right": `${100 - share(end)}%`,
                            "--width": `calc(${((end - start) / length) * 100}% - 3px)`,
                            "--top": `${(lanes.get(a.id) ?? 0) * laneHeight + 4}px`,
                          } as CSSProperties;
                          return (
                            <Card
                              key={a.id}
                              appointment={a}
                              moveHref={moveHref(a.id)}
                              style={style}
                              opensLeft={share(start) > 60}
                              onDragStart={(event) => startDrag(event, a)}
                              onDragEnd={drops.end}
                            />
                          );
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
