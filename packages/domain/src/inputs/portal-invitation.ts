import { z } from "zod";
import { locales } from "../locale";
import { choice, loginEmail, noDuplicates, optionalReference, reference } from "./fields";

/** Access to a whole customer (no location) or to one of its locations. */
export const ZPortalGrantInput = z.object({
  customerId: reference("Choose a customer"),
  locationId: optionalReference("Choose a location").transform((id) => id ?? null),
});
export type PortalGrantInput = z.infer<typeof ZPortalGrantInput>;

export const ZCreatePortalInvitationInput = z.object({
  contactPersonId: reference("Choose a contact person"),
  email: loginEmail,
  grants: z
    .array(ZPortalGrantInput, { error: "Choose what this person may see" })
    .min(1, { error: "Choose what this person may see" })
    .max(200, { error: "Grant at most 200 customers or locations" })
    .superRefine(
      noDuplicates(
        (grant) => `${grant.customerId}/${grant.locationId ?? "*"}`,
        "This access is listed twice",
      ),
    ),
});
export type CreatePortalInvitationInput = z.infer<typeof ZCreatePortalInvitationInput>;

// Staff manage portal access one customer at a time: the whole customer, or selected locations.

export const portalAccessKinds = ["customer", "locations"] as const;
export type PortalAccessKind = (typeof portalAccessKinds)[number];

const accessFields = {
  access: choice(portalAccessKinds, "Choose what this person may see"),
  /** With "locations": at least one; ignored for the whole customer. */
  locationIds: z
    .array(reference("Choose a location"))
    .max(200, { error: "Choose at most 200 locations" })
    .default([]),
};

/** "locations" needs at least one location; duplicates are dropped; "customer" drops the list. */
function withLocations<T extends { access: PortalAccessKind; locationIds: string[] }>(
  value: T,
  ctx: z.RefinementCtx,
) {
  if (value.access === "locations" && value.locationIds.length === 0) {
    ctx.addIssue({
      code: "custom",
      message: "Choose at least one location",
      path: ["locationIds"],
      input: value,
    });
  }
}

const normalised = <T extends { access: PortalAccessKind; locationIds: string[] }>(value: T): T => ({
  ...value,
  locationIds: value.access === "customer" ? [] : [...new Set(value.locationIds)],
});

/** Invite one of the customer's contact persons to the portal, in English or French. */
export const ZInvitePortalContactInput = z
  .object({
    customerId: reference("Choose a customer"),
    contactPersonId: reference("Choose a contact person"),
    locale: choice(locales, "Choose English or French"),
    ...accessFields,
  })
  .superRefine(withLocations)
  .transform(normalised);
export type InvitePortalContactInput = z.infer<typeof ZInvitePortalContactInput>;

/** Change what a portal user sees of one customer. */
export const ZChangePortalAccessInput = z
  .object({
    customerId: reference("Choose a customer"),
    portalUserId: reference("Choose a portal user"),
    ...accessFields,
  })
  .superRefine(withLocations)
  .transform(normalised);
export type ChangePortalAccessInput = z.infer<typeof ZChangePortalAccessInput>;

/** Revoke a portal user's access to one customer (or preview it). */
export const ZPortalUserOfCustomerInput = z.object({
  customerId: reference("Choose a customer"),
  portalUserId: reference("Choose a portal user"),
});

export const ZPortalInvitationRefInput = z.object({
  invitationId: reference("Choose an invitation"),
});
