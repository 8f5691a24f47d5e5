// Timing and ordering of one employee's stops for one day. Pure arithmetic over plain data: the API
// loads the stops, calls these functions and shows or saves the result.
import { estimateTravel, type GeoPoint, type TravelSettings } from "./travel";

export interface RouteStop {
  id: string;
  /**
   * null: location without coordinates. Travel to and from it is unknown and counts as 0, and the
   * optimiser keeps it right after the stop it followed in the given order.
   */
  point: GeoPoint | null;
  workMinutes: number;
  /** Set for fixed-time appointments: the stop must START at this time. Flexible stops have null. */
  fixedStart: Date | null;
}

export interface RouteLeg {
  stopId: string;
  /** null when either end has no coordinates; 0 for the first stop (the day starts there). */
  travelKm: number | null;
  travelMinutes: number | null;
  arrival: Date;
  start: Date;
  end: Date;
  waitMinutes: number;
  late: boolean;
}

export interface RouteSchedule {
  legs: RouteLeg[];
  totalWorkMinutes: number;
  totalTravelMinutes: number;
  totalTravelKm: number;
  unknownTravelLegs: number;
  lateStops: string[];
}

export interface OptimiseOptions {
  /** Where the employee sets off (home, depot). Travel from here to the first stop then counts. */
  start?: GeoPoint;
}

const minuteMs = 60_000;

/**
 * Times a given order: start at dayStart at the first stop (no travel before the first stop), each
 * next stop after work + travel; a fixed stop starts at its fixedStart (waiting if early, `late` if
 * arrival is after it). Unknown travel (a stop without coordinates) counts as 0 minutes.
 */
export function scheduleRoute(ordered: RouteStop[], dayStart: Date, settings: TravelSettings): RouteSchedule {
  const legs: RouteLeg[] = [];
  const lateStops: string[] = [];
  let totalWorkMinutes = 0;
  let totalTravelMinutes = 0;
  let totalTravelKm = 0;
  let unknownTravelLegs = 0;
  let readyMs = dayStart.getTime();
  let previous: RouteStop | undefined;

  for (const stop of ordered) {
    assertWorkMinutes(stop);
    let travelKm: number | null = 0;
    let travelMinutes: number | null = 0;
    if (previous) {
      const travel = estimateTravel(previous.point, stop.point, settings);
      travelKm = travel?.km ?? null;
      travelMinutes = travel?.minutes ?? null;
      if (travel) {
        totalTravelKm += travel.km;
        totalTravelMinutes += travel.minutes;
      } else {
        unknownTravelLegs += 1;
      }
    }
    const arrivalMs = readyMs + (travelMinutes ?? 0) * minuteMs;
    const fixedMs = stop.fixedStart?.getTime() ?? null;
    // Arriving late does not move the appointment into the past: work starts when the employee is there.
    const startMs = fixedMs === null ? arrivalMs : Math.max(arrivalMs, fixedMs);
    const late = fixedMs !== null && arrivalMs > fixedMs;
    const endMs = startMs + stop.workMinutes * minuteMs;
    if (late) lateStops.push(stop.id);
    totalWorkMinutes += stop.workMinutes;
    legs.push({
      stopId: stop.id,
      travelKm,
      travelMinutes,
      arrival: new Date(arrivalMs),
      start: new Date(startMs),
      end: new Date(endMs),
      waitMinutes: (startMs - arrivalMs) / minuteMs,
      late,
    });
    readyMs = endMs;
    previous = stop;
  }

  return { legs, totalWorkMinutes, totalTravelMinutes, totalTravelKm, unknownTravelLegs, lateStops };
}

/**
 * The travel the optimiser minimises for an order. A stop without coordinates is assumed to lie on
 * the way between the located stops around it: it adds nothing, and the trip between those
 * neighbours still counts. (Counting both unknown legs as 0 and dropping that trip would reward
 * parking an unlocated stop between the two stops furthest apart.) Without such stops this equals
 * the totals of scheduleRoute, plus the trip from `start` when one is given.
 */
export function estimateRouteTravel(
  ordered: RouteStop[],
  settings: TravelSettings,
  options: OptimiseOptions = {},
): { km: number; minutes: number } {
  let km = 0;
  let minutes = 0;
  let from: GeoPoint | null = options.start ?? null;
  for (const stop of ordered) {
    if (!stop.point) continue;
    const travel = estimateTravel(from, stop.point, settings);
    if (travel) {
      km += travel.km;
      minutes += travel.minutes;
    }
    from = stop.point;
  }
  return { km, minutes };
}

/**
 * A better order (ids). Nearest neighbour from the first stop of the current order (or from `start`
 * if given), then local search (2-opt segment reversal and moving runs of up to three stops) on total
 * travel minutes as estimateRouteTravel counts them, restarted from every stop; days of up to eight
 * located stops are then solved exactly. Stops without coordinates stay right after the stop they
 * followed. Constraints: no fixed stop ends up later than it is in the given order (timed as
 * scheduleRoute does), and fixed stops keep their chronological order; an order that breaks it is
 * put right when that costs no lateness, even at the price of more travel. Otherwise the given order
 * is returned unless a strictly better one exists, so the result never has more travel minutes or
 * more lateness than a given order that respects the constraints. Deterministic.
 */
export function optimiseOrder(
  stops: RouteStop[],
  dayStart: Date,
  settings: TravelSettings,
  options: OptimiseOptions = {},
): string[] {
  const givenIds = stops.map((stop) => stop.id);
  for (const stop of stops) assertWorkMinutes(stop);
  const problem = createProblem(stops, dayStart, settings, options.start ?? null);
  // Stops without coordinates do not move on their own, so with fewer than two located stops
  // there is nothing to reorder.
  if (problem.located.length < 2) return givenIds;

  const budget = { remaining: maxEvaluations };
  const seen = new Set<string>();
  let best: Candidate = { order: problem.located, cost: evaluate(problem, problem.located) };
  const baseline = best.cost;
  for (const initial of startingOrders(problem)) {
    const key = initial.join(",");
    if (seen.has(key)) continue;
    seen.add(key);
    const candidate = localSearch(problem, initial, budget);
    if (isBetter(candidate.cost, best.cost)) best = candidate;
  }
  // Local search can miss the optimum by a wide margin when it takes two moves to reach it. Small
  // days are common and a dispatcher spots a silly order at a glance there, so settle them exactly.
  if (problem.located.length <= exactLimit) best = exactSearch(problem, best);

  if (!isBetter(best.cost, baseline)) return givenIds;
  return expand(problem, best.order).map((index) => stops[index]!.id);
}

// Bounds the work for unusually long days; a normal day of 10–25 stops finishes far below it.
// Counting evaluations rather than time keeps the result deterministic.
const maxEvaluations = 200_000;
// Restarting the search from every stop is cheap for a day's worth of stops and avoids most local optima.
const multiStartLimit = 30;
// Branch and bound stays in the low milliseconds up to here; the work grows factorially beyond.
const exactLimit = 8;
const tolerance = 1e-6;

/**
 * Compared lexicographically: lateness beyond the given order's (must be 0 to be acceptable), fixed
 * stops out of chronological order, travel minutes, total lateness, travel km. Minutes come before
 * km because that is the objective; km only breaks ties between orders the rounding makes equal.
 */
type Cost = readonly [excessLateMs: number, inversions: number, minutes: number, lateMs: number, km: number];

interface Candidate {
  order: number[];
  cost: Cost;
}

interface Problem {
  size: number;
  /** Indices of stops with coordinates, in the given order. Orders below are permutations of these. */
  located: number[];
  /** Stops without coordinates that come before every located stop; they stay first. */
  leading: number[];
  /** For each located stop, the stops without coordinates that directly followed it; they stay with it. */
  followers: number[][];
  hasPoint: boolean[];
  /** Whole travel minutes and km between stops i and j at [i * size + j]; 0 when either is unknown. */
  minutes: number[];
  km: number[];
  fromStartMinutes: number[] | null;
  fromStartKm: number[] | null;
  fixedMs: (number | null)[];
  workMs: number[];
  dayStartMs: number;
  /** Lateness of each stop in the given order: the most an accepted order may have. */
  allowedLateMs: number[];
}

function createProblem(
  stops: RouteStop[],
  dayStart: Date,
  settings: TravelSettings,
  start: GeoPoint | null,
): Problem {
  const size = stops.length;
  const located: number[] = [];
  const leading: number[] = [];
  const followers: number[][] = stops.map(() => []);
  stops.forEach((stop, index) => {
    if (stop.point) {
      located.push(index);
    } else if (located.length === 0) {
      leading.push(index);
    } else {
      followers[located[located.length - 1]!]!.push(index);
    }
  });

  const minutes = new Array<number>(size * size).fill(0);
  const km = new Array<number>(size * size).fill(0);
  for (const i of located) {
    for (const j of located) {
      const travel = estimateTravel(stops[i]!.point, stops[j]!.point, settings)!;
      minutes[i * size + j] = travel.minutes;
      km[i * size + j] = travel.km;
    }
  }
  const fromStart = start ? stops.map((stop) => estimateTravel(start, stop.point, settings)) : null;

  const problem: Problem = {
    size,
    located,
    leading,
    followers,
    hasPoint: stops.map((stop) => stop.point !== null),
    minutes,
    km,
    fromStartMinutes: fromStart?.map((travel) => travel?.minutes ?? 0) ?? null,
    fromStartKm: fromStart?.map((travel) => travel?.km ?? 0) ?? null,
    fixedMs: stops.map((stop) => stop.fixedStart?.getTime() ?? null),
    workMs: stops.map((stop) => stop.workMinutes * minuteMs),
    dayStartMs: dayStart.getTime(),
    allowedLateMs: [],
  };
  problem.allowedLateMs = lateness(problem, expand(problem, located));
  return problem;
}

/** The full visiting order: located stops in `order`, each followed by the unlocated stops pinned to it. */
function expand(problem: Problem, order: number[]): number[] {
  const sequence = [...problem.leading];
  for (const index of order) sequence.push(index, ...problem.followers[index]!);
  return sequence;
}

/** Per stop lateness in ms, timed exactly like scheduleRoute so the guarantee holds for what users see. */
function lateness(problem: Problem, sequence: number[]): number[] {
  const late = new Array<number>(problem.size).fill(0);
  let readyMs = problem.dayStartMs;
  let previous = -1;
  for (const index of sequence) {
    const arrivalMs =
      readyMs + (previous < 0 ? 0 : problem.minutes[previous * problem.size + index]!) * minuteMs;
    const fixedMs = problem.fixedMs[index]!;
    late[index] = fixedMs === null ? 0 : Math.max(0, arrivalMs - fixedMs);
    readyMs = (fixedMs === null ? arrivalMs : Math.max(arrivalMs, fixedMs)) + problem.workMs[index]!;
    previous = index;
  }
  return late;
}

/** Where a partial route stands; extended one located stop at a time by `visit`. */
interface Progress {
  readyMs: number;
  previous: number;
  lastLocated: number;
  latestFixedMs: number;
  excessLateMs: number;
  inversions: number;
  minutes: number;
  lateMs: number;
  km: number;
}

function begin(problem: Problem): Progress {
  const progress: Progress = {
    readyMs: problem.dayStartMs,
    previous: -1,
    lastLocated: -1,
    latestFixedMs: Number.NEGATIVE_INFINITY,
    excessLateMs: 0,
    inversions: 0,
    minutes: 0,
    lateMs: 0,
    km: 0,
  };
  for (const index of problem.leading) step(problem, progress, index);
  return progress;
}

/** A copy of `progress` after visiting a located stop and the unlocated stops pinned to it. */
function visit(problem: Problem, progress: Progress, index: number): Progress {
  const next = { ...progress };
  step(problem, next, index);
  for (const follower of problem.followers[index]!) step(problem, next, follower);
  return next;
}

function step(problem: Problem, progress: Progress, index: number) {
  const { size, minutes, km } = problem;
  // The objective bridges unlocated stops (see estimateRouteTravel) ...
  if (problem.hasPoint[index]) {
    if (progress.lastLocated >= 0) {
      progress.minutes += minutes[progress.lastLocated * size + index]!;
      progress.km += km[progress.lastLocated * size + index]!;
    } else if (problem.fromStartMinutes) {
      progress.minutes += problem.fromStartMinutes[index]!;
      progress.km += problem.fromStartKm![index]!;
    }
    progress.lastLocated = index;
  }
  // ... while the clock follows scheduleRoute, where unknown legs take no time.
  const legMinutes = progress.previous < 0 ? 0 : minutes[progress.previous * size + index]!;
  const arrivalMs = progress.readyMs + legMinutes * minuteMs;
  const fixedMs = problem.fixedMs[index]!;
  let startMs = arrivalMs;
  if (fixedMs !== null) {
    const late = Math.max(0, arrivalMs - fixedMs);
    progress.lateMs += late;
    progress.excessLateMs += Math.max(0, late - problem.allowedLateMs[index]!);
    if (fixedMs < progress.latestFixedMs) progress.inversions += 1;
    progress.latestFixedMs = Math.max(progress.latestFixedMs, fixedMs);
    startMs = Math.max(arrivalMs, fixedMs);
  }
  progress.readyMs = startMs + problem.workMs[index]!;
  progress.previous = index;
}

function costOf(progress: Progress): Cost {
  return [progress.excessLateMs, progress.inversions, progress.minutes, progress.lateMs, progress.km];
}

function evaluate(problem: Problem, order: number[]): Cost {
  // The hot path of the local search: one progress object, stepped in place rather than copied.
  const progress = begin(problem);
  for (const index of order) {
    step(problem, progress, index);
    for (const follower of problem.followers[index]!) step(problem, progress, follower);
  }
  return costOf(progress);
}

function isBetter(a: Cost, b: Cost): boolean {
  for (let i = 0; i < a.length; i++) {
    const difference = a[i]! - b[i]!;
    if (difference < -tolerance) return true;
    if (difference > tolerance) return false;
  }
  return false;
}

/**
 * The given order first, so the search can only improve on it; then nearest-neighbour tours from the
 * start point if there is one and from every stop, plain and with fixed stops taken in chronological
 * order (a feasible start when distance alone would visit them out of order).
 */
function* startingOrders(problem: Problem): Generator<number[]> {
  yield problem.located;
  if (problem.fromStartKm) {
    yield nearestNeighbour(problem, null, false);
    yield nearestNeighbour(problem, null, true);
  }
  const anchors = problem.located.length <= multiStartLimit ? problem.located : problem.located.slice(0, 1);
  for (const anchor of anchors) {
    yield nearestNeighbour(problem, anchor, false);
    yield nearestNeighbour(problem, anchor, true);
  }
}

function nearestNeighbour(problem: Problem, first: number | null, chronological: boolean): number[] {
  // Ties go to the stop that comes first in the given order, which keeps the result deterministic
  // and close to what the dispatcher had when points coincide.
  const remaining = problem.located.filter((index) => index !== first);
  const order = first === null ? [] : [first];
  let current = first;
  while (remaining.length > 0) {
    const nextFixed = chronological ? earliestFixed(problem, remaining) : null;
    let bestPosition = -1;
    let bestKm = Number.POSITIVE_INFINITY;
    remaining.forEach((index, position) => {
      if (nextFixed !== null && problem.fixedMs[index] !== null && index !== nextFixed) return;
      const distance =
        current === null ? problem.fromStartKm![index]! : problem.km[current * problem.size + index]!;
      if (distance < bestKm) {
        bestKm = distance;
        bestPosition = position;
      }
    });
    const [next] = remaining.splice(bestPosition, 1);
    order.push(next!);
    current = next!;
  }
  return order;
}

function earliestFixed(problem: Problem, candidates: number[]): number | null {
  let earliest: number | null = null;
  for (const index of candidates) {
    const fixedMs = problem.fixedMs[index]!;
    if (fixedMs !== null && (earliest === null || fixedMs < problem.fixedMs[earliest]!)) earliest = index;
  }
  return earliest;
}

/** First-improvement descent over 2-opt reversals and or-opt moves (runs of 1–3 stops, either way round). */
function localSearch(problem: Problem, initial: number[], budget: { remaining: number }): Candidate {
  let order = initial;
  let cost = evaluate(problem, order);
  const consider = (candidate: number[]) => {
    if (budget.remaining <= 0) return false;
    budget.remaining -= 1;
    const candidateCost = evaluate(problem, candidate);
    if (!isBetter(candidateCost, cost)) return false;
    order = candidate;
    cost = candidateCost;
    return true;
  };

  const count = order.length;
  let improved = true;
  while (improved && budget.remaining > 0) {
    improved = false;
    for (let i = 0; i < count - 1; i++) {
      for (let j = i + 1; j < count; j++) {
        if (consider(reverseSegment(order, i, j))) improved = true;
      }
    }
    for (let length = 1; length <= Math.min(3, count - 1); length++) {
      for (let from = 0; from + length <= count; from++) {
        for (let to = 0; to <= count - length; to++) {
          // Reinserting a run where it was is either no move or a reversal, which 2-opt covers.
          if (to === from) continue;
          if (consider(moveSegment(order, from, length, to, false))) improved = true;
          if (length > 1 && consider(moveSegment(order, from, length, to, true))) improved = true;
        }
      }
    }
  }
  return { order, cost };
}

/**
 * Branch and bound over all orders, seeded with the best order found so far. Every part of the cost
 * only grows as a route is extended, so a partial route that is not better than the best complete
 * one cannot lead to a better one.
 */
function exactSearch(problem: Problem, incumbent: Candidate): Candidate {
  let best = incumbent;
  const order: number[] = [];
  const used = new Set<number>();
  const extend = (progress: Progress) => {
    if (order.length === problem.located.length) {
      best = { order: [...order], cost: costOf(progress) };
      return;
    }
    for (const index of problem.located) {
      if (used.has(index)) continue;
      const next = visit(problem, progress, index);
      if (!isBetter(costOf(next), best.cost)) continue;
      used.add(index);
      order.push(index);
      extend(next);
      order.pop();
      used.delete(index);
    }
  };
  extend(begin(problem));
  return best;
}

function reverseSegment(order: number[], i: number, j: number): number[] {
  return [...order.slice(0, i), ...order.slice(i, j + 1).reverse(), ...order.slice(j + 1)];
}

function moveSegment(order: number[], from: number, length: number, to: number, flip: boolean): number[] {
  const segment = order.slice(from, from + length);
  if (flip) segment.reverse();
  const rest = [...order.slice(0, from), ...order.slice(from + length)];
  return [...rest.slice(0, to), ...segment, ...rest.slice(to)];
}

function assertWorkMinutes(stop: RouteStop) {
  if (!Number.isFinite(stop.workMinutes) || stop.workMinutes < 0) {
    throw new RangeError(
      `Stop ${stop.id}: workMinutes must be a non-negative number, got ${stop.workMinutes}`,
    );
  }
}
