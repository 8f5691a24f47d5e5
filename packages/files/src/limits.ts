// Limits and type rules for uploaded files, named once: the service enforces them, the upload
// route caps its body with them, and the UI tells the user about them.

const MB = 1024 * 1024;

/** The largest single file we accept, in MB (for people) and bytes. */
export const MAX_FILE_MB = 10;
export const MAX_FILE_BYTES = MAX_FILE_MB * MB;

/**
 * The largest upload request the launcher lets through to the upload route: two files of the
 * largest size at once, or four or five phone photos, plus room for the form around them. The
 * route and the service still check every file against MAX_FILE_BYTES.
 */
export const MAX_UPLOAD_BODY_BYTES = 2 * MAX_FILE_BYTES + 5 * MB;

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

/** Why a file was refused, and the sentence the person who sent it reads. */
export const uploadRefusals = {
  empty: "The file is empty.",
  too_large: `Files can be at most ${MAX_FILE_MB} MB.`,
  type: "Only photos (JPEG, PNG, WebP, HEIC, GIF), PDF, plain text and CSV files can be added.",
  damaged: "This image could not be read. It may be damaged.",
  full: `At most ${MAX_FILES_PER_OWNER} files can be added here. Remove one to add another.`,
} as const;
export type UploadRefusal = keyof typeof uploadRefusals;

/** The refusal a message of `uploadRefusals` stands for (null for any other message). */
export function uploadRefusalOf(message: string | undefined): UploadRefusal | null {
  const found = Object.entries(uploadRefusals).find(([, text]) => text === message);
  return found ? (found[0] as UploadRefusal) : null;
}

export const isImageType = (contentType: string) => contentType.startsWith("image/");
export const hasPreviewFor = (contentType: string) => previewableContentTypes.includes(contentType);

/** The storage key of an original's preview. */
export const previewKeyOf = (storageKey: string) => `${storageKey}.preview`;
