import { schema, type Transaction, withTenant } from "@ordinavo/db";
import type { AttachmentOwnerType } from "@ordinavo/domain";
import { hasPreviewFor, isImageType } from "@ordinavo/files";
import { project } from "@ordinavo/policy";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { StaffContext } from "../context";
import { visibleOwner } from "./load";
import { type AttachmentOwner, loadOwners } from "./owners";
import { mayRemove, maySee } from "./rules";
import { type AttachmentView, ZAttachmentView } from "./views";

// Reading the files of owners. Other services (the report page, the review queue, an
// appointment's updates) call `attachmentsFor` inside their own transaction with the ids they
// already hold; each file is kept only when the policy lets the actor see it.

type AttachmentRow = typeof schema.attachments.$inferSelect;

export function attachmentView(
  ctx: StaffContext,
  owner: AttachmentOwner,
  row: AttachmentRow,
): AttachmentView {
  // Every field as the policy's field rules give it to this role (dispatchers, for one, do not
  // learn who uploaded a file). Should a rule ever drop a field the view cannot do without, the
  // parse fails rather than the field slipping through.
  const seen: Partial<AttachmentRow> = project(ctx.actor, "attachment", row, ctx.gates) ?? {};
  return ZAttachmentView.parse({
    id: seen.id,
    fileName: seen.fileName,
    contentType: seen.contentType,
    sizeBytes: seen.sizeBytes,
    isImage: seen.contentType !== undefined && isImageType(seen.contentType),
    hasPreview: seen.contentType !== undefined && hasPreviewFor(seen.contentType),
    createdAt: seen.createdAt,
    uploadedById: seen.uploadedById ?? null,
    canRemove: mayRemove(ctx, owner, row),
  });
}

/**
 * The files of each owner the actor may see, oldest first, by owner id. Every id asked for has an
 * entry (an empty list when it has no visible files or does not exist in the tenant).
 */
export async function attachmentsFor(
  tx: Transaction,
  ctx: StaffContext,
  ownerType: AttachmentOwnerType,
  ownerIds: readonly string[],
): Promise<Map<string, AttachmentView[]>> {
  const out = new Map<string, AttachmentView[]>(ownerIds.map((id) => [id, []]));
  if (ownerIds.length === 0) return out;
  const owners = await loadOwners(tx, ctx.tenantId, ownerType, ownerIds);
  if (owners.size === 0) return out;
  const f = schema.attachments;
  const rows = await tx
    .select()
    .from(f)
    .where(
      and(eq(f.tenantId, ctx.tenantId), eq(f.ownerType, ownerType), inArray(f.ownerId, [...owners.keys()])),
    )
    .orderBy(asc(f.createdAt), asc(f.id));
  for (const row of rows) {
    const owner = owners.get(row.ownerId);
    if (!owner || !maySee(ctx, owner, row)) continue;
    out.get(row.ownerId)?.push(attachmentView(ctx, owner, row));
  }
  return out;
}

/**
 * One owner's files. An owner missing from the tenant, or one whose files the actor may not see
 * (another employee's work, report files for a dispatcher), is NOT_FOUND.
 */
export function listAttachments(
  ctx: StaffContext,
  input: { ownerType: AttachmentOwnerType; ownerId: string },
) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    await visibleOwner(tx, ctx, input.ownerType, input.ownerId);
    const files = await attachmentsFor(tx, ctx, input.ownerType, [input.ownerId]);
    return files.get(input.ownerId) ?? [];
  });
}
