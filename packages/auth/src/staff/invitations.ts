import { withSystem, withTenant } from "@ordinavo/db";
import { staffInvitations, staffUsers, tenantMemberships, tenants } from "@ordinavo/db/schema";
import { ZCreateStaffInvitationInput } from "@ordinavo/domain";
import type { StaffRole } from "@ordinavo/domain/vocabulary";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { normalizeClientAddress } from "../client-address";
import { HOUR, later } from "../clock";
import type { AuthContext, RequestInfo } from "../context";
import { cleanUserAgent } from "../context";
import { recordLoginEvent } from "../events";
import { staffInvitationMail } from "../mail/templates";
import { checkNewPassword } from "../new-password";
import { hashPassword } from "../password";
import { confirmExistingPassword } from "../sign-in";
import { createToken, hashEmail, hashToken, normalizeEmail } from "../tokens";
import { findStaffUserByEmail } from "./accounts";
import { staffSignInRealm } from "./sign-in";

export const STAFF_INVITATION_LIFETIME_MS = 72 * HOUR;

export interface InviteStaffInput {
  tenantId: string;
  email: string;
  role: StaffRole;
  invitedById: string | null;
  /** Builds the acceptance link around the token (the only place the token goes). */
  acceptUrl: (token: string) => string;
}

export interface StaffInvitationView {
  invitationId: string;
  tenantId: string;
  tenantName: string;
  email: string;
  role: StaffRole;
  expiresAt: Date;
  /** An account with this email exists: acceptance asks for its current password, not a new one. */
  existingUser: boolean;
}

export const INVALID_INVITATION_MESSAGE =
  "This invitation link is not valid any more. Ask for a new invitation.";

export type AcceptInvitationFailure =
  | { ok: false; reason: "invalid_invitation"; message: string }
  | { ok: false; reason: "invalid_name"; message: string }
  | { ok: false; reason: "password_rejected"; message: string }
  | { ok: false; reason: "wrong_password"; message: string }
  | { ok: false; reason: "throttled"; message: string; retryAfterSeconds: number };

/**
 * Creates a single-use invitation and mails its link. An earlier open invitation of the same
 * address to the same tenant is revoked, so only the newest link works. If the mail cannot be
 * sent the new invitation is revoked as well and the error propagates.
 */
export async function inviteStaff(
  ctx: AuthContext,
  input: InviteStaffInput,
): Promise<{ invitationId: string; expiresAt: Date }> {
  const { email, role } = ZCreateStaffInvitationInput.parse({ email: input.email, role: input.role });
  const token = createToken();
  const now = ctx.clock();
  const expiresAt = later(ctx.clock, STAFF_INVITATION_LIFETIME_MS);
  const i = staffInvitations;
  const invitationId = await withTenant(ctx.db, input.tenantId, async (tx) => {
    await tx
      .update(i)
      .set({ revokedAt: now })
      .where(
        and(
          eq(i.tenantId, input.tenantId),
          sql`lower(${i.email}) = ${email}`,
          isNull(i.acceptedAt),
          isNull(i.revokedAt),
        ),
      );
    const [row] = await tx
      .insert(i)
      .values({
        tenantId: input.tenantId,
        email,
        role,
        tokenHash: hashToken(token),
        invitedById: input.invitedById,
        expiresAt,
        createdAt: now,
      })
      .returning({ id: i.id });
    return row!.id;
  });
  const [tenant] = await ctx.db
    .select({ name: tenants.name })
    .from(tenants)
    .where(eq(tenants.id, input.tenantId));
  try {
    await ctx.mailer.send(
      staffInvitationMail({
        to: email,
        tenantName: tenant?.name ?? "a workspace",
        role,
        link: input.acceptUrl(token),
        expiresAt,
      }),
    );
  } catch (error) {
    await withTenant(ctx.db, input.tenantId, (tx) =>
      tx.update(i).set({ revokedAt: ctx.clock() }).where(eq(i.id, invitationId)),
    );
    throw error;
  }
  ctx.log.info("Staff invitation created", { tenantId: input.tenantId, invitationId });
  return { invitationId, expiresAt };
}

async function findOpenInvitation(ctx: AuthContext, token: string) {
  if (!token) return undefined;
  const i = staffInvitations;
  const [row] = await withSystem(ctx.db, (tx) =>
    tx
      .select({
        invitationId: i.id,
        tenantId: i.tenantId,
        tenantName: tenants.name,
        email: i.email,
        role: i.role,
        expiresAt: i.expiresAt,
      })
      .from(i)
      .innerJoin(tenants, eq(tenants.id, i.tenantId))
      .where(
        and(
          eq(i.tokenHash, hashToken(token)),
          isNull(i.acceptedAt),
          isNull(i.revokedAt),
          gt(i.expiresAt, ctx.clock()),
          isNull(tenants.archivedAt),
        ),
      )
      .limit(1),
  );
  return row;
}

/** The invitation behind a link, or null when it is unknown, used, revoked or expired. */
export async function getStaffInvitation(
  ctx: AuthContext,
  token: string,
): Promise<StaffInvitationView | null> {
  const invitation = await findOpenInvitation(ctx, token);
  if (!invitation) return null;
  const existing = await findStaffUserByEmail(ctx.db, normalizeEmail(invitation.email));
  return { ...invitation, existingUser: Boolean(existing?.passwordHash) };
}

/**
 * Accepts an invitation: creates the account (name and a new password) or, for a person who
 * already has one, confirms it with their current password — an invitation never overwrites an
 * existing password. Adds (or re-enables) the membership with the invited role and consumes the
 * invitation; a second use fails. The caller signs the person in afterwards.
 */
export async function acceptStaffInvitation(
  ctx: AuthContext,
  token: string,
  input: { name?: string | null; password: string },
  request: RequestInfo = {},
): Promise<{ ok: true; userId: string; tenantId: string } | AcceptInvitationFailure> {
  const invalid = { ok: false, reason: "invalid_invitation", message: INVALID_INVITATION_MESSAGE } as const;
  const invitation = await findOpenInvitation(ctx, token);
  if (!invitation) return invalid;
  const email = normalizeEmail(invitation.email);
  const existing = await findStaffUserByEmail(ctx.db, email);
  if (existing?.disabledAt) return invalid;

  let newUser: { name: string; passwordHash: string } | undefined;
  let setPasswordHash: string | undefined;
  if (existing?.passwordHash) {
    // Confirming an existing account is a sign-in: same throttling, login events, hash upgrade.
    const refused = await confirmExistingPassword(
      ctx,
      staffSignInRealm(ctx),
      { email, password: input.password, ...request },
      "Enter the password you already use to sign in to Ordinavo.",
    );
    if (refused) return refused;
  } else {
    const name = String(input.name ?? "").trim();
    if (name.length === 0 || name.length > 200) {
      return { ok: false, reason: "invalid_name", message: "Enter your name (at most 200 characters)." };
    }
    const checked = checkNewPassword(input.password, { email });
    if (!checked.ok) return { ok: false, reason: "password_rejected", message: checked.message };
    const passwordHash = await hashPassword(checked.password);
    if (existing) setPasswordHash = passwordHash;
    else newUser = { name, passwordHash };
  }

  const i = staffInvitations;
  const accepted = await withSystem(ctx.db, async (tx) => {
    const now = ctx.clock();
    const [claimed] = await tx
      .update(i)
      .set({ acceptedAt: now })
      .where(
        and(
          eq(i.id, invitation.invitationId),
          isNull(i.acceptedAt),
          isNull(i.revokedAt),
          gt(i.expiresAt, now),
        ),
      )
      .returning({ id: i.id });
    if (!claimed) return null;
    let userId = existing?.id;
    if (newUser) {
      const [created] = await tx
        .insert(staffUsers)
        .values({ email, name: newUser.name, passwordHash: newUser.passwordHash })
        .returning({ id: staffUsers.id });
      userId = created!.id;
    } else if (setPasswordHash && existing) {
      await tx
        .update(staffUsers)
        .set({ passwordHash: setPasswordHash })
        .where(eq(staffUsers.id, existing.id));
    }
    await tx
      .insert(tenantMemberships)
      .values({ tenantId: invitation.tenantId, userId: userId!, role: invitation.role })
      .onConflictDoUpdate({
        target: [tenantMemberships.tenantId, tenantMemberships.userId],
        set: { role: invitation.role, disabledAt: null },
      });
    return userId!;
  });
  if (!accepted) return invalid;
  if (!existing?.passwordHash) {
    // A new password was just set: this first session counts as a successful sign-in.
    await recordLoginEvent(ctx.db, {
      realm: "staff",
      outcome: "success",
      tenantIds: [invitation.tenantId],
      userId: accepted,
      emailHash: hashEmail(email),
      clientAddress: normalizeClientAddress(request.clientAddress),
      userAgent: cleanUserAgent(request.userAgent),
      at: ctx.clock(),
    });
  }
  ctx.log.info("Staff invitation accepted", {
    tenantId: invitation.tenantId,
    invitationId: invitation.invitationId,
    userId: accepted,
  });
  return { ok: true, userId: accepted, tenantId: invitation.tenantId };
}
