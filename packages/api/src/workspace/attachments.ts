import { attachmentOwnerTypes } from "@ordinavo/domain";
import { MAX_FILE_BYTES, uploadRefusals } from "@ordinavo/files";
import { uploadableOwnerTypes } from "@ordinavo/policy";
import { z } from "zod";
import { permitted, workspaceT } from "../realms/workspace";
import {
  listAttachments,
  type OpenedAttachment,
  openAttachment,
  releaseAttachment,
  removeAttachment,
  uploadAttachment,
  ZAttachmentView,
} from "../services/attachments";

// Files of reports, mobile updates and tasks. Bytes never travel through tRPC over HTTP: pages
// upload through the workspace's /attachments/upload route and download through its
// /attachments/:id routes, which call these procedures with the server-side caller.

const ZAttachmentId = z.object({ attachmentId: z.uuid({ error: "Choose a file" }) });

export const attachmentsRouter = workspaceT.router({
  /**
   * What the upload route checks and answers with, from the one place they are named: the part
   * size it reads, the owner types it passes on, and the refusal sentences it turns into a short
   * status for a plain form post.
   */
  limits: permitted("attachment.read")
    .output(
      z.object({
        maxFileBytes: z.number(),
        ownerTypes: z.array(z.enum(uploadableOwnerTypes)),
        refusals: z.object({
          empty: z.string(),
          too_large: z.string(),
          type: z.string(),
          damaged: z.string(),
          full: z.string(),
        }),
      }),
    )
    .query(() => ({
      maxFileBytes: MAX_FILE_BYTES,
      ownerTypes: [...uploadableOwnerTypes],
      refusals: { ...uploadRefusals },
    })),

  upload: permitted("attachment.upload")
    .input(
      z.object({
        ownerType: z.enum(uploadableOwnerTypes, { error: "Files go on reports, updates or tasks" }),
        ownerId: z.uuid({ error: "Choose what the file belongs to" }),
        file: z.instanceof(File, { error: "Choose a file" }),
      }),
    )
    .output(ZAttachmentView)
    .mutation(({ ctx, input }) => uploadAttachment(ctx.service, input)),

  list: permitted("attachment.read")
    .input(z.object({ ownerType: z.enum(attachmentOwnerTypes), ownerId: z.uuid() }))
    .output(z.array(ZAttachmentView))
    .query(({ ctx, input }) => listAttachments(ctx.service, input)),

  remove: permitted("attachment.upload")
    .input(ZAttachmentId)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => removeAttachment(ctx.service, input)),

  /**
   * Releases one file of an approved visit report for the Customer Portal, or withdraws it
   * (`released: false`). The portal offers it only while the report is published and the tenant
   * has attachments in the portal switched on.
   */
  release: permitted("attachment.release")
    .input(
      ZAttachmentId.extend({
        released: z.boolean({ error: "Say whether the file is shared" }),
      }),
    )
    .output(z.object({ id: z.string(), releasedAt: z.date().nullable() }))
    .mutation(({ ctx, input }) => releaseAttachment(ctx.service, input)),

  /**
   * For the download routes: what the file is and a `read()` that opens its bytes. Over HTTP only
   * the description travels (a function does not), and nothing is opened.
   */
  open: permitted("attachment.read")
    .input(ZAttachmentId.extend({ variant: z.enum(["original", "preview"]).default("original") }))
    .output(
      z.custom<OpenedAttachment>(
        (value) =>
          typeof value === "object" &&
          value !== null &&
          typeof (value as OpenedAttachment).read === "function",
      ),
    )
    .query(({ ctx, input }) => openAttachment(ctx.service, input)),
});
