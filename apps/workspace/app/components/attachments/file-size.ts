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
      /** The files added before one was refused: they are kept. */
      added: { id: string; fileName: string }[];
      /** The name of the file that was refused, when one was. */
      refused?: string;
    };

/**
 * The query parameters a plain form post's outcome travels in: the status, the owner whose form
 * it is about, the refused file's name and how many files before it were added. Each post clears
 * the previous post's.
 */
export const uploadStatusParams = ["files", "filesFor", "fileName", "added"] as const;

/**
 * The statuses a plain form post comes back with (`?files=…`), and what they tell the user. The
 * refusals are short on purpose: the exact sentence (with the limits) is the server's, which a
 * script shows as it comes; these only say which kind of refusal it was.
 */
export const uploadStatusMessages = {
  added: { ok: true, text: "File added." },
  removed: { ok: true, text: "File removed." },
  too_large: { ok: false, text: "It is larger than one file may be." },
  type: { ok: false, text: "Files of this kind cannot be added." },
  damaged: { ok: false, text: "The image could not be read. It may be damaged." },
  empty: { ok: false, text: "The file is empty." },
  full: { ok: false, text: "No more files fit here. Remove one to add another." },
  refused: { ok: false, text: "It could not be accepted." },
  not_allowed: { ok: false, text: "Files can no longer be added or removed here." },
  failed: { ok: false, text: "The file could not be handled. Please try again." },
} as const;
export type UploadStatus = keyof typeof uploadStatusMessages;
export const isUploadStatus = (value: string | null): value is UploadStatus =>
  value !== null && Object.hasOwn(uploadStatusMessages, value);

const keptText = (added: number) =>
  added === 1
    ? " The file before it was added."
    : added > 1
      ? ` The ${added} files before it were added.`
      : "";

/**
 * One file refused: which (when known), why, and that the files sent before it were kept.
 * `“scan.pdf” was not added. Files can be at most 10 MB. The 2 files before it were added.`
 */
export function refusalText(fileName: string | null, reason: string, added: number): string {
  return `${fileName ? `“${fileName}” was not added. ` : ""}${reason}${keptText(added)}`;
}

/** What a plain post's status says, with the file name and count it came back with. */
export function uploadStatusText(
  status: UploadStatus,
  details: { fileName: string | null; added: number },
): { ok: boolean; text: string } {
  const { ok, text } = uploadStatusMessages[status];
  if (status === "added") return { ok, text: details.added > 1 ? `${details.added} files added.` : text };
  if (ok || status === "not_allowed") return { ok, text };
  if (status === "failed") return { ok, text: `${text}${keptText(details.added)}` };
  const who = details.fileName ? `“${details.fileName}”` : "The file";
  return { ok, text: `${who} was not added. ${text}${keptText(details.added)}` };
}
