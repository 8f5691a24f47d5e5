// Who is asking. Three kinds of actor reach Ordinavo data, through three separate doors:
// staff (the workspace app), integrations (Ordinavo Connect, an API key) and portal users (the
// Customer Portal). The server builds the actor from its own lookups (session → membership, key
// hash → key row, portal session → active grants); nothing here comes from the client.

import type { ApiKeyScope, StaffRole } from "@ordinavo/domain/vocabulary";

/** A person signed in to the workspace, with their role in the active tenant. */
export type StaffActor = {
  readonly kind: "staff";
  readonly userId: string;
  readonly tenantId: string;
  readonly role: StaffRole;
};

/** A system calling Ordinavo Connect with an API key; it can do what its scopes say, nothing else. */
export type IntegrationActor = {
  readonly kind: "integration";
  readonly apiKeyId: string;
  readonly tenantId: string;
  readonly scopes: readonly ApiKeyScope[];
  /**
   * The one source system (e.g. "sap") the key is limited to, from the key row; null for a key
   * that may use the references of every source. A limited key sees and writes only external
   * references of its own source ("External references — Integration: API/source scoped").
   */
  readonly sourceSystem: string | null;
};

/** One active (not revoked) portal access grant. `locationId: null` grants the whole customer. */
export type PortalGrant = {
  readonly customerId: string;
  readonly locationId: string | null;
};

/** A customer contact signed in to the Customer Portal, with their active grants. */
export type PortalActor = {
  readonly kind: "portal";
  readonly portalUserId: string;
  readonly tenantId: string;
  readonly grants: readonly PortalGrant[];
};

export type Actor = StaffActor | IntegrationActor | PortalActor;
export type ActorKind = Actor["kind"];

/** The tenant settings the policy reads. Same names as the `tenant_settings` columns. */
export const gateNames = [
  "employeesSeeInternalNotes",
  /** Webhook payloads only: never what an API key reads (that follows the key's scopes). */
  "webhookIncludeContacts",
  /** Billing trigger details (the note) in webhook payloads, for subscriptions that ask too. */
  "webhookIncludeBilling",
  "portalEnabled",
  "portalAttachmentDownloads",
  /** Managers approve, return and publish visit reports (by default only tenant admins do). */
  "managersReviewReports",
  /** The portal names an appointment's technician, by first name only. */
  "portalShowsTechnician",
] as const;
export type GateName = (typeof gateNames)[number];
export type TenantGates = { readonly [G in GateName]: boolean };

/**
 * Every gate shut. Used wherever the caller passes no gates, so forgetting them can only hide
 * things (the portal, employees' internal notes, contacts or billing details in webhooks, managers'
 * report review),
 * never reveal them.
 */
export const closedGates: TenantGates = Object.freeze({
  employeesSeeInternalNotes: false,
  webhookIncludeContacts: false,
  webhookIncludeBilling: false,
  portalEnabled: false,
  portalAttachmentDownloads: false,
  managersReviewReports: false,
  portalShowsTechnician: false,
});

/** True when every named gate is open. */
export function gatesOpen(gates: TenantGates, required: readonly GateName[] | undefined): boolean {
  return (required ?? []).every((gate) => gates[gate] === true);
}

export function isStaff(actor: Actor): actor is StaffActor {
  return actor.kind === "staff";
}

export function isIntegration(actor: Actor): actor is IntegrationActor {
  return actor.kind === "integration";
}

export function isPortal(actor: Actor): actor is PortalActor {
  return actor.kind === "portal";
}

/** A staff actor holding one of the roles. */
export function hasRole(actor: Actor, ...roles: readonly StaffRole[]): actor is StaffActor {
  return actor.kind === "staff" && roles.includes(actor.role);
}

/** The id a staff or portal actor is known by in the data (`null` for integrations). */
export function personId(actor: Actor): string | null {
  if (actor.kind === "staff") return actor.userId;
  if (actor.kind === "portal") return actor.portalUserId;
  return null;
}

/**
 * The object belongs to the actor's tenant. Every object-level check starts here: another
 * tenant's object is treated exactly like a missing one.
 */
export function inTenant(actor: Actor, object: { readonly tenantId: string }): boolean {
  return actor.tenantId !== "" && actor.tenantId === object.tenantId;
}

/**
 * A portal actor's grants cover this customer context.
 * - `locationId` given: a whole-customer grant for the customer, or a grant for exactly that
 *   location of that customer.
 * - `locationId` null (something customer-wide, not tied to a location): only a whole-customer
 *   grant. A location-only grantee never sees customer-wide things.
 */
export function portalCovers(actor: PortalActor, customerId: string, locationId: string | null): boolean {
  return actor.grants.some(
    (grant) =>
      grant.customerId === customerId &&
      (grant.locationId === null || (locationId !== null && grant.locationId === locationId)),
  );
}

/** A portal actor has some grant (whole or location) for the customer. */
export function portalKnowsCustomer(actor: PortalActor, customerId: string): boolean {
  return actor.grants.some((grant) => grant.customerId === customerId);
}
