export { DiskFileStore } from "./disk";
export { type Inspection, inspectUpload, makePreview } from "./inspect";
export { assertSafeKey, isSafeKey } from "./keys";
export * from "./limits";
export { safeFileName } from "./names";
export { placeholderPdf, placeholderPhoto } from "./placeholder";
export { S3FileStore, type S3StoreOptions } from "./s3";
export type { FileStore, ListOptions, StoredFile } from "./store";
export {
  createFileStore,
  describeStorage,
  fileStoreFromUrl,
  parseStorageUrl,
  type StorageConfig,
  StorageUrlError,
} from "./url";
