import type { Auth } from "@ordinavo/auth";
import { isSameOrigin } from "@ordinavo/auth";
import type { Database } from "@ordinavo/db";

/** What the launcher hands the API: shared, created once per process. */
export interface ApiServices {
  db: Database;
  auth: Auth;
  /** Builds absolute links for mails (invitations, password resets) per app. */
  links: { workspace: (path: string) => string; portal: (path: string) => string };
  /** Origins whose forms and scripts may change state in each cookie realm. */
  origins: { workspace: string[]; portal: string[] };
  /**
   * Mails are kept in the development mailbox and may be read at /dev/mail: only when no SMTP
   * server is configured and the apps listen on a loopback address (a laptop, a demo).
   */
  devMailbox: boolean;
}

/** Facts about the HTTP request that the API may record (throttling, login events). */
export interface RequestFacts {
  clientAddress: string | null;
  userAgent: string | null;
  /** The request came from one of the realm's own origins (checked before any mutation). */
  sameOrigin: boolean;
}

export function requestFacts(
  request: Request,
  origins: string[],
  clientAddress: string | null = null,
): RequestFacts {
  return {
    clientAddress,
    userAgent: request.headers.get("user-agent")?.slice(0, 300) ?? null,
    sameOrigin: isSameOrigin(request, origins),
  };
}

/** Reads one cookie from a Cookie header. */
export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name)
      return decodeURIComponent(part.slice(index + 1).trim());
  }
  return null;
}
