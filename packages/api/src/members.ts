import { type Database, schema, withTenant } from "@ordinavo/db";
import type { StaffRole } from "@ordinavo/domain";
import type { TenantGates } from "@ordinavo/policy";
import { and, eq, isNull } from "drizzle-orm";

export interface Membership {
  tenantId: string;
  tenantName: string;
  role: StaffRole;
  gates: TenantGates;
  timeZone: string;
}

/** The signed-in person's enabled membership in one tenant, with the tenant's feature gates. */
export async function loadMembership(
  db: Database,
  tenantId: string,
  userId: string,
): Promise<Membership | null> {
  return withTenant(db, tenantId, async (tx) => {
    const { tenantMemberships: m, tenantSettings: s, tenants } = schema;
    const [row] = await tx
      .select({
        role: m.role,
        tenantName: tenants.name,
        timeZone: s.timeZone,
        employeesSeeInternalNotes: s.employeesSeeInternalNotes,
        webhookIncludeContacts: s.webhookIncludeContacts,
        portalEnabled: s.portalEnabled,
        portalAttachmentDownloads: s.portalAttachmentDownloads,
      })
      .from(m)
      .innerJoin(tenants, eq(tenants.id, m.tenantId))
      .innerJoin(s, eq(s.tenantId, m.tenantId))
      .where(
        and(eq(m.tenantId, tenantId), eq(m.userId, userId), isNull(m.disabledAt), isNull(tenants.archivedAt)),
      );
    if (!row) return null;
    return {
      tenantId,
      tenantName: row.tenantName,
      role: row.role,
      timeZone: row.timeZone,
      gates: {
        employeesSeeInternalNotes: row.employeesSeeInternalNotes,
        webhookIncludeContacts: row.webhookIncludeContacts,
        portalEnabled: row.portalEnabled,
        portalAttachmentDownloads: row.portalAttachmentDownloads,
      },
    };
  });
}

/** A tenant's feature gates (for integrations and portal users). */
export async function loadGates(db: Database, tenantId: string): Promise<TenantGates | null> {
  return withTenant(db, tenantId, async (tx) => {
    const s = schema.tenantSettings;
    const [row] = await tx.select().from(s).where(eq(s.tenantId, tenantId));
    if (!row) return null;
    return {
      employeesSeeInternalNotes: row.employeesSeeInternalNotes,
      webhookIncludeContacts: row.webhookIncludeContacts,
      portalEnabled: row.portalEnabled,
      portalAttachmentDownloads: row.portalAttachmentDownloads,
    };
  });
}
