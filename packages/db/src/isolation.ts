import { sql } from "drizzle-orm";
import type { Database, Transaction } from "./client";
import { rowsOf } from "./results";

export interface IsolationGap {
  table: string;
  problem: "rls_disabled" | "rls_not_forced" | "policy_missing";
}

/**
 * Lists every table of a schema that has a tenant_id column but is not protected: row-level
 * security off, not forced (the owner would bypass it), or without the tenant_isolation policy.
 * The test suite asserts this is empty for the application schema.
 */
export async function findIsolationGaps(
  db: Database | Transaction,
  schemaName = "public",
): Promise<IsolationGap[]> {
  type Row = { table: string; enabled: boolean; forced: boolean; has_policy: boolean };
  const result = await db.execute(sql`
    select c.relname as table,
           c.relrowsecurity as enabled,
           c.relforcerowsecurity as forced,
           exists (select 1 from pg_policies p
                   where p.schemaname = ${schemaName} and p.tablename = c.relname
                     and p.policyname = 'tenant_isolation') as has_policy
    from pg_class c
    join pg_namespace ns on ns.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
    where ns.nspname = ${schemaName} and c.relkind in ('r', 'p')
    order by c.relname`);
  const gaps: IsolationGap[] = [];
  for (const row of rowsOf<Row>(result)) {
    if (!row.enabled) gaps.push({ table: row.table, problem: "rls_disabled" });
    else if (!row.forced) gaps.push({ table: row.table, problem: "rls_not_forced" });
    if (!row.has_policy) gaps.push({ table: row.table, problem: "policy_missing" });
  }
  return gaps;
}
