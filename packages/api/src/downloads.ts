// Headers for handing out a stored file from a resource route of either app. The name came from an
// uploader's device, so it is given twice in Content-Disposition: as plain ASCII (anything else
// replaced) for old clients, and RFC 5987-encoded (`filename*=UTF-8''…`) for everyone else; quotes,
// backslashes, semicolons and line breaks can never end the header value early. `nosniff` keeps
// browsers to our content type; the sandbox policy means that even a file a browser did render
// could run no script and reach nothing as part of our origin; nothing is kept in any cache.

/** RFC 5987 ext-value: percent-encode everything but attr-chars. */
export function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The name in printable ASCII without quote, backslash or percent (a readable fallback). */
export function asciiFallback(value: string): string {
  const plain = value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]|["\\%;]/g, "_")
    .trim();
  return plain || "file";
}

export function contentDisposition(kind: "attachment" | "inline", fileName: string): string {
  return `${kind}; filename="${asciiFallback(fileName)}"; filename*=UTF-8''${rfc5987(fileName)}`;
}

/** The Content-Security-Policy of a handed-out file: a sandbox with nothing allowed. */
export const FILE_CONTENT_SECURITY_POLICY = "sandbox; default-src 'none'";

/** Every header a file download answers with (the launcher keeps the route's own policy). */
export function downloadHeaders(file: {
  fileName: string;
  contentType: string;
  sizeBytes: number | null;
  disposition: "attachment" | "inline";
}): Headers {
  const type = file.contentType.startsWith("text/") ? `${file.contentType}; charset=utf-8` : file.contentType;
  const headers = new Headers({
    "Content-Type": type,
    "Content-Disposition": contentDisposition(file.disposition, file.fileName),
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": FILE_CONTENT_SECURITY_POLICY,
    "Cache-Control": "private, no-store",
  });
  if (file.sizeBytes !== null) headers.set("Content-Length", String(file.sizeBytes));
  return headers;
}
