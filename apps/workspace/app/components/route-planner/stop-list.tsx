import { Form, Link } from "@remix-run/react";
import { type PointerEvent as ReactPointerEvent, useRef, useState } from "react";
import { isoString } from "~/lib/format";
import { kmText, minutesText, moved } from "./format";
import type { Stop } from "./types";

/**
 * The stops in driving order, with the travel between them. With JavaScript a stop is dragged by
 * its handle (or moved with the arrow keys on it) and the new order waits for "Save order"; without,
 * "Move up" / "Move down" are plain forms that save at once.
 */
export function StopList({
  stops,
  pending,
  canEdit,
  hydrated,
  hours,
  statusNames: names,
  self,
  employeeId,
  day,
  order,
  setOrder,
  busy,
}: {
  stops: Stop[];
  pending: boolean;
  canEdit: boolean;
  hydrated: boolean;
  hours: Intl.DateTimeFormat;
  statusNames: Record<string, string>;
  self: string;
  employeeId: string;
  day: string;
  order: string[];
  setOrder: (order: string[]) => void;
  busy: string;
}) {
  const list = useRef<HTMLOListElement>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");

  /** Pointer drag on the handle: works with a mouse, a pen and a finger. */
  function startDrag(event: ReactPointerEvent<HTMLButtonElement>, id: string) {
    if (event.button !== 0) return;
    event.preventDefault();
    const handle = event.currentTarget;
    handle.setPointerCapture(event.pointerId);
    setDragging(id);
    let current = order;
    const move = (e: PointerEvent) => {
      const items = [...(list.current?.querySelectorAll<HTMLElement>("li.stop") ?? [])];
      const from = current.indexOf(id);
      let to = items.findIndex((item) => {
        const box = item.getBoundingClientRect();
        return e.clientY < box.top + box.height / 2;
      });
      if (to === -1) to = items.length - 1;
      else if (to > from) to -= 1;
      if (to !== from && to >= 0) {
        current = moved(current, from, to - from);
        setOrder(current);
      }
    };
    const end = () => {
      handle.removeEventListener("pointermove", move);
      handle.removeEventListener("pointerup", end);
      handle.removeEventListener("pointercancel", end);
      setDragging(null);
      const stop = stops.find((s) => s.appointmentId === id);
      if (stop) setAnnouncement(`${stop.customerName} is now stop ${current.indexOf(id) + 1}.`);
    };
    handle.addEventListener("pointermove", move);
    handle.addEventListener("pointerup", end);
    handle.addEventListener("pointercancel", end);
  }

  return (
    <>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <ol className={`stops${pending ? " is-pending" : ""}`} ref={list} aria-label="Stops in driving order">
        {stops.map((stop, index) => {
          const start = new Date(stop.plannedStart);
          const end = new Date(stop.plannedEnd);
          const started = stop.keepsSlot && !stop.fixedTime;
          const moveForm = (by: -1 | 1, label: string) => {
            const next = moved(order, index, by);
            return (
              <Form
                method="post"
                action={self}
                onSubmit={(event) => {
                  // With JavaScript a move is local until "Save order".
                  event.preventDefault();
                  setOrder(next);
                  setAnnouncement(`${stop.customerName} is now stop ${index + 1 + by}.`);
                }}
              >
                <input type="hidden" name="intent" value="reorder" />
                <input type="hidden" name="employeeId" value={employeeId} />
                <input type="hidden" name="day" value={day} />
                <input
                  type="hidden"
                  name="moved"
                  value={`${stop.customerName} moved ${by < 0 ? "up" : "down"}.`}
                />
                {next.map((id) => (
                  <input key={id} type="hidden" name="appointmentIds" value={id} />
                ))}
                <button type="submit" className="button secondary small" disabled={!!busy}>
                  {label}
                  <span className="visually-hidden"> {stop.customerName}</span>
                </button>
              </Form>
            );
          };
          return (
            <li
              key={stop.appointmentId}
              className={`stop${stop.late && !pending ? " is-late" : ""}${dragging === stop.appointmentId ? " is-dragging" : ""}`}
            >
              {index > 0 ? (
                <div className="leg">
                  {pending ? (
                    <span className="muted">Travel worked out on save</span>
                  ) : stop.travelMinutes === null || stop.travelKm === null ? (
                    <span className="leg-unknown">Travel unknown — no coordinates</span>
                  ) : (
                    <span>
                      {kmText(stop.travelKm)} · {stop.travelMinutes} min
                    </span>
                  )}
                  {!pending && stop.waitMinutes > 0 ? (
                    <span className="leg-wait">then waits {minutesText(stop.waitMinutes)}</span>
                  ) : null}
                </div>
              ) : !pending && stop.waitMinutes > 0 ? (
                <div className="leg">
                  <span className="leg-wait">Waits {minutesText(stop.waitMinutes)}</span>
                </div>
              ) : null}
              <div className="stop-card">
                <span className="stop-number" aria-hidden="true">
                  {index + 1}
                </span>
                <div className="stop-body">
                  <p className="stop-time">
                    <span className="visually-hidden">Stop {index + 1}, </span>
                    <time dateTime={isoString(start)}>{hours.format(start)}</time>–
                    <time dateTime={isoString(end)}>{hours.format(end)}</time>
                    <span className="muted"> · {minutesText(stop.workMinutes)} work</span>
                  </p>
                  <p className="stop-title">
                    <Link to={`/appointments/${stop.appointmentId}`}>
                      <strong>{stop.customerName}</strong> — {stop.targetTitle}
                    </Link>
                  </p>
                  <p className="stop-address muted">
                    {[stop.locationName, stop.address].filter(Boolean).join(" · ") || "No address"}
                    {!stop.hasCoordinates ? <span className="badge warn">No coordinates</span> : null}
                  </p>
                  <ul className="stop-badges" aria-label="Markers">
                    {stop.fixedTime ? (
                      <li
                        className="badge tag"
                        title="Agreed with the customer: keeps its slot when the order changes."
                      >
                        Fixed time
                      </li>
                    ) : null}
                    {started ? (
                      <li
                        className="badge"
                        title="Started or finished: keeps its slot when the order changes."
                      >
                        {names[stop.status] ?? stop.status}
                      </li>
                    ) : stop.status === "confirmed" ? (
                      <li className="badge ok">Confirmed</li>
                    ) : null}
                    {stop.late && !pending ? (
                      <li className="badge danger">Late — arrives after the agreed time</li>
                    ) : null}
                  </ul>
                </div>
                {canEdit ? (
                  <div className="stop-move">
                    {hydrated ? (
                      <button
                        type="button"
                        className="drag-handle"
                        aria-label={`Drag ${stop.customerName} to another position`}
                        title="Drag to reorder"
                        onPointerDown={(event) => startDrag(event, stop.appointmentId)}
                        onKeyDown={(event) => {
                          if (event.key === "ArrowUp" && index > 0) {
                            event.preventDefault();
                            setOrder(moved(order, index, -1));
                            setAnnouncement(`${stop.customerName} is now stop ${index}.`);
                          } else if (event.key === "ArrowDown" && index < stops.length - 1) {
                            event.preventDefault();
                            setOrder(moved(order, index, 1));
                            setAnnouncement(`${stop.customerName} is now stop ${index + 2}.`);
                          }
                        }}
                      >
                        <svg viewBox="0 0 12 20" width="12" height="20" aria-hidden="true">
                          {[4, 10, 16].map((y) => (
                            <g key={y}>
                              <circle cx="3" cy={y} r="1.6" />
                              <circle cx="9" cy={y} r="1.6" />
                            </g>
                          ))}
                        </svg>
                      </button>
                    ) : null}
                    {index > 0 ? moveForm(-1, "Move up") : null}
                    {index < stops.length - 1 ? moveForm(1, "Move down") : null}
                  </div>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
    </>
  );
}
