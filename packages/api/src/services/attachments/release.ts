import { recordAudit, schema, withTenant } from "@ordinavo/db";
import { canPublishVisitReport, canReleaseAttachment } from "@ordinavo/policy";
import { and, eq } from "drizzle-orm";
import { AppError } from "../../errors";
import type { StaffContext } from "../context";
import { staffAuditActor } from "../records";
import { visibleAttachment } from "./load";

// Releasing one file for the Customer Portal, or withdrawing it. Only files of visit reports are
// ever shared (the policy's canReleaseAttachment), and only once the report is approved: releasing
// is part of publishing, so whoever may publish the report decides (canPublishVisitReport). A
// released file is downloadable only while its report is published and the tenant lets the portal
// offer files; the release itself is kept either way, so switching the setting on later shares
// exactly the files someone chose.

export async function releaseAttachment(
  ctx: StaffContext,
  input: { attachmentId: string; released: boolean },
): Promise<{ id: string; releasedAt: Date | null }> {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const { row, owner } = await visibleAttachment(tx, ctx, input.attachmentId);
    if (!canReleaseAttachment(ctx.actor, owner, ctx.gates)) {
      throw new AppError(
        "FORBIDDEN",
        owner.ownerType === "visit_report"
          ? "Your role does not share files in the customer portal."
          : "Only files of visit reports can be shared in the customer portal.",
      );
    }
    if (!owner.report || !canPublishVisitReport(ctx.actor, owner.report, ctx.gates)) {
      throw new AppError("FORBIDDEN", "Files can be shared once their report is approved.");
    }
    const released = row.portalReleasedAt !== null;
    if (released === input.released) return { id: row.id, releasedAt: row.portalReleasedAt };
    const f = schema.attachments;
    const [updated] = await tx
      .update(f)
      .set(
        input.released
          ? { portalReleasedAt: new Date(), portalReleasedById: ctx.actor.userId }
          : { portalReleasedAt: null, portalReleasedById: null },
      )
      .where(and(eq(f.tenantId, ctx.tenantId), eq(f.id, row.id)))
      .returning({ id: f.id, releasedAt: f.portalReleasedAt });
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actor: staffAuditActor(ctx.actor),
      action: input.released ? "attachment.released" : "attachment.withdrawn",
      objectType: "attachment",
      objectId: row.id,
      changedFields: ["portalReleasedAt"],
      metadata: { ownerType: row.ownerType, ownerId: row.ownerId, customerId: row.customerId },
    });
    return updated!;
  });
}
