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
  /**
   * Opens the bytes (null when storage has none). Nothing is opened before this is called, so a
   * caller that only looks (or a call over HTTP, where a function does not travel) holds no file
   * handle or storage connection. Whoever calls it must consume or destroy the stream.
   */
  read(): Promise<Readable | null>;
}

/** A file the actor may see, for the download routes, which stream what `read()` opens. */
export async function openAttachment(
  ctx: StaffContext,
  input: { attachmentId: string; variant: "original" | "preview" },
): Promise<OpenedAttachment> {
  const { row } = await withTenant(ctx.db, ctx.tenantId, (tx) =>
    visibleAttachment(tx, ctx, input.attachmentId),
  );
  const preview = input.variant === "preview";
  if (preview && !hasPreviewFor(row.contentType)) throw AppError.notFound("This preview");
  const key = preview ? previewKeyOf(row.storageKey) : row.storageKey;
  const read = () => ctx.files.open(key);
  return preview
    ? { fileName: `${row.fileName}.webp`, contentType: "image/webp", sizeBytes: null, read }
    : { fileName: row.fileName, contentType: row.contentType, sizeBytes: row.sizeBytes, read };
}
