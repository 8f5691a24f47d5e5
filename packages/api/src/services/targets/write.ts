import { recordAudit, recordTimeline, schema, type Transaction, withTenant } from "@ordinavo/db";
import {
  appointmentStatusSets,
  type ChangeTargetStatusInput,
  type CreateTargetInput,
  TransitionError,
  targetMachine,
  type UpdateTargetInput,
} from "@ordinavo/domain";
import { and, eq, inArray } from "drizzle-orm";
import { AppError } from "../../errors";
import { appointmentTimeline, targetStatusEvent } from "../appointments/effects";
import { visibleTarget } from "../appointments/visible";
import type { StaffContext } from "../context";
import { syncFollowUpOfTarget } from "../follow-ups";
import { syncPortalRequestOfTarget } from "../portal-requests/sync";
import { changedFields, givenFields, staffAuditActor } from "../records";
import { requireContactOf, requireLocationOf, visibleCustomer } from "../visibility";
import { recordWebhookEvent } from "../webhook-events";
import { targetView } from "./views";

/** The location and contact of a target must be current ones of its customer. */
async function checkPlace(
  tx: Transaction,
  ctx: StaffContext,
  customerId: string,
  locationId: string | null | undefined,
  contactId: string | null | undefined,
) {
  if (locationId) await requireLocationOf(tx, ctx, customerId, locationId);
  if (contactId) await requireContactOf(tx, ctx, customerId, contactId);
}

export function createTarget(ctx: StaffContext, input: CreateTargetInput) {
  return withTenant(ctx.db, ctx.tenantId, (tx) => createTargetIn(tx, ctx, input));
}

/** `createTarget` in the caller's transaction (accepting a portal request makes its target so). */
export async function createTargetIn(tx: Transaction, ctx: StaffContext, input: CreateTargetInput) {
  const customer = await visibleCustomer(tx, ctx, input.customerId);
  if (customer.archivedAt) throw AppError.field("customerId", "This customer is archived; restore it first");
  await checkPlace(tx, ctx, customer.id, input.locationId, input.contactId);
  const [row] = await tx
    .insert(schema.targets)
    .values({ ...input, tenantId: ctx.tenantId, createdById: ctx.actor.userId })
    .returning();
  await recordTimeline(tx, {
    tenantId: ctx.tenantId,
    customerId: customer.id,
    locationId: row!.locationId,
    kind: "target_created",
    objectType: "target",
    objectId: row!.id,
    occurredAt: row!.createdAt,
  });
  await recordAudit(tx, {
    tenantId: ctx.tenantId,
    actor: staffAuditActor(ctx.actor),
    action: "target.created",
    objectType: "target",
    objectId: row!.id,
    changedFields: givenFields(input),
    metadata: { customerId: customer.id, source: row!.source },
  });
  await recordWebhookEvent(tx, ctx, "target.created", row!.id);
  return targetView(ctx.actor, row!, ctx.gates);
}

export function updateTarget(ctx: StaffContext, input: UpdateTargetInput) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const { targetId, ...change } = input;
    const before = await visibleTarget(tx, ctx, targetId);
    await checkPlace(tx, ctx, before.customerId, change.locationId, change.contactId);
    const changed = changedFields(before, change);
    if (!changed.length) return targetView(ctx.actor, before, ctx.gates);
    const t = schema.targets;
    const [row] = await tx
      .update(t)
      .set(change)
      .where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, targetId)))
      .returning();
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actor: staffAuditActor(ctx.actor),
      action: "target.updated",
      objectType: "target",
      objectId: targetId,
      changedFields: changed,
    });
    return targetView(ctx.actor, row!, ctx.gates);
  });
}

/**
 * Follows the target machine; an illegal step is a field error on `status`, and nothing changes.
 * Cancelling a target cancels the visits that were still to happen.
 */
export function changeTargetStatus(ctx: StaffContext, input: ChangeTargetStatusInput) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const before = await visibleTarget(tx, ctx, input.targetId);
    try {
      targetMachine.assertTransition(before.status, input.status);
    } catch (error) {
      if (error instanceof TransitionError) throw AppError.field("status", `${error.message}.`);
      throw error;
    }
    const t = schema.targets;
    const [row] = await tx
      .update(t)
      .set({ status: input.status, completedAt: input.status === "done" ? new Date() : null })
      .where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, input.targetId)))
      .returning();
    // A follow-up's status is its target's (planned, done, cancelled): it moves with it.
    await syncFollowUpOfTarget(tx, ctx, input.targetId);
    await syncPortalRequestOfTarget(tx, ctx, input.targetId);
    if (input.status === "cancelled") {
      // Work that will not happen leaves the board with its target.
      const a = schema.appointments;
      const cancelled = await tx
        .update(a)
        .set({ status: "cancelled" })
        .where(
          and(
            eq(a.tenantId, ctx.tenantId),
            eq(a.targetId, input.targetId),
            inArray(a.status, [...appointmentStatusSets.movable]),
          ),
        )
        .returning({ id: a.id, customerId: a.customerId, locationId: a.locationId });
      for (const appointment of cancelled) {
        await appointmentTimeline(tx, ctx, appointment, "appointment_cancelled");
        await recordWebhookEvent(tx, ctx, "appointment.status_changed", appointment.id);
      }
    }
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actor: staffAuditActor(ctx.actor),
      action: "target.status_changed",
      objectType: "target",
      objectId: input.targetId,
      changedFields: ["status"],
      metadata: { from: before.status, to: input.status },
    });
    await targetStatusEvent(tx, ctx, input.targetId);
    return targetView(ctx.actor, row!, ctx.gates);
  });
}
