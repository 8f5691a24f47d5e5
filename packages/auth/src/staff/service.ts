import { staffUsers } from "@ordinavo/db/schema";
import { eq } from "drizzle-orm";
import { type AuthContext, cleanUserAgent, type RequestInfo } from "../context";
import type { ChangePasswordOptions, ChangePasswordResult, ResetPasswordResult } from "../password-results";
import type { SessionTimeouts } from "../sessions/timeouts";
import { type SignInFailure, signInWithPassword } from "../sign-in";
import { enabledMemberships, type StaffMembership } from "./accounts";
import {
  type AcceptInvitationFailure,
  acceptStaffInvitation,
  getStaffInvitation,
  type InviteStaffInput,
  inviteStaff,
  type StaffInvitationView,
} from "./invitations";
import { changeStaffPassword, requestStaffPasswordReset, resetStaffPassword } from "./passwords";
import { deleteStaffSessions } from "./session-adapter";
import { createStaffSessionRealm, isEnabledMember, setActiveTenant } from "./sessions";
import { staffSignInRealm } from "./sign-in";

export interface StaffSignInSuccess {
  ok: true;
  /** The session secret; it lives only in the cookie. */
  token: string;
  /** Set-Cookie header value. */
  cookie: string;
  userId: string;
  /** The tenants the person may work in (enabled memberships), by tenant name. */
  tenantIds: string[];
  /** The tenant the new session starts in: the first of `tenantIds`, or null without any. */
  activeTenantId: string | null;
  sessionId: string;
  expiresAt: Date;
}

export type StaffSignInResult = StaffSignInSuccess | SignInFailure;

export interface StaffValidation {
  user: { id: string; email: string; name: string };
  session: {
    id: string;
    /** The tenant the session works in. The API still resolves the membership on each request. */
    activeTenantId: string | null;
    /** When the session ends if unused (never after its absolute expiry). */
    expiresAt: Date;
    absoluteExpiresAt: Date;
  };
}

export type AcceptInvitationResult = StaffSignInSuccess | AcceptInvitationFailure;

export function createStaffAuth(ctx: AuthContext, timeouts: SessionTimeouts) {
  const sessions = createStaffSessionRealm(ctx, timeouts);
  const signInRealm = staffSignInRealm(ctx);

  async function startSession(userId: string, preferredTenantId: string | null, request: RequestInfo) {
    const memberships = await enabledMemberships(ctx.db, userId);
    const tenantIds = memberships.map((membership) => membership.tenantId);
    const activeTenantId =
      preferredTenantId && tenantIds.includes(preferredTenantId) ? preferredTenantId : (tenantIds[0] ?? null);
    const started = await sessions.start(userId, {
      activeTenantId,
      userAgent: cleanUserAgent(request.userAgent),
    });
    return {
      ok: true as const,
      token: started.token,
      cookie: started.cookie,
      userId,
      tenantIds,
      activeTenantId,
      sessionId: started.sessionId,
      expiresAt: started.expiresAt,
    };
  }

  return {
    realm: "staff" as const,
    /** `__Host-ordinavo_staff` with secure cookies, `ordinavo_staff` in local development. */
    cookieName: sessions.cookieName,
    /** The staff session token from a Cookie header; a portal cookie is never read here. */
    readToken: sessions.readToken,
    /** Set-Cookie value that removes the staff cookie. */
    clearedCookie: sessions.clearedCookie,
    /** The Lucia instance of this realm (for tools that speak Lucia; the methods here suffice). */
    lucia: sessions.lucia,

    /** Signs in with email and password. Every success starts a new session. */
    async signIn(input: { email: string; password: string } & RequestInfo): Promise<StaffSignInResult> {
      const result = await signInWithPassword(ctx, signInRealm, input);
      if (!result.ok) return result;
      return startSession(result.candidate.userId, null, input);
    },

    /** The session behind a cookie token, renewed while in use; null when it is not valid. */
    async validate(token: string): Promise<StaffValidation | null> {
      const validated = await sessions.validate(token);
      if (!validated) return null;
      const { session, user } = validated;
      return {
        user: { id: user.id, email: user.email, name: user.name },
        session: {
          id: session.id,
          activeTenantId: session.activeTenantId,
          expiresAt: session.expiresAt,
          absoluteExpiresAt: session.absoluteExpiresAt,
        },
      };
    },

    /** Ends the session of this token; returns the Set-Cookie value that clears the cookie. */
    signOut: (token: string): Promise<string> => sessions.end(token),

    /** The tenants (and roles) the person may switch between. */
    memberships: (userId: string): Promise<StaffMembership[]> => enabledMemberships(ctx.db, userId),

    /** Moves the session to another tenant — only one the person is an enabled member of. */
    async switchTenant(token: string, tenantId: string): Promise<boolean> {
      const validated = await sessions.validate(token);
      if (!validated) return false;
      if (!(await isEnabledMember(ctx.db, validated.user.id, tenantId))) return false;
      await setActiveTenant(ctx.db, token, tenantId);
      return true;
    },

    inviteStaff: (input: InviteStaffInput) => inviteStaff(ctx, input),

    getInvitation: (token: string): Promise<StaffInvitationView | null> => getStaffInvitation(ctx, token),

    /**
     * Accepts an invitation (see acceptStaffInvitation) and signs the person in, in the invited
     * tenant.
     */
    async acceptInvitation(
      token: string,
      input: { name?: string | null; password: string },
      request: RequestInfo = {},
    ): Promise<AcceptInvitationResult> {
      const accepted = await acceptStaffInvitation(ctx, token, input, request);
      if (!accepted.ok) return accepted;
      return startSession(accepted.userId, accepted.tenantId, request);
    },

    requestPasswordReset: (input: { email: string; resetUrl: (token: string) => string }) =>
      requestStaffPasswordReset(ctx, input),

    resetPassword: (token: string, newPassword: string): Promise<ResetPasswordResult> =>
      resetStaffPassword(ctx, token, newPassword),

    changePassword: (
      userId: string,
      currentPassword: string,
      newPassword: string,
      options: ChangePasswordOptions,
    ): Promise<ChangePasswordResult> =>
      changeStaffPassword(ctx, userId, currentPassword, newPassword, options),

    /** Disables the person everywhere and ends their sessions at once. */
    async disableUser(userId: string): Promise<{ sessionsEnded: number }> {
      await ctx.db.update(staffUsers).set({ disabledAt: ctx.clock() }).where(eq(staffUsers.id, userId));
      const sessionsEnded = await deleteStaffSessions(ctx.db, userId);
      ctx.log.info("Staff user disabled", { userId, sessionsEnded });
      return { sessionsEnded };
    },

    async enableUser(userId: string): Promise<void> {
      await ctx.db.update(staffUsers).set({ disabledAt: null }).where(eq(staffUsers.id, userId));
    },

    /** Ends every session of the person, or every one but `exceptSessionId`. */
    async endSessions(userId: string, exceptSessionId?: string): Promise<number> {
      const ended = await deleteStaffSessions(ctx.db, userId, exceptSessionId);
      if (ended > 0) ctx.log.info("Staff sessions ended", { userId, sessionsEnded: ended });
      return ended;
    },

    /** Deletes sessions past their idle or absolute expiry. */
    deleteExpiredSessions: () => sessions.lucia.deleteExpiredSessions(),
  };
}

export type StaffAuth = ReturnType<typeof createStaffAuth>;
