import { staffPasswordResets, staffUsers } from "@ordinavo/db/schema";
import { and, eq, gt, isNull } from "drizzle-orm";
import { later } from "../clock";
import type { AuthContext } from "../context";
import { passwordResetMail } from "../mail/templates";
import { checkNewPassword } from "../new-password";
import { hashPassword, verifyPassword } from "../password";
import {
  type ChangePasswordOptions,
  type ChangePasswordResult,
  INVALID_RESET_MESSAGE,
  PASSWORD_RESET_LIFETIME_MS,
  PASSWORD_RESET_RESEND_MS,
  type ResetPasswordResult,
} from "../password-results";
import { accountThrottleKey } from "../throttle";
import { createToken, hashEmail, hashToken, normalizeEmail } from "../tokens";
import { findStaffUser, findStaffUserByEmail } from "./accounts";
import { deleteStaffSessions } from "./session-adapter";

/**
 * Mails a single-use reset link valid for an hour — only when an enabled account has this email.
 * The caller always answers the same ("if an account exists, a mail is on its way"); mail failures
 * are logged, not thrown, so the answer never reveals whether the account exists.
 */
export async function requestStaffPasswordReset(
  ctx: AuthContext,
  input: { email: string; resetUrl: (token: string) => string },
): Promise<void> {
  const email = normalizeEmail(String(input.email ?? ""));
  const user = email ? await findStaffUserByEmail(ctx.db, email) : undefined;
  if (!user || user.disabledAt) return;
  const r = staffPasswordResets;
  const now = ctx.clock();
  const [recent] = await ctx.db
    .select({ id: r.id })
    .from(r)
    .where(
      and(
        eq(r.userId, user.id),
        isNull(r.usedAt),
        gt(r.createdAt, new Date(now.getTime() - PASSWORD_RESET_RESEND_MS)),
      ),
    )
    .limit(1);
  if (recent) return;
  const token = createToken();
  const expiresAt = later(ctx.clock, PASSWORD_RESET_LIFETIME_MS);
  await ctx.db.transaction(async (tx) => {
    // Only the newest link works.
    await tx.delete(r).where(and(eq(r.userId, user.id), isNull(r.usedAt)));
    await tx.insert(r).values({ userId: user.id, tokenHash: hashToken(token), expiresAt, createdAt: now });
  });
  try {
    await ctx.mailer.send(
      passwordResetMail({ realm: "staff", to: user.email, link: input.resetUrl(token), expiresAt }),
    );
  } catch {
    // Logged by the mailer; never surfaced (see above).
  }
}

/** The account a reset link belongs to, or null (unknown, used or expired link). */
export async function findStaffResetUser(
  ctx: AuthContext,
  token: string,
): Promise<{ userId: string } | null> {
  if (!token) return null;
  const r = staffPasswordResets;
  const [row] = await ctx.db
    .select({ userId: r.userId })
    .from(r)
    .where(and(eq(r.tokenHash, hashToken(token)), isNull(r.usedAt), gt(r.expiresAt, ctx.clock())))
    .limit(1);
  return row ?? null;
}

/**
 * Sets a new password through a reset link, once. Every session of the user ends, and the
 * account's sign-in throttle is cleared: the link proves control of the mailbox.
 */
export async function resetStaffPassword(
  ctx: AuthContext,
  token: string,
  newPassword: string,
): Promise<ResetPasswordResult> {
  const invalid = { ok: false, reason: "invalid_token", message: INVALID_RESET_MESSAGE } as const;
  const pending = await findStaffResetUser(ctx, token);
  if (!pending) return invalid;
  const user = await findStaffUser(ctx.db, pending.userId);
  if (!user || user.disabledAt) return invalid;
  const checked = checkNewPassword(newPassword, { email: user.email });
  if (!checked.ok) return { ok: false, reason: "password_rejected", message: checked.message };
  const passwordHash = await hashPassword(checked.password);

  const r = staffPasswordResets;
  const claimed = await ctx.db.transaction(async (tx) => {
    const now = ctx.clock();
    const [row] = await tx
      .update(r)
      .set({ usedAt: now })
      .where(and(eq(r.tokenHash, hashToken(token)), isNull(r.usedAt), gt(r.expiresAt, now)))
      .returning({ userId: r.userId });
    if (!row) return false;
    await tx.update(staffUsers).set({ passwordHash }).where(eq(staffUsers.id, row.userId));
    return true;
  });
  if (!claimed) return invalid;
  const sessionsEnded = await deleteStaffSessions(ctx.db, user.id);
  await ctx.throttle.clearAccount("staff", accountThrottleKey(hashEmail(user.email)));
  ctx.log.info("Password reset", { realm: "staff", userId: user.id, sessionsEnded });
  return { ok: true, userId: user.id, sessionsEnded };
}

/** Changes a signed-in person's password after checking the current one. */
export async function changeStaffPassword(
  ctx: AuthContext,
  userId: string,
  currentPassword: string,
  newPassword: string,
  options: ChangePasswordOptions,
): Promise<ChangePasswordResult> {
  const user = await findStaffUser(ctx.db, userId);
  if (
    !user?.passwordHash ||
    user.disabledAt ||
    !(await verifyPassword(user.passwordHash, String(currentPassword ?? "")))
  ) {
    return { ok: false, reason: "wrong_password", message: "Your current password is not correct." };
  }
  const checked = checkNewPassword(newPassword, { email: user.email });
  if (!checked.ok) return { ok: false, reason: "password_rejected", message: checked.message };
  if (checked.password === currentPassword) {
    return {
      ok: false,
      reason: "password_rejected",
      message: "Choose a password different from the current one.",
    };
  }
  await ctx.db
    .update(staffUsers)
    .set({ passwordHash: await hashPassword(checked.password) })
    .where(eq(staffUsers.id, userId));
  const sessionsEnded = options.endOtherSessions
    ? await deleteStaffSessions(ctx.db, userId, options.keepSessionId ?? undefined)
    : 0;
  ctx.log.info("Password changed", { realm: "staff", userId, sessionsEnded });
  return { ok: true, sessionsEnded };
}
