import { kmText, minutesText } from "./format";
import type { RouteView } from "./types";

/** The day at a glance: stops, work, travel, distance, and what needs attention. */
export function Totals({ route }: { route: RouteView }) {
  const { totals } = route;
  return (
    <dl className="route-totals" aria-label="Day totals">
      <div>
        <dt>Stops</dt>
        <dd>{route.stops.length}</dd>
      </div>
      <div>
        <dt>Work</dt>
        <dd>{minutesText(totals.workMinutes)}</dd>
      </div>
      <div>
        <dt>Travel</dt>
        <dd>{minutesText(totals.travelMinutes)}</dd>
      </div>
      <div>
        <dt>Distance</dt>
        <dd>{kmText(totals.travelKm)}</dd>
      </div>
      {totals.unknownTravelLegs ? (
        <div className="warn">
          <dt>Unknown travel</dt>
          <dd>
            {totals.unknownTravelLegs} {totals.unknownTravelLegs === 1 ? "leg" : "legs"}
          </dd>
        </div>
      ) : null}
      {totals.lateStops ? (
        <div className="late">
          <dt>Late</dt>
          <dd>
            {totals.lateStops} {totals.lateStops === 1 ? "stop" : "stops"}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
