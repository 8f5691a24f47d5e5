import { sql } from "drizzle-orm";
import { APP_ROLE, type Database, type Transaction } from "./client";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one way application code reaches tenant data: a transaction in which the database itself
 * shows and accepts only rows of `tenantId`. Both settings are transaction-local, so nothing
 * leaks into the next use of the connection.
 */
export async function withTenant<T>(
  db: Database,
  tenantId: string,
  work: (tx: Transaction) => Promise<T>,
): Promise<T> {
  if (!UUID.test(tenantId)) throw new TypeError("withTenant needs a tenant id (a UUID).");
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('role', ${APP_ROLE}, true), set_config('app.tenant_id', ${tenantId}, true)`,
    );
    return work(tx);
  });
}

/**
 * Platform work that spans tenants: the outbox relay, sign-in and token lookups before a tenant is
 * known. Still runs as the application role, and only the few tables with a `system_access` policy
 * (see the tenant-isolation migration) answer it; customer data does not. Work for one tenant —
 * jobs, seeds, imports — uses withTenant even when a platform process does it.
 */
export async function withSystem<T>(db: Database, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('role', ${APP_ROLE}, true), set_config('app.system_access', 'on', true)`,
    );
    return work(tx);
  });
}

/**
 * Turns an open withSystem transaction into a transaction of one tenant: platform access off, the
 * tenant's rows only. For a lookup that finds the tenant (an API key by its hash) and goes on with
 * that tenant's data in the same transaction, saving a second one.
 */
export async function enterTenant(tx: Transaction, tenantId: string): Promise<void> {
  if (!UUID.test(tenantId)) throw new TypeError("enterTenant needs a tenant id (a UUID).");
  await tx.execute(
    sql`select set_config('app.system_access', '', true), set_config('app.tenant_id', ${tenantId}, true)`,
  );
}
