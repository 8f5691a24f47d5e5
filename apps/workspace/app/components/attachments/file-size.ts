/** "820 KB", "3.4 MB": how big a file is, for people. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** What the upload route answers a script (Accept: application/json). */
export type UploadReply =
  | { ok: true; added: { id: string; fileName: string }[] }
  | {
      ok: false;
      message: string;
      fields: Record<string, string[]>;
      added: { id: string; fileName: string }[];
    };

/** The status a plain form post comes back with (`?files=…`), and what it tells the user. */
export const uploadStatusMessages = {
  added: { ok: true, text: "File added." },
  removed: { ok: true, text: "File removed." },
  too_large: { ok: false, text: "The file was not added: it is larger than the limit." },
  refused: {
    ok: false,
    text: "The file was not added. Photos (JPEG, PNG, WebP, HEIC, GIF), PDF, plain text and CSV files can be added, up to the limit of files per item.",
  },
  not_allowed: { ok: false, text: "Files can no longer be added or removed here." },
  failed: { ok: false, text: "The file could not be handled. Please try again." },
} as const;
export type UploadStatus = keyof typeof uploadStatusMessages;
export const isUploadStatus = (value: string | null): value is UploadStatus =>
  value !== null && Object.hasOwn(uploadStatusMessages, value);
