import { recordAudit, schema, type Transaction, withTenant } from "@ordinavo/db";
import { appointmentStatuses } from "@ordinavo/domain";
import {
  defaultTravelSettings,
  optimiseOrder,
  type RouteSchedule,
  type RouteStop,
  scheduleRoute,
  type TravelSettings,
} from "@ordinavo/planning";
import { can, canSeeRoute } from "@ordinavo/policy";
import { and, asc, eq, gte, inArray, isNull, lt, ne } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../errors";
import { permitted, workspaceT } from "../realms/workspace";
import { localDaysRange } from "./planning";
import { type RecordContext, staffAuditActor } from "./records";

type Ctx = RecordContext;

const ZRouteInput = z.object({
  employeeId: z.uuid({ error: "Choose an employee" }),
  day: z.iso.date({ error: "Choose a day as YYYY-MM-DD" }),
});

/** Stops whose time a route change may set; the others (started, done, fixed) keep their slot. */
const flexibleStatuses: readonly string[] = ["scheduled", "confirmed"];

interface LoadedStop {
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
  status: (typeof appointmentStatuses)[number];
  position: number | null;
}

/**
 * An employee's day as stops: the appointments of that local day, in the saved route order where
 * there is one (appointments planned since then follow, by time).
 */
async function loadDay(tx: Transaction, ctx: Ctx, employeeId: string, day: string) {
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
  const range = localDaysRange(day, 1, ctx.membership.timeZone);
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
    .map((row) => ({
      ...row,
      locationName: row.locationName ?? null,
      address: row.addressLine1 ? `${row.addressLine1}, ${row.city}` : null,
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

async function travelSettings(tx: Transaction, tenantId: string): Promise<TravelSettings> {
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
function routeStop(stop: LoadedStop): RouteStop {
  const keepsSlot = stop.fixedTime || !flexibleStatuses.includes(stop.status);
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
const dayStartOf = (stops: LoadedStop[]) => new Date(Math.min(...stops.map((s) => s.plannedStart.getTime())));

const ZTotals = z.object({
  workMinutes: z.number(),
  travelMinutes: z.number(),
  travelKm: z.number(),
  unknownTravelLegs: z.number(),
  lateStops: z.number(),
});

const totals = (schedule: RouteSchedule) => ({
  workMinutes: schedule.totalWorkMinutes,
  travelMinutes: schedule.totalTravelMinutes,
  travelKm: Math.round(schedule.totalTravelKm * 10) / 10,
  unknownTravelLegs: schedule.unknownTravelLegs,
  lateStops: schedule.lateStops.length,
});

const ZRouteView = z.object({
  employee: z.object({ id: z.string(), name: z.string() }),
  day: z.string(),
  optimisedAt: z.date().nullable(),
  settings: z.object({ roadFactor: z.number(), averageSpeedKmh: z.number() }),
  stops: z.array(
    z.object({
      appointmentId: z.string(),
      targetTitle: z.string(),
      customerName: z.string(),
      locationName: z.string().nullable(),
      address: z.string().nullable(),
      hasCoordinates: z.boolean(),
      latitude: z.number().nullable(),
      longitude: z.number().nullable(),
      plannedStart: z.date(),
      plannedEnd: z.date(),
      fixedTime: z.boolean(),
      keepsSlot: z.boolean(),
      status: z.enum(appointmentStatuses),
      workMinutes: z.number(),
      travelKm: z.number().nullable(),
      travelMinutes: z.number().nullable(),
      waitMinutes: z.number(),
      late: z.boolean(),
    }),
  ),
  totals: ZTotals,
  can: z.object({ edit: z.boolean() }),
});

function present(
  ctx: Ctx,
  employeeId: string,
  day: string,
  loaded: Awaited<ReturnType<typeof loadDay>>,
  settings: TravelSettings,
) {
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

const emptySchedule: RouteSchedule = {
  legs: [],
  totalWorkMinutes: 0,
  totalTravelMinutes: 0,
  totalTravelKm: 0,
  unknownTravelLegs: 0,
  lateStops: [],
};

/**
 * Saves an order: the route row and its stops with travel estimates, and the new times of the
 * visits that may move (so the board and the route tell the same story).
 */
async function applyOrder(
  tx: Transaction,
  ctx: Ctx,
  employeeId: string,
  day: string,
  loaded: Awaited<ReturnType<typeof loadDay>>,
  order: string[],
  settings: TravelSettings,
  optimised: boolean,
) {
  const byId = new Map(loaded.stops.map((stop) => [stop.appointmentId, stop]));
  const ordered = order.map((id) => byId.get(id)!);
  const stops = ordered.map(routeStop);
  const schedule = scheduleRoute(stops, dayStartOf(loaded.stops), settings);
  const { routes: r, routeStops: s, appointments: a, recurringOccurrences: o } = schema;
  const now = new Date();
  const [route] = await tx
    .insert(r)
    .values({ tenantId: ctx.tenantId, employeeId, day, optimisedAt: optimised ? now : null })
    .onConflictDoUpdate({
      target: [r.tenantId, r.employeeId, r.day],
      set: { optimisedAt: optimised ? now : null, updatedAt: now },
    })
    .returning();
  // A stop belongs to one route: an appointment moved from another day leaves that route.
  await tx.delete(s).where(and(eq(s.tenantId, ctx.tenantId), inArray(s.appointmentId, order)));
  await tx.delete(s).where(and(eq(s.tenantId, ctx.tenantId), eq(s.routeId, route!.id)));
  await tx.insert(s).values(
    schedule.legs.map((leg, index) => ({
      tenantId: ctx.tenantId,
      routeId: route!.id,
      appointmentId: leg.stopId,
      position: index,
      workMinutes: stops[index]!.workMinutes,
      travelMinutesFromPrevious: index === 0 ? 0 : (leg.travelMinutes ?? 0),
      travelKmFromPrevious: index === 0 ? 0 : (leg.travelKm ?? 0),
    })),
  );
  let moved = 0;
  for (const [index, leg] of schedule.legs.entries()) {
    const stop = ordered[index]!;
    if (stops[index]!.fixedStart !== null || leg.start.getTime() === stop.plannedStart.getTime()) continue;
    moved++;
    await tx
      .update(a)
      .set({
        plannedStart: leg.start,
        plannedEnd: leg.end,
        status: stop.status === "confirmed" ? "scheduled" : stop.status,
      })
      .where(and(eq(a.tenantId, ctx.tenantId), eq(a.id, stop.appointmentId)));
    await tx
      .update(o)
      .set({ touchedAt: now })
      .where(and(eq(o.tenantId, ctx.tenantId), eq(o.appointmentId, stop.appointmentId), isNull(o.touchedAt)));
  }
  await recordAudit(tx, {
    tenantId: ctx.tenantId,
    actor: staffAuditActor(ctx.actor),
    action: optimised ? "route.optimised" : "route.reordered",
    objectType: "route",
    objectId: route!.id,
    changedFields: ["stops"],
    metadata: { stops: order.length, moved, travelMinutes: schedule.totalTravelMinutes },
  });
  return schedule;
}

export const routesRouter = workspaceT.router({
  /** An employee's day: ordered stops, work per stop, travel between them, totals. */
  day: permitted("route.read")
    .input(ZRouteInput)
    .output(ZRouteView)
    .query(({ ctx, input }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const loaded = await loadDay(tx, ctx, input.employeeId, input.day);
        return present(ctx, input.employeeId, input.day, loaded, await travelSettings(tx, ctx.tenantId));
      }),
    ),

  /** Saves a hand-made order (every stop of the day, once). Flexible visits take the new times. */
  reorder: permitted("route.write")
    .input(
      ZRouteInput.extend({
        appointmentIds: z
          .array(z.uuid({ error: "Each stop must be an appointment of this day" }))
          .min(1, { error: "List the stops in their new order" })
          .max(200),
      }),
    )
    .output(ZRouteView)
    .mutation(({ ctx, input }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const loaded = await loadDay(tx, ctx, input.employeeId, input.day);
        const known = new Set(loaded.stops.map((stop) => stop.appointmentId));
        const given = new Set(input.appointmentIds);
        if (
          given.size !== input.appointmentIds.length ||
          given.size !== known.size ||
          ![...given].every((id) => known.has(id))
        ) {
          throw AppError.field(
            "appointmentIds",
            "The day's stops have changed; reload the route and try again.",
          );
        }
        const settings = await travelSettings(tx, ctx.tenantId);
        await applyOrder(tx, ctx, input.employeeId, input.day, loaded, input.appointmentIds, settings, false);
        return present(
          ctx,
          input.employeeId,
          input.day,
          await loadDay(tx, ctx, input.employeeId, input.day),
          settings,
        );
      }),
    ),

  /** Finds a shorter order (fixed-time and started visits keep their slot) and saves it. */
  optimise: permitted("route.write")
    .input(ZRouteInput)
    .output(z.object({ before: ZTotals, route: ZRouteView }))
    .mutation(({ ctx, input }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const loaded = await loadDay(tx, ctx, input.employeeId, input.day);
        const settings = await travelSettings(tx, ctx.tenantId);
        if (loaded.stops.length === 0)
          throw AppError.field("day", "There are no stops to optimise on this day.");
        const stops = loaded.stops.map(routeStop);
        const dayStart = dayStartOf(loaded.stops);
        const before = totals(scheduleRoute(stops, dayStart, settings));
        const order = optimiseOrder(stops, dayStart, settings);
        await applyOrder(tx, ctx, input.employeeId, input.day, loaded, order, settings, true);
        const route = present(
          ctx,
          input.employeeId,
          input.day,
          await loadDay(tx, ctx, input.employeeId, input.day),
          settings,
        );
        return { before, route };
      }),
    ),
});
