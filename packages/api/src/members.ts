import { type Database, schema, withTenant } from "@ordinavo/db";
import type { StaffRole } from "@ordinavo/domain";
import { gateNames, type TenantGates } from "@ordinavo/policy";
import { and, eq, isNull } from "drizzle-orm";

export interface Membership {
  tenantId: string;
  tenantName: string;
  role: StaffRole;
  gates: TenantGates;
  timeZone: string;
}

type SettingsRow = typeof schema.tenantSettings.$inferSelect;

/**
 * The policy's gates from a tenant_settings row. Each gate is the column of the same name
 * (`gateNames`), so a gate added to the policy is read here without another list to keep in step.
 */
export function gatesOf(settings: Pick<SettingsRow, (typeof gateNames)[number]>): TenantGates {
  return Object.fromEntries(gateNames.map((gate) => [gate, settings[gate] === true])) as TenantGates;
}

/** The settings columns named like the gates, for a select list. */
const gateColumns = Object.fromEntries(gateNames.map((gate) => [gate, schema.tenantSettings[gate]])) as {
  [G in (typeof gateNames)[number]]: (typeof schema.tenantSettings)[G];
};

/** The signed-in person's enabled membership in one tenant, with the tenant's feature gates. */
export async function loadMembership(
  db: Database,
  tenantId: string,
  userId: string,
): Promise<Membership | null> {
  return withTenant(db, tenantId, async (tx) => {
    const { tenantMemberships: m, tenantSettings: s, tenants } = schema;
    const [row] = await tx
      .select({ role: m.role, tenantName: tenants.name, timeZone: s.timeZone, ...gateColumns })
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
      gates: gatesOf(row),
    };
  });
}

/** A tenant's feature gates (for integrations and portal users). */
export async function loadGates(db: Database, tenantId: string): Promise<TenantGates | null> {
  return withTenant(db, tenantId, async (tx) => {
    const s = schema.tenantSettings;
    const [row] = await tx.select().from(s).where(eq(s.tenantId, tenantId));
    return row ? gatesOf(row) : null;
  });
}
