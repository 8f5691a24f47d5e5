import { randomBytes } from "node:crypto";

/** A fresh nonce per response: 128 random bits, base64. */
export function createNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * The Content-Security-Policy of the apps' pages. Scripts run only from this origin, and inline
 * ones only with this response's nonce (Remix's <Scripts> carries it); nothing may frame the
 * pages; forms post only here; no plugins, no <base> rewriting. Styles allow inline `style`
 * attributes, which the board and maps set. `imageSources` adds origins for images (map tiles).
 */
export function contentSecurityPolicy(nonce: string, options: { imageSources?: string[] } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    ["img-src 'self' data:", ...(options.imageSources ?? [])].join(" "),
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The origin of a tile URL template such as https://tiles.example/{z}/{x}/{y}.png. */
export function templateOrigin(template: string | null): string | null {
  if (!template) return null;
  try {
    return new URL(template.replace(/\{[a-z]\}/g, "0")).origin;
  } catch {
    return null;
  }
}
