import { liveWords, toneOf } from "./live-status";
import { Markers } from "./markers";

const statuses: [string, string][] = [
  ["scheduled", "Scheduled"],
  ["confirmed", "Confirmed"],
  ["en_route", "En route, on site or in progress"],
  ["completed", "Done"],
  ["not_completed", "Could not complete or no-show"],
];

/** What the colours and icons mean, and how to plan without a mouse. */
export function Legend({ canPlan }: { canPlan: boolean }) {
  return (
    <div className="board-legend small muted">
      <ul aria-label="Colours and markers">
        {statuses.map(([status, label]) => (
          <li key={status}>
            <span className={`board-swatch tone-${toneOf(status)}`} aria-hidden="true" /> {label}
          </li>
        ))}
        {["en_route", "on_site", "in_progress", "completed", "not_completed"].map((status) => (
          <li key={`live-${status}`}>
            <span className={`board-card-live live-${status} tone-${toneOf(status)}`} aria-hidden="true" />{" "}
            {liveWords[status]}
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
      <p>
        The board refreshes by itself about every half minute, so the field's progress shows as it happens.
      </p>
      {canPlan ? (
        <p>
          Without a mouse: open a card’s <strong>Move…</strong> link or a backlog item’s{" "}
          <strong>Plan…</strong> link. Work dropped on a day in the week view goes to the first free time from
          08:00; in the day view, where you drop it.
        </p>
      ) : null}
    </div>
  );
}
