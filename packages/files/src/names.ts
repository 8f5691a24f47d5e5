import { MAX_FILE_NAME_LENGTH } from "./limits";

// The name a file is stored and offered under. It comes from the uploader's device, so it is
// reduced to a plain last path segment without control or direction-changing characters, and
// it always ends in an extension of the type read from the bytes: "invoice.html" holding plain
// text is kept as "invoice.html.txt", so no program treats it as a web page.

/** The usual extensions of each kept type; the first is added when the name has none of them. */
export const extensionsOf: Record<string, readonly string[]> = {
  "image/jpeg": ["jpg", "jpeg"],
  "image/png": ["png"],
  "image/webp": ["webp"],
  "image/heic": ["heic"],
  "image/gif": ["gif"],
  "application/pdf": ["pdf"],
  "text/plain": ["txt", "log", "md", "text"],
  "text/csv": ["csv"],
};

// C0/C1 controls, and the Unicode marks that reorder text ("photo\u202Egnp.exe").
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const unsafeCharacters = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// Characters that mean something to a file system or a shell on some platform.
const reserved = /[<>:"|?*]/g;

const codePoints = (text: string) => Array.from(text);

export function safeFileName(declared: string, contentType: string): string {
  const lastSegment = declared.split(/[\\/]/).pop() ?? "";
  let name = lastSegment
    .normalize("NFC")
    .replace(/\s+/g, " ")
    .replace(unsafeCharacters, "")
    .replace(reserved, "_")
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, "");
  if (name === "") name = "file";

  const extensions = extensionsOf[contentType] ?? [];
  const dot = name.lastIndexOf(".");
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
  const suffix = extensions.length > 0 && !extensions.includes(extension) ? `.${extensions[0]}` : "";

  const room = MAX_FILE_NAME_LENGTH - suffix.length;
  const chars = codePoints(name);
  if (chars.length > room) {
    // Keep the end (the extension) when there is one we keep.
    const keep = suffix === "" && extension ? `.${extension}` : "";
    name =
      chars
        .slice(0, room - keep.length)
        .join("")
        .trimEnd() + keep;
  }
  return name + suffix;
}
