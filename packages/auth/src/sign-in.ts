import type { LoginRealm } from "@ordinavo/domain/vocabulary";
import { addressThrottleKey, normalizeClientAddress } from "./client-address";
import { DAY } from "./clock";
import { type AuthContext, cleanUserAgent, type RequestInfo } from "./context";
import { verifyAgainstNothing } from "./dummy-verify";
import { recordLoginEvent, signedInFromAddressSince } from "./events";
import { hashPassword, needsRehash, verifyPassword } from "./password";
import { accountThrottleKey } from "./throttle";
import { hashEmail, normalizeEmail } from "./tokens";

export interface SignInInput extends RequestInfo {
  email: string;
  password: string;
}

/** The one answer for an unknown email, a wrong password and a disabled account alike. */
export type SignInFailure =
  | { ok: false; reason: "invalid"; message: string }
  | { ok: false; reason: "throttled"; message: string; retryAfterSeconds: number };

export const INVALID_SIGN_IN_MESSAGE = "The email address or password is not correct.";
export const THROTTLED_SIGN_IN_MESSAGE = "Too many sign-in attempts. Please wait a moment and try again.";

/** An account that may match a sign-in. */
export interface SignInCandidate {
  userId: string;
  /** Tenants whose admins see this person's login events. */
  tenantIds: string[];
  passwordHash: string | null;
  disabled: boolean;
}

/** What a realm contributes to the shared sign-in procedure. */
export interface SignInRealm<C extends SignInCandidate> {
  realm: LoginRealm;
  /** Accounts for the normalized email; the preferred one first. */
  lookup(email: string): Promise<C[]>;
  /** A further condition after the password matched (portal: the user still holds a grant). */
  eligible?(candidate: C): Promise<boolean>;
  storePasswordHash(candidate: C, passwordHash: string): Promise<void>;
  /** Realm-specific records of a failure (portal: security events per matched account). */
  onFailure?(candidates: C[], clientAddress: string | null): Promise<void>;
}

/** Passwords longer than this are refused without hashing them (no work for absurd inputs). */
const MAX_SIGN_IN_PASSWORD_LENGTH = 1024;

/**
 * The sign-in procedure both realms share: throttle check (per account and per address), the
 * password check against each candidate account, a hash upgrade on success, throttle bookkeeping
 * and login events. Unknown emails run a dummy verification so timing tells nothing, and every
 * refusal that is not throttling has the same reason and message.
 */
export async function signInWithPassword<C extends SignInCandidate>(
  ctx: AuthContext,
  realm: SignInRealm<C>,
  input: SignInInput,
): Promise<{ ok: true; candidate: C } | SignInFailure> {
  const email = normalizeEmail(String(input.email ?? ""));
  const password = String(input.password ?? "");
  const emailHash = hashEmail(email);
  const clientAddress = normalizeClientAddress(input.clientAddress);
  const userAgent = cleanUserAgent(input.userAgent);
  const keys = {
    account: accountThrottleKey(emailHash),
    address: clientAddress ? addressThrottleKey(clientAddress) : null,
  };
  const event = (outcome: "success" | "failure" | "lockout", userId: string | null, tenantIds: string[]) =>
    recordLoginEvent(ctx.db, {
      realm: realm.realm,
      outcome,
      userId,
      tenantIds,
      emailHash,
      clientAddress,
      userAgent,
      at: ctx.clock(),
    });
  const eventPerCandidate = async (outcome: "failure" | "lockout", candidates: C[]) => {
    if (candidates.length === 0) return event(outcome, null, []);
    for (const candidate of candidates) await event(outcome, candidate.userId, candidate.tenantIds);
  };

  const trustedSince = new Date(ctx.clock().getTime() - ctx.throttle.settings.trustedAddressDays * DAY);
  const verdict = await ctx.throttle.check(realm.realm, keys, () =>
    clientAddress
      ? signedInFromAddressSince(ctx.db, realm.realm, emailHash, clientAddress, trustedSince)
      : Promise.resolve(false),
  );
  if (verdict.blocked) {
    await eventPerCandidate("lockout", email ? await realm.lookup(email) : []);
    ctx.log.info("Sign-in throttled", { realm: realm.realm, retryAfterSeconds: verdict.retryAfterSeconds });
    return {
      ok: false,
      reason: "throttled",
      message: THROTTLED_SIGN_IN_MESSAGE,
      retryAfterSeconds: verdict.retryAfterSeconds,
    };
  }

  const candidates = email ? await realm.lookup(email) : [];
  let winner: C | undefined;
  if (password.length > 0 && password.length <= MAX_SIGN_IN_PASSWORD_LENGTH) {
    if (candidates.length === 0) await verifyAgainstNothing(password);
    for (const candidate of candidates) {
      const matches = candidate.passwordHash
        ? await verifyPassword(candidate.passwordHash, password)
        : await verifyAgainstNothing(password);
      if (!matches || candidate.disabled) continue;
      if (realm.eligible && !(await realm.eligible(candidate))) continue;
      winner = candidate;
      break;
    }
  }

  if (!winner) {
    await ctx.throttle.recordFailure(realm.realm, keys);
    await eventPerCandidate("failure", candidates);
    await realm.onFailure?.(candidates, clientAddress);
    return { ok: false, reason: "invalid", message: INVALID_SIGN_IN_MESSAGE };
  }

  if (winner.passwordHash && needsRehash(winner.passwordHash)) {
    await realm.storePasswordHash(winner, await hashPassword(password));
  }
  await ctx.throttle.recordSuccess(realm.realm, keys);
  await event("success", winner.userId, winner.tenantIds);
  return { ok: true, candidate: winner };
}

/** Why confirming an existing account's password failed, as an invitation answers it. */
export type ConfirmPasswordFailure =
  | { ok: false; reason: "wrong_password"; message: string }
  | { ok: false; reason: "throttled"; message: string; retryAfterSeconds: number };

/**
 * Accepting an invitation with an account that already exists confirms its password, and that is
 * a sign-in like any other: the same throttling, login events and hash upgrade. Null when the
 * password is right; otherwise the failure to answer with (`wrongPassword` names the product).
 */
export async function confirmExistingPassword<C extends SignInCandidate>(
  ctx: AuthContext,
  realm: SignInRealm<C>,
  input: SignInInput,
  wrongPassword: string,
): Promise<ConfirmPasswordFailure | null> {
  const signIn = await signInWithPassword(ctx, realm, input);
  if (signIn.ok) return null;
  if (signIn.reason === "throttled") {
    return {
      ok: false,
      reason: "throttled",
      message: THROTTLED_SIGN_IN_MESSAGE,
      retryAfterSeconds: signIn.retryAfterSeconds,
    };
  }
  return { ok: false, reason: "wrong_password", message: wrongPassword };
}
