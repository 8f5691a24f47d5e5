export { attachmentsFor, listAttachments } from "./list";
export { type OpenedAttachment, openAttachment } from "./open";
export { releaseAttachment } from "./release";
export { removeAttachment } from "./remove";
export { uploadAttachment } from "./upload";
export { type AttachmentView, ZAttachmentView } from "./views";
