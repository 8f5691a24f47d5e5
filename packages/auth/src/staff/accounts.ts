import { type Database, withSystem } from "@ordinavo/db";
import { staffUsers, tenantMemberships, tenants } from "@ordinavo/db/schema";
import type { StaffRole } from "@ordinavo/domain/vocabulary";
import { and, asc, eq, isNull, sql } from "drizzle-orm";

export type StaffUserRow = typeof staffUsers.$inferSelect;

export interface StaffMembership {
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
  role: StaffRole;
}

/** The staff user with this (normalized) email, if any. Emails are unique case-insensitively. */
export async function findStaffUserByEmail(db: Database, email: string): Promise<StaffUserRow | undefined> {
  const [row] = await db.select().from(staffUsers).where(sql`lower(${staffUsers.email}) = ${email}`).limit(1);
  return row;
}

export async function findStaffUser(db: Database, userId: string): Promise<StaffUserRow | undefined> {
  const [row] = await db.select().from(staffUsers).where(eq(staffUsers.id, userId)).limit(1);
  return row;
}

/**
 * The tenants a person may work in: enabled memberships of tenants that are not archived,
 * ordered by tenant name. Memberships are tenant rows, read in system mode before a tenant is
 * chosen.
 */
export async function enabledMemberships(db: Database, userId: string): Promise<StaffMembership[]> {
  const m = tenantMemberships;
  return withSystem(db, (tx) =>
    tx
      .select({ tenantId: m.tenantId, tenantSlug: tenants.slug, tenantName: tenants.name, role: m.role })
      .from(m)
      .innerJoin(tenants, eq(tenants.id, m.tenantId))
      .where(and(eq(m.userId, userId), isNull(m.disabledAt), isNull(tenants.archivedAt)))
      .orderBy(asc(tenants.name), asc(tenants.id)),
  );
}
