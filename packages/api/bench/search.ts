// `pnpm bench`: customer search as people type it (decision 018) through the real procedure —
// session, policy, search words, ranking and paging — at 100,000 and 1,000,000 customers. The
// million needs PostgreSQL (TEST_DATABASE_URL); without it, PGlite runs the 100,000 case alone.
// SEARCH_BENCH_SIZES=100000 runs one size only.
import { rowsOf, withTenant } from "@ordinavo/db";
import { testEngines } from "@ordinavo/db/testing";
import { DEMO_ACCOUNTS } from "@ordinavo/demo";
import { sql } from "drizzle-orm";
import { measure } from "../../db/bench/measure";
import { createApiHarness } from "../src/test-support";
import { cities, families, textArray, trades } from "./words";

const streets = ["rue Garibaldi", "avenue Jean Jaurès", "quai Perrache", "cours Lafayette", "rue de Créqui"];
const given = [
  "Amandine",
  "Bruno",
  "Claire",
  "David",
  "Élise",
  "François",
  "Gaëlle",
  "Hugo",
  "Inès",
  "Julien",
];

const sizes = (process.env.SEARCH_BENCH_SIZES ?? "100000,1000000").split(",").map(Number);

const engines = testEngines().filter(
  (e) => !process.env.SEARCH_BENCH_ENGINE || e === process.env.SEARCH_BENCH_ENGINE,
);
for (const engine of engines) {
  for (const size of sizes) {
    if (engine === "pglite" && size > 100_000) continue;
    console.info(`\nCustomer search on ${engine}, ${size.toLocaleString("en")} customers in one tenant`);
    const h = await createApiHarness(engine);
    try {
      const dispatcher = await h.staff(DEMO_ACCOUNTS.dispatcher);
      const { tenantId } = (await dispatcher.session.me()).active!;
      const started = performance.now();
      // Loaded as a restore would be: the search words' indexes are dropped for the load and
      // built again after it (same definitions, read from the catalogue).
      const indexes = await withTenant(h.database.db, tenantId, async (tx) =>
        rowsOf<{ name: string; definition: string }>(
          await tx.execute(sql`select indexname as name, indexdef as definition from pg_indexes
            where tablename = 'customer_search_terms'`),
        ),
      );
      for (const index of indexes) await h.database.asOwner(`drop index ${index.name}`);
      // In slices, so each statement's transition table (the search words' trigger) stays modest.
      const slice = 20_000;
      for (let from = 1; from <= size; from += slice) {
        const to = Math.min(size, from + slice - 1);
        await withTenant(h.database.db, tenantId, async (tx) => {
          await tx.execute(sql`insert into customers (tenant_id, number, name, phone, status, type)
            select ${tenantId}::uuid, 'B-' || lpad(n::text, 7, '0'),
              (${textArray(trades)})[1 + n % 8] || ' ' || (${textArray(families)})[1 + (n / 8) % 10] || ' ' || n,
              '04 72 ' || lpad((n % 1000000)::text, 6, '0'),
              case when n % 10 = 0 then 'prospect' else 'active' end, 'business'
            from generate_series(${from}::int, ${to}::int) as n`);
          await tx.execute(sql`insert into locations (tenant_id, customer_id, name, address_line1, postal_code, city, country)
            select c.tenant_id, c.id, 'Site principal',
              (1 + n % 120)::text || ' ' || (${textArray(streets)})[1 + n % 5],
              '69' || lpad((n % 1000)::text, 3, '0'), (${textArray(cities)})[1 + n % 8], 'FR'
            from customers c, lateral (select substr(c.number, 3)::int as n) x
            where c.tenant_id = ${tenantId}::uuid and c.number between ${`B-${String(from).padStart(7, "0")}`}
              and ${`B-${String(to).padStart(7, "0")}`}`);
          await tx.execute(sql`insert into contact_persons (tenant_id, customer_id, name, email, mobile)
            select c.tenant_id, c.id,
              (${textArray(given)})[1 + n % 10] || ' ' || (${textArray(families)})[1 + (n / 10) % 10],
              'contact' || n || '@example.test', '06 ' || lpad((n % 100000000)::text, 8, '0')
            from customers c, lateral (select substr(c.number, 3)::int as n) x
            where c.tenant_id = ${tenantId}::uuid and c.number between ${`B-${String(from).padStart(7, "0")}`}
              and ${`B-${String(to).padStart(7, "0")}`} and n % 3 = 0`);
        });
      }
      for (const index of indexes) await h.database.asOwner(index.definition);
      // As autovacuum would after a load: statistics, and a visibility map for index-only scans.
      for (const table of ["customers", "locations", "contact_persons", "customer_search_terms"])
        await h.database.asOwner(`${engine === "postgres" ? "vacuum " : ""}analyze ${table}`);
      console.info(`(loaded in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
      if (process.env.SEARCH_BENCH_KEEP) {
        const [db] = rowsOf<{ name: string }>(
          await h.database.db.execute(sql`select current_database() as name`),
        );
        console.info(`(database ${db?.name}, tenant ${tenantId})`);
        continue;
      }

      const cases: Array<[string, string, number]> = [
        ["broad: one word of a name (1 in 8)", "hotel", 50],
        ["broad: a city (1 in 8)", "grenoble", 50],
        ["broad: two letters", "ma", 50],
        ["narrow: name words", "hotel martin 42", 100],
        ["narrow: number without prefix", "4203", 100],
        ["narrow: number with prefix", "B-000420", 100],
        ["narrow: phone as typed", "04 72 00 42 03", 100],
        ["narrow: contact name and word", "julien moreau boul", 100],
        ["nothing found", "zzzz", 100],
      ];
      for (const [label, q, n] of cases) {
        await measure(`${label} "${q}"`, () => dispatcher.customers.list({ q, limit: 25 }), n);
      }
    } finally {
      // SEARCH_BENCH_KEEP=1 leaves the database for EXPLAIN by hand.
      if (process.env.SEARCH_BENCH_KEEP) console.info("(database kept)");
      else await h.destroy();
    }
  }
}
