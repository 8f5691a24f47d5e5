import { recordAudit, schema, withTenant } from "@ordinavo/db";
import { previewKeyOf } from "@ordinavo/files";
import { and, eq } from "drizzle-orm";
import { AppError } from "../../errors";
import type { StaffContext } from "../context";
import { staffAuditActor } from "../records";
import { visibleAttachment } from "./load";
import { mayRemove } from "./rules";

/**
 * Removes a file: its uploader, while they could still add files to the owner, or a tenant admin
 * (a report's files only while it is a draft or returned; see `mayRemove`). The row goes first, in a transaction with its audit entry;
 * then the bytes. Should removing the bytes fail, an unreferenced file stays behind — never a row
 * pointing at nothing.
 */
export async function removeAttachment(ctx: StaffContext, input: { attachmentId: string }) {
  const row = await withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const { row, owner } = await visibleAttachment(tx, ctx, input.attachmentId);
    if (!mayRemove(ctx, owner, row)) {
      throw new AppError(
        "FORBIDDEN",
        owner.report
          ? "A report's files can be removed while it is a draft or returned, by whoever added them or a tenant admin."
          : "Only the person who added a file, or a tenant admin, can remove it.",
      );
    }
    const f = schema.attachments;
    await tx.delete(f).where(and(eq(f.tenantId, ctx.tenantId), eq(f.id, row.id)));
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actor: staffAuditActor(ctx.actor),
      action: "attachment.removed",
      objectType: "attachment",
      objectId: row.id,
      metadata: { ownerType: row.ownerType, ownerId: row.ownerId, customerId: row.customerId },
    });
    return row;
  });
  await Promise.allSettled([
    ctx.files.remove(row.storageKey),
    ctx.files.remove(previewKeyOf(row.storageKey)),
  ]);
  return { id: row.id };
}
