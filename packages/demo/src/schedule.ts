/**
 * Lays an employee's visits out over a working day, so seeded days look planned. Travel comes from
 * @ordinavo/planning (the same estimate the product shows on routes); recurrence is expanded there too.
 */
import { estimateTravel, type GeoPoint, greatCircleKm, type TravelSettings } from "@ordinavo/planning";

export interface VisitRequest<T> {
  item: T;
  at: GeoPoint;
  workMinutes: number;
  /** Minute of the day a fixed-time visit starts at. */
  fixedStart?: number;
  /** Placed before the ordinary visits of the day. */
  pinned?: boolean;
}

export interface PackedVisit<T> {
  item: T;
  /** Minutes after local midnight. */
  start: number;
  end: number;
  travelMinutes: number;
  travelKm: number;
}

const roundUp5 = (minute: number) => Math.ceil(minute / 5) * 5;

/**
 * Lays visits out from `dayStart`: pinned ones first, the rest in nearest-neighbour order, with
 * fixed-time visits at their time. A flexible visit that would end after `dayEnd`, or run into
 * the next fixed visit, waits; one that never fits is left out of the day.
 */
export function packDay<T>(
  origin: GeoPoint,
  requests: readonly VisitRequest<T>[],
  options: { dayStart: number; dayEnd: number; travel: TravelSettings },
): PackedVisit<T>[] {
  const fixed = requests
    .filter((r) => r.fixedStart !== undefined)
    .sort((a, b) => (a.fixedStart ?? 0) - (b.fixedStart ?? 0));
  const pinned = requests.filter((r) => r.fixedStart === undefined && r.pinned);
  const rest = requests.filter((r) => r.fixedStart === undefined && !r.pinned);

  // Nearest-neighbour order for the ordinary visits, starting where the pinned ones leave off.
  const ordered: VisitRequest<T>[] = [...pinned];
  let from = pinned.at(-1)?.at ?? origin;
  while (rest.length > 0) {
    let best = 0;
    for (let i = 1; i < rest.length; i++) {
      if (greatCircleKm(from, rest[i]!.at) < greatCircleKm(from, rest[best]!.at)) best = i;
    }
    const [next] = rest.splice(best, 1);
    ordered.push(next!);
    from = next!.at;
  }

  // Every seeded site has coordinates, so there is always an estimate.
  const travel = (a: GeoPoint, b: GeoPoint) => estimateTravel(a, b, options.travel)!;
  const packed: PackedVisit<T>[] = [];
  let cursor = options.dayStart;
  let position = origin;
  const place = (request: VisitRequest<T>, start: number, leg: { km: number; minutes: number }) => {
    const end = start + request.workMinutes;
    packed.push({ item: request.item, start, end, travelMinutes: leg.minutes, travelKm: leg.km });
    cursor = end;
    position = request.at;
  };

  while (ordered.length > 0 || fixed.length > 0) {
    const candidate = ordered[0];
    const nextFixed = fixed[0];
    if (candidate) {
      const leg = travel(position, candidate.at);
      const start = roundUp5(cursor + leg.minutes);
      const end = start + candidate.workMinutes;
      const clearOfFixed =
        !nextFixed || end + travel(candidate.at, nextFixed.at).minutes <= nextFixed.fixedStart!;
      if (clearOfFixed && end <= options.dayEnd) {
        ordered.shift();
        place(candidate, start, leg);
        continue;
      }
      if (!nextFixed) {
        ordered.shift(); // does not fit this day at all
        continue;
      }
    }
    if (nextFixed) {
      fixed.shift();
      const leg = travel(position, nextFixed.at);
      place(nextFixed, Math.max(nextFixed.fixedStart!, roundUp5(cursor + leg.minutes)), leg);
    }
  }
  return packed;
}
