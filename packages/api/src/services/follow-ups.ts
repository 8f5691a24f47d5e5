import { recordTimeline, schema, type Transaction } from "@ordinavo/db";
import type { FollowUpStatus, TargetStatus } from "@ordinavo/domain";
import { and, eq } from "drizzle-orm";
import type { ServiceContext } from "./context";
import { auditActor } from "./context";

// A follow-up is the need a visit report named; its target is the work that meets it. The
// follow-up's status is read off its target, so it cannot drift: call this after any change to a
// target's status, in the same transaction.

const followUpStatusOf: Record<TargetStatus, FollowUpStatus> = {
  open: "open",
  planned: "planned",
  in_progress: "planned",
  done: "done",
  cancelled: "cancelled",
};

/** Brings the follow-up met by this target (if any) to the target's status. */
export async function syncFollowUpOfTarget(tx: Transaction, ctx: ServiceContext, targetId: string) {
  const { targets: t, followUps: f } = schema;
  const [row] = await tx
    .select({ followUp: f, targetStatus: t.status })
    .from(f)
    .innerJoin(t, and(eq(t.tenantId, f.tenantId), eq(t.id, f.targetId)))
    .where(and(eq(f.tenantId, ctx.tenantId), eq(f.targetId, targetId)));
  if (!row) return;
  const next = followUpStatusOf[row.targetStatus];
  if (!next || next === row.followUp.status) return;
  await tx
    .update(f)
    .set({ status: next })
    .where(and(eq(f.tenantId, ctx.tenantId), eq(f.id, row.followUp.id)));
  if (next === "planned" || next === "done") {
    await recordTimeline(tx, {
      tenantId: ctx.tenantId,
      customerId: row.followUp.customerId,
      locationId: row.followUp.locationId,
      kind: next === "planned" ? "follow_up_planned" : "follow_up_done",
      objectType: "follow_up",
      objectId: row.followUp.id,
      occurredAt: new Date(),
      actor: auditActor(ctx.actor),
      // Planned follow-up work is what the portal shows the customer; "done" stays internal.
      portalVisible: next === "planned",
    });
  }
}
