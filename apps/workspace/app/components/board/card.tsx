import { Link } from "@remix-run/react";
import type { CSSProperties, DragEvent } from "react";
import { liveWords, toneOf } from "./live-status";
import { Markers } from "./markers";
import type { BoardAppointment } from "./types";

/** Everything a card says, for its tooltip. */
export function cardSummary(a: BoardAppointment): string {
  const place = [a.locationName, a.city].filter(Boolean).join(", ");
  return [a.timeText, a.customerName, a.targetTitle, place, a.statusText].filter(Boolean).join(" · ");
}

/**
 * One appointment. The link's text is the whole card (time, customer, work, city, status), so
 * what a narrow card shows is always part of its accessible name; narrow cards show less (see
 * the container queries in board.css) and open up to their full text on keyboard focus, with the
 * rest in a tooltip for the mouse (set when the pointer comes: a week holds hundreds of cards,
 * and each byte of a card is paid for hundreds of times in the page).
 */
export function Card({
  appointment: a,
  moveHref,
  style,
  opensLeft = false,
  onDragStart,
  onDragEnd,
}: {
  appointment: BoardAppointment;
  moveHref: string;
  style?: CSSProperties;
  /** In the day view, a card late in the day opens towards the left. */
  opensLeft?: boolean;
  onDragStart: (event: DragEvent<HTMLLIElement>) => void;
  onDragEnd: () => void;
}) {
  const [start, end] = a.timeText.split("–");
  const classes = [
    "board-card",
    `tone-${toneOf(a.status)}`,
    a.pending ? "is-pending" : "",
    a.movable ? "is-movable" : "",
    opensLeft ? "opens-left" : "",
  ];
  return (
    <li
      className={classes.filter(Boolean).join(" ")}
      style={style}
      draggable={a.movable || undefined}
      onDragStart={a.movable ? onDragStart : undefined}
      onDragEnd={a.movable ? onDragEnd : undefined}
      onPointerEnter={(event) => {
        event.currentTarget.title ||= cardSummary(a);
      }}
    >
      <Link
        to={`/appointments/${a.id}`}
        className="board-card-link"
        draggable={a.movable ? false : undefined}
        discover="none"
        prefetch="intent"
      >
        <span className="board-card-line board-card-when">
          {liveWords[a.status] ? (
            // What the field is doing: a picture on any card (board-cards.css), the word where there is room.
            <span className={`board-card-live live-${a.status}`} aria-hidden="true">
              <span className="board-card-live-word">{liveWords[a.status]}</span>
            </span>
          ) : (
            <span className="board-dot" aria-hidden="true" />
          )}
          <span className="board-card-time">
            <span className="board-card-start">{start}</span>
            <span className="board-card-end">{`–${end}`}</span>
          </span>
          {a.city ? <span className="board-card-city">{` ${a.city}`}</span> : null}
        </span>{" "}
        <span className="board-card-line board-card-customer">{a.customerName}</span>{" "}
        <span className="board-card-line board-card-what">
          <span className="board-card-title">{a.targetTitle}</span>
          <Markers recurring={a.recurring} fixedTime={a.fixedTime} overlaps={a.overlaps} />
        </span>
        <span className="visually-hidden">
          {`${a.locationName ? `, ${a.locationName}` : ""}. Status: ${a.statusText}.`}
        </span>
      </Link>
      {a.movable ? (
        <Link to={moveHref} className="board-card-move" draggable={false} discover="none" preventScrollReset>
          Move…<span className="visually-hidden">{` ${a.targetTitle} at ${a.customerName}`}</span>
        </Link>
      ) : null}
    </li>
  );
}
