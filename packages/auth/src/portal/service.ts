import { type Database, type Transaction, withTenant } from "@ordinavo/db";
import { portalAccessGrants, portalSessions, portalUsers } from "@ordinavo/db/schema";
import { and, eq, isNull, ne } from "drizzle-orm";
import { type AuthContext, cleanUserAgent, type RequestInfo } from "../context";
import { recordSecurityEvents } from "../events";
import type { ChangePasswordOptions, ChangePasswordResult, ResetPasswordResult } from "../password-results";
import { createSessionRealm } from "../sessions/realm";
import type { SessionTimeouts } from "../sessions/timeouts";
import { type SignInFailure, signInWithPassword } from "../sign-in";
import { changeCustomerAccess, revokeCustomerAccess } from "./grants";
import {
  type AcceptPortalInvitationFailure,
  type AcceptPortalInvitationInput,
  type AcceptPortalInvitationSuccess,
  acceptPortalInvitation,
  getPortalInvitation,
  type InvitePortalUserInput,
  invitePortalUser,
  type PortalInvitationLookup,
  resendPortalInvitation,
  withdrawPortalInvitation,
} from "./invitations";
import { changePortalPassword, requestPortalPasswordReset, resetPortalPassword } from "./passwords";
import {
  createPortalSessionAdapter,
  type PortalGrant,
  type PortalSessionAttributes,
  type PortalUserAttributes,
} from "./session-adapter";
import { portalSignInRealm } from "./sign-in";

export interface PortalSignInSuccess {
  ok: true;
  token: string;
  cookie: string;
  userId: string;
  tenantId: string;
  sessionId: string;
  expiresAt: Date;
}

export type PortalSignInResult = PortalSignInSuccess | SignInFailure;

export interface PortalValidation {
  user: {
    id: string;
    tenantId: string;
    email: string;
    name: string;
    locale: string;
    /** The customer the contact last chose; only a hint (see the portal realm). */
    currentCustomerId: string | null;
    /** The unrevoked grants, read fresh on every validation. */
    grants: PortalGrant[];
  };
  session: { id: string; expiresAt: Date; absoluteExpiresAt: Date };
}

/** Ends a portal user's sessions inside the caller's tenant transaction; returns how many. */
async function endPortalSessions(
  tx: Transaction,
  tenantId: string,
  portalUserId: string,
  exceptSessionId?: string,
): Promise<number> {
  const s = portalSessions;
  const rows = await tx
    .delete(s)
    .where(
      and(
        eq(s.tenantId, tenantId),
        eq(s.userId, portalUserId),
        exceptSessionId ? ne(s.id, exceptSessionId) : undefined,
      ),
    )
    .returning({ id: s.id });
  return rows.length;
}

export function createPortalAuth(ctx: AuthContext, timeouts: SessionTimeouts) {
  const sessions = createSessionRealm<PortalSessionAttributes, PortalUserAttributes>({
    realm: "portal",
    adapter: createPortalSessionAdapter(ctx.db, ctx.clock, timeouts),
    timeouts,
    secureCookies: ctx.secureCookies,
    clock: ctx.clock,
  });
  const signInRealm = portalSignInRealm(ctx);
  const db: Database = ctx.db;

  return {
    realm: "portal" as const,
    /** `__Host-ordinavo_portal` with secure cookies, `ordinavo_portal` in local development. */
    cookieName: sessions.cookieName,
    /** The portal session token from a Cookie header; a staff cookie is never read here. */
    readToken: sessions.readToken,
    clearedCookie: sessions.clearedCookie,
    lucia: sessions.lucia,

    /**
     * Signs in with email and password. An email with accounts in several tenants signs in to the
     * newest account whose password matches (and which is enabled and holds a grant).
     */
    async signIn(input: { email: string; password: string } & RequestInfo): Promise<PortalSignInResult> {
      const result = await signInWithPassword(ctx, signInRealm, input);
      if (!result.ok) return result;
      const { candidate } = result;
      const started = await sessions.start(candidate.userId, {
        tenantId: candidate.tenantId,
        userAgent: cleanUserAgent(input.userAgent),
      });
      return {
        ok: true,
        token: started.token,
        cookie: started.cookie,
        userId: candidate.userId,
        tenantId: candidate.tenantId,
        sessionId: started.sessionId,
        expiresAt: started.expiresAt,
      };
    },

    /**
     * The session behind a cookie token; null when expired, signed out, or when the user is
     * disabled or holds no unrevoked grant any more (such sessions are deleted on the spot).
     */
    async validate(token: string): Promise<PortalValidation | null> {
      const validated = await sessions.validate(token);
      if (!validated) return null;
      const { session, user } = validated;
      return {
        user: {
          id: user.id,
          tenantId: user.tenantId,
          email: user.email,
          name: user.name,
          locale: user.locale,
          currentCustomerId: user.currentCustomerId,
          grants: user.grants,
        },
        session: {
          id: session.id,
          expiresAt: session.expiresAt,
          absoluteExpiresAt: session.absoluteExpiresAt,
        },
      };
    },

    signOut: (token: string): Promise<string> => sessions.end(token),

    requestPasswordReset: (input: { email: string; resetUrl: (token: string) => string }) =>
      requestPortalPasswordReset(ctx, input),

    resetPassword: (token: string, newPassword: string): Promise<ResetPasswordResult> =>
      resetPortalPassword(ctx, token, newPassword),

    changePassword: (
      portalUserId: string,
      currentPassword: string,
      newPassword: string,
      options: ChangePasswordOptions,
    ): Promise<ChangePasswordResult> =>
      changePortalPassword(ctx, portalUserId, currentPassword, newPassword, options),

    /**
     * Revokes one grant. It takes effect on the user's next request (grants are re-read on every
     * validation); when it was their last grant, their sessions also end at once. Records
     * grant_revoked and, when sessions ended, session_revoked. Another tenant's grant is "not found".
     */
    async revokeGrant(
      tenantId: string,
      grantId: string,
      actorUserId: string | null,
    ): Promise<{
      revoked: boolean;
      portalUserId: string | null;
      remainingGrants: number;
      sessionsEnded: number;
    }> {
      const g = portalAccessGrants;
      const outcome = await withTenant(db, tenantId, async (tx) => {
        const now = ctx.clock();
        const [grant] = await tx
          .update(g)
          .set({ revokedAt: now })
          .where(and(eq(g.tenantId, tenantId), eq(g.id, grantId), isNull(g.revokedAt)))
          .returning({ portalUserId: g.portalUserId });
        if (!grant) return null;
        const remaining = await tx
          .select({ id: g.id })
          .from(g)
          .where(and(eq(g.tenantId, tenantId), eq(g.portalUserId, grant.portalUserId), isNull(g.revokedAt)));
        const sessionsEnded =
          remaining.length === 0 ? await endPortalSessions(tx, tenantId, grant.portalUserId) : 0;
        await recordSecurityEvents(tx, [
          { tenantId, kind: "grant_revoked", subjectUserId: grant.portalUserId, actorUserId, at: now },
          ...(sessionsEnded > 0
            ? [
                {
                  tenantId,
                  kind: "session_revoked" as const,
                  subjectUserId: grant.portalUserId,
                  actorUserId,
                  at: now,
                },
              ]
            : []),
        ]);
        return { portalUserId: grant.portalUserId, remainingGrants: remaining.length, sessionsEnded };
      });
      if (!outcome) return { revoked: false, portalUserId: null, remainingGrants: 0, sessionsEnded: 0 };
      ctx.log.info("Portal grant revoked", { tenantId, grantId, sessionsEnded: outcome.sessionsEnded });
      return { revoked: true, ...outcome };
    },

    /** Changes what a portal user sees of one customer (see changeCustomerAccess). */
    changeCustomerAccess: (input: Parameters<typeof changeCustomerAccess>[1]) =>
      changeCustomerAccess(ctx, input),

    /** Revokes a portal user's access to one customer; the last grant ends their sessions. */
    revokeCustomerAccess: (input: Parameters<typeof revokeCustomerAccess>[1]) =>
      revokeCustomerAccess(ctx, input),

    /** Invites a contact person to the portal and mails the link (see invitePortalUser). */
    invite: (input: InvitePortalUserInput) => invitePortalUser(ctx, input),

    /** Sends an open invitation again with a new link; the old link stops working. */
    resendInvitation: (input: Parameters<typeof resendPortalInvitation>[1]) =>
      resendPortalInvitation(ctx, input),

    /** Withdraws an open invitation. */
    withdrawInvitation: (input: Parameters<typeof withdrawPortalInvitation>[1]) =>
      withdrawPortalInvitation(ctx, input),

    /** What an invitation link opens, or why it cannot be used. */
    getInvitation: (token: string): Promise<PortalInvitationLookup> => getPortalInvitation(ctx, token),

    /**
     * Accepts an invitation (see acceptPortalInvitation) and, unless the person was already signed
     * in to the account, signs them in: `cookie` is then the new session's Set-Cookie value.
     */
    async acceptInvitation(
      token: string,
      input: AcceptPortalInvitationInput,
      request: RequestInfo = {},
    ): Promise<(AcceptPortalInvitationSuccess & { cookie: string | null }) | AcceptPortalInvitationFailure> {
      const accepted = await acceptPortalInvitation(ctx, token, input, request);
      if (!accepted.ok) return accepted;
      if (accepted.viaSession) return { ...accepted, cookie: null };
      const started = await sessions.start(accepted.userId, {
        tenantId: accepted.tenantId,
        userAgent: cleanUserAgent(request.userAgent),
      });
      return { ...accepted, cookie: started.cookie };
    },

    /** Disables a portal user of the tenant and ends their sessions at once. */
    async disableUser(
      tenantId: string,
      portalUserId: string,
      actorUserId: string | null,
    ): Promise<{ disabled: boolean; sessionsEnded: number }> {
      const u = portalUsers;
      const outcome = await withTenant(db, tenantId, async (tx) => {
        const now = ctx.clock();
        const [user] = await tx
          .update(u)
          .set({ disabledAt: now })
          .where(and(eq(u.tenantId, tenantId), eq(u.id, portalUserId)))
          .returning({ id: u.id });
        if (!user) return null;
        const sessionsEnded = await endPortalSessions(tx, tenantId, portalUserId);
        if (sessionsEnded > 0) {
          await recordSecurityEvents(tx, [
            { tenantId, kind: "session_revoked", subjectUserId: portalUserId, actorUserId, at: now },
          ]);
        }
        return sessionsEnded;
      });
      if (outcome === null) return { disabled: false, sessionsEnded: 0 };
      ctx.log.info("Portal user disabled", { tenantId, portalUserId, sessionsEnded: outcome });
      return { disabled: true, sessionsEnded: outcome };
    },

    /** Ends a portal user's sessions (all, or all but one), recording session_revoked. */
    async endSessions(
      tenantId: string,
      portalUserId: string,
      options: { exceptSessionId?: string; actorUserId?: string | null } = {},
    ): Promise<number> {
      return withTenant(db, tenantId, async (tx) => {
        const ended = await endPortalSessions(tx, tenantId, portalUserId, options.exceptSessionId);
        if (ended > 0) {
          await recordSecurityEvents(tx, [
            {
              tenantId,
              kind: "session_revoked",
              subjectUserId: portalUserId,
              actorUserId: options.actorUserId ?? null,
              at: ctx.clock(),
            },
          ]);
        }
        return ended;
      });
    },

    /** Deletes sessions past their idle or absolute expiry. */
    deleteExpiredSessions: () => sessions.lucia.deleteExpiredSessions(),
  };
}

export type PortalAuth = ReturnType<typeof createPortalAuth>;
