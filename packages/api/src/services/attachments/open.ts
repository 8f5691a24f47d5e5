import type { Readable } from "node:stream";
import { withTenant } from "@ordinavo/db";
import { hasPreviewFor, previewKeyOf } from "@ordinavo/files";
import { AppError } from "../../errors";
import type { StaffContext } from "../context";
import { visibleAttachment } from "./load";

export interface OpenedAttachment {
  fileName: string;
  contentType: string;
  /** The original's size; null for a preview (its size is not recorded). */
  sizeBytes: number | null;
  body: Readable;
}

/**
 * The bytes of a file the actor may see, for the download routes. The caller streams `body` and
 * must consume or destroy it.
 */
export async function openAttachment(
  ctx: StaffContext,
  input: { attachmentId: string; variant: "original" | "preview" },
): Promise<OpenedAttachment> {
  const { row } = await withTenant(ctx.db, ctx.tenantId, (tx) =>
    visibleAttachment(tx, ctx, input.attachmentId),
  );
  const preview = input.variant === "preview";
  if (preview && !hasPreviewFor(row.contentType)) throw AppError.notFound("This preview");
  const body = await ctx.files.open(preview ? previewKeyOf(row.storageKey) : row.storageKey);
  if (!body) throw AppError.notFound("This file");
  return preview
    ? { fileName: `${row.fileName}.webp`, contentType: "image/webp", sizeBytes: null, body }
    : { fileName: row.fileName, contentType: row.contentType, sizeBytes: row.sizeBytes, body };
}
