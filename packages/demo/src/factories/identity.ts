/** Global rows (tenants with their settings, staff users) and tenant memberships. */
import { type Database, type Transaction, withTenant } from "@ordinavo/db";
import { staffUsers, tenantMemberships, tenantSettings, tenants } from "@ordinavo/db/schema";
import { type FactoryInput, type Insert, only, type Row, unique } from "./core";

export type CreateTenantInput = { slug: string; name: string } & Partial<
  Omit<Insert<typeof tenantSettings>, "tenantId" | "updatedAt">
>;

/**
 * A tenant and its settings row, in one transaction. Call it with the database handle, or inside
 * `withSystem` (a seed building several things at once).
 */
export async function createTenant(db: Database, input: CreateTenantInput): Promise<Row<typeof tenants>> {
  const { slug, name, ...settings } = input;
  return db.transaction(async (tx) => {
    const tenant = only(await tx.insert(tenants).values({ slug, name }).returning());
    await withTenant(tx, tenant.id, (scoped) =>
      scoped.insert(tenantSettings).values({ ...settings, tenantId: tenant.id }),
    );
    return tenant;
  });
}

export function staffUserValues(input: Partial<Insert<typeof staffUsers>> = {}): Insert<typeof staffUsers> {
  const tag = unique();
  return { email: `staff-${tag}@example.test`, name: `Staff ${tag}`, passwordHash: null, ...input };
}

/** A staff user (global: memberships tie it to tenants). No password unless `passwordHash` is given. */
export async function createStaffUser(
  db: Database,
  input: Partial<Insert<typeof staffUsers>> = {},
): Promise<Row<typeof staffUsers>> {
  return only(await db.insert(staffUsers).values(staffUserValues(input)).returning());
}

export function membershipValues(
  input: FactoryInput<typeof tenantMemberships, "tenantId" | "userId">,
): Insert<typeof tenantMemberships> {
  return { role: "employee", ...input };
}

/** Makes a staff user a member of a tenant; the role defaults to employee. */
export async function addMembership(
  tx: Transaction,
  input: FactoryInput<typeof tenantMemberships, "tenantId" | "userId">,
): Promise<Row<typeof tenantMemberships>> {
  return only(await tx.insert(tenantMemberships).values(membershipValues(input)).returning());
}
