import { appointmentTone } from "~/lib/planning-display";
import { Markers } from "./markers";

const statuses: [string, string][] = [
  ["scheduled", "Scheduled"],
  ["confirmed", "Confirmed"],
  ["en_route", "On the way or on site"],
  ["completed", "Completed"],
  ["no_show", "No-show"],
];

/** What the colours and icons mean, and how to plan without a mouse. */
export function Legend({ canPlan }: { canPlan: boolean }) {
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
          <strong>Plan…</strong> link. Work dropped on a day in the week view goes to the first free time from
          08:00; in the day view, where you drop it.
        </p>
      ) : null}
    </div>
  );
}
