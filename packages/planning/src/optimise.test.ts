import { describe, expect, it } from "vitest";
import { estimateRouteTravel, optimiseOrder, type RouteStop, scheduleRoute } from "./optimise";
import { defaultTravelSettings, type GeoPoint, type TravelSettings } from "./travel";

const at = (time: string) => new Date(`2025-03-10T${time}:00Z`);
const dayStart = at("08:00");
const settings = defaultTravelSettings;
// On the equator 0.1° of longitude is 11.12 km; straight at 60 km/h that is 12 minutes. With the
// default settings (× 1.3 at 40 km/h) it is 22 minutes.
const straight: TravelSettings = { roadFactor: 1, averageSpeedKmh: 60 };
const east = (tenths: number): GeoPoint => ({ latitude: 0, longitude: tenths / 10 });

function stop(
  id: string,
  point: GeoPoint | null,
  { work = 30, fixed = null }: { work?: number; fixed?: string | null } = {},
): RouteStop {
  return { id, point, workMinutes: work, fixedStart: fixed ? at(fixed) : null };
}

function inOrder(stops: RouteStop[], ids: string[]): RouteStop[] {
  const byId = new Map(stops.map((s) => [s.id, s]));
  return ids.map((id) => byId.get(id)!);
}

function optimised(stops: RouteStop[], options?: { start?: GeoPoint }, start = dayStart) {
  const ids = optimiseOrder(stops, start, settings, options);
  return { ids, schedule: scheduleRoute(inOrder(stops, ids), start, settings) };
}

/** Deterministic pseudo-random numbers (mulberry32), so the instances are the same on every run. */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A day around Frankfurt: stops within roughly 35 × 35 km, 15–75 minutes of work each. */
function randomStops(seed: number, count: number): RouteStop[] {
  const random = seeded(seed);
  return Array.from({ length: count }, (_, i) => ({
    id: `s${i}`,
    point: { latitude: 50 + random() * 0.3, longitude: 8.4 + random() * 0.5 },
    workMinutes: 15 + Math.floor(random() * 60),
    fixedStart: null,
  }));
}

function* permutations<T>(items: T[]): Generator<T[]> {
  if (items.length <= 1) {
    yield items;
    return;
  }
  for (let i = 0; i < items.length; i++) {
    const rest = [...items.slice(0, i), ...items.slice(i + 1)];
    for (const tail of permutations(rest)) yield [items[i]!, ...tail];
  }
}

/** The lowest score over all orders; `score` returns null for an order that breaks a constraint. */
function bruteForce(stops: RouteStop[], score: (order: RouteStop[]) => number | null) {
  let best = Number.POSITIVE_INFINITY;
  let bestOrder: RouteStop[] = [];
  for (const order of permutations(stops)) {
    const value = score(order);
    if (value !== null && value < best) {
      best = value;
      bestOrder = order;
    }
  }
  return { minutes: best, ids: bestOrder.map((s) => s.id) };
}

const travelMinutes = (order: RouteStop[]) => scheduleRoute(order, dayStart, settings).totalTravelMinutes;

/** Fixed stops in chronological order and none of them late: what a dispatcher can actually use. */
function feasibleTravelMinutes(order: RouteStop[]): number | null {
  const schedule = scheduleRoute(order, dayStart, settings);
  const fixed = order.flatMap((s) => (s.fixedStart ? [s.fixedStart.getTime()] : []));
  const chronological = fixed.every((time, i) => i === 0 || fixed[i - 1]! <= time);
  return chronological && schedule.lateStops.length === 0 ? schedule.totalTravelMinutes : null;
}

/** Fixes two stops of a random day at times the given order reaches comfortably. */
function withTwoAppointments(stops: RouteStop[]): RouteStop[] {
  const schedule = scheduleRoute(stops, dayStart, settings);
  const fix = (index: number, slackMinutes: number) => {
    const start = schedule.legs[index]!.start.getTime() + slackMinutes * 60_000;
    return { ...stops[index]!, fixedStart: new Date(start) };
  };
  const last = stops.length - 2;
  return stops.map((s, i) => (i === 1 ? fix(1, 10) : i === last ? fix(last, 45) : s));
}

function lateMinutesById(order: RouteStop[], start = dayStart) {
  const schedule = scheduleRoute(order, start, settings);
  return new Map(
    schedule.legs.map((leg, i) => {
      const fixed = order[i]!.fixedStart;
      const late = fixed ? Math.max(0, leg.arrival.getTime() - fixed.getTime()) / 60_000 : 0;
      return [leg.stopId, late];
    }),
  );
}

describe("scheduleRoute", () => {
  it("times a day with travel, a wait for an appointment and a late appointment", () => {
    const schedule = scheduleRoute(
      [
        stop("a", east(0), { work: 30 }),
        stop("b", east(1), { work: 60 }),
        stop("c", east(2), { work: 30, fixed: "10:00" }),
        stop("d", east(3), { work: 15, fixed: "10:35" }),
      ],
      dayStart,
      straight,
    );
    expect(schedule.legs).toEqual([
      {
        stopId: "a",
        travelKm: 0,
        travelMinutes: 0,
        arrival: at("08:00"),
        start: at("08:00"),
        end: at("08:30"),
        waitMinutes: 0,
        late: false,
      },
      {
        stopId: "b",
        travelKm: expect.closeTo(11.12, 2),
        travelMinutes: 12,
        arrival: at("08:42"),
        start: at("08:42"),
        end: at("09:42"),
        waitMinutes: 0,
        late: false,
      },
      {
        stopId: "c",
        travelKm: expect.closeTo(11.12, 2),
        travelMinutes: 12,
        arrival: at("09:54"),
        start: at("10:00"),
        end: at("10:30"),
        waitMinutes: 6,
        late: false,
      },
      {
        stopId: "d",
        travelKm: expect.closeTo(11.12, 2),
        travelMinutes: 12,
        arrival: at("10:42"),
        start: at("10:42"),
        end: at("10:57"),
        waitMinutes: 0,
        late: true,
      },
    ]);
    expect(schedule).toMatchObject({
      totalWorkMinutes: 135,
      totalTravelMinutes: 36,
      totalTravelKm: expect.closeTo(33.36, 2),
      unknownTravelLegs: 0,
      lateStops: ["d"],
    });
  });

  it.each([
    { name: "waits for a first appointment after the day starts", fixed: "08:45", wait: 45, late: false },
    { name: "is late for a first appointment before the day starts", fixed: "07:30", wait: 0, late: true },
    { name: "is on time for a first appointment when the day starts", fixed: "08:00", wait: 0, late: false },
  ])("$name", ({ fixed, wait, late }) => {
    const [leg] = scheduleRoute([stop("a", east(0), { fixed })], dayStart, straight).legs;
    expect(leg).toMatchObject({ arrival: dayStart, waitMinutes: wait, late });
    expect(leg!.start).toEqual(late ? dayStart : at(fixed));
  });

  it("counts travel to and from a stop without coordinates as unknown and free", () => {
    const schedule = scheduleRoute(
      [stop("a", east(0), { work: 30 }), stop("x", null, { work: 20 }), stop("b", east(1), { work: 10 })],
      dayStart,
      straight,
    );
    expect(schedule.legs.map((leg) => [leg.stopId, leg.travelMinutes, leg.travelKm, leg.arrival])).toEqual([
      ["a", 0, 0, at("08:00")],
      ["x", null, null, at("08:30")],
      ["b", null, null, at("08:50")],
    ]);
    expect(schedule).toMatchObject({ totalTravelMinutes: 0, totalTravelKm: 0, unknownTravelLegs: 2 });
  });

  it("has nothing to time on an empty day", () => {
    expect(scheduleRoute([], dayStart, straight)).toEqual({
      legs: [],
      totalWorkMinutes: 0,
      totalTravelMinutes: 0,
      totalTravelKm: 0,
      unknownTravelLegs: 0,
      lateStops: [],
    });
  });

  it("rejects negative work", () => {
    expect(() => scheduleRoute([stop("a", east(0), { work: -5 })], dayStart, straight)).toThrow(RangeError);
  });
});

describe("estimateRouteTravel", () => {
  it("adds the trip from the start and bridges stops without coordinates", () => {
    const order = [stop("a", east(1)), stop("x", null), stop("b", east(3))];
    // east(0) → a is 0.1° (11.12 km, 12 minutes); a → (x on the way) → b is 0.2° (22.24 km, 23 minutes).
    expect(estimateRouteTravel(order, straight, { start: east(0) })).toEqual({
      km: expect.closeTo(33.36, 2),
      minutes: 35,
    });
    expect(estimateRouteTravel(order, straight)).toEqual({ km: expect.closeTo(22.24, 2), minutes: 23 });
  });
});

describe("optimiseOrder", () => {
  it.each([
    { name: "no stops", stops: [] },
    { name: "one stop", stops: [stop("a", east(0))] },
    { name: "two stops (either way round is as short)", stops: [stop("a", east(0)), stop("b", east(5))] },
    { name: "only stops without coordinates", stops: [stop("x", null), stop("y", null), stop("z", null)] },
  ])("keeps the order with $name", ({ stops }) => {
    expect(optimiseOrder(stops, dayStart, settings)).toEqual(stops.map((s) => s.id));
  });

  it("starts two stops with the one nearer to the start", () => {
    const stops = [stop("far", east(5)), stop("near", east(1))];
    expect(optimiseOrder(stops, dayStart, settings, { start: east(0) })).toEqual(["near", "far"]);
  });

  it("keeps the given order when no order is strictly better", () => {
    const stops = [0, 1, 2, 3, 4].map((x) => stop(`p${x}`, east(x)));
    // The reversed order is just as short; the dispatcher's choice wins the tie.
    expect(optimiseOrder([...stops].reverse(), dayStart, settings)).toEqual(["p4", "p3", "p2", "p1", "p0"]);
    expect(optimiseOrder(stops, dayStart, settings)).toEqual(["p0", "p1", "p2", "p3", "p4"]);
  });

  it.each([7, 12])("sorts %i shuffled points on a line along the line", (count) => {
    const ids = Array.from({ length: count }, (_, x) => `p${x}`);
    // Stepping by 5 (coprime with 7 and 12) visits every point once, in a scrambled order.
    const stops = ids.map((_, i) => (i * 5) % count).map((x) => stop(`p${x}`, east(x)));
    const result = optimiseOrder(stops, dayStart, settings);
    expect([ids, [...ids].reverse()]).toContainEqual(result);
    expect(optimiseOrder(stops, dayStart, settings, { start: east(-1) })).toEqual(ids);
  });

  it("walks the sides of a square, not its diagonals", () => {
    const corners = {
      sw: { latitude: 0, longitude: 0 },
      nw: { latitude: 0.1, longitude: 0 },
      ne: { latitude: 0.1, longitude: 0.1 },
      se: { latitude: 0, longitude: 0.1 },
    };
    const around = ["sw", "nw", "ne", "se"];
    // Given so that every trip crosses a diagonal or the square twice.
    const stops = ["sw", "ne", "nw", "se"].map((id) => stop(id, corners[id as keyof typeof corners]));
    const result = optimiseOrder(stops, dayStart, settings);
    for (let i = 1; i < result.length; i++) {
      const step = Math.abs(around.indexOf(result[i]!) - around.indexOf(result[i - 1]!));
      expect([1, 3]).toContain(step);
    }
    expect(travelMinutes(inOrder(stops, result))).toBe(3 * 22);
  });

  it("goes round 12 points on a circle from one neighbour to the next", () => {
    const count = 12;
    const points = Array.from({ length: count }, (_, i) => ({
      latitude: 0.05 * Math.sin((2 * Math.PI * i) / count),
      longitude: 0.05 * Math.cos((2 * Math.PI * i) / count),
    }));
    const given = [0, 6, 3, 9, 1, 7, 4, 10, 2, 8, 5, 11];
    const result = optimiseOrder(
      given.map((i) => stop(`c${i}`, points[i]!)),
      dayStart,
      settings,
    ).map((id) => Number(id.slice(1)));
    expect([...result].sort((a, b) => a - b)).toEqual([...given].sort((a, b) => a - b));
    for (let i = 1; i < count; i++) {
      expect([1, count - 1]).toContain(Math.abs(result[i]! - result[i - 1]!));
    }
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])("matches the brute-force optimum on random day %i", (seed) => {
    const stops = randomStops(seed, 6 + (seed % 2));
    const { ids, schedule } = optimised(stops);
    expect([...ids].sort()).toEqual(stops.map((s) => s.id).sort());
    expect(schedule.totalTravelMinutes).toBe(bruteForce(stops, travelMinutes).minutes);
  });

  it.each([11, 12, 13])("matches the brute-force optimum from a start point on random day %i", (seed) => {
    const stops = randomStops(seed, 7);
    const start = { latitude: 50.15, longitude: 8.65 };
    const ids = optimiseOrder(stops, dayStart, settings, { start });
    const best = bruteForce(stops, (order) => estimateRouteTravel(order, settings, { start }).minutes);
    expect(estimateRouteTravel(inOrder(stops, ids), settings, { start }).minutes).toBe(best.minutes);
  });

  it.each([21, 22, 23, 24, 25, 26])(
    "matches the brute-force optimum with two appointments on day %i",
    (seed) => {
      const stops = withTwoAppointments(randomStops(seed, 7));
      const { schedule } = optimised(stops);
      expect(schedule.lateStops).toEqual([]);
      expect(schedule.totalTravelMinutes).toBe(bruteForce(stops, feasibleTravelMinutes).minutes);
    },
  );

  it("keeps a 09:00 appointment before a 14:00 one although distance alone would swap them", () => {
    // On a line, setting off from its western end: driving straight along it passes the 14:00
    // appointment first. A start point makes that the one shortest order (a day without one could
    // as well be driven the other way round).
    const start = east(-1);
    const stops = [
      stop("a", east(1), { work: 20 }),
      stop("nine", east(2), { work: 30, fixed: "09:00" }),
      stop("b", east(3), { work: 10 }),
      stop("c", east(4), { work: 20 }),
      stop("fourteen", east(0), { work: 30, fixed: "14:00" }),
    ];
    const fromStart = (order: RouteStop[]) => estimateRouteTravel(order, settings, { start }).minutes;
    const unconstrained = bruteForce(stops, fromStart);
    expect(unconstrained.ids).toEqual(["fourteen", "a", "nine", "b", "c"]);
    const constrained = bruteForce(stops, (order) =>
      feasibleTravelMinutes(order) === null ? null : fromStart(order),
    );

    const { ids, schedule } = optimised(stops, { start });
    expect(ids.indexOf("nine")).toBeLessThan(ids.indexOf("fourteen"));
    expect(schedule.lateStops).toEqual([]);
    expect(fromStart(inOrder(stops, ids))).toBe(constrained.minutes);
    expect(constrained.minutes).toBeGreaterThan(unconstrained.minutes);
  });

  it("keeps an early appointment reachable on time", () => {
    // Any stop before the 08:25 appointment in the middle of the line makes it late.
    const stops = [
      stop("early", east(2), { work: 30, fixed: "08:25" }),
      stop("a", east(0)),
      stop("d", east(4)),
      stop("b", east(1)),
      stop("c", east(3)),
    ];
    const { ids, schedule } = optimised(stops);
    expect(ids[0]).toBe("early");
    expect(schedule.lateStops).toEqual([]);
    expect(schedule.totalTravelMinutes).toBe(bruteForce(stops, feasibleTravelMinutes).minutes);
    expect(schedule.totalTravelMinutes).toBeLessThan(travelMinutes(stops));
  });

  it("may shorten a late day but never makes an appointment later", () => {
    // The appointment at 08:10 is late in the given order; it may stay late, but not later.
    const stops = [
      stop("a", east(0), { work: 30 }),
      stop("b", east(3), { work: 30 }),
      stop("tight", east(1), { work: 30, fixed: "08:10" }),
      stop("c", east(2), { work: 30 }),
    ];
    const before = lateMinutesById(stops);
    const { ids, schedule } = optimised(stops);
    const after = lateMinutesById(inOrder(stops, ids));
    expect(after.get("tight")).toBeLessThanOrEqual(before.get("tight")!);
    expect(schedule.totalTravelMinutes).toBeLessThan(travelMinutes(stops));
  });

  it("keeps a stop without coordinates right after the stop it followed", () => {
    // Were the unknown legs free, parking "x" between the two stops furthest apart would look best.
    const stops = [
      stop("far", east(10)),
      stop("a", east(2)),
      stop("x", null, { work: 45 }),
      stop("b", east(0)),
      stop("c", east(1)),
    ];
    const ids = optimiseOrder(stops, dayStart, settings);
    expect(ids[ids.indexOf("a") + 1]).toBe("x");
    const located = stops.filter((s) => s.point);
    const best = bruteForce(located, (order) => estimateRouteTravel(order, settings).minutes);
    expect(estimateRouteTravel(inOrder(stops, ids), settings).minutes).toBe(best.minutes);
  });

  it("keeps stops without coordinates at the front when they came first", () => {
    const stops = [
      stop("x", null),
      stop("y", null),
      stop("b", east(2)),
      stop("a", east(0)),
      stop("c", east(1)),
    ];
    const ids = optimiseOrder(stops, dayStart, settings);
    expect(ids.slice(0, 2)).toEqual(["x", "y"]);
    expect([
      ["a", "c", "b"],
      ["b", "c", "a"],
    ]).toContainEqual(ids.slice(2));
  });

  it("keeps stops at the same address together", () => {
    const office = east(5);
    const stops = [
      stop("o1", office),
      stop("a", east(0)),
      stop("o2", { ...office }),
      stop("b", east(9)),
      stop("o3", { ...office }),
      stop("c", east(1)),
    ];
    const ids = optimiseOrder(stops, dayStart, settings);
    const offices = ids.flatMap((id, i) => (id.startsWith("o") ? [i] : []));
    expect(offices[2]! - offices[0]!).toBe(2);
    expect(travelMinutes(inOrder(stops, ids))).toBe(bruteForce(stops, travelMinutes).minutes);
  });

  it("is deterministic and leaves its input alone", () => {
    const stops = withTwoAppointments(randomStops(42, 14));
    const copy = structuredClone(stops);
    const first = optimiseOrder(stops, dayStart, settings);
    expect(optimiseOrder(stops, dayStart, settings)).toEqual(first);
    expect(stops).toEqual(copy);
  });

  // Covers both the exact search for small days and the local search for longer ones.
  it.each(Array.from({ length: 40 }, (_, i) => i + 100))(
    "is never worse than the given order on mixed day %i",
    (seed) => {
      const random = seeded(seed);
      const count = 3 + (seed % 12);
      const stops = withTwoAppointments(randomStops(seed, count)).map((s, i) => ({
        ...s,
        point: i > 0 && random() < 0.15 ? null : s.point,
      }));
      // Some days start late, so the given order already misses an appointment.
      const start = random() < 0.3 ? at("09:00") : dayStart;
      const ids = optimiseOrder(stops, start, settings);
      const result = inOrder(stops, ids);

      expect([...ids].sort()).toEqual(stops.map((s) => s.id).sort());
      expect(estimateRouteTravel(result, settings).minutes).toBeLessThanOrEqual(
        estimateRouteTravel(stops, settings).minutes,
      );
      const before = lateMinutesById(stops, start);
      for (const [id, late] of lateMinutesById(result, start))
        expect(late).toBeLessThanOrEqual(before.get(id)!);
      const fixed = result.flatMap((s) => (s.fixedStart ? [s.fixedStart.getTime()] : []));
      expect(fixed).toEqual([...fixed].sort((a, b) => a - b));
    },
  );
});
