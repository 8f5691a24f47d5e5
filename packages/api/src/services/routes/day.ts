import { schema, type Transaction } from "@ordinavo/db";
import { type AppointmentStatus, appointmentIs } from "@ordinavo/domain";
import {
  defaultTravelSettings,
  type RouteSchedule,
  type RouteStop,
  scheduleRoute,
  type TravelSettings,
} from "@ordinavo/planning";
import { can, canSeeRoute } from "@ordinavo/policy";
import { and, asc, eq, gte, isNull, lt, ne } from "drizzle-orm";
import { AppError } from "../../errors";
import type { StaffContext } from "../context";
import { localDaysRange } from "../planning-days";
import { type RouteView, totals } from "./views";

// An employee's day as stops, and how it reads as a route: the saved order where there is one,
// work per stop, travel between stops, totals.

export interface LoadedStop {
  appointmentId: string;
  targetTitle: string;
  customerName: string;
  locationName: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  plannedStart: Date;
  plannedEnd: Date;
  fixedTime: boolean;
  status: AppointmentStatus;
  position: number | null;
}

export type LoadedDay = Awaited<ReturnType<typeof loadDay>>;

/**
 * The appointments of that local day, in the saved route order where there is one (appointments
 * planned since then follow, by time). Someone else's route is NOT_FOUND for an employee.
 */
export async function loadDay(tx: Transaction, ctx: StaffContext, employeeId: string, day: string) {
  if (!canSeeRoute(ctx.actor, { tenantId: ctx.tenantId, employeeId }, ctx.gates)) {
    throw AppError.notFound("This route");
  }
  const {
    appointments: a,
    targets: t,
    customers: c,
    locations: l,
    routes: r,
    routeStops: s,
    staffUsers: u,
    tenantMemberships: m,
  } = schema;
  const [member] = await tx
    .select({ name: u.name })
    .from(m)
    .innerJoin(u, eq(u.id, m.userId))
    .where(and(eq(m.tenantId, ctx.tenantId), eq(m.userId, employeeId)));
  if (!member) throw AppError.notFound("This route");
  const [route] = await tx
    .select()
    .from(r)
    .where(and(eq(r.tenantId, ctx.tenantId), eq(r.employeeId, employeeId), eq(r.day, day)));
  const range = localDaysRange(day, 1, ctx.timeZone);
  const rows = await tx
    .select({
      appointmentId: a.id,
      targetTitle: t.title,
      customerName: c.name,
      locationName: l.name,
      addressLine1: l.addressLine1,
      city: l.city,
      latitude: l.latitude,
      longitude: l.longitude,
      plannedStart: a.plannedStart,
      plannedEnd: a.plannedEnd,
      fixedTime: a.fixedTime,
      status: a.status,
      position: s.position,
    })
    .from(a)
    .innerJoin(t, and(eq(t.tenantId, a.tenantId), eq(t.id, a.targetId)))
    .innerJoin(c, and(eq(c.tenantId, a.tenantId), eq(c.id, a.customerId)))
    .leftJoin(l, and(eq(l.tenantId, a.tenantId), eq(l.id, a.locationId)))
    .leftJoin(
      s,
      and(
        eq(s.tenantId, a.tenantId),
        eq(s.appointmentId, a.id),
        route ? eq(s.routeId, route.id) : isNull(s.id),
      ),
    )
    .where(
      and(
        eq(a.tenantId, ctx.tenantId),
        eq(a.assignedEmployeeId, employeeId),
        gte(a.plannedStart, range.start),
        lt(a.plannedStart, range.end),
        ne(a.status, "cancelled"),
      ),
    )
    .orderBy(asc(a.plannedStart));
  const stops: LoadedStop[] = rows
    .map(({ addressLine1, city, ...row }) => ({
      ...row,
      locationName: row.locationName ?? null,
      address: addressLine1 ? `${addressLine1}, ${city}` : null,
      latitude: row.latitude ?? null,
      longitude: row.longitude ?? null,
      position: row.position ?? null,
    }))
    .sort((x, y) => {
      if (x.position !== null && y.position !== null) return x.position - y.position;
      if (x.position !== null) return -1;
      if (y.position !== null) return 1;
      return x.plannedStart.getTime() - y.plannedStart.getTime();
    });
  return { employeeName: member.name, route: route ?? null, stops };
}

/** The tenant's travel estimate settings (road factor, average speed). */
export async function travelSettings(tx: Transaction, tenantId: string): Promise<TravelSettings> {
  const st = schema.tenantSettings;
  const [row] = await tx
    .select({ roadFactor: st.routeRoadFactor, averageSpeedKmh: st.routeAverageSpeedKmh })
    .from(st)
    .where(eq(st.tenantId, tenantId));
  return row ?? defaultTravelSettings;
}

const minutesBetween = (start: Date, end: Date) =>
  Math.max(1, Math.round((end.getTime() - start.getTime()) / 60_000));

/** The optimiser's view of a stop: started, finished and fixed-time visits keep their slot. */
export function routeStop(stop: LoadedStop): RouteStop {
  const keepsSlot = stop.fixedTime || !appointmentIs("movable", stop.status);
  return {
    id: stop.appointmentId,
    point:
      stop.latitude !== null && stop.longitude !== null
        ? { latitude: stop.latitude, longitude: stop.longitude }
        : null,
    workMinutes: minutesBetween(stop.plannedStart, stop.plannedEnd),
    fixedStart: keepsSlot ? stop.plannedStart : null,
  };
}

/** The day starts when its earliest visit is planned to start. */
export const dayStartOf = (stops: readonly LoadedStop[]) =>
  new Date(Math.min(...stops.map((s) => s.plannedStart.getTime())));

const emptySchedule: RouteSchedule = {
  legs: [],
  totalWorkMinutes: 0,
  totalTravelMinutes: 0,
  totalTravelKm: 0,
  unknownTravelLegs: 0,
  lateStops: [],
};

/** The day as the route page shows it. */
export function presentDay(
  ctx: StaffContext,
  employeeId: string,
  day: string,
  loaded: LoadedDay,
  settings: TravelSettings,
): RouteView {
  const stops = loaded.stops.map(routeStop);
  const schedule = stops.length ? scheduleRoute(stops, dayStartOf(loaded.stops), settings) : emptySchedule;
  return {
    employee: { id: employeeId, name: loaded.employeeName },
    day,
    optimisedAt: loaded.route?.optimisedAt ?? null,
    settings,
    stops: loaded.stops.map((stop, index) => {
      const leg = schedule.legs[index]!;
      return {
        appointmentId: stop.appointmentId,
        targetTitle: stop.targetTitle,
        customerName: stop.customerName,
        locationName: stop.locationName,
        address: stop.address,
        hasCoordinates: stop.latitude !== null,
        latitude: stop.latitude,
        longitude: stop.longitude,
        plannedStart: stop.plannedStart,
        plannedEnd: stop.plannedEnd,
        fixedTime: stop.fixedTime,
        keepsSlot: stops[index]!.fixedStart !== null,
        status: stop.status,
        workMinutes: stops[index]!.workMinutes,
        travelKm: index === 0 ? null : leg.travelKm === null ? null : Math.round(leg.travelKm * 10) / 10,
        travelMinutes: index === 0 ? null : leg.travelMinutes,
        waitMinutes: leg.waitMinutes,
        late: leg.late,
      };
    }),
    totals: totals(schedule),
    can: { edit: can(ctx.actor, "route.write", ctx.gates) },
  };
}
