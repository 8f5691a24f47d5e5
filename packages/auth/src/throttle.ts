import type { Database } from "@ordinavo/db";
import { signInThrottles } from "@ordinavo/db/schema";
import type { LoginRealm } from "@ordinavo/domain/vocabulary";
import { and, eq, gt, inArray, lt, or, sql } from "drizzle-orm";
import { type Clock, MINUTE } from "./clock";

/**
 * One throttle rule. After `limit` failures the key is blocked for `firstDelayMs`, doubling with
 * every further failure up to `maxDelayMs`. Attempts refused while blocked are not counted, so a
 * block never grows by itself. Failures count within `windowMs` from the first one; after a block
 * the count is kept until `windowMs` past the block's end, then starts over.
 */
export interface ThrottleRule {
  limit: number;
  firstDelayMs: number;
  maxDelayMs: number;
  windowMs: number;
}

export interface ThrottleSettings {
  /** Per account (the hash of the lower-cased email, whether or not such an account exists). */
  account: ThrottleRule;
  /** Per client address (IPv4 address or IPv6 /64), across all accounts. */
  address: ThrottleRule;
  /**
   * An address from which the account signed in successfully within this many days is exempt
   * from the account's block (the address limit still applies): an attacker hammering an account
   * cannot lock its owner out of their usual place.
   */
  trustedAddressDays: number;
}

export const DEFAULT_THROTTLE: ThrottleSettings = {
  account: { limit: 5, firstDelayMs: 1 * MINUTE, maxDelayMs: 15 * MINUTE, windowMs: 15 * MINUTE },
  address: { limit: 20, firstDelayMs: 1 * MINUTE, maxDelayMs: 15 * MINUTE, windowMs: 15 * MINUTE },
  trustedAddressDays: 30,
};

export interface ThrottleKeys {
  account: string;
  address: string | null;
}

export type ThrottleVerdict = { blocked: false } | { blocked: true; retryAfterSeconds: number };

export interface Throttle {
  settings: ThrottleSettings;
  /** Whether an attempt may proceed. `isTrustedAddress` is asked only when the account is blocked. */
  check(
    realm: LoginRealm,
    keys: ThrottleKeys,
    isTrustedAddress: () => Promise<boolean>,
  ): Promise<ThrottleVerdict>;
  recordFailure(realm: LoginRealm, keys: ThrottleKeys): Promise<void>;
  /** A successful sign-in clears the account's count; the address keeps its count. */
  recordSuccess(realm: LoginRealm, keys: ThrottleKeys): Promise<void>;
  /** Forgets the account's count (after a password reset, which proves control of the mailbox). */
  clearAccount(realm: LoginRealm, accountKey: string): Promise<void>;
  /** Deletes rows that no longer hold a count worth keeping. */
  prune(): Promise<number>;
}

export function accountThrottleKey(emailHash: string): string {
  return `account:${emailHash}`;
}

/** Delay after the `failures`-th failure, or 0 while still under the limit. */
export function throttleDelayMs(rule: ThrottleRule, failures: number): number {
  if (failures < rule.limit) return 0;
  const doublings = Math.min(failures - rule.limit, 30);
  return Math.min(rule.firstDelayMs * 2 ** doublings, rule.maxDelayMs);
}

/** State lives in `sign_in_throttles`, so every app instance behind a load balancer shares it. */
export function createThrottle(db: Database, clock: Clock, settings: ThrottleSettings): Throttle {
  const t = signInThrottles;

  async function fail(realm: LoginRealm, key: string, rule: ThrottleRule): Promise<void> {
    const now = clock();
    await db.transaction(async (tx) => {
      await tx.insert(t).values({ realm, key, failures: 0, windowStartedAt: now }).onConflictDoNothing();
      const [row] = await tx
        .select()
        .from(t)
        .where(and(eq(t.realm, realm), eq(t.key, key)))
        .for("update");
      if (!row) return;
      const lastActivity = Math.max(row.windowStartedAt.getTime(), row.blockedUntil?.getTime() ?? 0);
      const fresh = row.failures === 0 || now.getTime() - lastActivity >= rule.windowMs;
      const failures = fresh ? 1 : row.failures + 1;
      const delay = throttleDelayMs(rule, failures);
      await tx
        .update(t)
        .set({
          failures,
          windowStartedAt: fresh ? now : row.windowStartedAt,
          blockedUntil: delay > 0 ? new Date(now.getTime() + delay) : fresh ? null : row.blockedUntil,
        })
        .where(and(eq(t.realm, realm), eq(t.key, key)));
    });
  }

  return {
    settings,

    async check(realm, keys, isTrustedAddress) {
      const now = clock();
      const wanted = keys.address ? [keys.account, keys.address] : [keys.account];
      const rows = await db
        .select({ key: t.key, blockedUntil: t.blockedUntil })
        .from(t)
        .where(and(eq(t.realm, realm), inArray(t.key, wanted), gt(t.blockedUntil, now)));
      let until = 0;
      for (const row of rows) {
        if (!row.blockedUntil) continue;
        if (row.key === keys.account && keys.address && (await isTrustedAddress())) continue;
        until = Math.max(until, row.blockedUntil.getTime());
      }
      if (until === 0) return { blocked: false };
      return { blocked: true, retryAfterSeconds: Math.max(1, Math.ceil((until - now.getTime()) / 1000)) };
    },

    async recordFailure(realm, keys) {
      await fail(realm, keys.account, settings.account);
      if (keys.address) await fail(realm, keys.address, settings.address);
    },

    async recordSuccess(realm, keys) {
      await db.delete(t).where(and(eq(t.realm, realm), eq(t.key, keys.account)));
    },

    async clearAccount(realm, accountKey) {
      await db.delete(t).where(and(eq(t.realm, realm), eq(t.key, accountKey)));
    },

    async prune() {
      const now = clock();
      const longest = Math.max(settings.account.windowMs, settings.address.windowMs);
      const quietSince = new Date(now.getTime() - longest);
      const rows = await db
        .delete(t)
        .where(
          and(
            lt(t.windowStartedAt, quietSince),
            or(sql`${t.blockedUntil} is null`, lt(t.blockedUntil, quietSince)),
          ),
        )
        .returning({ key: t.key });
      return rows.length;
    },
  };
}
