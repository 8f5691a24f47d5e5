import { randomUUID } from "node:crypto";
import { recordAudit, schema, type Transaction } from "@ordinavo/db";
import {
  hasPreviewFor,
  inspectUpload,
  isImageType,
  MAX_FILE_BYTES,
  MAX_FILES_PER_OWNER,
  previewKeyOf,
  uploadRefusals,
} from "@ordinavo/files";
import { and, count, eq, sql } from "drizzle-orm";
import { AppError } from "../../errors";
import type { PortalServiceContext } from "../context";
import type { PortalRequestFile } from "./views";

// Files a customer sends with a request: the workspace's upload rules (decision 014) — the type is
// read from the bytes, at most MAX_FILE_BYTES a file and MAX_FILES_PER_OWNER a request — stored
// before the transaction that inserts their rows, and removed again if that transaction fails.
// Refusals are field errors on `files`, in the files package's own sentences (the portal
// translates them).

/** How many files one post may carry (the portal route's body limit holds a few large ones). */
export const MAX_FILES_PER_POST = 5;
export const tooManyFilesMessage = `Choose at most ${MAX_FILES_PER_POST} files at a time.`;

const refuse = (message: string) => AppError.field("files", message);

/** The audit actor of a portal call. */
export const portalAuditActor = (ctx: PortalServiceContext) => ({
  type: "portal_user" as const,
  id: ctx.actor.portalUserId,
});

/** Cheap refusals before a byte is read: how many, and how large. */
export function checkFileSizes(files: readonly File[]) {
  if (files.length > MAX_FILES_PER_POST) throw refuse(tooManyFilesMessage);
  if (files.some((file) => file.size > MAX_FILE_BYTES)) throw refuse(uploadRefusals.too_large);
}

type Inspected = Extract<Awaited<ReturnType<typeof inspectUpload>>, { ok: true }>;

export interface StoredFile {
  inspected: Inspected;
  storageKey: string;
}

/** Reads every file's type from its bytes and stores the accepted ones (all or none). */
export async function storeFiles(ctx: PortalServiceContext, files: readonly File[]): Promise<StoredFile[]> {
  const accepted: { inspected: Inspected; bytes: Uint8Array }[] = [];
  for (const file of files) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const inspected = await inspectUpload(bytes, file.name);
    if (!inspected.ok) throw refuse(inspected.message);
    accepted.push({ inspected, bytes });
  }
  const stored: StoredFile[] = [];
  try {
    for (const { inspected, bytes } of accepted) {
      const storageKey = `${ctx.tenantId}/${randomUUID()}`;
      stored.push({ inspected, storageKey });
      await ctx.files.put(storageKey, bytes, inspected.contentType);
      if (inspected.preview) await ctx.files.put(previewKeyOf(storageKey), inspected.preview, "image/webp");
    }
  } catch (error) {
    await removeStored(ctx, stored);
    throw error;
  }
  return stored;
}

/** Removes stored bytes again (after a failed transaction); a key holding nothing is fine. */
export async function removeStored(ctx: PortalServiceContext, stored: readonly StoredFile[]) {
  await Promise.allSettled(
    stored.flatMap((file) => [
      ctx.files.remove(file.storageKey),
      ctx.files.remove(previewKeyOf(file.storageKey)),
    ]),
  );
}

/**
 * Inserts the rows of stored files for a request, with an audit entry each (ids, size and type —
 * never the file name), after checking the request has room for them. Holds a per-request lock so
 * two posts cannot both take the last places.
 */
export async function insertRequestFiles(
  tx: Transaction,
  ctx: PortalServiceContext,
  request: { id: string; customerId: string },
  stored: readonly StoredFile[],
) {
  if (stored.length === 0) return;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`attachments:${request.id}`}, 0))`);
  const f = schema.attachments;
  const [held] = await tx
    .select({ n: count() })
    .from(f)
    .where(and(eq(f.tenantId, ctx.tenantId), eq(f.ownerType, "portal_request"), eq(f.ownerId, request.id)));
  if ((held?.n ?? 0) + stored.length > MAX_FILES_PER_OWNER) throw refuse(uploadRefusals.full);
  for (const { inspected, storageKey } of stored) {
    const [row] = await tx
      .insert(f)
      .values({
        tenantId: ctx.tenantId,
        customerId: request.customerId,
        ownerType: "portal_request",
        ownerId: request.id,
        storageKey,
        fileName: inspected.fileName,
        sizeBytes: inspected.sizeBytes,
        contentType: inspected.contentType,
        checksumSha256: inspected.checksumSha256,
        // Staff ids only: the portal user is named by the audit entry.
        uploadedById: null,
      })
      .returning({ id: f.id });
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actor: portalAuditActor(ctx),
      action: "attachment.uploaded",
      objectType: "attachment",
      objectId: row!.id,
      metadata: {
        ownerType: "portal_request",
        ownerId: request.id,
        customerId: request.customerId,
        sizeBytes: inspected.sizeBytes,
        contentType: inspected.contentType,
      },
    });
  }
}

type AttachmentRow = typeof schema.attachments.$inferSelect;

/** A stored file as portal readers see it: name, type and size, never its key or checksum. */
export function portalFileView(row: AttachmentRow): PortalRequestFile {
  return {
    id: row.id,
    fileName: row.fileName,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    isImage: isImageType(row.contentType),
    hasPreview: hasPreviewFor(row.contentType),
    createdAt: row.createdAt,
  };
}
