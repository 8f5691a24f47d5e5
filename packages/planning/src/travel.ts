// Travel estimates between customer sites. We have no road network, so a road trip is the straight
// line stretched by a road factor and driven at one average speed. Cheap, deterministic and good
// enough to order a day's stops and to warn about tight appointments.

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

export interface TravelSettings {
  /** road distance / straight-line distance, e.g. 1.3 */
  roadFactor: number;
  /** e.g. 40 */
  averageSpeedKmh: number;
}

export const defaultTravelSettings: TravelSettings = { roadFactor: 1.3, averageSpeedKmh: 40 };

export interface TravelEstimate {
  km: number;
  minutes: number;
}

/** Mean Earth radius (IUGG), the usual choice for a spherical model. */
const earthRadiusKm = 6371.0088;

const toRadians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle (haversine) distance in km, mean Earth radius 6371.0088 km. */
export function greatCircleKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = toRadians(b.latitude - a.latitude);
  const dLon = toRadians(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRadians(a.latitude)) * Math.cos(toRadians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  // Rounding can push h a hair above 1 for antipodal points, and asin would then return NaN.
  return 2 * earthRadiusKm * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Estimated road km (great circle × roadFactor) and whole minutes (rounded up) at the average speed.
 * null when either point is missing (unknown coordinates).
 */
export function estimateTravel(
  from: GeoPoint | null,
  to: GeoPoint | null,
  settings: TravelSettings,
): TravelEstimate | null {
  assertSettings(settings);
  if (!from || !to) return null;
  const km = greatCircleKm(from, to) * settings.roadFactor;
  const exactMinutes = (km / settings.averageSpeedKmh) * 60;
  // Floating point turns an exact 30 minutes into 30.000000000000004 now and then; without the
  // tolerance that would be billed as 31 minutes.
  const minutes = Math.max(0, Math.ceil(exactMinutes - 1e-9));
  return { km, minutes };
}

function assertSettings(settings: TravelSettings) {
  // Bad settings would silently produce Infinity or negative travel times and poison every schedule,
  // so fail loudly where the mistake is made.
  if (!Number.isFinite(settings.roadFactor) || settings.roadFactor <= 0) {
    throw new RangeError(`roadFactor must be a positive number, got ${settings.roadFactor}`);
  }
  if (!Number.isFinite(settings.averageSpeedKmh) || settings.averageSpeedKmh <= 0) {
    throw new RangeError(`averageSpeedKmh must be a positive number, got ${settings.averageSpeedKmh}`);
  }
}
