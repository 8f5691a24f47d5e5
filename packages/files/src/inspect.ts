import { createHash } from "node:crypto";
import {
  type AllowedContentType,
  allowedContentTypes,
  hasPreviewFor,
  MAX_FILE_BYTES,
  PREVIEW_MAX_SIDE,
  type UploadRefusal,
  uploadRefusals,
} from "./limits";
import { safeFileName } from "./names";

// What an upload really is. The type comes from the bytes (magic numbers via file-type), never
// from the name or the browser's claim; text is accepted only as valid UTF-8 without NUL bytes
// and without markup or a script header, so nothing we store can run in a browser or a shell.

export type Inspection =
  | {
      readonly ok: true;
      readonly contentType: AllowedContentType;
      readonly sizeBytes: number;
      readonly checksumSha256: string;
      readonly fileName: string;
      /** A small webp image (images of previewable types), else null. */
      readonly preview: Uint8Array | null;
    }
  | {
      readonly ok: false;
      readonly reason: Exclude<UploadRefusal, "full">;
      /** A sentence for the person who uploaded it. */
      readonly message: string;
    };

const refuse = (reason: Extract<Inspection, { ok: false }>["reason"]): Inspection => ({
  ok: false,
  reason,
  message: uploadRefusals[reason],
});

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Markup a browser would render or a script a shell would run, near the start of a text. */
function looksActive(text: string): boolean {
  const head = text
    .slice(0, 2048)
    .replace(/^\uFEFF/, "")
    .trimStart()
    .toLowerCase();
  if (head.startsWith("#!")) return true;
  return /<(!doctype|html|head|body|script|svg|\?xml|iframe|object|embed|meta|style)\b/.test(head);
}

/** text/csv when the name says so, text/plain for other safe text, else null. */
function textType(bytes: Uint8Array, declaredName: string): AllowedContentType | null {
  if (bytes.includes(0)) return null;
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return null;
  }
  if (looksActive(text)) return null;
  return /\.csv$/i.test(declaredName.trim()) ? "text/csv" : "text/plain";
}

// The type and image libraries load on first use: they take most of a second to import, and
// every process that imports this package would pay for it at start.
async function contentTypeOf(bytes: Uint8Array, declaredName: string): Promise<string> {
  const { fileTypeFromBuffer } = await import("file-type");
  const found = await fileTypeFromBuffer(bytes);
  if (found) return found.mime;
  return textType(bytes, declaredName) ?? "application/octet-stream";
}

const isAllowed = (type: string): type is AllowedContentType =>
  (allowedContentTypes as readonly string[]).includes(type);

/** A webp no larger than PREVIEW_MAX_SIDE, turned upright by the photo's EXIF orientation. */
export async function makePreview(bytes: Uint8Array): Promise<Uint8Array> {
  const { default: sharp } = await import("sharp");
  const out = await sharp(bytes, { limitInputPixels: 60_000_000, animated: false, failOn: "error" })
    .rotate()
    .resize(PREVIEW_MAX_SIDE, PREVIEW_MAX_SIDE, { fit: "inside", withoutEnlargement: true })
    .webp({ quality: 72 })
    .toBuffer();
  return new Uint8Array(out);
}

export async function inspectUpload(bytes: Uint8Array, declaredName: string): Promise<Inspection> {
  if (bytes.byteLength === 0) return refuse("empty");
  if (bytes.byteLength > MAX_FILE_BYTES) return refuse("too_large");
  const contentType = await contentTypeOf(bytes, declaredName);
  if (!isAllowed(contentType)) return refuse("type");
  let preview: Uint8Array | null = null;
  if (hasPreviewFor(contentType)) {
    try {
      preview = await makePreview(bytes);
    } catch {
      return refuse("damaged");
    }
  }
  return {
    ok: true,
    contentType,
    sizeBytes: bytes.byteLength,
    checksumSha256: createHash("sha256").update(bytes).digest("hex"),
    fileName: safeFileName(declaredName, contentType),
    preview,
  };
}
