import type { Auth } from "@ordinavo/auth";
import { recordAudit, schema, type Transaction, withTenant } from "@ordinavo/db";
import type { StaffRole } from "@ordinavo/domain";
import { administeringRole, administers } from "@ordinavo/policy";
import { and, asc, desc, eq, gt, isNull, ne, sql } from "drizzle-orm";
import { AppError } from "../errors";
import type { StaffContext } from "./context";
import { staffAuditActor } from "./records";

// Who works in the tenant and with which role (tenant admins only, by the procedures' policy).
// A workspace always keeps one active tenant admin.

/** What inviting and disabling need beyond the database: mail and sessions. */
export interface PeopleDeps {
  auth: Auth;
  /** The absolute URL of a workspace path (invitation links). */
  workspaceLink: (path: string) => string;
}

export function listMembers(ctx: StaffContext) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
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
  });
}

export async function inviteMember(
  ctx: StaffContext,
  deps: PeopleDeps,
  input: { email: string; role: StaffRole },
) {
  const alreadyMember = await withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const { tenantMemberships: m, staffUsers: u } = schema;
    const [row] = await tx
      .select({ id: m.id })
      .from(m)
      .innerJoin(u, eq(u.id, m.userId))
      .where(and(eq(m.tenantId, ctx.tenantId), sql`lower(${u.email}) = ${input.email}`));
    return Boolean(row);
  });
  if (alreadyMember) throw AppError.field("email", "This person is already a member of the workspace.");
  const invitation = await deps.auth.staff.inviteStaff({
    tenantId: ctx.tenantId,
    email: input.email,
    role: input.role,
    invitedById: ctx.actor.userId,
    acceptUrl: (token: string) => deps.workspaceLink(`/invitation/${token}`),
  });
  return { invitationId: invitation.invitationId };
}

async function memberOf(tx: Transaction, ctx: StaffContext, userId: string) {
  const m = schema.tenantMemberships;
  const [member] = await tx
    .select()
    .from(m)
    .where(and(eq(m.tenantId, ctx.tenantId), eq(m.userId, userId)));
  if (!member) throw AppError.notFound("This member");
  return member;
}

export function changeRole(ctx: StaffContext, input: { userId: string; role: StaffRole }) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const member = await memberOf(tx, ctx, input.userId);
    if (member.role === input.role) return { role: input.role };
    if (administers(member.role)) await requireAnotherAdmin(tx, ctx.tenantId, input.userId);
    await tx
      .update(schema.tenantMemberships)
      .set({ role: input.role })
      .where(eq(schema.tenantMemberships.id, member.id));
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actor: staffAuditActor(ctx.actor),
      action: "membership.role_changed",
      objectType: "membership",
      objectId: member.id,
      changedFields: ["role"],
      metadata: { from: member.role, to: input.role },
    });
    return { role: input.role };
  });
}

export async function setMemberDisabled(
  ctx: StaffContext,
  deps: PeopleDeps,
  input: { userId: string; disabled: boolean },
) {
  if (input.userId === ctx.actor.userId && input.disabled) {
    throw new AppError("CONFLICT", "You cannot disable your own access.");
  }
  await withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const member = await memberOf(tx, ctx, input.userId);
    if (input.disabled && administers(member.role)) await requireAnotherAdmin(tx, ctx.tenantId, input.userId);
    const m = schema.tenantMemberships;
    await tx
      .update(m)
      .set({ disabledAt: input.disabled ? new Date() : null })
      .where(eq(m.id, member.id));
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actor: staffAuditActor(ctx.actor),
      action: input.disabled ? "membership.disabled" : "membership.enabled",
      objectType: "membership",
      objectId: member.id,
      changedFields: ["disabled_at"],
    });
  });
  // Their sessions end at once; the membership check refuses them from now on anyway.
  if (input.disabled) await deps.auth.staff.endSessions(input.userId);
  return { disabled: input.disabled };
}

async function requireAnotherAdmin(tx: Transaction, tenantId: string, userId: string) {
  const m = schema.tenantMemberships;
  const [other] = await tx
    .select({ id: m.id })
    .from(m)
    .where(
      and(
        eq(m.tenantId, tenantId),
        eq(m.role, administeringRole),
        ne(m.userId, userId),
        isNull(m.disabledAt),
      ),
    )
    .limit(1);
  if (!other) throw new AppError("CONFLICT", "A workspace needs at least one active tenant admin.");
}
