import type { Database } from "@ordinavo/db";
import type { Clock } from "./clock";
import type { AuthLog } from "./log";
import type { Mailer } from "./mail/mailer";
import type { Throttle } from "./throttle";

/** What every auth service shares; built once by createAuth. */
export interface AuthContext {
  db: Database;
  clock: Clock;
  log: AuthLog;
  mailer: Mailer;
  throttle: Throttle;
  secureCookies: boolean;
}

/** Facts about the request a sign-in arrives with; recorded in login events and used to throttle. */
export interface RequestInfo {
  clientAddress?: string | null;
  userAgent?: string | null;
}

/** User agents are recorded for the login and session lists, cut to a sensible length. */
export function cleanUserAgent(userAgent: string | null | undefined): string | null {
  if (!userAgent) return null;
  // Control characters have no business in a header value; drop them rather than store them.
  const printable = Array.from(userAgent)
    .filter((character) => {
      const code = character.charCodeAt(0);
      return code >= 0x20 && code !== 0x7f;
    })
    .join("");
  const cleaned = printable.trim().slice(0, 300);
  return cleaned || null;
}
