import { randomUUID } from "node:crypto";
import { recordAudit, schema, type Transaction, withTenant } from "@ordinavo/db";
import type { AttachmentOwnerType } from "@ordinavo/domain";
import {
  inspectUpload,
  MAX_FILE_BYTES,
  MAX_FILES_PER_OWNER,
  previewKeyOf,
  uploadRefusals,
} from "@ordinavo/files";
import type { UploadableOwnerType } from "@ordinavo/policy";
import { and, count, eq, sql } from "drizzle-orm";
import { AppError } from "../../errors";
import type { StaffContext } from "../context";
import { staffAuditActor } from "../records";
import { attachmentView } from "./list";
import { visibleOwner } from "./load";
import type { AttachmentOwner } from "./owners";
import { mayUpload } from "./rules";
import type { AttachmentView } from "./views";

// Adding a file. The order is what keeps storage and database in step: check, read the bytes,
// store them (and the preview), then insert the row and its audit entry in one transaction. If
// that transaction fails, the stored bytes are removed again, so a failed upload leaves neither
// an orphan file nor a row without bytes. A crash between the two steps can leave an orphan file
// (never a dangling row); its key is random and nothing points to it.

/** The owner, if the actor may add a file to it now and it has room for one more. */
async function uploadTarget(
  tx: Transaction,
  ctx: StaffContext,
  input: { ownerType: AttachmentOwnerType; ownerId: string },
): Promise<AttachmentOwner> {
  const owner = await visibleOwner(tx, ctx, input.ownerType, input.ownerId);
  if (!mayUpload(ctx, owner)) {
    throw new AppError(
      "FORBIDDEN",
      owner.report
        ? "Files can be added while the report is a draft or returned, by its author or the visit's assignee."
        : "Your role does not allow adding files here.",
    );
  }
  const f = schema.attachments;
  const [held] = await tx
    .select({ n: count() })
    .from(f)
    .where(and(eq(f.tenantId, ctx.tenantId), eq(f.ownerType, input.ownerType), eq(f.ownerId, input.ownerId)));
  if ((held?.n ?? 0) >= MAX_FILES_PER_OWNER) {
    throw AppError.field("file", uploadRefusals.full);
  }
  return owner;
}

export async function uploadAttachment(
  ctx: StaffContext,
  input: { ownerType: UploadableOwnerType; ownerId: string; file: File },
): Promise<AttachmentView> {
  // Cheap refusals before reading a byte or storing anything.
  if (input.file.size > MAX_FILE_BYTES) {
    throw AppError.field("file", uploadRefusals.too_large);
  }
  await withTenant(ctx.db, ctx.tenantId, (tx) => uploadTarget(tx, ctx, input));

  const bytes = new Uint8Array(await input.file.arrayBuffer());
  const inspected = await inspectUpload(bytes, input.file.name);
  if (!inspected.ok) throw AppError.field("file", inspected.message);

  const storageKey = `${ctx.tenantId}/${randomUUID()}`;
  const previewKey = previewKeyOf(storageKey);
  try {
    await ctx.files.put(storageKey, bytes, inspected.contentType);
    if (inspected.preview) await ctx.files.put(previewKey, inspected.preview, "image/webp");
    return await withTenant(ctx.db, ctx.tenantId, async (tx) => {
      // One upload per owner at a time, so two at once cannot both take the last free place.
      await tx.execute(
        sql`select pg_advisory_xact_lock(hashtextextended(${`attachments:${input.ownerId}`}, 0))`,
      );
      const owner = await uploadTarget(tx, ctx, input);
      const [row] = await tx
        .insert(schema.attachments)
        .values({
          tenantId: ctx.tenantId,
          customerId: owner.customerId,
          ownerType: input.ownerType,
          ownerId: input.ownerId,
          storageKey,
          fileName: inspected.fileName,
          sizeBytes: inspected.sizeBytes,
          contentType: inspected.contentType,
          checksumSha256: inspected.checksumSha256,
          uploadedById: ctx.actor.userId,
        })
        .returning();
      // Ids, size and type only: a file name is free text the uploader chose.
      await recordAudit(tx, {
        tenantId: ctx.tenantId,
        actor: staffAuditActor(ctx.actor),
        action: "attachment.uploaded",
        objectType: "attachment",
        objectId: row!.id,
        metadata: {
          ownerType: input.ownerType,
          ownerId: input.ownerId,
          customerId: owner.customerId,
          sizeBytes: inspected.sizeBytes,
          contentType: inspected.contentType,
        },
      });
      return attachmentView(ctx, owner, row!);
    });
  } catch (error) {
    // Whatever got stored goes again; removing a key that holds nothing is fine.
    await Promise.allSettled([ctx.files.remove(storageKey), ctx.files.remove(previewKey)]);
    throw error;
  }
}
