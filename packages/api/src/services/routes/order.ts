import { recordAudit, schema, type Transaction, withTenant } from "@ordinavo/db";
import { optimiseOrder, scheduleRoute, type TravelSettings } from "@ordinavo/planning";
import { and, eq, inArray } from "drizzle-orm";
import { AppError } from "../../errors";
import { markTouched } from "../appointments/effects";
import type { StaffContext } from "../context";
import { staffAuditActor } from "../records";
import { recordWebhookEvent } from "../webhook-events";
import { dayStartOf, type LoadedDay, loadDay, presentDay, routeStop, travelSettings } from "./day";
import type { ReorderInput, RouteInput, TimeChange } from "./views";
import { totals } from "./views";

// Reading a day and changing its order. A new order gives the flexible visits new times (so the
// board and the route tell the same story); every time that moved is returned, never changed
// silently.

/** An employee's day: ordered stops, work per stop, travel between them, totals. */
export function getRouteDay(ctx: StaffContext, input: RouteInput) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const loaded = await loadDay(tx, ctx, input.employeeId, input.day);
    return presentDay(ctx, input.employeeId, input.day, loaded, await travelSettings(tx, ctx.tenantId));
  });
}

/**
 * Saves an order: the route row, its stops with travel estimates, and the new times of the visits
 * that may move (a confirmed visit that moves needs confirming again). Returns what moved.
 */
async function applyOrder(
  tx: Transaction,
  ctx: StaffContext,
  input: RouteInput,
  loaded: LoadedDay,
  order: readonly string[],
  settings: TravelSettings,
  optimised: boolean,
): Promise<TimeChange[]> {
  const byId = new Map(loaded.stops.map((stop) => [stop.appointmentId, stop]));
  const ordered = order.map((id) => byId.get(id)!);
  const stops = ordered.map(routeStop);
  const schedule = scheduleRoute(stops, dayStartOf(loaded.stops), settings);
  const { routes: r, routeStops: s, appointments: a } = schema;
  const now = new Date();
  const [route] = await tx
    .insert(r)
    .values({
      tenantId: ctx.tenantId,
      employeeId: input.employeeId,
      day: input.day,
      optimisedAt: optimised ? now : null,
    })
    .onConflictDoUpdate({
      target: [r.tenantId, r.employeeId, r.day],
      set: { optimisedAt: optimised ? now : null, updatedAt: now },
    })
    .returning();
  // A stop belongs to one route: an appointment moved from another day leaves that route.
  await tx.delete(s).where(and(eq(s.tenantId, ctx.tenantId), inArray(s.appointmentId, [...order])));
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
  const changes: TimeChange[] = [];
  for (const [index, leg] of schedule.legs.entries()) {
    const stop = ordered[index]!;
    if (stops[index]!.fixedStart !== null || leg.start.getTime() === stop.plannedStart.getTime()) continue;
    changes.push({
      appointmentId: stop.appointmentId,
      title: stop.targetTitle,
      before: stop.plannedStart,
      after: leg.start,
    });
    await tx
      .update(a)
      .set({
        plannedStart: leg.start,
        plannedEnd: leg.end,
        status: stop.status === "confirmed" ? "scheduled" : stop.status,
      })
      .where(and(eq(a.tenantId, ctx.tenantId), eq(a.id, stop.appointmentId)));
    await markTouched(tx, ctx, { appointmentId: stop.appointmentId });
    await recordWebhookEvent(tx, ctx, "appointment.moved", stop.appointmentId);
  }
  await recordAudit(tx, {
    tenantId: ctx.tenantId,
    actor: staffAuditActor(ctx.actor),
    action: optimised ? "route.optimised" : "route.reordered",
    objectType: "route",
    objectId: route!.id,
    changedFields: ["stops"],
    metadata: { stops: order.length, moved: changes.length, travelMinutes: schedule.totalTravelMinutes },
  });
  return changes.sort((x, y) => x.after.getTime() - y.after.getTime());
}

/** Saves a hand-made order (every stop of the day, once). Flexible visits take the new times. */
export function reorderRoute(ctx: StaffContext, input: ReorderInput) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const loaded = await loadDay(tx, ctx, input.employeeId, input.day);
    const known = new Set(loaded.stops.map((stop) => stop.appointmentId));
    const given = new Set(input.appointmentIds);
    if (
      given.size !== input.appointmentIds.length ||
      given.size !== known.size ||
      ![...given].every((id) => known.has(id))
    ) {
      throw AppError.field("appointmentIds", "The day's stops have changed; reload the route and try again.");
    }
    const settings = await travelSettings(tx, ctx.tenantId);
    await applyOrder(tx, ctx, input, loaded, input.appointmentIds, settings, false);
    const after = await loadDay(tx, ctx, input.employeeId, input.day);
    return presentDay(ctx, input.employeeId, input.day, after, settings);
  });
}

/**
 * Finds a shorter order (fixed-time and started visits keep their slot) and saves it, with the
 * totals before and the visits whose planned start it changed.
 */
export function optimiseRoute(ctx: StaffContext, input: RouteInput) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const loaded = await loadDay(tx, ctx, input.employeeId, input.day);
    if (loaded.stops.length === 0) throw AppError.field("day", "There are no stops to optimise on this day.");
    const settings = await travelSettings(tx, ctx.tenantId);
    const stops = loaded.stops.map(routeStop);
    const dayStart = dayStartOf(loaded.stops);
    const before = totals(scheduleRoute(stops, dayStart, settings));
    const order = optimiseOrder(stops, dayStart, settings);
    const timeChanges = await applyOrder(tx, ctx, input, loaded, order, settings, true);
    const after = await loadDay(tx, ctx, input.employeeId, input.day);
    return { before, route: presentDay(ctx, input.employeeId, input.day, after, settings), timeChanges };
  });
}
