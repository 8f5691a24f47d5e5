import { schema, type Transaction } from "@ordinavo/db";
import type { AttachmentOwnerType } from "@ordinavo/domain";
import { and, eq } from "drizzle-orm";
import { AppError } from "../../errors";
import type { StaffContext } from "../context";
import { type AttachmentOwner, loadOwners } from "./owners";
import { maySee } from "./rules";

// One attachment, or one owner to add files to, loaded for an actor. Another tenant's file, or
// one of work the actor does not have (an employee's unassigned appointment), is NOT_FOUND —
// exactly like a missing one.

const notFound = () => AppError.notFound("This file");

export async function visibleAttachment(tx: Transaction, ctx: StaffContext, attachmentId: string) {
  const f = schema.attachments;
  const [row] = await tx
    .select()
    .from(f)
    .where(and(eq(f.tenantId, ctx.tenantId), eq(f.id, attachmentId)));
  if (!row) throw notFound();
  const owner = (await loadOwners(tx, ctx.tenantId, row.ownerType, [row.ownerId])).get(row.ownerId);
  if (!owner || !maySee(ctx, owner, row)) throw notFound();
  return { row, owner };
}

/** The owner a file would be added to, if it exists and the actor may see its files. */
export async function visibleOwner(
  tx: Transaction,
  ctx: StaffContext,
  ownerType: AttachmentOwnerType,
  ownerId: string,
): Promise<AttachmentOwner> {
  const owner = (await loadOwners(tx, ctx.tenantId, ownerType, [ownerId])).get(ownerId);
  if (!owner || !maySee(ctx, owner, { portalReleasedAt: null })) {
    throw AppError.notFound(ownerType === "visit_report" ? "This report" : "This item");
  }
  return owner;
}
