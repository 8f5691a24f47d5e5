/** What every seed does around its data: find-or-skip a tenant, its staff, one transaction. */
import { type Database, type Transaction, withTenant } from "@ordinavo/db";
import { staffUsers, tenants } from "@ordinavo/db/schema";
import { eq, sql } from "drizzle-orm";
import { type CreateTenantInput, createStaffUser, createTenant } from "./factories";

/** The tenant with that slug, if any. Tenants are global rows: no tenant scope is needed. */
export async function findTenantBySlug(db: Database, slug: string): Promise<{ id: string } | undefined> {
  const [row] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, slug)).limit(1);
  return row;
}

/** Creates a staff user, or brings an existing one (same e-mail) to the given name and password. */
export async function ensureStaffUser(
  db: Database,
  input: { email: string; name: string; passwordHash: string | null },
): Promise<typeof staffUsers.$inferSelect> {
  const [existing] = await db
    .select()
    .from(staffUsers)
    .where(sql`lower(${staffUsers.email}) = lower(${input.email})`)
    .limit(1);
  if (!existing) return createStaffUser(db, input);
  const [updated] = await db
    .update(staffUsers)
    .set({ name: input.name, passwordHash: input.passwordHash, disabledAt: null })
    .where(eq(staffUsers.id, existing.id))
    .returning();
  return updated!;
}

/**
 * Creates a tenant, its staff users (global rows) and then its data inside `withTenant`, all in
 * one transaction: a failure leaves no half-seeded tenant behind that a re-run would skip.
 * `work` receives the staff user ids in the order of `staff`.
 */
export async function seedTenant(
  db: Database,
  tenant: CreateTenantInput,
  staff: readonly { email: string; name: string }[],
  passwordHash: string | null,
  work: (tx: Transaction, tenantId: string, staffIds: string[]) => Promise<void>,
): Promise<string> {
  return db.transaction(async (outer) => {
    const created = await createTenant(outer, tenant);
    const staffIds: string[] = [];
    for (const member of staff) {
      staffIds.push((await ensureStaffUser(outer, { ...member, passwordHash })).id);
    }
    await withTenant(outer, created.id, (tx) => work(tx, created.id, staffIds));
    return created.id;
  });
}
