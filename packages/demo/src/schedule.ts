/**
 * Just enough planning logic to make seeded days look planned: crude travel estimates between
 * coordinates, a tiny RFC 5545 expander for the rules the seed uses, and a packer that lays an
 * employee's visits out over a working day.
 */
import { addDays, isoWeekday } from "@ordinavo/domain";

export interface Point {
  lat: number;
  lng: number;
}

export interface TravelSettings {
  /** Road distance ÷ straight-line distance. */
  roadFactor: number;
  averageSpeedKmh: number;
}

/** Great-circle distance in kilometres. */
export function distanceKm(a: Point, b: Point): number {
  const radians = Math.PI / 180;
  const dLat = (b.lat - a.lat) * radians;
  const dLng = (b.lng - a.lng) * radians;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * radians) * Math.cos(b.lat * radians) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Road kilometres (one decimal) and whole minutes from one point to another; nothing for the same site. */
export function travel(from: Point, to: Point, settings: TravelSettings): { km: number; minutes: number } {
  const km = distanceKm(from, to) * settings.roadFactor;
  if (km < 0.05) return { km: 0, minutes: 0 };
  // A few minutes to park and walk in, on top of driving.
  const minutes = Math.round((km / settings.averageSpeedKmh) * 60) + 4;
  return { km: Math.round(km * 10) / 10, minutes };
}

// --- Recurrence -----------------------------------------------------------------------------------

const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;

interface ByDay {
  weekday: number;
  /** Nth weekday of the month (negative from the end); undefined = every such weekday. */
  ordinal?: number;
}

function parseRule(rule: string) {
  const parts = new Map<string, string>();
  for (const piece of rule.split(";")) {
    const [key, value] = piece.split("=");
    if (key && value) parts.set(key.toUpperCase(), value.toUpperCase());
  }
  const freq = parts.get("FREQ");
  if (freq !== "DAILY" && freq !== "WEEKLY" && freq !== "MONTHLY") {
    throw new Error(`Unsupported recurrence frequency in "${rule}"`);
  }
  const byDay: ByDay[] = (parts.get("BYDAY")?.split(",") ?? []).map((token) => {
    const match = /^([+-]?\d+)?(MO|TU|WE|TH|FR|SA|SU)$/.exec(token);
    if (!match) throw new Error(`Unsupported BYDAY value "${token}"`);
    return {
      weekday: WEEKDAYS.indexOf(match[2] as (typeof WEEKDAYS)[number]) + 1,
      ordinal: match[1] ? Number(match[1]) : undefined,
    };
  });
  const monthDay = parts.get("BYMONTHDAY");
  return {
    freq,
    interval: Number(parts.get("INTERVAL") ?? 1),
    byDay,
    byMonthDay: monthDay ? Number(monthDay) : undefined,
  } as const;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function daysInMonth(day: string): number {
  const [y, m] = day.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * The local days on which a rule (the subset the seed writes: DAILY, WEEKLY and MONTHLY with
 * INTERVAL, BYDAY with optional ordinals, BYMONTHDAY) falls between `from` and `until`, inclusive.
 */
export function occurrenceDays(rule: string, startsOn: string, from: string, until: string): string[] {
  const r = parseRule(rule);
  const firstMonday = addDays(startsOn, 1 - isoWeekday(startsOn));
  const days: string[] = [];
  for (let day = from < startsOn ? startsOn : from; day <= until; day = addDays(day, 1)) {
    const weekday = isoWeekday(day);
    const dayOfMonth = Number(day.slice(8, 10));
    let matches: boolean;
    if (r.freq === "DAILY") {
      matches =
        daysBetween(startsOn, day) % r.interval === 0 &&
        (r.byDay.length === 0 || r.byDay.some((b) => b.weekday === weekday));
    } else if (r.freq === "WEEKLY") {
      const week = Math.floor(daysBetween(firstMonday, day) / 7);
      const weekdays = r.byDay.length > 0 ? r.byDay.map((b) => b.weekday) : [isoWeekday(startsOn)];
      matches = week % r.interval === 0 && weekdays.includes(weekday);
    } else {
      const months =
        (Number(day.slice(0, 4)) - Number(startsOn.slice(0, 4))) * 12 +
        (Number(day.slice(5, 7)) - Number(startsOn.slice(5, 7)));
      const inMonth = months % r.interval === 0;
      if (r.byMonthDay !== undefined) {
        matches = inMonth && dayOfMonth === r.byMonthDay;
      } else if (r.byDay.length > 0) {
        const nth = Math.ceil(dayOfMonth / 7);
        const nthFromEnd = -Math.ceil((daysInMonth(day) - dayOfMonth + 1) / 7);
        matches =
          inMonth &&
          r.byDay.some(
            (b) =>
              b.weekday === weekday &&
              (b.ordinal === undefined || b.ordinal === nth || b.ordinal === nthFromEnd),
          );
      } else {
        matches = inMonth && dayOfMonth === Number(startsOn.slice(8, 10));
      }
    }
    if (matches) days.push(day);
  }
  return days;
}

// --- Packing a working day ------------------------------------------------------------------------

export interface VisitRequest<T> {
  item: T;
  at: Point;
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
  origin: Point,
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
      if (distanceKm(from, rest[i]!.at) < distanceKm(from, rest[best]!.at)) best = i;
    }
    const [next] = rest.splice(best, 1);
    ordered.push(next!);
    from = next!.at;
  }

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
      const leg = travel(position, candidate.at, options.travel);
      const start = roundUp5(cursor + leg.minutes);
      const end = start + candidate.workMinutes;
      const clearOfFixed =
        !nextFixed ||
        end + travel(candidate.at, nextFixed.at, options.travel).minutes <= nextFixed.fixedStart!;
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
      const leg = travel(position, nextFixed.at, options.travel);
      place(nextFixed, Math.max(nextFixed.fixedStart!, roundUp5(cursor + leg.minutes)), leg);
    }
  }
  return packed;
}
