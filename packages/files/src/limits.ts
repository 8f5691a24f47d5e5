// Limits and type rules for uploaded files, named once: the service enforces them, the upload
// route caps its body with them, and the UI tells the user about them.

/** The largest single file we accept (10 MB). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** How many files one owner (a report, an update, a target) may hold. */
export const MAX_FILES_PER_OWNER = 20;

/** The longest stored file name (the database column is varchar(255)). */
export const MAX_FILE_NAME_LENGTH = 255;

/** The longest side of an image preview, in pixels. */
export const PREVIEW_MAX_SIDE = 480;

/** Content types we keep. Everything else (executables, HTML, SVG, archives…) is refused. */
export const allowedContentTypes = [
  "image/jpeg",
  "image/png",
  "image/webp",
  "image/heic",
  "image/gif",
  "application/pdf",
  "text/plain",
  "text/csv",
] as const;
export type AllowedContentType = (typeof allowedContentTypes)[number];

/**
 * Images whose preview we make. HEIC is kept but gets none: the prebuilt image library cannot
 * decode it, and an image of these types that does not decode is refused at upload, so "has a
 * preview" follows from the type alone.
 */
export const previewableContentTypes: readonly string[] = [
  "image/jpeg",
  "image/png",
  "image/webp",
  "image/gif",
];

export const isImageType = (contentType: string) => contentType.startsWith("image/");
export const hasPreviewFor = (contentType: string) => previewableContentTypes.includes(contentType);

/** The storage key of an original's preview. */
export const previewKeyOf = (storageKey: string) => `${storageKey}.preview`;
