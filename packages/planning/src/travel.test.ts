import { describe, expect, it } from "vitest";
import { defaultTravelSettings, estimateTravel, type GeoPoint, greatCircleKm } from "./travel";

const paris: GeoPoint = { latitude: 48.8566, longitude: 2.3522 };
const lyon: GeoPoint = { latitude: 45.764, longitude: 4.8357 };
const equator = (longitude: number): GeoPoint => ({ latitude: 0, longitude });

describe("greatCircleKm", () => {
  it.each([
    { name: "Paris–Lyon", a: paris, b: lyon, km: 392, within: 1 },
    { name: "the same point", a: paris, b: paris, km: 0, within: 1e-9 },
    { name: "antipodes on the equator", a: equator(0), b: equator(180), km: 20015.1, within: 0.1 },
    {
      name: "antipodes through the poles",
      a: { latitude: 90, longitude: 0 },
      b: { latitude: -90, longitude: 0 },
      km: 20015.1,
      within: 0.1,
    },
    { name: "0.1° of longitude on the equator", a: equator(0), b: equator(0.1), km: 11.1195, within: 1e-4 },
  ])("measures $name", ({ a, b, km, within }) => {
    expect(Math.abs(greatCircleKm(a, b) - km)).toBeLessThanOrEqual(within);
  });

  it("is symmetric and finite for almost antipodal points", () => {
    const a = { latitude: 12.5, longitude: -70 };
    const b = { latitude: -12.5, longitude: 110.0000001 };
    expect(greatCircleKm(a, b)).toBeCloseTo(greatCircleKm(b, a), 9);
    expect(Number.isFinite(greatCircleKm(a, b))).toBe(true);
  });
});

describe("estimateTravel", () => {
  const straight = { roadFactor: 1, averageSpeedKmh: 60 };

  it("defaults to a road factor of 1.3 at 40 km/h", () => {
    expect(defaultTravelSettings).toEqual({ roadFactor: 1.3, averageSpeedKmh: 40 });
  });

  it("stretches the great circle by the road factor and rounds minutes up", () => {
    // 11.1195 km at 60 km/h is 11.12 minutes, billed as 12.
    expect(estimateTravel(equator(0), equator(0.1), straight)).toEqual({
      km: expect.closeTo(11.1195, 4),
      minutes: 12,
    });
    // Paris–Lyon: 391.5 km × 1.3 = 508.95 km, at 40 km/h 763.4 minutes.
    expect(estimateTravel(paris, lyon, defaultTravelSettings)).toEqual({
      km: expect.closeTo(508.95, 1),
      minutes: 764,
    });
  });

  it("does not add a minute when the exact time is a whole number", () => {
    const km = greatCircleKm(paris, lyon);
    // At this speed the trip takes exactly 30 minutes; floating point must not make that 31.
    expect(estimateTravel(paris, lyon, { roadFactor: 1.3, averageSpeedKmh: km * 1.3 * 2 })?.minutes).toBe(30);
  });

  it("is zero between identical points", () => {
    expect(estimateTravel(paris, { ...paris }, defaultTravelSettings)).toEqual({ km: 0, minutes: 0 });
  });

  it.each([
    { from: null, to: lyon },
    { from: paris, to: null },
    { from: null, to: null },
  ])("is null when a point is unknown ($from → $to)", ({ from, to }) => {
    expect(estimateTravel(from, to, defaultTravelSettings)).toBeNull();
  });

  it.each([
    { roadFactor: 0, averageSpeedKmh: 40 },
    { roadFactor: 1.3, averageSpeedKmh: 0 },
    { roadFactor: 1.3, averageSpeedKmh: -5 },
    { roadFactor: Number.NaN, averageSpeedKmh: 40 },
  ])("rejects unusable settings %o", (settings) => {
    expect(() => estimateTravel(paris, lyon, settings)).toThrow(RangeError);
  });
});
