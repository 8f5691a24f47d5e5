import { recordAudit, recordTimeline, schema, type Transaction } from "@ordinavo/db";
import type { AppointmentStatus } from "@ordinavo/domain";
import { and, desc, eq, isNull } from "drizzle-orm";
import { markTouched, moveTargetWithVisit } from "../appointments/effects";
import { auditActor, type StaffContext } from "../context";
import { staffAuditActor } from "../records";
import { recordWebhookEvent } from "../webhook-events";
import { endsVisit } from "./views";

// What follows from a status the employee recorded on site, in the update's transaction: the
// visit's own times, its route stop, its work (target and follow-up), the customer's history, the
// audit log and the webhook event.

type Appointment = typeof schema.appointments.$inferSelect;

/** When the employee said they arrived (the latest such update), if they did. */
async function arrivedAt(tx: Transaction, ctx: StaffContext, appointmentId: string) {
  const m = schema.mobileUpdates;
  const [row] = await tx
    .select({ at: m.recordedAt })
    .from(m)
    .where(
      and(
        eq(m.tenantId, ctx.tenantId),
        eq(m.appointmentId, appointmentId),
        eq(m.kind, "status_change"),
        eq(m.status, "on_site"),
      ),
    )
    .orderBy(desc(m.recordedAt))
    .limit(1);
  return row?.at ?? null;
}

/** Marks the visit's route stop visited (once); returns the route it belongs to. */
async function visitStop(tx: Transaction, ctx: StaffContext, appointmentId: string, at: Date) {
  const s = schema.routeStops;
  const [stop] = await tx
    .update(s)
    .set({ visitedAt: at })
    .where(and(eq(s.tenantId, ctx.tenantId), eq(s.appointmentId, appointmentId), isNull(s.visitedAt)))
    .returning({ routeId: s.routeId });
  return stop ?? null;
}

export async function applyVisitStatus(
  tx: Transaction,
  ctx: StaffContext,
  before: Appointment,
  status: AppointmentStatus,
  at: Date,
): Promise<Appointment> {
  const change: Partial<Pick<Appointment, "status" | "startedAt" | "completedAt">> = { status };
  if (status === "in_progress" && !before.startedAt) change.startedAt = at;
  // A short job completed straight from "on site" started when the employee arrived.
  if (status === "completed" && !before.startedAt)
    change.startedAt = (await arrivedAt(tx, ctx, before.id)) ?? at;
  if (endsVisit(status)) change.completedAt = at;

  const a = schema.appointments;
  const [row] = await tx
    .update(a)
    .set(change)
    .where(and(eq(a.tenantId, ctx.tenantId), eq(a.id, before.id)))
    .returning();
  const after = row!;
  await markTouched(tx, ctx, { occurrenceId: before.recurringOccurrenceId });

  const place = { tenantId: ctx.tenantId, customerId: before.customerId, locationId: before.locationId };
  const actor = auditActor(ctx.actor);
  if (endsVisit(status)) {
    await recordTimeline(tx, {
      ...place,
      kind: status === "completed" ? "appointment_completed" : "appointment_not_completed",
      objectType: "appointment",
      objectId: before.id,
      occurredAt: at,
      actor,
      // A completed visit is among what the portal may show; a failed one is internal.
      portalVisible: status === "completed",
    });
    const stop = await visitStop(tx, ctx, before.id, at);
    if (stop) {
      await recordTimeline(tx, {
        ...place,
        kind: "route_stop_visited",
        objectType: "route",
        objectId: stop.routeId,
        occurredAt: at,
        actor,
      });
    }
  }
  await moveTargetWithVisit(tx, ctx, before, status, at);

  await recordAudit(tx, {
    tenantId: ctx.tenantId,
    actor: staffAuditActor(ctx.actor),
    action: "appointment.status_changed",
    objectType: "appointment",
    objectId: before.id,
    changedFields: Object.keys(change),
    metadata: { from: before.status, to: status, source: "mobile" },
  });
  await recordWebhookEvent(tx, ctx, "appointment.status_changed", before.id);
  return after;
}

/** A problem reported on site goes into the customer's history (internal: not for the portal). */
export async function problemReported(tx: Transaction, ctx: StaffContext, before: Appointment, at: Date) {
  await recordTimeline(tx, {
    tenantId: ctx.tenantId,
    customerId: before.customerId,
    locationId: before.locationId,
    kind: "problem_reported",
    objectType: "appointment",
    objectId: before.id,
    occurredAt: at,
    actor: auditActor(ctx.actor),
  });
}
