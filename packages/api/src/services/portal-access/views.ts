import { locales, portalAccessKinds } from "@ordinavo/domain";
import { z } from "zod";

// What the customer page shows tenant admins about portal access: who may use the portal for this
// customer and what they see, and the invitations sent for it.

export const portalInvitationStatuses = ["pending", "expired", "accepted", "withdrawn"] as const;
export type PortalInvitationStatus = (typeof portalInvitationStatuses)[number];

/** An invitation's state at `now`: accepted and withdrawn stay so; an open one expires. */
export function invitationStatus(
  row: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now: Date,
): PortalInvitationStatus {
  if (row.acceptedAt) return "accepted";
  if (row.revokedAt) return "withdrawn";
  return row.expiresAt.getTime() <= now.getTime() ? "expired" : "pending";
}

const ZPlace = z.object({ id: z.string(), name: z.string() });

export const ZPortalAccessInvitation = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  contactPersonId: z.string(),
  locale: z.enum(locales),
  status: z.enum(portalInvitationStatuses),
  access: z.enum(portalAccessKinds),
  /** The invited locations (empty for the whole customer); archived ones keep their name. */
  locations: z.array(ZPlace),
  createdAt: z.date(),
  expiresAt: z.date(),
  lastSentAt: z.date().nullable(),
  sendCount: z.number(),
  acceptedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
  invitedBy: z.string().nullable(),
  can: z.object({ resend: z.boolean(), withdraw: z.boolean() }),
});
export type PortalAccessInvitation = z.infer<typeof ZPortalAccessInvitation>;

export const ZPortalAccessUser = z.object({
  portalUserId: z.string(),
  name: z.string(),
  email: z.string(),
  contactPersonId: z.string().nullable(),
  locale: z.enum(locales),
  access: z.enum(portalAccessKinds),
  /** The locations they see (empty for the whole customer). */
  locations: z.array(ZPlace),
  grantedAt: z.date(),
  /** Their last successful portal sign-in, if any is recorded. */
  lastSignInAt: z.date().nullable(),
  /** Other customers of the tenant they also see (revoking this one then keeps them signed in). */
  otherCustomers: z.number(),
  disabled: z.boolean(),
});
export type PortalAccessUser = z.infer<typeof ZPortalAccessUser>;

export const ZPortalAccess = z.object({
  customer: z.object({ id: z.string(), name: z.string(), archived: z.boolean() }),
  /** The tenant's portal switch: while off, invitations can be sent but nobody can use the portal. */
  portalEnabled: z.boolean(),
  /** The customer's current locations, for choosing what to share. */
  locations: z.array(ZPlace),
  /** The customer's current contact persons, and where each stands with the portal. */
  contacts: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      email: z.string().nullable(),
      /** The portal user with the contact's email that sees this customer, if any. */
      portalUserId: z.string().nullable(),
      /** An invitation for this customer is waiting for them. */
      pendingInvitationId: z.string().nullable(),
    }),
  ),
  users: z.array(ZPortalAccessUser),
  invitations: z.array(ZPortalAccessInvitation),
  /** More invitations than the list holds (ask again with a higher limit). */
  moreInvitations: z.boolean(),
});
export type PortalAccess = z.infer<typeof ZPortalAccess>;

export const ZPortalPreviewTarget = z.object({
  tenantId: z.string(),
  customerId: z.string(),
  portalUserId: z.string(),
  name: z.string(),
  email: z.string(),
});
