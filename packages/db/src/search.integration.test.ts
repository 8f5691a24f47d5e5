import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "./results";
import { tenants } from "./schema";
import { withTenant } from "./tenancy";
import { createTestDatabase, type TestDatabase, testEngines } from "./testing";

// Decision 007: customer search is a prefix range on stored, lowered columns in byte order. Under
// row-level security only leakproof operators may be index conditions; `lower()` is not, so the
// lowered value must be a column for the range to reach the index.

describe.each(testEngines())("customer search plans on %s", (engine) => {
  let database: TestDatabase;
  let tenantId: string;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const [tenant] = await database.db.insert(tenants).values({ slug: "search", name: "Search" }).returning();
    tenantId = tenant!.id;
    await withTenant(database.db, tenantId, async (tx) => {
      await tx.execute(sql`insert into customers (tenant_id, number, name)
        select ${tenantId}::uuid, 'N-' || lpad(n::text, 5, '0'), 'Name ' || n from generate_series(1, 5000) n`);
      await tx.execute(sql`insert into locations (tenant_id, customer_id, name, address_line1, city, country)
        select tenant_id, id, 'Site', '1 rue', 'City ' || (number), 'FR' from customers`);
    });
    await database.asOwner("analyze customers; analyze locations");
  }, 120_000);
  afterAll(() => database?.destroy());

  const plan = (table: string, column: string, prefix: string) =>
    withTenant(database.db, tenantId, async (tx) => {
      const value = sql`(${sql.identifier(column)} collate "C")`;
      const rows = await tx.execute(
        sql`explain select id from ${sql.identifier(table)} where tenant_id = ${tenantId}
          and ${value} >= ${prefix} and ${value} < ${`${prefix}\u{10FFFF}`}`,
      );
      return rowsOf<Record<string, string>>(rows)
        .map((r) => Object.values(r)[0])
        .join("\n");
    });

  it.each([
    ["customers", "search_name", "name 123", "customers_search_name_idx"],
    ["customers", "search_number", "n-0123", "customers_search_number_idx"],
    ["locations", "search_city", "city n-0123", "locations_search_city_idx"],
  ])("serves a prefix of %s.%s from the index", async (table, column, prefix, index) => {
    const text = await plan(table, column, prefix);
    expect(text).toContain(index);
    expect(text).toMatch(new RegExp(`Index Cond: .*\\(?${column}\\)?::text >= `));
    expect(text).not.toContain("Seq Scan");
  });

  it("finds exactly the rows that start with the prefix, in any case", async () => {
    const found = await withTenant(database.db, tenantId, async (tx) =>
      rowsOf<{ n: number }>(
        await tx.execute(sql`select count(*)::int as n from customers
          where (search_name collate "C") >= 'name 123' and (search_name collate "C") < ${"name 123\u{10FFFF}"}`),
      ),
    );
    // "Name 123" and "Name 1230" … "Name 1239".
    expect(found[0]!.n).toBe(11);
  });
});
