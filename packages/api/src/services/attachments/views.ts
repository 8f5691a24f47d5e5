import { z } from "zod";

// What the attachment services return. Never the storage key or checksum: those stay server-side.

export const ZAttachmentView = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number(),
  /** An image type: the list shows a thumbnail (when `hasPreview`) instead of an icon. */
  isImage: z.boolean(),
  /** A small webp preview exists (`openAttachment(…, "preview")`). */
  hasPreview: z.boolean(),
  createdAt: z.date(),
  uploadedById: z.string().nullable(),
  /** The actor may remove it (the uploader while the owner still takes files). */
  canRemove: z.boolean(),
});
export type AttachmentView = z.infer<typeof ZAttachmentView>;
