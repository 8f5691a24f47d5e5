import { describe, expect, it } from "vitest";
import { localDay, utcToZonedWallTime, zonedInstant, zonedWallTimeToUtc } from "./calendar";

const paris = "Europe/Paris";
const newYork = "America/New_York";

describe("zonedWallTimeToUtc", () => {
  it.each([
    // [y, m, d, h, min, zone, expected instant]
    [2026, 1, 15, 9, 0, paris, "2026-01-15T08:00:00.000Z"],
    [2026, 7, 15, 9, 0, paris, "2026-07-15T07:00:00.000Z"],
    [2026, 1, 15, 9, 0, newYork, "2026-01-15T14:00:00.000Z"],
    [2026, 7, 15, 9, 0, newYork, "2026-07-15T13:00:00.000Z"],
    [2026, 7, 15, 9, 0, "UTC", "2026-07-15T09:00:00.000Z"],
    [2026, 7, 15, 9, 0, "Asia/Kolkata", "2026-07-15T03:30:00.000Z"],
    [2026, 1, 15, 9, 0, "Australia/Sydney", "2026-01-14T22:00:00.000Z"],
    // Spring forward, Paris 29 March 2026 02:00 → 03:00: 02:30 does not exist, it becomes 03:30.
    [2026, 3, 29, 1, 59, paris, "2026-03-29T00:59:00.000Z"],
    [2026, 3, 29, 2, 0, paris, "2026-03-29T01:00:00.000Z"],
    [2026, 3, 29, 2, 30, paris, "2026-03-29T01:30:00.000Z"],
    [2026, 3, 29, 3, 0, paris, "2026-03-29T01:00:00.000Z"],
    [2026, 3, 29, 3, 30, paris, "2026-03-29T01:30:00.000Z"],
    // Fall back, Paris 25 October 2026 03:00 → 02:00: 02:30 happens twice, the first one wins.
    [2026, 10, 25, 2, 30, paris, "2026-10-25T00:30:00.000Z"],
    [2026, 10, 25, 1, 59, paris, "2026-10-24T23:59:00.000Z"],
    [2026, 10, 25, 3, 0, paris, "2026-10-25T02:00:00.000Z"],
    // New York: spring forward 8 March 2026, fall back 1 November 2026, both at 02:00.
    [2026, 3, 8, 2, 30, newYork, "2026-03-08T07:30:00.000Z"],
    [2026, 3, 8, 3, 30, newYork, "2026-03-08T07:30:00.000Z"],
    [2026, 11, 1, 1, 30, newYork, "2026-11-01T05:30:00.000Z"],
    [2026, 11, 1, 2, 30, newYork, "2026-11-01T07:30:00.000Z"],
    // Southern hemisphere, Sydney springs forward 4 October 2026 02:00 → 03:00.
    [2026, 10, 4, 2, 30, "Australia/Sydney", "2026-10-03T16:30:00.000Z"],
  ])("%i-%i-%i %i:%i in %s is %s", (y, m, d, h, min, zone, expected) => {
    expect(zonedWallTimeToUtc(y, m, d, h, min, zone).toISOString()).toBe(expected);
  });

  it("round-trips with utcToZonedWallTime outside gaps, every hour of a year", () => {
    for (const zone of [paris, newYork, "Australia/Lord_Howe", "Asia/Kathmandu"]) {
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 3_600_000) {
        const wall = utcToZonedWallTime(new Date(t), zone);
        const back = zonedWallTimeToUtc(wall.year, wall.month, wall.day, wall.hour, wall.minute, zone);
        // In an overlap the first instant comes back, which shows the same wall-clock time.
        expect(utcToZonedWallTime(back, zone)).toEqual(wall);
        expect(back.getTime()).toBeLessThanOrEqual(t);
      }
    }
  });

  it("refuses an unknown time zone", () => {
    expect(() => zonedWallTimeToUtc(2026, 1, 1, 9, 0, "Mars/Olympus")).toThrow(RangeError);
  });

  it("gives local dates", () => {
    expect(localDay(new Date("2026-01-14T23:30:00Z"), paris)).toBe("2026-01-15");
    expect(localDay(new Date("2026-01-15T03:30:00Z"), newYork)).toBe("2026-01-14");
  });
});

describe("zonedInstant", () => {
  it("reads minutes past midnight, running into the next day", () => {
    expect(zonedInstant("2026-03-28", 9 * 60, paris).toISOString()).toBe("2026-03-28T08:00:00.000Z");
    expect(zonedInstant("2026-03-29", 9 * 60, paris).toISOString()).toBe("2026-03-29T07:00:00.000Z");
    expect(zonedInstant("2026-03-28", 24 * 60 + 9 * 60, paris).toISOString()).toBe(
      "2026-03-29T07:00:00.000Z",
    );
  });
});
