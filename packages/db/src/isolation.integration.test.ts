import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findIsolationGaps } from "./isolation";
import { pgError, rowsOf } from "./results";
import { customers, locations, outboxEvents, tenants } from "./schema";
import { enterTenant, withSystem, withTenant } from "./tenancy";
import { createTestDatabase, type TestDatabase, testEngines } from "./testing";

async function makeTenant(db: TestDatabase["db"], slug: string) {
  const [tenant] = await db.insert(tenants).values({ slug, name: slug }).returning();
  const tenantId = tenant!.id;
  const customer = await withTenant(db, tenantId, async (tx) => {
    const [c] = await tx
      .insert(customers)
      .values({ tenantId, number: "C-1", name: `${slug} customer` })
      .returning();
    await tx.insert(locations).values({
      tenantId,
      customerId: c!.id,
      name: "Head office",
      addressLine1: "1 Rue de la République",
      city: "Lyon",
      country: "FR",
    });
    return c!;
  });
  return { tenantId, customerId: customer.id };
}

async function expectPgError(promise: Promise<unknown>, codes: string[]) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "the statement should have been refused").toBeDefined();
  expect(codes).toContain(pgError(error)?.code);
}

describe.each(testEngines())("tenant isolation on %s", (engine) => {
  let database: TestDatabase;
  let a: { tenantId: string; customerId: string };
  let b: { tenantId: string; customerId: string };

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    a = await makeTenant(database.db, "tenant-a");
    b = await makeTenant(database.db, "tenant-b");
  });
  afterAll(() => database?.destroy());

  it("protects every tenant-owned table with forced row-level security and a policy", async () => {
    expect(await findIsolationGaps(database.db)).toEqual([]);
    const [row] = rowsOf<{ n: number }>(
      await database.db.execute(sql`select count(*)::int as n from information_schema.columns
        where table_schema = 'public' and column_name = 'tenant_id'`),
    );
    expect(row!.n).toBeGreaterThanOrEqual(38);
  });

  it("runs application queries as a role that is neither superuser nor owner", async () => {
    const [who] = await withTenant(database.db, a.tenantId, async (tx) =>
      rowsOf<{ role: string; superuser: boolean; owns: boolean; bypass: boolean }>(
        await tx.execute(sql`select current_user as role,
          (select rolsuper from pg_roles where rolname = current_user) as superuser,
          (select rolbypassrls from pg_roles where rolname = current_user) as bypass,
          exists (select 1 from pg_tables where tableowner = current_user and schemaname = 'public') as owns`),
      ),
    );
    expect(who).toEqual({ role: "ordinavo_app", superuser: false, owns: false, bypass: false });
  });

  it("shows a deliberately unfiltered select only the transaction's own tenant", async () => {
    const seen = await withTenant(database.db, a.tenantId, async (tx) => ({
      customers: await tx.select().from(customers),
      locations: await tx.select().from(locations),
    }));
    expect(seen.customers.map((c) => c.tenantId)).toEqual([a.tenantId]);
    expect(seen.locations.map((l) => l.tenantId)).toEqual([a.tenantId]);
    expect(seen.customers.some((c) => c.id === b.customerId)).toBe(false);
  });

  it("refuses to insert a row carrying another tenant's id", async () => {
    await expectPgError(
      withTenant(database.db, a.tenantId, (tx) =>
        tx.insert(customers).values({ tenantId: b.tenantId, number: "X-1", name: "Smuggled" }),
      ),
      ["42501"],
    );
  });

  it("refuses to move a row to another tenant and cannot touch another tenant's rows", async () => {
    await expectPgError(
      withTenant(database.db, a.tenantId, (tx) =>
        tx.update(customers).set({ tenantId: b.tenantId }).where(eq(customers.id, a.customerId)),
      ),
      ["42501"],
    );
    const changed = await withTenant(database.db, a.tenantId, (tx) =>
      tx.update(customers).set({ name: "Hijacked" }).where(eq(customers.id, b.customerId)).returning(),
    );
    expect(changed).toEqual([]);
    const deleted = await withTenant(database.db, a.tenantId, (tx) =>
      tx.delete(customers).where(eq(customers.id, b.customerId)).returning(),
    );
    expect(deleted).toEqual([]);
  });

  it("refuses a location of tenant A that points at tenant B's customer", async () => {
    await expectPgError(
      withTenant(database.db, a.tenantId, (tx) =>
        tx.insert(locations).values({
          tenantId: a.tenantId,
          customerId: b.customerId,
          name: "Cross-tenant",
          addressLine1: "2 Quai Perrache",
          city: "Lyon",
          country: "FR",
        }),
      ),
      ["23503"],
    );
  });

  it("shows no tenant rows outside withTenant and accepts no writes there", async () => {
    const [visible] = await database.db.select({ n: count() }).from(customers);
    expect(visible!.n).toBe(0);
    await expectPgError(
      database.db.insert(customers).values({ tenantId: a.tenantId, number: "O-1", name: "Outside" }),
      ["42501"],
    );
  });

  it("forgets the tenant when the transaction ends", async () => {
    await withTenant(database.db, a.tenantId, async () => {});
    const [visible] = await database.db.select({ n: count() }).from(customers);
    expect(visible!.n).toBe(0);
  });

  it("opens customer data to no one in system mode; only the listed platform tables answer it", async () => {
    const seen = await withSystem(database.db, async (tx) => ({
      customers: await tx.select().from(customers),
      outbox: await tx.select().from(outboxEvents),
    }));
    expect(seen.customers).toEqual([]);
    expect(seen.outbox).toEqual([]);
    const [row] = rowsOf<{ tables: string[] }>(
      await database.db.execute(sql`select array_agg(tablename::text order by tablename) as tables
        from pg_policies where policyname = 'system_access'`),
    );
    expect(row!.tables).toEqual([
      "api_keys",
      "connect_idempotency_keys",
      "login_events",
      "outbox_events",
      "portal_invitations",
      "portal_password_resets",
      "portal_sessions",
      "portal_users",
      "security_events",
      "staff_invitations",
      "tenant_memberships",
    ]);
  });

  it("turns a system transaction into one tenant's with enterTenant: that tenant's rows only", async () => {
    const seen = await withSystem(database.db, async (tx) => {
      await enterTenant(tx, a.tenantId);
      return {
        customers: await tx.select({ tenantId: customers.tenantId }).from(customers),
        // Platform access is off: the other tenant's API keys and outbox rows are out of sight too.
        outbox: await tx.select({ tenantId: outboxEvents.tenantId }).from(outboxEvents),
      };
    });
    expect(seen.customers.length).toBeGreaterThan(0);
    expect(new Set([...seen.customers, ...seen.outbox].map((r) => r.tenantId))).toEqual(
      new Set([a.tenantId]),
    );
    await expect(withSystem(database.db, (tx) => enterTenant(tx, "not-a-tenant"))).rejects.toThrow(TypeError);
  });

  it("lets tenant queries use the (tenant_id, ...) indexes under the policy", async () => {
    const plan = await withTenant(database.db, a.tenantId, async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return rowsOf<Record<string, string>>(
        await tx.execute(
          sql`explain select * from customers where status = 'active' order by name, id limit 50`,
        ),
      )
        .map((r) => Object.values(r)[0])
        .join("\n");
    });
    // The policy and the status filter are both index conditions (text comparison is leakproof,
    // enum comparison would not be), and the index delivers the order: no scan, no sort.
    // Either the (tenant, status, name) or the (tenant, name) index serves it, whichever the
    // planner prices lower; both keep the tenant condition in the index and the order without a sort.
    expect(plan).toMatch(/Index Scan using customers_(list|sorted_name)_idx/);
    expect(plan).toMatch(/Index Cond: \(\(?tenant_id = /);
    expect(plan).not.toContain("Sort");
  });

  it("refreshes planner statistics as the owner and stays the application role afterwards", async () => {
    await database.maintain();
    const [stats] = rowsOf<{ analyzed: boolean }>(
      await database.db.execute(
        sql`select (last_analyze is not null or last_autoanalyze is not null) as analyzed from pg_stat_user_tables where relname = 'customers'`,
      ),
    );
    expect(stats?.analyzed).toBe(true);
    const [who] = rowsOf<{ role: string }>(await database.db.execute(sql`select current_user as role`));
    expect(who!.role).toBe("ordinavo_app");
  });

  it("rejects a tenant id that is not a UUID", async () => {
    await expect(withTenant(database.db, "' or true --", async () => {})).rejects.toThrow(TypeError);
  });

  it("notices a dropped policy, an unforced table and disabled RLS (scratch schema)", async () => {
    const scratch = `scratch_${engine}`;
    await database.asOwner(`
      create schema ${scratch};
      grant usage on schema ${scratch} to ordinavo_app;
      create table ${scratch}.notes (id serial primary key, tenant_id uuid not null, body text);
      grant select, insert on ${scratch}.notes to ordinavo_app;
      select ordinavo_protect_tenant_tables('${scratch}');
      insert into ${scratch}.notes (tenant_id, body) values ('${a.tenantId}', 'a'), ('${b.tenantId}', 'b')`);
    const visibleToA = async () =>
      withTenant(database.db, a.tenantId, async (tx) =>
        rowsOf<{ tenant_id: string }>(await tx.execute(sql.raw(`select tenant_id from ${scratch}.notes`))),
      );

    expect(await findIsolationGaps(database.db, scratch)).toEqual([]);
    expect((await visibleToA()).map((r) => r.tenant_id)).toEqual([a.tenantId]);

    await database.asOwner(`drop policy tenant_isolation on ${scratch}.notes`);
    expect(await findIsolationGaps(database.db, scratch)).toEqual([
      { table: "notes", problem: "policy_missing" },
    ]);

    await database.asOwner(`alter table ${scratch}.notes no force row level security`);
    expect(await findIsolationGaps(database.db, scratch)).toContainEqual({
      table: "notes",
      problem: "rls_not_forced",
    });

    await database.asOwner(`alter table ${scratch}.notes disable row level security`);
    expect(await findIsolationGaps(database.db, scratch)).toContainEqual({
      table: "notes",
      problem: "rls_disabled",
    });
    // Without its policy the table leaks: this is what the gap check above exists to prevent.
    expect((await visibleToA()).map((r) => r.tenant_id).sort()).toEqual([a.tenantId, b.tenantId].sort());
  });
});
