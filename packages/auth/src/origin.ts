const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "TRACE"]);

function originOf(value: string | null | undefined): string | null {
  if (!value || value === "null") return null;
  try {
    const url = new URL(value);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return url.origin;
  } catch {
    return null;
  }
}

/**
 * Cross-site request check for forms and mutations. Safe methods (GET, HEAD, OPTIONS, TRACE)
 * pass — they must not change state anyway. Any other method passes only when its Origin header
 * (or, when a browser sent none, its Referer) names one of `allowedOrigins`; a request with
 * neither is refused, as is the opaque origin "null" (sandboxed frames, some redirects).
 */
export function isSameOrigin(request: Request, allowedOrigins: readonly string[]): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return true;
  const allowed = new Set(allowedOrigins.map(originOf).filter((origin): origin is string => origin !== null));
  const origin = request.headers.get("origin");
  if (origin !== null) {
    const parsed = originOf(origin);
    return parsed !== null && allowed.has(parsed);
  }
  const fromReferer = originOf(request.headers.get("referer"));
  return fromReferer !== null && allowed.has(fromReferer);
}
