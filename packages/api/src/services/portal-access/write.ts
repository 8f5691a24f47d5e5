import type { Auth } from "@ordinavo/auth";
import { schema, type Transaction, withTenant } from "@ordinavo/db";
import type { ChangePortalAccessInput, InvitePortalContactInput } from "@ordinavo/domain";
import { and, eq, isNull, sql } from "drizzle-orm";
import { AppError } from "../../errors";
import type { StaffContext } from "../context";
import { requireLocationOf, visibleContact, visibleCustomer } from "../visibility";
import { invitationStatus, ZPortalPreviewTarget } from "./views";

// Tenant admins invite a customer's contact persons to the portal and change or revoke what portal
// users see of the customer. The checks (customer, contact, locations of this tenant) are here; the
// tokens, mails, grants, sessions, security events and audit rows are the auth package's.

/** What inviting needs beyond the database: the auth services and portal links. */
export interface PortalAccessDeps {
  auth: Auth;
  /** The absolute URL of a portal path (invitation links). */
  portalLink: (path: string) => string;
}

const NOT_SENT = "The invitation could not be sent. Check the mail settings and try again.";

async function currentCustomer(tx: Transaction, ctx: StaffContext, customerId: string) {
  const customer = await visibleCustomer(tx, ctx, customerId);
  if (customer.archivedAt) {
    throw new AppError("CONFLICT", "This customer is archived. Restore it before sharing it in the portal.");
  }
  return customer;
}

async function checkLocations(
  tx: Transaction,
  ctx: StaffContext,
  customerId: string,
  input: { access: "customer" | "locations"; locationIds: string[] },
) {
  if (input.access === "customer") return null;
  for (const locationId of input.locationIds) {
    await requireLocationOf(tx, ctx, customerId, locationId, "locationIds");
  }
  return input.locationIds;
}

/** The tenant's portal user with this id (enabled or not), or NOT_FOUND. */
async function portalUserOf(tx: Transaction, ctx: StaffContext, portalUserId: string) {
  const u = schema.portalUsers;
  const [user] = await tx
    .select()
    .from(u)
    .where(and(eq(u.tenantId, ctx.tenantId), eq(u.id, portalUserId)));
  if (!user) throw AppError.notFound("This portal user");
  return user;
}

/**
 * Invites one of the customer's contact persons, by the email on their record, to see the whole
 * customer or selected locations, in English or French. Someone who already sees this customer is
 * changed in the list instead; a disabled account cannot be invited.
 */
export async function invitePortalContact(
  ctx: StaffContext,
  deps: PortalAccessDeps,
  input: InvitePortalContactInput,
) {
  const checked = await withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const customer = await currentCustomer(tx, ctx, input.customerId);
    const contact = await visibleContact(tx, ctx, input.contactPersonId);
    if (contact.customerId !== customer.id) throw AppError.notFound("This contact person");
    if (contact.archivedAt) {
      throw AppError.field("contactPersonId", "This contact person is archived. Restore them first.");
    }
    if (!contact.email) {
      throw AppError.field("contactPersonId", "Add an email address to this contact person first.");
    }
    const locationIds = await checkLocations(tx, ctx, customer.id, input);
    const u = schema.portalUsers;
    const g = schema.portalAccessGrants;
    const [account] = await tx
      .select({ id: u.id, disabledAt: u.disabledAt })
      .from(u)
      .where(and(eq(u.tenantId, ctx.tenantId), sql`lower(${u.email}) = ${contact.email.toLowerCase()}`));
    if (account?.disabledAt) {
      throw AppError.field("contactPersonId", "This person's portal account is disabled.");
    }
    if (account) {
      const [grant] = await tx
        .select({ id: g.id })
        .from(g)
        .where(
          and(
            eq(g.tenantId, ctx.tenantId),
            eq(g.portalUserId, account.id),
            eq(g.customerId, customer.id),
            isNull(g.revokedAt),
          ),
        )
        .limit(1);
      if (grant) {
        throw AppError.field(
          "contactPersonId",
          "This person already sees this customer in the portal. Change their access in the list instead.",
        );
      }
    }
    return { email: contact.email, name: contact.name, locationIds };
  });
  try {
    const invitation = await deps.auth.portal.invite({
      tenantId: ctx.tenantId,
      contactPersonId: input.contactPersonId,
      email: checked.email,
      name: checked.name,
      locale: input.locale,
      customerId: input.customerId,
      locationIds: checked.locationIds,
      invitedById: ctx.actor.userId,
      acceptUrl: (token) => deps.portalLink(`/invitation/${token}`),
    });
    return { invitationId: invitation.invitationId, email: checked.email, expiresAt: invitation.expiresAt };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("INTERNAL", NOT_SENT);
  }
}

/** The tenant's invitation, or NOT_FOUND; an accepted or withdrawn one cannot be acted on. */
async function openInvitation(ctx: StaffContext, invitationId: string) {
  const i = schema.portalInvitations;
  const [row] = await withTenant(ctx.db, ctx.tenantId, (tx) =>
    tx
      .select({ acceptedAt: i.acceptedAt, revokedAt: i.revokedAt, expiresAt: i.expiresAt })
      .from(i)
      .where(and(eq(i.tenantId, ctx.tenantId), eq(i.id, invitationId))),
  );
  if (!row) throw AppError.notFound("This invitation");
  const status = invitationStatus(row, new Date());
  if (status === "accepted") throw new AppError("CONFLICT", "This invitation was accepted already.");
  if (status === "withdrawn") throw new AppError("CONFLICT", "This invitation was withdrawn.");
}

/** Sends the invitation again with a new link (the old one stops working) and a new expiry. */
export async function resendPortalInvitation(
  ctx: StaffContext,
  deps: PortalAccessDeps,
  input: { invitationId: string },
) {
  await openInvitation(ctx, input.invitationId);
  let resent: Awaited<ReturnType<Auth["portal"]["resendInvitation"]>>;
  try {
    resent = await deps.auth.portal.resendInvitation({
      tenantId: ctx.tenantId,
      invitationId: input.invitationId,
      actorUserId: ctx.actor.userId,
      acceptUrl: (token) => deps.portalLink(`/invitation/${token}`),
    });
  } catch {
    throw new AppError("INTERNAL", NOT_SENT);
  }
  if (!resent) throw new AppError("CONFLICT", "This invitation cannot be sent again.");
  return resent;
}

/** Withdraws an open invitation: its link stops working. */
export async function withdrawPortalInvitation(
  ctx: StaffContext,
  deps: PortalAccessDeps,
  input: { invitationId: string },
) {
  await openInvitation(ctx, input.invitationId);
  const withdrawn = await deps.auth.portal.withdrawInvitation({
    tenantId: ctx.tenantId,
    invitationId: input.invitationId,
    actorUserId: ctx.actor.userId,
  });
  if (!withdrawn) throw new AppError("CONFLICT", "This invitation cannot be withdrawn any more.");
  return { ok: true as const };
}

/**
 * Changes what a portal user sees of the customer: the whole customer or selected locations. It
 * takes effect on their next request. A user who does not see this customer is not found.
 */
export async function changePortalAccess(
  ctx: StaffContext,
  deps: PortalAccessDeps,
  input: ChangePortalAccessInput,
) {
  const locationIds = await withTenant(ctx.db, ctx.tenantId, async (tx) => {
    await currentCustomer(tx, ctx, input.customerId);
    await portalUserOf(tx, ctx, input.portalUserId);
    return checkLocations(tx, ctx, input.customerId, input);
  });
  const changed = await deps.auth.portal.changeCustomerAccess({
    tenantId: ctx.tenantId,
    portalUserId: input.portalUserId,
    customerId: input.customerId,
    locationIds,
    actorUserId: ctx.actor.userId,
  });
  if (!changed) throw AppError.notFound("This portal user");
  return changed;
}

/**
 * Revokes everything the portal user sees of the customer. With no grant left anywhere, their
 * sessions end at once; otherwise the next request no longer shows this customer.
 */
export async function revokePortalAccess(
  ctx: StaffContext,
  deps: PortalAccessDeps,
  input: { customerId: string; portalUserId: string },
) {
  await withTenant(ctx.db, ctx.tenantId, async (tx) => {
    await visibleCustomer(tx, ctx, input.customerId);
    await portalUserOf(tx, ctx, input.portalUserId);
  });
  const revoked = await deps.auth.portal.revokeCustomerAccess({
    tenantId: ctx.tenantId,
    portalUserId: input.portalUserId,
    customerId: input.customerId,
    actorUserId: ctx.actor.userId,
  });
  if (!revoked) throw AppError.notFound("This portal user");
  return { remainingGrants: revoked.remainingGrants, sessionsEnded: revoked.sessionsEnded };
}

/**
 * Whom a "view as portal user" preview shows: an enabled portal user of the tenant who sees this
 * customer. Anything else is not found.
 */
export function portalPreviewTarget(ctx: StaffContext, input: { customerId: string; portalUserId: string }) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    await visibleCustomer(tx, ctx, input.customerId);
    const user = await portalUserOf(tx, ctx, input.portalUserId);
    if (user.disabledAt) throw AppError.notFound("This portal user");
    const g = schema.portalAccessGrants;
    const [grant] = await tx
      .select({ id: g.id })
      .from(g)
      .where(
        and(
          eq(g.tenantId, ctx.tenantId),
          eq(g.portalUserId, user.id),
          eq(g.customerId, input.customerId),
          isNull(g.revokedAt),
        ),
      )
      .limit(1);
    if (!grant) throw AppError.notFound("This portal user");
    return ZPortalPreviewTarget.parse({
      tenantId: ctx.tenantId,
      customerId: input.customerId,
      portalUserId: user.id,
      name: user.name,
      email: user.email,
    });
  });
}
