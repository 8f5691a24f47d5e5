// Fixtures for this package's unit tests; not exported from the package.
import type { ApiKeyScope, StaffRole } from "@ordinavo/domain/vocabulary";
import { apiKeyScopes } from "@ordinavo/domain/vocabulary";
import type { IntegrationActor, PortalActor, PortalGrant, StaffActor, TenantGates } from "./actors";
import { closedGates } from "./actors";
import { columns, type FieldKind } from "./fields";

export const ids = {
  tenant: "t-own",
  otherTenant: "t-other",
  customer: "c-1",
  otherCustomer: "c-2",
  location: "l-1",
  /** Another location of the same customer. */
  siblingLocation: "l-2",
  /** The signed-in staff member, whatever the role. */
  me: "u-me",
  colleague: "u-colleague",
  portalUser: "p-1",
  apiKey: "k-1",
} as const;

export const openGates: TenantGates = {
  employeesSeeInternalNotes: true,
  webhookIncludeContacts: true,
  webhookIncludeBilling: true,
  portalEnabled: true,
  portalAttachmentDownloads: true,
  managersReviewReports: true,
  portalShowsTechnician: true,
};
export { closedGates };

/** Open gates with some shut. */
export const gatesWith = (changes: Partial<TenantGates>): TenantGates => ({ ...openGates, ...changes });

export const staff = (role: StaffRole, tenantId: string = ids.tenant): StaffActor => ({
  kind: "staff",
  userId: ids.me,
  tenantId,
  role,
});

export const integration = (...scopes: ApiKeyScope[]): IntegrationActor => ({
  kind: "integration",
  apiKeyId: ids.apiKey,
  tenantId: ids.tenant,
  scopes,
  sourceSystem: null,
});

/** An integration whose key is limited to one source system. */
export const sourceLimited = (sourceSystem: string, ...scopes: ApiKeyScope[]): IntegrationActor => ({
  ...integration(...scopes),
  sourceSystem,
});

export const allScopes = (): IntegrationActor => integration(...apiKeyScopes);

export const portalUser = (...grants: PortalGrant[]): PortalActor => ({
  kind: "portal",
  portalUserId: ids.portalUser,
  tenantId: ids.tenant,
  grants,
});

export const wholeCustomerGrant: PortalGrant = { customerId: ids.customer, locationId: null };
export const locationGrant: PortalGrant = { customerId: ids.customer, locationId: ids.location };

/** A row with every column of the kind set, plus a field the policy has never heard of. */
export function sampleRow(kind: FieldKind): Record<string, unknown> {
  const row: Record<string, unknown> = Object.fromEntries(
    columns[kind].map((field) => [field, `${kind}.${field}`]),
  );
  row.somethingNew = "added to the table later";
  return row;
}

/** Staff-side assigned-work facts: assigned to me, or to a colleague only. */
export const assignedToMe = { assignedEmployeeIds: [ids.colleague, ids.me] } as const;
export const assignedToColleague = { assignedEmployeeIds: [ids.colleague] } as const;
