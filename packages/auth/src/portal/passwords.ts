import { withSystem } from "@ordinavo/db";
import { portalPasswordResets, portalSessions, portalUsers } from "@ordinavo/db/schema";
import { isLocale } from "@ordinavo/domain";
import { and, eq, gt, isNull, ne } from "drizzle-orm";
import { later } from "../clock";
import type { AuthContext } from "../context";
import { recordSecurityEvents } from "../events";
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
import { findPortalUser, findPortalUsersByEmail, tenantFacts } from "./accounts";

/**
 * Mails a single-use, one-hour reset link to every enabled portal account with this email — one
 * mail per tenant, naming the company, since each account has its own password. Answers nothing
 * and throws nothing either way.
 */
export async function requestPortalPasswordReset(
  ctx: AuthContext,
  input: { email: string; resetUrl: (token: string) => string; clientAddress?: string | null },
): Promise<void> {
  const email = normalizeEmail(String(input.email ?? ""));
  if (!email) return;
  const users = (await findPortalUsersByEmail(ctx.db, email)).filter((user) => !user.disabledAt);
  const r = portalPasswordResets;
  for (const user of users) {
    const now = ctx.clock();
    const token = createToken();
    const expiresAt = later(ctx.clock, PASSWORD_RESET_LIFETIME_MS);
    const issued = await withSystem(ctx.db, async (tx) => {
      const [recent] = await tx
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
      if (recent) return false;
      await tx.delete(r).where(and(eq(r.userId, user.id), isNull(r.usedAt)));
      await tx.insert(r).values({
        tenantId: user.tenantId,
        userId: user.id,
        tokenHash: hashToken(token),
        expiresAt,
        createdAt: now,
      });
      await recordSecurityEvents(tx, [
        { tenantId: user.tenantId, kind: "password_reset_requested", subjectUserId: user.id, at: now },
      ]);
      return true;
    });
    if (!issued) continue;
    try {
      // In the contact's saved language, with dates in the service provider's time zone.
      const company = await tenantFacts(ctx.db, user.tenantId);
      const mail = passwordResetMail({
        realm: "portal",
        to: user.email,
        link: input.resetUrl(token),
        expiresAt,
        locale: isLocale(user.locale) ? user.locale : "en",
        timeZone: company.timeZone,
      });
      await ctx.mailer.send(company.name ? { ...mail, subject: `${mail.subject} (${company.name})` } : mail);
    } catch {
      // Logged by the mailer; never surfaced, so the answer does not reveal the account.
    }
  }
}

/**
 * Sets a new portal password through a reset link, once; ends every session of that account and
 * records password_changed (and session_revoked when sessions ended).
 */
export async function resetPortalPassword(
  ctx: AuthContext,
  token: string,
  newPassword: string,
): Promise<ResetPasswordResult> {
  const invalid = { ok: false, reason: "invalid_token", message: INVALID_RESET_MESSAGE } as const;
  if (!token) return invalid;
  const r = portalPasswordResets;
  const [pending] = await withSystem(ctx.db, (tx) =>
    tx
      .select({ userId: r.userId })
      .from(r)
      .where(and(eq(r.tokenHash, hashToken(token)), isNull(r.usedAt), gt(r.expiresAt, ctx.clock())))
      .limit(1),
  );
  if (!pending) return invalid;
  const user = await findPortalUser(ctx.db, pending.userId);
  if (!user || user.disabledAt) return invalid;
  const checked = checkNewPassword(newPassword, { email: user.email });
  if (!checked.ok) return { ok: false, reason: "password_rejected", message: checked.message };
  const passwordHash = await hashPassword(checked.password);

  const outcome = await withSystem(ctx.db, async (tx) => {
    const now = ctx.clock();
    const [row] = await tx
      .update(r)
      .set({ usedAt: now })
      .where(and(eq(r.tokenHash, hashToken(token)), isNull(r.usedAt), gt(r.expiresAt, now)))
      .returning({ userId: r.userId });
    if (!row) return null;
    await tx.update(portalUsers).set({ passwordHash }).where(eq(portalUsers.id, user.id));
    const ended = await tx
      .delete(portalSessions)
      .where(eq(portalSessions.userId, user.id))
      .returning({ id: portalSessions.id });
    await recordSecurityEvents(tx, [
      { tenantId: user.tenantId, kind: "password_changed", subjectUserId: user.id, at: now },
      ...(ended.length > 0
        ? [{ tenantId: user.tenantId, kind: "session_revoked" as const, subjectUserId: user.id, at: now }]
        : []),
    ]);
    return { sessionsEnded: ended.length };
  });
  if (!outcome) return invalid;
  await ctx.throttle.clearAccount("portal", accountThrottleKey(hashEmail(user.email)));
  ctx.log.info("Password reset", { realm: "portal", tenantId: user.tenantId, userId: user.id, ...outcome });
  return { ok: true, userId: user.id, ...outcome };
}

/** Changes a signed-in portal user's password after checking the current one. */
export async function changePortalPassword(
  ctx: AuthContext,
  portalUserId: string,
  currentPassword: string,
  newPassword: string,
  options: ChangePasswordOptions,
): Promise<ChangePasswordResult> {
  const user = await findPortalUser(ctx.db, portalUserId);
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
  const passwordHash = await hashPassword(checked.password);
  const sessionsEnded = await withSystem(ctx.db, async (tx) => {
    const now = ctx.clock();
    await tx.update(portalUsers).set({ passwordHash }).where(eq(portalUsers.id, user.id));
    let ended = 0;
    if (options.endOtherSessions) {
      const s = portalSessions;
      const rows = await tx
        .delete(s)
        .where(
          and(eq(s.userId, user.id), options.keepSessionId ? ne(s.id, options.keepSessionId) : undefined),
        )
        .returning({ id: s.id });
      ended = rows.length;
    }
    await recordSecurityEvents(tx, [
      {
        tenantId: user.tenantId,
        kind: "password_changed",
        subjectUserId: user.id,
        actorUserId: user.id,
        at: now,
      },
      ...(ended > 0
        ? [
            {
              tenantId: user.tenantId,
              kind: "session_revoked" as const,
              subjectUserId: user.id,
              actorUserId: user.id,
              at: now,
            },
          ]
        : []),
    ]);
    return ended;
  });
  ctx.log.info("Password changed", {
    realm: "portal",
    tenantId: user.tenantId,
    userId: user.id,
    sessionsEnded,
  });
  return { ok: true, sessionsEnded };
}
