import { type Adapter, Lucia, type Session, TimeSpan } from "lucia";
import { type Clock, later } from "../clock";
import { createToken, hashToken } from "../tokens";
import {
  clearedSessionCookie,
  type Realm,
  readCookieValue,
  sessionCookie,
  sessionCookieName,
} from "./cookies";
import { renewedExpiry, type SessionTimeouts } from "./timeouts";

/** Attributes every realm stores with a session. */
export interface BaseSessionAttributes {
  absoluteExpiresAt: Date;
  userAgent: string | null;
  /** The stored idle expiry, as the adapter read it (absent when creating a session). */
  idleExpiresAt?: Date;
}

export interface StartedSession {
  /** The secret for the cookie. Never stored, never logged. */
  token: string;
  /** hashToken(token): the session's id in the database. */
  sessionId: string;
  /** The Set-Cookie header value that hands the token to the browser. */
  cookie: string;
  expiresAt: Date;
  absoluteExpiresAt: Date;
}

export interface ValidatedSession<S, U> {
  session: S & { id: string; userId: string; expiresAt: Date };
  user: U & { id: string };
}

export interface SessionRealm<S extends BaseSessionAttributes, U> {
  realm: Realm;
  cookieName: string;
  lucia: Lucia<S, U & {}>;
  start(userId: string, attributes: Omit<S, "absoluteExpiresAt">): Promise<StartedSession>;
  validate(token: string): Promise<ValidatedSession<S, U> | null>;
  /** Ends the session of `token` (if any) and returns the Set-Cookie value that clears it. */
  end(token: string): Promise<string>;
  clearedCookie(): string;
  /** The token from a Cookie request header, or null; cookies of other realms are ignored. */
  readToken(cookieHeader: string | null | undefined): string | null;
}

/** A session in use has its idle expiry pushed forward at most this often (one write a minute). */
export const RENEWAL_STEP_MS = 60_000;

/** What createToken() produces: 43 base64url characters. Anything else is not worth a query. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * One sign-in realm on Lucia: its own adapter (and so its own table), cookie name and timeouts.
 *
 * The cookie carries a random token; the database holds only its SHA-256 as the session id.
 * Every validation slides the idle expiry to `idleMs` from now (written at most once a minute;
 * Lucia's own half-way renewal goes through the same adapter call), so a session ends `idleMs`
 * after its last use, and never after its absolute expiry, which the adapters cap every renewal at.
 */
export function createSessionRealm<S extends BaseSessionAttributes, U extends object>(options: {
  realm: Realm;
  adapter: Adapter;
  timeouts: SessionTimeouts;
  secureCookies: boolean;
  clock: Clock;
}): SessionRealm<S, U> {
  const { realm, adapter, timeouts, secureCookies, clock } = options;
  const cookieName = sessionCookieName(realm, secureCookies);
  const lucia = new Lucia<S, U & {}>(adapter, {
    sessionExpiresIn: new TimeSpan(timeouts.idleMs, "ms"),
    sessionCookie: { name: cookieName, attributes: { secure: secureCookies } },
    getSessionAttributes: (attributes) => attributes as unknown as S,
    getUserAttributes: (attributes) => attributes as unknown as U & {},
  });

  return {
    realm,
    cookieName,
    lucia,

    async start(userId, attributes) {
      const token = createToken();
      const sessionId = hashToken(token);
      const absoluteExpiresAt = later(clock, timeouts.absoluteMs);
      const stored = { ...attributes, absoluteExpiresAt } as S;
      await lucia.createSession(userId, stored, { sessionId });
      return {
        token,
        sessionId,
        cookie: sessionCookie(cookieName, token, timeouts.absoluteMs / 1000, secureCookies),
        expiresAt: renewedExpiry(clock(), timeouts, absoluteExpiresAt),
        absoluteExpiresAt,
      };
    },

    async validate(token) {
      if (!TOKEN_SHAPE.test(token)) return null;
      const result = await lucia.validateSession(hashToken(token));
      if (!result.session) return null;
      const { idleExpiresAt, ...session } = result.session as Session & S;
      const now = clock();
      let expiresAt = idleExpiresAt ?? session.expiresAt;
      if (session.fresh) {
        // Lucia renewed it (half the idle time had passed); the adapter stored this expiry.
        expiresAt = renewedExpiry(now, timeouts, session.absoluteExpiresAt);
      } else if (
        expiresAt.getTime() - now.getTime() < timeouts.idleMs - RENEWAL_STEP_MS &&
        expiresAt.getTime() < session.absoluteExpiresAt.getTime()
      ) {
        // Slide on every use, at most once a minute, so the idle timeout counts from the last
        // request rather than from the last half-way renewal.
        await adapter.updateSessionExpiration(session.id, now);
        expiresAt = renewedExpiry(now, timeouts, session.absoluteExpiresAt);
      }
      return {
        session: { ...(session as unknown as S), id: session.id, userId: session.userId, expiresAt },
        user: result.user as unknown as U & { id: string },
      };
    },

    async end(token) {
      if (TOKEN_SHAPE.test(token)) await lucia.invalidateSession(hashToken(token));
      return clearedSessionCookie(cookieName, secureCookies);
    },

    clearedCookie: () => clearedSessionCookie(cookieName, secureCookies),
    readToken: (cookieHeader) => readCookieValue(cookieHeader, cookieName),
  };
}
