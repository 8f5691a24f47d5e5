import { Cookie } from "lucia";

export type Realm = "staff" | "portal";

/**
 * Cookie names per realm. Outside local development the `__Host-` prefix makes the browser insist
 * on Secure, Path=/ and no Domain, so no sibling host can plant or read the cookie.
 */
export function sessionCookieName(realm: Realm, secureCookies: boolean): string {
  return `${secureCookies ? "__Host-" : ""}ordinavo_${realm}`;
}

const baseAttributes = (secure: boolean) => ({
  httpOnly: true,
  secure,
  sameSite: "lax" as const,
  path: "/",
});

/**
 * The Set-Cookie value that carries a session token. It lives as long as the session's absolute
 * lifetime; the idle timeout is enforced on the server, so the browser may hold a cookie that no
 * longer works, never the reverse.
 */
export function sessionCookie(name: string, token: string, maxAgeSeconds: number, secure: boolean): string {
  return new Cookie(name, token, {
    ...baseAttributes(secure),
    maxAge: Math.max(0, Math.floor(maxAgeSeconds)),
  }).serialize();
}

/** The Set-Cookie value that removes a session cookie. */
export function clearedSessionCookie(name: string, secure: boolean): string {
  return new Cookie(name, "", { ...baseAttributes(secure), maxAge: 0 }).serialize();
}

/** The value of one cookie from a Cookie request header, or null. */
export function readCookieValue(cookieHeader: string | null | undefined, name: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const separator = part.indexOf("=");
    if (separator <= 0 || part.slice(0, separator).trim() !== name) continue;
    const raw = part.slice(separator + 1).trim();
    try {
      return decodeURIComponent(raw) || null;
    } catch {
      return null;
    }
  }
  return null;
}
