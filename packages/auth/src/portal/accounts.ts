import { type Database, withSystem, withTenant } from "@ordinavo/db";
import { portalUsers, tenantSettings, tenants } from "@ordinavo/db/schema";
import { desc, eq, sql } from "drizzle-orm";

export type PortalUserRow = typeof portalUsers.$inferSelect;

/**
 * Every portal account with this (normalized) email, across tenants — a customer contact may be
 * invited by several companies — newest first. System mode: the tenant is not known yet.
 */
export async function findPortalUsersByEmail(db: Database, email: string): Promise<PortalUserRow[]> {
  const u = portalUsers;
  return withSystem(db, (tx) =>
    tx.select().from(u).where(sql`lower(${u.email}) = ${email}`).orderBy(desc(u.createdAt), desc(u.id)),
  );
}

export async function findPortalUser(db: Database, portalUserId: string): Promise<PortalUserRow | undefined> {
  const [row] = await withSystem(db, (tx) =>
    tx.select().from(portalUsers).where(eq(portalUsers.id, portalUserId)).limit(1),
  );
  return row;
}

export async function tenantName(db: Database, tenantId: string): Promise<string | undefined> {
  const [row] = await db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId));
  return row?.name;
}

/** The tenant's name and time zone, for mails (dates in the service provider's time zone). */
export async function tenantFacts(
  db: Database,
  tenantId: string,
): Promise<{ name: string | undefined; timeZone: string }> {
  const name = await tenantName(db, tenantId);
  const [settings] = await withTenant(db, tenantId, (tx) =>
    tx
      .select({ timeZone: tenantSettings.timeZone })
      .from(tenantSettings)
      .where(eq(tenantSettings.tenantId, tenantId)),
  );
  return { name, timeZone: settings?.timeZone ?? "UTC" };
}
