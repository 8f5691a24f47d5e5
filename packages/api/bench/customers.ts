// `pnpm bench`: the customer list as the workspace calls it (session, policy, projection and the
// query), on a tenant with 100,000 customers. Embedded PGlite always; PostgreSQL too when
// TEST_DATABASE_URL is set.
import { schema, withTenant } from "@ordinavo/db";
import { testEngines } from "@ordinavo/db/testing";
import { DEMO_ACCOUNTS } from "@ordinavo/demo";
import { sql } from "drizzle-orm";
import { measure } from "../../db/bench/measure";
import { createApiHarness } from "../src/test-support";
import { cities, families, textArray, trades } from "./words";

const CUSTOMERS = 100_000;

for (const engine of testEngines()) {
  console.info(
    `\nWorkspace customer list on ${engine}, ${CUSTOMERS.toLocaleString("en")} customers in one tenant`,
  );
  const h = await createApiHarness(engine);
  try {
    const dispatcher = await h.staff(DEMO_ACCOUNTS.dispatcher);
    const employee = await h.staff(DEMO_ACCOUNTS.employee);
    const { tenantId } = (await dispatcher.session.me()).active!;
    const started = performance.now();
    await withTenant(h.database.db, tenantId, async (tx) => {
      await tx.execute(sql`insert into customers (tenant_id, number, name, status, type)
        select ${tenantId}::uuid, 'B-' || lpad(n::text, 6, '0'),
          (${textArray(trades)})[1 + n % 8] || ' ' || (${textArray(families)})[1 + (n / 8) % 10] || ' ' || n,
          case when n % 10 = 0 then 'prospect' else 'active' end, 'business'
        from generate_series(1, ${CUSTOMERS}) as n`);
    });
    // Fresh statistics first: without them each location's foreign-key check scans the customers.
    await h.database.asOwner("analyze customers");
    await withTenant(h.database.db, tenantId, async (tx) => {
      await tx.execute(sql`insert into locations (tenant_id, customer_id, name, address_line1, city, country)
        select c.tenant_id, c.id, 'Main site', '1 rue du Bench', (${textArray(cities)})[1 + (row_number() over ()) % 8], 'FR'
        from customers c where c.tenant_id = ${tenantId}::uuid and c.number like 'B-%'`);
    });
    await h.database.asOwner("analyze customers; analyze locations; analyze appointments");
    console.info(`(loaded in ${((performance.now() - started) / 1000).toFixed(1)} s)`);

    const first = await dispatcher.customers.list({ limit: 25 });
    let middle: string | undefined = first.nextCursor ?? undefined;
    for (let i = 0; i < 40 && middle; i++)
      middle = (await dispatcher.customers.list({ limit: 100, after: middle })).nextCursor ?? undefined;

    await measure("first page of 25 by name", () => dispatcher.customers.list({ limit: 25 }), 100);
    await measure(
      "keyset page of 25 after 4,000 rows",
      () => dispatcher.customers.list({ limit: 25, after: middle }),
      100,
    );
    await measure(
      "first page of 25 by number",
      () => dispatcher.customers.list({ limit: 25, sort: "number" }),
      100,
    );
    await measure(
      "first page of 25, recently updated",
      () => dispatcher.customers.list({ limit: 25, sort: "recent" }),
      100,
    );
    await measure(
      "status filter (prospects) by name",
      () => dispatcher.customers.list({ limit: 25, status: "prospect" }),
      100,
    );
    await measure(
      'search "boulangerie mar" (name prefix)',
      () => dispatcher.customers.list({ q: "boulangerie mar" }),
      100,
    );
    await measure('search "b-0420" (number prefix)', () => dispatcher.customers.list({ q: "b-0420" }), 100);
    await measure(
      'search "grenoble" (city, 12,500 matches)',
      () => dispatcher.customers.list({ q: "grenoble" }),
      50,
    );
    await measure("employee: own customers only", () => employee.customers.list({ limit: 25 }), 100);
    const count = await withTenant(h.database.db, tenantId, (tx) =>
      tx.select({ n: sql<number>`count(*)::int` }).from(schema.customers),
    );
    console.info(`(${count[0]!.n.toLocaleString("en")} customers in the tenant)`);
  } finally {
    await h.destroy();
  }
}
