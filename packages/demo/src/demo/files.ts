import { type Database, schema, withTenant } from "@ordinavo/db";
import {
  type FileStore,
  inspectUpload,
  placeholderPdf,
  placeholderPhoto,
  previewKeyOf,
} from "@ordinavo/files";
import { and, eq, like } from "drizzle-orm";
import { findTenantBySlug } from "../seeding";
import { DEMO_SLUG, NORTHWIND_SLUG } from "./data/accounts";

// The seed writes attachment rows only (it runs inside database transactions and knows no file
// store). The launcher then calls this to put real bytes behind each demo file: a plain picture
// for photos, a one-page PDF for documents, with the row's size and checksum made true. Files
// already stored are left alone, so running it at every start costs one existence check each.

const DEMO_KEY_PREFIX = "demo/";

/** Stores the bytes of every demo attachment that has none yet. Returns how many it stored. */
export async function storeDemoFiles(db: Database, files: FileStore): Promise<number> {
  let stored = 0;
  const tenants = await Promise.all([DEMO_SLUG, NORTHWIND_SLUG].map((slug) => findTenantBySlug(db, slug)));
  const tenantIds = tenants.flatMap((tenant) => (tenant ? [tenant.id] : []));
  // Five pictures, each inspected (type, checksum, preview) once and reused.
  const photos = await Promise.all(
    [0, 1, 2, 3, 4].map(async (variant) => {
      const bytes = await placeholderPhoto(variant);
      return { bytes, inspected: await inspectUpload(bytes, "photo.jpg") };
    }),
  );
  for (const tenantId of tenantIds) {
    const a = schema.attachments;
    const rows = await withTenant(db, tenantId, (tx) =>
      tx
        .select({ id: a.id, storageKey: a.storageKey, fileName: a.fileName, contentType: a.contentType })
        .from(a)
        .where(and(eq(a.tenantId, tenantId), like(a.storageKey, `${DEMO_KEY_PREFIX}%`))),
    );
    for (const [index, row] of rows.entries()) {
      if (await files.has(row.storageKey)) continue;
      const photo = row.contentType.startsWith("image/") ? photos[index % photos.length]! : null;
      const bytes = photo?.bytes ?? placeholderPdf(row.fileName);
      const inspected = photo?.inspected ?? (await inspectUpload(bytes, row.fileName));
      if (!inspected.ok) continue;
      if (inspected.preview) await files.put(previewKeyOf(row.storageKey), inspected.preview, "image/webp");
      await files.put(row.storageKey, bytes, inspected.contentType);
      await withTenant(db, tenantId, (tx) =>
        tx
          .update(a)
          .set({
            sizeBytes: inspected.sizeBytes,
            contentType: inspected.contentType,
            checksumSha256: inspected.checksumSha256,
          })
          .where(and(eq(a.tenantId, tenantId), eq(a.id, row.id))),
      );
      stored += 1;
    }
  }
  return stored;
}
