import type { Database, Transaction } from "@ordinavo/db";
import { withTenant } from "@ordinavo/db";
import {
  type ApiKeySummary,
  type CreateApiKeyInput,
  createApiKey,
  listApiKeys,
  revokeApiKey,
  type VerifiedApiKey,
  verifyApiKey,
} from "./api-keys";
import { type Clock, systemClock } from "./clock";
import type { AuthContext } from "./context";
import type { AuthLog } from "./log";
import { listDevMail, type Mailer, type MailMessage } from "./mail/mailer";
import { createPortalAuth } from "./portal/service";
import { PORTAL_SESSION_TIMEOUTS, type SessionTimeouts, STAFF_SESSION_TIMEOUTS } from "./sessions/timeouts";
import { createStaffAuth } from "./staff/service";
import { createThrottle, DEFAULT_THROTTLE, type ThrottleRule, type ThrottleSettings } from "./throttle";

export interface AuthOptions {
  db: Database;
  mailer: Mailer;
  log: AuthLog;
  /** true outside local development: `__Host-` cookie names and the Secure attribute. */
  secureCookies: boolean;
  /** The time source; tests inject one to step through expiries. */
  now?: Clock;
  /** Overrides of the throttle rules (see DEFAULT_THROTTLE). */
  throttle?: {
    account?: Partial<ThrottleRule>;
    address?: Partial<ThrottleRule>;
    trustedAddressDays?: number;
  };
  /** Overrides of the session timeouts (see STAFF_/PORTAL_SESSION_TIMEOUTS). */
  sessions?: { staff?: Partial<SessionTimeouts>; portal?: Partial<SessionTimeouts> };
}

/**
 * The auth services of one process, created once by the launcher and shared by both apps and the
 * API: the staff realm, the portal realm, API keys and the mail they send.
 */
export function createAuth(options: AuthOptions) {
  const clock = options.now ?? systemClock;
  const throttleSettings: ThrottleSettings = {
    account: { ...DEFAULT_THROTTLE.account, ...options.throttle?.account },
    address: { ...DEFAULT_THROTTLE.address, ...options.throttle?.address },
    trustedAddressDays: options.throttle?.trustedAddressDays ?? DEFAULT_THROTTLE.trustedAddressDays,
  };
  const ctx: AuthContext = {
    db: options.db,
    clock,
    log: options.log,
    mailer: options.mailer,
    throttle: createThrottle(options.db, clock, throttleSettings),
    secureCookies: options.secureCookies,
  };
  const staff = createStaffAuth(ctx, { ...STAFF_SESSION_TIMEOUTS, ...options.sessions?.staff });
  const portal = createPortalAuth(ctx, { ...PORTAL_SESSION_TIMEOUTS, ...options.sessions?.portal });

  const apiKeys = {
    create: (input: CreateApiKeyInput) => createApiKey(options.db, input, clock),
    verify: <T = undefined>(secret: string, then?: (tx: Transaction, key: VerifiedApiKey) => Promise<T>) =>
      verifyApiKey(options.db, secret, clock, then),
    revoke: (tenantId: string, apiKeyId: string) => revokeApiKey(options.db, { tenantId, apiKeyId }, clock),
    list: (tenantId: string): Promise<ApiKeySummary[]> => withTenant(options.db, tenantId, listApiKeys),
  };

  const mail = {
    transport: options.mailer.transport,
    send: (message: MailMessage) => options.mailer.send(message),
    /** Development mailbox contents (empty list when mail goes out through SMTP). */
    listDevMail: (filter: { to?: string; limit?: number } = {}) =>
      options.mailer.transport === "dev-mailbox" ? listDevMail(options.db, filter) : Promise.resolve([]),
  };

  return {
    staff,
    portal,
    apiKeys,
    mail,
    throttle: throttleSettings,
    /** Housekeeping for a scheduled job: expired sessions of both realms and stale throttle rows. */
    async deleteExpired(): Promise<{ throttleRows: number }> {
      await staff.deleteExpiredSessions();
      await portal.deleteExpiredSessions();
      return { throttleRows: await ctx.throttle.prune() };
    },
  };
}

export type Auth = ReturnType<typeof createAuth>;
