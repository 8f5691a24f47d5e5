import { foldSearchText, phoneDigits, searchPhrase, searchWords } from "@ordinavo/domain";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "./results";
import { tenants } from "./schema";
import { withTenant } from "./tenancy";
import { createTestDatabase, type TestDatabase, testEngines } from "./testing";

// Decision 018: customers are found by the words of their name, number, sites and contact persons,
// kept in customer_search_terms by triggers. A word is a prefix range in byte order: under forced
// row-level security only leakproof operators may be index conditions, and text comparison is one.

describe.each(testEngines())("customer search words on %s", (engine) => {
  let database: TestDatabase;
  let tenantId: string;
  let otherTenantId: string;

  const inTenant = <T>(id: string, fn: (tx: Tx) => Promise<T>) => withTenant(database.db, id, fn);

  type Tx = Parameters<Parameters<typeof withTenant>[2]>[0];
  const termsIn = async (tx: Tx, customerNumber: string) =>
    rowsOf<{ kind: string; term: string }>(
      await tx.execute(sql`select s.kind, s.term from customer_search_terms s
        join customers c on c.id = s.customer_id and c.tenant_id = s.tenant_id
        where c.number = ${customerNumber} order by s.kind, s.term`),
    ).map((r) => `${r.kind}:${r.term}`);
  const termsOf = (customerNumber: string, tenant = tenantId) =>
    inTenant(tenant, (tx) => termsIn(tx, customerNumber));

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const made = await database.db
      .insert(tenants)
      .values([
        { slug: "search", name: "Search" },
        { slug: "other", name: "Other" },
      ])
      .returning();
    tenantId = made[0]!.id;
    otherTenantId = made[1]!.id;
    await inTenant(tenantId, async (tx) => {
      await tx.execute(sql`insert into customers (tenant_id, number, name)
        select ${tenantId}::uuid, 'N-' || lpad(n::text, 5, '0'), 'Name ' || n from generate_series(1, 5000) n`);
      await tx.execute(sql`insert into locations (tenant_id, customer_id, name, address_line1, city, country)
        select tenant_id, id, 'Site', '1 rue', 'City ' || (number), 'FR' from customers`);
      await tx.execute(sql`insert into customers (tenant_id, number, name, email, phone)
        values (${tenantId}, 'C-01012', 'Hôtel Le Presqu''île', 'Accueil@Hotel-Presquile.example', '+33 4 72 00 10 12')`);
    });
    await inTenant(otherTenantId, (tx) =>
      tx.execute(
        sql`insert into customers (tenant_id, number, name) values (${otherTenantId}, 'C-01012', 'Hôtel Ailleurs')`,
      ),
    );
    await database.asOwner("analyze customers; analyze locations; analyze customer_search_terms");
  }, 120_000);
  afterAll(() => database?.destroy());

  it("folds and splits stored text exactly as the domain folds what people type", async () => {
    const samples = [
      "Hôtel Le Presqu'île",
      "ÉCOLE Saint-Étienne",
      "Œuvre & Cœur — Ærø",
      "Straße 12b",
      "Łódź Ğ x",
      "C-001012",
      "  --  ",
    ];
    for (const text of samples) {
      const [row] = await inTenant(tenantId, async (tx) =>
        rowsOf<{ fold: string; phrase: string | null; words: string[] | null }>(
          await tx.execute(sql`select ordinavo_search_fold(${text}) as fold,
            ordinavo_search_phrase(${text}) as phrase,
            array(select w from ordinavo_search_words(${text}) w order by w) as words`),
        ),
      );
      // Letters outside the fold table may or may not be lowered by the engine's lower(); either
      // way they separate words, so only the folded text of the others must be equal.
      if (!text.includes("Ğ")) expect(row!.fold, text).toBe(foldSearchText(text));
      expect(row!.phrase ?? "", text).toBe(searchPhrase(text));
      expect(row!.words ?? [], text).toEqual(searchWords(text).sort());
    }
    for (const phone of ["+33 4 72 00 10 12", "04 72 00 10 12", "0033 (0)4 72", "472", "+1 555 0100", "--"]) {
      const [row] = await inTenant(tenantId, async (tx) =>
        rowsOf<{ digits: string | null }>(
          await tx.execute(sql`select ordinavo_search_phone(${phone}) as digits`),
        ),
      );
      expect(row!.digits, phone).toBe(phoneDigits(phone));
    }
  });

  it("indexes a new customer's name, number, email and phone", async () => {
    expect(await termsOf("C-01012")).toEqual([
      "email:accueil",
      "email:example",
      "email:hotel",
      "email:presquile",
      "name:hotel le presqu ile",
      "number:01012",
      "number:1012",
      "number:c 01012",
      "number:c01012",
      "phone:472001012",
      "word:hotel",
      "word:ile",
      "word:le",
      "word:presqu",
    ]);
    // The other tenant's customer of the same number has its own words, invisible from here.
    expect(await termsOf("C-01012", otherTenantId)).toContain("word:ailleurs");
    expect(await termsOf("C-01012")).not.toContain("word:ailleurs");
  });

  it("re-indexes renamed customers, sites while active and contacts until archived or erased", async () => {
    await inTenant(tenantId, async (tx) => {
      await tx.execute(sql`update customers set name = 'Name 7 Renamed' where number = 'N-00007'`);
      // An update that does not touch a searched field leaves the words alone.
      await tx.execute(sql`update customers set notes = 'x' where number = 'N-00007'`);
      const [site] = rowsOf<{ id: string }>(
        await tx.execute(sql`insert into locations (tenant_id, customer_id, name, address_line1, postal_code, city, country)
          select tenant_id, id, 'Parking silo', '12 avenue Tony Garnier', '69007', 'Lyon', 'FR'
          from customers where number = 'N-00007' returning id`),
      );
      await tx.execute(sql`insert into contact_persons (tenant_id, customer_id, name, email, mobile)
        select tenant_id, id, 'Élise Fabre', 'elise@example.test', '06 11 22 33 44' from customers where number = 'N-00007'`);
      expect(await termsIn(tx, "N-00007")).toEqual(
        expect.arrayContaining([
          "word:renamed",
          "site:garnier",
          "site:69007",
          "site:lyon",
          "contact:elise",
          "contact:fabre",
          "contact_phone:611223344",
        ]),
      );
      expect(await termsIn(tx, "N-00007")).not.toContain("name:name 7");

      await tx.execute(sql`update locations set archived_at = now() where id = ${site!.id}`);
      await tx.execute(sql`update contact_persons set erased_at = now(), name = 'Erased person', email = null, mobile = null
        where name = 'Élise Fabre'`);
      const after = await termsIn(tx, "N-00007");
      expect(after).not.toContain("site:garnier");
      expect(after).not.toContain("site:69007");
      expect(after.filter((t) => t.startsWith("contact"))).toEqual([]);

      await tx.execute(sql`update locations set archived_at = null where id = ${site!.id}`);
      expect(await termsIn(tx, "N-00007")).toContain("site:garnier");
      await tx.execute(sql`delete from locations where id = ${site!.id}`);
      expect(await termsIn(tx, "N-00007")).not.toContain("site:garnier");
    });
  });

  it("serves a word prefix from the index under the application role", async () => {
    const text = await inTenant(tenantId, async (tx) => {
      const term = sql`(term collate "C")`;
      const rows = await tx.execute(
        sql`explain select customer_id from customer_search_terms where tenant_id = ${tenantId}
          and ${term} >= 'name 123' and ${term} < ${"name 123\u{10FFFF}"} and kind in ('name', 'number')`,
      );
      return rowsOf<Record<string, string>>(rows)
        .map((r) => Object.values(r)[0])
        .join("\n");
    });
    expect(text).toContain("customer_search_terms_term_idx");
    expect(text).toMatch(/Index Cond: .*term >= 'name 123'/);
    expect(text).not.toContain("Seq Scan");
  });
});
