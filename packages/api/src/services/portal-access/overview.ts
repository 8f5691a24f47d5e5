import { hashEmail } from "@ordinavo/auth";
import { schema, withTenant } from "@ordinavo/db";
import { isLocale } from "@ordinavo/domain";
import { and, asc, desc, eq, inArray, isNull, max, ne, sql } from "drizzle-orm";
import type { StaffContext } from "../context";
import { visibleCustomer } from "../visibility";
import {
  invitationStatus,
  type PortalAccess,
  type PortalAccessInvitation,
  type PortalAccessUser,
} from "./views";

/** SQL: the invitation's grants name this customer. */
export const invitationForCustomer = (customerId: string) =>
  sql`${schema.portalInvitations.grants} @> ${JSON.stringify([{ customerId }])}::jsonb`;

/**
 * Portal access to one customer, for the customer page: the portal users who see it (and how
 * much), the invitations sent for it (newest first, `invitationLimit` of them), the customer's
 * locations and contact persons to invite. Another tenant's customer is not found.
 */
export function portalAccessOf(
  ctx: StaffContext,
  input: { customerId: string; invitationLimit: number },
): Promise<PortalAccess> {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const customer = await visibleCustomer(tx, ctx, input.customerId);
    const { locations: l, contactPersons: p, portalUsers: u, portalAccessGrants: g } = schema;
    const i = schema.portalInvitations;
    const now = new Date();

    const locationRows = await tx
      .select({ id: l.id, name: l.name, archivedAt: l.archivedAt })
      .from(l)
      .where(and(eq(l.tenantId, ctx.tenantId), eq(l.customerId, customer.id)))
      .orderBy(asc(l.name), asc(l.id));
    const locationName = new Map(locationRows.map((row) => [row.id, row.name]));
    const place = (id: string) => ({ id, name: locationName.get(id) ?? "" });

    const grantRows = await tx
      .select({
        portalUserId: g.portalUserId,
        locationId: g.locationId,
        createdAt: g.createdAt,
        name: u.name,
        email: u.email,
        contactPersonId: u.contactPersonId,
        locale: u.locale,
        disabledAt: u.disabledAt,
      })
      .from(g)
      .innerJoin(u, and(eq(u.tenantId, g.tenantId), eq(u.id, g.portalUserId)))
      .where(and(eq(g.tenantId, ctx.tenantId), eq(g.customerId, customer.id), isNull(g.revokedAt)))
      .orderBy(asc(u.name), asc(u.id));
    const byUser = new Map<string, typeof grantRows>();
    for (const row of grantRows) byUser.set(row.portalUserId, [...(byUser.get(row.portalUserId) ?? []), row]);
    const userIds = [...byUser.keys()];

    const others = userIds.length
      ? await tx
          .select({
            portalUserId: g.portalUserId,
            customers: sql<number>`count(distinct ${g.customerId})::int`,
          })
          .from(g)
          .where(
            and(
              eq(g.tenantId, ctx.tenantId),
              inArray(g.portalUserId, userIds),
              ne(g.customerId, customer.id),
              isNull(g.revokedAt),
            ),
          )
          .groupBy(g.portalUserId)
      : [];
    const otherCount = new Map(others.map((row) => [row.portalUserId, Number(row.customers)]));

    // Last sign-in: the login events' (realm, email hash, time) index finds each account's quickly.
    const e = schema.loginEvents;
    const signIns = userIds.length
      ? await tx
          .select({ userId: e.userId, at: max(e.createdAt) })
          .from(e)
          .where(
            and(
              eq(e.tenantId, ctx.tenantId),
              eq(e.realm, "portal"),
              inArray(e.emailHash, [...new Set(grantRows.map((row) => hashEmail(row.email)))]),
              eq(e.outcome, "success"),
              inArray(e.userId, userIds),
            ),
          )
          .groupBy(e.userId)
      : [];
    const lastSignIn = new Map(signIns.map((row) => [row.userId, row.at]));

    const users: PortalAccessUser[] = [...byUser.values()].map((rows) => {
      const first = rows[0]!;
      const whole = rows.some((row) => row.locationId === null);
      return {
        portalUserId: first.portalUserId,
        name: first.name,
        email: first.email,
        contactPersonId: first.contactPersonId,
        locale: isLocale(first.locale) ? first.locale : "en",
        access: whole ? "customer" : "locations",
        locations: whole
          ? []
          : rows.map((row) => place(row.locationId!)).sort((a, b) => a.name.localeCompare(b.name)),
        grantedAt: new Date(Math.min(...rows.map((row) => row.createdAt.getTime()))),
        lastSignInAt: lastSignIn.get(first.portalUserId) ?? null,
        otherCustomers: otherCount.get(first.portalUserId) ?? 0,
        disabled: first.disabledAt !== null,
      };
    });

    const staff = schema.staffUsers;
    const invitationRows = await tx
      .select({
        id: i.id,
        email: i.email,
        name: i.name,
        contactPersonId: i.contactPersonId,
        locale: i.locale,
        grants: i.grants,
        createdAt: i.createdAt,
        expiresAt: i.expiresAt,
        lastSentAt: i.lastSentAt,
        sendCount: i.sendCount,
        acceptedAt: i.acceptedAt,
        revokedAt: i.revokedAt,
        invitedBy: staff.name,
      })
      .from(i)
      .leftJoin(staff, eq(staff.id, i.invitedById))
      .where(and(eq(i.tenantId, ctx.tenantId), invitationForCustomer(customer.id)))
      .orderBy(desc(i.createdAt), desc(i.id))
      .limit(input.invitationLimit + 1);
    const invitations: PortalAccessInvitation[] = invitationRows
      .slice(0, input.invitationLimit)
      .map(({ grants, ...row }) => {
        const mine = grants.filter((grant) => grant.customerId === customer.id);
        const whole = mine.some((grant) => grant.locationId === null);
        const status = invitationStatus(row, now);
        const open = status === "pending" || status === "expired";
        return {
          ...row,
          locale: isLocale(row.locale) ? row.locale : "en",
          status,
          access: whole ? "customer" : "locations",
          locations: whole
            ? []
            : mine.map((grant) => place(grant.locationId!)).sort((a, b) => a.name.localeCompare(b.name)),
          can: { resend: open, withdraw: open },
        };
      });

    const contactRows = await tx
      .select({ id: p.id, name: p.name, email: p.email })
      .from(p)
      .where(and(eq(p.tenantId, ctx.tenantId), eq(p.customerId, customer.id), isNull(p.archivedAt)))
      .orderBy(asc(p.name), asc(p.id));
    const userByEmail = new Map(users.map((user) => [user.email.toLowerCase(), user.portalUserId]));
    const openInvitations = await tx
      .select({ id: i.id, contactPersonId: i.contactPersonId })
      .from(i)
      .where(
        and(
          eq(i.tenantId, ctx.tenantId),
          invitationForCustomer(customer.id),
          isNull(i.acceptedAt),
          isNull(i.revokedAt),
          sql`${i.expiresAt} > ${now.toISOString()}::timestamptz`,
        ),
      )
      .orderBy(desc(i.createdAt));
    const pendingFor = new Map<string, string>();
    for (const row of openInvitations) {
      if (!pendingFor.has(row.contactPersonId)) pendingFor.set(row.contactPersonId, row.id);
    }

    return {
      customer: { id: customer.id, name: customer.name, archived: customer.archivedAt !== null },
      portalEnabled: ctx.gates.portalEnabled,
      locations: locationRows.filter((row) => !row.archivedAt).map(({ id, name }) => ({ id, name })),
      contacts: contactRows.map((contact) => ({
        ...contact,
        portalUserId: contact.email ? (userByEmail.get(contact.email.toLowerCase()) ?? null) : null,
        pendingInvitationId: pendingFor.get(contact.id) ?? null,
      })),
      users,
      invitations,
      moreInvitations: invitationRows.length > input.invitationLimit,
    };
  });
}
