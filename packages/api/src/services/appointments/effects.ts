import { recordAudit, recordTimeline, schema, type Transaction } from "@ordinavo/db";
import {
  type AppointmentStatus,
  appointmentStatusSets,
  type TargetStatus,
  targetMachine,
} from "@ordinavo/domain";
import { and, eq, inArray, isNull, ne, notInArray, sql } from "drizzle-orm";
import { auditActor, type StaffContext } from "../context";
import { syncFollowUpOfTarget } from "../follow-ups";
import { syncPortalRequestOfTarget } from "../portal-requests/sync";
import { staffAuditActor } from "../records";
import { takesAppointments } from "../targets/views";
import { recordWebhookEvent } from "../webhook-events";

// What follows from a change to an appointment, in the same transaction: the customer's
// history, the recurring plan's memory that a person changed the visit, and the target's status.

/**
 * The customer's history: planned and cancelled visits are among the kinds the portal may show
 * (the policy decides per viewer), so they are marked portal-visible.
 */
export async function appointmentTimeline(
  tx: Transaction,
  ctx: StaffContext,
  appointment: { id: string; customerId: string; locationId: string | null },
  kind: "appointment_planned" | "appointment_cancelled",
) {
  await recordTimeline(tx, {
    tenantId: ctx.tenantId,
    customerId: appointment.customerId,
    locationId: appointment.locationId,
    kind,
    objectType: "appointment",
    objectId: appointment.id,
    occurredAt: new Date(),
    actor: auditActor(ctx.actor),
    portalVisible: true,
  });
}

/** A person changed a generated appointment: later plan edits leave its occurrence alone. */
export async function markTouched(
  tx: Transaction,
  ctx: StaffContext,
  by: { occurrenceId: string | null } | { appointmentId: string },
) {
  const o = schema.recurringOccurrences;
  const which =
    "appointmentId" in by
      ? eq(o.appointmentId, by.appointmentId)
      : by.occurrenceId
        ? eq(o.id, by.occurrenceId)
        : undefined;
  if (!which) return;
  await tx
    .update(o)
    .set({ touchedAt: new Date() })
    .where(and(eq(o.tenantId, ctx.tenantId), which, isNull(o.touchedAt)));
}

/**
 * Moves the target along with its appointments: planned while one may still happen, open when
 * none is left. Targets that started, ended or were cancelled keep their status. A move is audited
 * and announced like the office's own status change, unless the caller announces the whole move
 * itself (`quiet`, for a visit that moved the work more than once).
 */
export async function syncTargetStatus(
  tx: Transaction,
  ctx: StaffContext,
  targetId: string,
  options: { quiet?: boolean } = {},
) {
  const { targets: t, appointments: a } = schema;
  const [target] = await tx
    .select({ status: t.status })
    .from(t)
    .where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, targetId)));
  if (!target || !takesAppointments(target.status)) return;
  const [active] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(a)
    .where(
      and(
        eq(a.tenantId, ctx.tenantId),
        eq(a.targetId, targetId),
        inArray(a.status, [...appointmentStatusSets.movable]),
      ),
    );
  const next = active!.n > 0 ? "planned" : "open";
  if (target.status === next || !targetMachine.canTransition(target.status, next)) return;
  await tx
    .update(t)
    .set({ status: next })
    .where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, targetId)));
  await syncFollowUpOfTarget(tx, ctx, targetId);
  await syncPortalRequestOfTarget(tx, ctx, targetId);
  if (!options.quiet) await targetMoved(tx, ctx, targetId, target.status, next);
}

/**
 * A target whose status followed its visits: audited (`target.status_changed`, the same action as
 * the office's own change) and announced to webhooks, in the transaction that moved it.
 */
async function targetMoved(
  tx: Transaction,
  ctx: StaffContext,
  targetId: string,
  from: TargetStatus,
  to: TargetStatus,
  metadata: Record<string, string> = {},
) {
  await recordAudit(tx, {
    tenantId: ctx.tenantId,
    actor: staffAuditActor(ctx.actor),
    action: "target.status_changed",
    objectType: "target",
    objectId: targetId,
    changedFields: to === "done" ? ["status", "completedAt"] : ["status"],
    metadata: { from, to, ...metadata },
  });
  await targetStatusEvent(tx, ctx, targetId);
}

/**
 * The target's status once a visit reached `status` on site:
 * - on site or working: the work is in progress;
 * - completed: done, unless another visit of the same work is still to happen or underway;
 * - not completed: back to open (and planned again when another visit is still planned).
 * Each step goes through the target machine; a step it refuses (the work was cancelled or done
 * meanwhile) leaves the target as it is. Returns the status the target ended with.
 */
export async function moveTargetWithVisit(
  tx: Transaction,
  ctx: StaffContext,
  visit: { id: string; targetId: string; customerId: string; locationId: string | null },
  status: AppointmentStatus,
  at: Date,
): Promise<TargetStatus | null> {
  const { targets: t, appointments: a } = schema;
  const [target] = await tx
    .select({ status: t.status })
    .from(t)
    .where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, visit.targetId)))
    .for("update");
  if (!target) return null;

  let wanted: TargetStatus[] = [];
  if (status === "on_site" || status === "in_progress") wanted = ["in_progress"];
  if (status === "not_completed") wanted = ["open"];
  if (status === "completed") {
    const [others] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(a)
      .where(
        and(
          eq(a.tenantId, ctx.tenantId),
          eq(a.targetId, visit.targetId),
          ne(a.id, visit.id),
          notInArray(a.status, [...appointmentStatusSets.terminal]),
        ),
      );
    // Planned work passes through "in progress" on its way to done.
    wanted = others!.n > 0 ? ["in_progress"] : ["in_progress", "done"];
  }

  let current = target.status;
  for (const next of wanted) {
    if (current === next || !targetMachine.canTransition(current, next)) continue;
    current = next;
  }
  if (current !== target.status) {
    await tx
      .update(t)
      .set({ status: current, ...(current === "done" ? { completedAt: at } : {}) })
      .where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, visit.targetId)));
    if (current === "done") {
      await recordTimeline(tx, {
        tenantId: ctx.tenantId,
        customerId: visit.customerId,
        locationId: visit.locationId,
        kind: "target_completed",
        objectType: "target",
        objectId: visit.targetId,
        occurredAt: at,
        actor: auditActor(ctx.actor),
      });
    }
  }
  // Work that stopped short is planned again when another of its visits is still to come.
  // (Announced below with the whole move.)
  if (current === "open") await syncTargetStatus(tx, ctx, visit.targetId, { quiet: true });
  await syncFollowUpOfTarget(tx, ctx, visit.targetId);
  await syncPortalRequestOfTarget(tx, ctx, visit.targetId);
  const [after] = await tx
    .select({ status: t.status })
    .from(t)
    .where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, visit.targetId)));
  if (after && after.status !== target.status) {
    await targetMoved(tx, ctx, visit.targetId, target.status, after.status, { appointmentId: visit.id });
  }
  return after?.status ?? null;
}

/** The webhook event for a target whose status changed, recorded in the change's transaction. */
export function targetStatusEvent(tx: Transaction, ctx: StaffContext, targetId: string) {
  return recordWebhookEvent(tx, ctx, "target.status_changed", targetId);
}
