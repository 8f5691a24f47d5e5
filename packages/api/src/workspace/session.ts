import { ZNewPassword } from "@ordinavo/domain";
import {
  allowedActions,
  type Scope,
  type ScopedKind,
  type StaffActor,
  scopedKinds,
  scopeOf,
  type TenantGates,
} from "@ordinavo/policy";
import { z } from "zod";
import { AppError } from "../errors";
import { activeMembership, publicProcedure, signedInProcedure, workspaceT } from "../realms/workspace";

const ZCredentials = z.object({
  email: z.string().trim().min(1, { error: "Enter your email address" }).max(320),
  password: z.string().min(1, { error: "Enter your password" }).max(1024),
});

const ZDone = z.object({ ok: z.literal(true) });

/** Raises the auth package's refusals as API errors, on the field a form shows them next to. */
function refuse(result: { reason: string; message: string }, field?: string): never {
  if (result.reason === "throttled") throw new AppError("RATE_LIMITED", result.message);
  if (result.reason === "invalid" || result.reason === "wrong_password") {
    throw new AppError("UNAUTHENTICATED", result.message, field ? { [field]: [result.message] } : undefined);
  }
  if (result.reason === "invalid_token" || result.reason === "invalid_invitation")
    throw AppError.notFound(result.message);
  throw new AppError("VALIDATION", result.message, { [field ?? "password"]: [result.message] });
}

/** Signing in and out, invitations and passwords: the staff realm's account procedures. */
export const authRouter = workspaceT.router({
  signIn: publicProcedure
    .input(ZCredentials)
    .output(ZDone)
    .mutation(async ({ ctx, input }) => {
      const result = await ctx.services.auth.staff.signIn({ ...input, ...ctx.request });
      if (!result.ok) refuse(result);
      ctx.cookies.push(result.cookie);
      return { ok: true as const };
    }),

  signOut: signedInProcedure.output(ZDone).mutation(async ({ ctx }) => {
    ctx.cookies.push(await ctx.services.auth.staff.signOut(ctx.sessionToken));
    return { ok: true as const };
  }),

  requestPasswordReset: publicProcedure
    .input(z.object({ email: z.email({ error: "Enter a valid email address" }) }))
    .output(ZDone)
    .mutation(async ({ ctx, input }) => {
      // Same answer whether or not the address has an account.
      await ctx.services.auth.staff.requestPasswordReset({
        email: input.email,
        resetUrl: (token) => ctx.services.links.workspace(`/reset-password/${token}`),
      });
      return { ok: true as const };
    }),

  resetPassword: publicProcedure
    .input(z.object({ token: z.string().min(1).max(200), password: ZNewPassword }))
    .output(ZDone)
    .mutation(async ({ ctx, input }) => {
      const result = await ctx.services.auth.staff.resetPassword(input.token, input.password);
      if (!result.ok) refuse(result, "password");
      return { ok: true as const };
    }),

  invitation: publicProcedure
    .input(z.object({ token: z.string().min(1).max(200) }))
    .output(
      z.object({
        email: z.string(),
        tenantName: z.string(),
        role: z.string(),
        expiresAt: z.date(),
        existingUser: z.boolean(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const invitation = await ctx.services.auth.staff.getInvitation(input.token);
      if (!invitation) throw AppError.notFound("This invitation");
      const { email, tenantName, role, expiresAt, existingUser } = invitation;
      return { email, tenantName, role, expiresAt, existingUser };
    }),

  acceptInvitation: publicProcedure
    .input(
      z.object({
        token: z.string().min(1).max(200),
        name: z.string().trim().max(200).optional(),
        password: z.string().min(1, { error: "Enter a password" }).max(1024),
      }),
    )
    .output(ZDone)
    .mutation(async ({ ctx, input }) => {
      const result = await ctx.services.auth.staff.acceptInvitation(
        input.token,
        { name: input.name ?? null, password: input.password },
        ctx.request,
      );
      if (!result.ok) refuse(result, result.reason === "invalid_name" ? "name" : "password");
      ctx.cookies.push(result.cookie);
      return { ok: true as const };
    }),

  changePassword: signedInProcedure
    .input(
      z.object({
        currentPassword: z.string().min(1, { error: "Enter your current password" }).max(1024),
        newPassword: ZNewPassword,
        endOtherSessions: z.boolean().default(true),
      }),
    )
    .output(z.object({ sessionsEnded: z.number() }))
    .mutation(async ({ ctx, input }) => {
      const result = await ctx.services.auth.staff.changePassword(
        ctx.staff.userId,
        input.currentPassword,
        input.newPassword,
        { endOtherSessions: input.endOtherSessions, keepSessionId: ctx.staff.sessionId },
      );
      if (!result.ok) refuse(result, result.reason === "wrong_password" ? "currentPassword" : "newPassword");
      return { sessionsEnded: result.sessionsEnded };
    }),
});

const ZTenantChoice = z.object({ tenantId: z.string(), tenantName: z.string(), role: z.string() });

/** What the screens may offer a member: the actions and list scopes the server will honour. */
function memberFacts(actor: StaffActor, gates: TenantGates) {
  return {
    allowedActions: allowedActions(actor, gates),
    scopes: Object.fromEntries(scopedKinds.map((kind) => [kind, scopeOf(actor, kind, gates).kind])) as Record<
      ScopedKind,
      Scope["kind"]
    >,
  };
}

/** Who is signed in, where, and what the UI may offer them (the same policy the server enforces). */
export const sessionRouter = workspaceT.router({
  me: signedInProcedure
    .output(
      z.object({
        user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
        tenants: z.array(ZTenantChoice),
        active: ZTenantChoice.extend({
          timeZone: z.string(),
          allowedActions: z.array(z.string()),
          /** Which rows of each kind this member's lists hold (the policy's scopes). */
          scopes: z.record(z.enum(scopedKinds), z.enum(["tenant", "assigned", "grants", "none"])),
        }).nullable(),
      }),
    )
    .query(async ({ ctx }) => {
      const memberships = await ctx.services.auth.staff.memberships(ctx.staff.userId);
      const membership = await activeMembership(ctx);
      return {
        user: { id: ctx.staff.userId, name: ctx.staff.name, email: ctx.staff.email },
        tenants: memberships.map(({ tenantId, tenantName, role }) => ({ tenantId, tenantName, role })),
        active: membership
          ? {
              tenantId: membership.tenantId,
              tenantName: membership.tenantName,
              role: membership.role,
              timeZone: membership.timeZone,
              ...memberFacts(
                {
                  kind: "staff",
                  userId: ctx.staff.userId,
                  tenantId: membership.tenantId,
                  role: membership.role,
                },
                membership.gates,
              ),
            }
          : null,
      };
    }),

  switchTenant: signedInProcedure
    .input(z.object({ tenantId: z.uuid() }))
    .output(ZDone)
    .mutation(async ({ ctx, input }) => {
      const switched = await ctx.services.auth.staff.switchTenant(ctx.sessionToken, input.tenantId);
      if (!switched) throw AppError.notFound("This workspace");
      return { ok: true as const };
    }),
});
