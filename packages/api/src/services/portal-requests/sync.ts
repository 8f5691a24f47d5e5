import { recordAudit, recordTimeline, schema, type Transaction } from "@ordinavo/db";
import { type PortalRequestStatus, portalRequestMachine, type TargetStatus } from "@ordinavo/domain";
import { and, eq, inArray } from "drizzle-orm";
import { auditActor, type ServiceContext } from "../context";

// An accepted request is followed through its target, so the customer can see it go from review to
// planned work and on to done without anyone keeping a second status up to date: call this after
// any change to a target's status, in the same transaction (next to `syncFollowUpOfTarget`).

/** What the request says while its target is in each status; a cancelled target changes nothing. */
const requestStatusOf: Record<TargetStatus, PortalRequestStatus | null> = {
  open: "accepted",
  planned: "planned",
  in_progress: "planned",
  done: "completed",
  cancelled: null,
};

/** Requests in these statuses follow their target (declined ones have none; completed is final). */
const followsTarget: readonly PortalRequestStatus[] = ["accepted", "planned"];

/**
 * Brings the request that became this target (if any) to the target's status: planned with a
 * visit to come, back to accepted when every visit was called off, completed when the work is
 * done. Reaching planned or completed is a portal-visible milestone on the customer's timeline.
 */
export async function syncPortalRequestOfTarget(tx: Transaction, ctx: ServiceContext, targetId: string) {
  const { targets: t, portalRequests: p } = schema;
  const rows = await tx
    .select({
      id: p.id,
      status: p.status,
      customerId: p.customerId,
      locationId: p.locationId,
      target: t.status,
    })
    .from(p)
    .innerJoin(t, and(eq(t.tenantId, p.tenantId), eq(t.id, p.resultingTargetId)))
    .where(
      and(
        eq(p.tenantId, ctx.tenantId),
        eq(p.resultingTargetId, targetId),
        inArray(p.status, [...followsTarget]),
      ),
    );
  for (const row of rows) {
    const next = requestStatusOf[row.target];
    if (!next || next === row.status || !portalRequestMachine.canTransition(row.status, next)) continue;
    const now = new Date();
    await tx
      .update(p)
      .set({ status: next })
      .where(and(eq(p.tenantId, ctx.tenantId), eq(p.id, row.id)));
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actor: auditActor(ctx.actor),
      action: "portal_request.status_changed",
      objectType: "portal_request",
      objectId: row.id,
      changedFields: ["status"],
      metadata: { from: row.status, to: next },
    });
    if (next === "planned" || next === "completed") {
      await recordTimeline(tx, {
        tenantId: ctx.tenantId,
        customerId: row.customerId,
        locationId: row.locationId,
        kind: next === "planned" ? "portal_request_planned" : "portal_request_completed",
        objectType: "portal_request",
        objectId: row.id,
        occurredAt: now,
        actor: auditActor(ctx.actor),
        portalVisible: true,
      });
    }
  }
}
