import type { Readable } from "node:stream";
import { recordAudit, schema, withTenant } from "@ordinavo/db";
import type { PortalServiceContext } from "../context";

/**
 * Opens a stored file for a portal contact and records the download: a `portal_file_downloaded`
 * security event (who) and an `attachment.downloaded` audit entry (which file, ids only), in one
 * transaction. Nothing is recorded when storage has no bytes, and the opened stream is closed again
 * when the record cannot be written. Call it only once the caller has decided the contact may have
 * the file; a HEAD request should not call it at all.
 */
export async function openPortalDownload(
  ctx: PortalServiceContext,
  file: {
    storageKey: string;
    attachmentId: string;
    clientAddress: string | null;
    /** Ids that say where the file belongs (the report or request, the customer). */
    context: Record<string, string>;
  },
): Promise<Readable | null> {
  const body = await ctx.files.open(file.storageKey);
  if (!body) return null;
  try {
    await withTenant(ctx.db, ctx.tenantId, async (tx) => {
      await tx.insert(schema.securityEvents).values({
        tenantId: ctx.tenantId,
        realm: "portal",
        kind: "portal_file_downloaded",
        subjectUserId: ctx.actor.portalUserId,
        actorUserId: ctx.actor.portalUserId,
        clientAddress: file.clientAddress,
      });
      await recordAudit(tx, {
        tenantId: ctx.tenantId,
        actor: { type: "portal_user", id: ctx.actor.portalUserId },
        action: "attachment.downloaded",
        objectType: "attachment",
        objectId: file.attachmentId,
        metadata: file.context,
      });
    });
  } catch (error) {
    body.destroy();
    throw error;
  }
  return body;
}
