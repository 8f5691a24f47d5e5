import { DAY, HOUR } from "../clock";

/**
 * How long a session lives: `idleMs` after its last renewal (renewed while in use — see
 * `createSessionRealm`) and never longer than `absoluteMs` after sign-in.
 */
export interface SessionTimeouts {
  idleMs: number;
  absoluteMs: number;
}

/** Staff work in the workspace all day: a working day of idleness, a week at most. */
export const STAFF_SESSION_TIMEOUTS: SessionTimeouts = { idleMs: 8 * HOUR, absoluteMs: 7 * DAY };

/** Customers visit the portal now and then, often on shared devices: shorter on both counts. */
export const PORTAL_SESSION_TIMEOUTS: SessionTimeouts = { idleMs: 2 * HOUR, absoluteMs: 1 * DAY };

/** True when a stored session is past its idle or its absolute expiry at `now`. */
export function isSessionExpired(session: { expiresAt: Date; absoluteExpiresAt: Date }, now: Date): boolean {
  const t = now.getTime();
  return t >= session.expiresAt.getTime() || t >= session.absoluteExpiresAt.getTime();
}

/** The idle expiry of a session used at `now`: idle time from now, never past the absolute expiry. */
export function renewedExpiry(now: Date, timeouts: SessionTimeouts, absoluteExpiresAt: Date): Date {
  const idle = now.getTime() + timeouts.idleMs;
  return new Date(Math.min(idle, absoluteExpiresAt.getTime()));
}
