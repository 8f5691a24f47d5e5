import { recordAudit, schema, withTenant } from "@ordinavo/db";
import { staffRoles, ZCreateStaffInvitationInput } from "@ordinavo/domain";
import { and, asc, desc, eq, gt, isNull, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../errors";
import { permitted, workspaceT } from "../realms/workspace";

const ZRole = z.enum(staffRoles);

const ZMember = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: ZRole,
  disabled: z.boolean(),
  joinedAt: z.date(),
});

const ZInvitation = z.object({
  id: z.string(),
  email: z.string(),
  role: ZRole,
  expiresAt: z.date(),
  createdAt: z.date(),
});

/** Tenant admins manage who works in the tenant and with which role. */
export const usersRouter = workspaceT.router({
  list: permitted("user.manage")
    .output(z.object({ members: z.array(ZMember), invitations: z.array(ZInvitation) }))
    .query(({ ctx }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const { tenantMemberships: m, staffUsers: u, staffInvitations: i } = schema;
        const members = await tx
          .select({
            userId: m.userId,
            name: u.name,
            email: u.email,
            role: m.role,
            disabledAt: m.disabledAt,
            joinedAt: m.createdAt,
          })
          .from(m)
          .innerJoin(u, eq(u.id, m.userId))
          .where(eq(m.tenantId, ctx.tenantId))
          .orderBy(asc(u.name));
        const invitations = await tx
          .select({ id: i.id, email: i.email, role: i.role, expiresAt: i.expiresAt, createdAt: i.createdAt })
          .from(i)
          .where(
            and(
              eq(i.tenantId, ctx.tenantId),
              isNull(i.acceptedAt),
              isNull(i.revokedAt),
              gt(i.expiresAt, new Date()),
            ),
          )
          .orderBy(desc(i.createdAt));
        return {
          members: members.map(({ disabledAt, ...rest }) => ({ ...rest, disabled: disabledAt !== null })),
          invitations,
        };
      }),
    ),

  invite: permitted("user.manage")
    .input(ZCreateStaffInvitationInput)
    .output(z.object({ invitationId: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const alreadyMember = await withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const { tenantMemberships: m, staffUsers: u } = schema;
        const [row] = await tx
          .select({ id: m.id })
          .from(m)
          .innerJoin(u, eq(u.id, m.userId))
          .where(and(eq(m.tenantId, ctx.tenantId), sql`lower(${u.email}) = ${input.email}`));
        return Boolean(row);
      });
      if (alreadyMember) throw AppError.field("email", "This person is already a member of the workspace.");
      const invitation = await ctx.services.auth.staff.inviteStaff({
        tenantId: ctx.tenantId,
        email: input.email,
        role: input.role,
        invitedById: ctx.actor.userId,
        acceptUrl: (token: string) => ctx.services.links.workspace(`/invitation/${token}`),
      });
      return { invitationId: invitation.invitationId };
    }),

  changeRole: permitted("user.manage")
    .input(z.object({ userId: z.uuid(), role: ZRole }))
    .output(z.object({ role: ZRole }))
    .mutation(({ ctx, input }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const m = schema.tenantMemberships;
        const [member] = await tx
          .select()
          .from(m)
          .where(and(eq(m.tenantId, ctx.tenantId), eq(m.userId, input.userId)));
        if (!member) throw AppError.notFound("This member");
        if (member.role === input.role) return { role: input.role };
        if (member.role === "tenant_admin") await requireAnotherAdmin(tx, ctx.tenantId, input.userId);
        await tx.update(m).set({ role: input.role }).where(eq(m.id, member.id));
        await recordAudit(tx, {
          tenantId: ctx.tenantId,
          actor: { type: "staff", id: ctx.actor.userId },
          action: "membership.role_changed",
          objectType: "membership",
          objectId: member.id,
          changedFields: ["role"],
          metadata: { from: member.role, to: input.role },
        });
        return { role: input.role };
      }),
    ),

  setDisabled: permitted("user.manage")
    .input(z.object({ userId: z.uuid(), disabled: z.boolean() }))
    .output(z.object({ disabled: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      if (input.userId === ctx.actor.userId && input.disabled) {
        throw new AppError("CONFLICT", "You cannot disable your own access.");
      }
      await withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const m = schema.tenantMemberships;
        const [member] = await tx
          .select()
          .from(m)
          .where(and(eq(m.tenantId, ctx.tenantId), eq(m.userId, input.userId)));
        if (!member) throw AppError.notFound("This member");
        if (input.disabled && member.role === "tenant_admin")
          await requireAnotherAdmin(tx, ctx.tenantId, input.userId);
        await tx
          .update(m)
          .set({ disabledAt: input.disabled ? new Date() : null })
          .where(eq(m.id, member.id));
        await recordAudit(tx, {
          tenantId: ctx.tenantId,
          actor: { type: "staff", id: ctx.actor.userId },
          action: input.disabled ? "membership.disabled" : "membership.enabled",
          objectType: "membership",
          objectId: member.id,
          changedFields: ["disabled_at"],
        });
      });
      // Their sessions end at once; the membership check refuses them here from now on anyway.
      if (input.disabled) await ctx.services.auth.staff.endSessions(input.userId);
      return { disabled: input.disabled };
    }),
});

async function requireAnotherAdmin(
  tx: Parameters<Parameters<typeof withTenant>[2]>[0],
  tenantId: string,
  userId: string,
) {
  const m = schema.tenantMemberships;
  const [other] = await tx
    .select({ id: m.id })
    .from(m)
    .where(
      and(eq(m.tenantId, tenantId), eq(m.role, "tenant_admin"), ne(m.userId, userId), isNull(m.disabledAt)),
    )
    .limit(1);
  if (!other) throw new AppError("CONFLICT", "A workspace needs at least one active tenant admin.");
}
