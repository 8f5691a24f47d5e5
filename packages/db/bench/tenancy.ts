// `pnpm bench`: what tenant isolation costs per request, and a keyset page on a large tenant.
// Runs on embedded PGlite, and on PostgreSQL too when TEST_DATABASE_URL is set.
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { customers, tenants } from "../src/schema";
import { withTenant } from "../src/tenancy";
import { createTestDatabase, testEngines } from "../src/testing";
import { measure } from "./measure";

const CUSTOMERS = 20_000;

for (const engine of testEngines()) {
  console.info(
    `\nTenant-scoped reads on ${engine}, ${CUSTOMERS.toLocaleString("en")} customers in each of two tenants`,
  );
  const database = await createTestDatabase(engine);
  try {
    const [tenant] = await database.db.insert(tenants).values({ slug: "bench", name: "Bench" }).returning();
    const tenantId = tenant!.id;
    const [other] = await database.db.insert(tenants).values({ slug: "other", name: "Other" }).returning();
    for (const id of [tenantId, other!.id]) {
      await withTenant(database.db, id, (tx) =>
        tx.execute(sql`insert into customers (tenant_id, number, name, status)
          select ${id}::uuid, 'C-' || n, 'Customer ' || lpad(n::text, 6, '0'), 'active'
          from generate_series(1, ${CUSTOMERS}) as n`),
      );
    }
    await database.asOwner("analyze customers");
    const [middle] = await withTenant(database.db, tenantId, (tx) =>
      tx
        .select({ name: customers.name })
        .from(customers)
        .orderBy(asc(customers.name))
        .limit(1)
        .offset(CUSTOMERS / 2),
    );
    const page = (after?: string) =>
      withTenant(database.db, tenantId, (tx) =>
        tx
          .select()
          .from(customers)
          .where(
            after
              ? and(eq(customers.status, "active"), gt(customers.name, after))
              : eq(customers.status, "active"),
          )
          .orderBy(asc(customers.name), asc(customers.id))
          .limit(50),
      );
    await measure("withTenant round trip (empty transaction)", () =>
      withTenant(database.db, tenantId, async () => {}),
    );
    await measure("first page of 50 customers by name", () => page());
    await measure("keyset page of 50 from the middle", () => page(middle!.name));
  } finally {
    await database.destroy();
  }
}
