import { randomBytes, randomUUID } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrationsFolder } from "./client";
import { testEngines } from "./testing";

// Migration 0005 on a database that already has occurrences: the database is migrated up to 0004
// from a copy of the migrations folder whose journal ends there, filled with the rows an earlier
// generator could leave, and then migrated with the real folder, which applies 0005 alone.

const BEFORE = "0004_stored_search_columns";

/** The migrations folder as it was up to `lastTag`: the same files, a shorter journal. */
function migrationsUpTo(lastTag: string): string {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, "meta/_journal.json"), "utf8")) as {
    entries: Array<{ tag: string }>;
  };
  const last = journal.entries.findIndex((e) => e.tag === lastTag);
  if (last < 0) throw new Error(`No migration ${lastTag}`);
  const entries = journal.entries.slice(0, last + 1);
  const folder = mkdtempSync(join(tmpdir(), "ordinavo-migrations-"));
  mkdirSync(join(folder, "meta"));
  writeFileSync(join(folder, "meta/_journal.json"), JSON.stringify({ ...journal, entries }));
  for (const { tag } of entries)
    copyFileSync(join(migrationsFolder, `${tag}.sql`), join(folder, `${tag}.sql`));
  return folder;
}

type Mode = "pglite" | "postgres" | "postgres, migrated by a non-superuser owner";

interface Scratch {
  migrate(folder: string): Promise<void>;
  /** Statements run as a superuser (past row-level security). */
  exec(statements: string): Promise<void>;
  query<T>(statement: string): Promise<T[]>;
  /** Rows of recurring_occurrences the migrating user sees on its own (no tenant set). */
  visibleToMigrator(): Promise<number>;
  destroy(): Promise<void>;
}

const config = (folder: string) => ({ migrationsFolder: folder, migrationsSchema: "drizzle" });

async function pgliteScratch(): Promise<Scratch> {
  const client = await PGlite.create();
  return {
    migrate: (folder) => migratePglite(drizzlePglite(client), config(folder)),
    exec: async (statements) => {
      await client.exec(statements);
    },
    query: async <T>(statement: string) => (await client.query<T>(statement)).rows,
    visibleToMigrator: async () =>
      (await client.query<{ n: number }>("select count(*)::int as n from recurring_occurrences")).rows[0]!.n,
    destroy: () => client.close(),
  };
}

async function postgresScratch(serverUrl: string, asOwnerRole: boolean): Promise<Scratch> {
  const suffix = randomBytes(6).toString("hex");
  const name = `ordinavo_test_${suffix}`;
  const role = `ordinavo_owner_${suffix}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  if (asOwnerRole) {
    // An owner that is not a superuser is bound by the forced tenant policies like anyone else.
    await admin.unsafe(`create role ${role} login nosuperuser nocreaterole nobypassrls`);
    await admin.unsafe(`do $$ begin
      if not exists (select 1 from pg_roles where rolname = 'ordinavo_app') then create role ordinavo_app nologin; end if;
      exception when duplicate_object or unique_violation then null; end $$`);
    await admin.unsafe(`grant ordinavo_app to ${role}`);
    await admin.unsafe(`create database ${name} owner ${role}`);
  } else {
    await admin.unsafe(`create database ${name}`);
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const superuser = postgres(url.toString(), { max: 1, onnotice: () => {} });
  if (asOwnerRole) url.username = role;
  const migrator = postgres(url.toString(), { max: 1, onnotice: () => {} });
  return {
    migrate: (folder) => migratePostgres(drizzlePostgres(migrator), config(folder)),
    exec: async (statements) => {
      await superuser.unsafe(statements);
    },
    query: async <T>(statement: string) => (await superuser.unsafe(statement)) as unknown as T[],
    visibleToMigrator: async () =>
      (
        (await migrator.unsafe("select count(*)::int as n from recurring_occurrences")) as unknown as [
          { n: number },
        ]
      )[0].n,
    destroy: async () => {
      await migrator.end();
      await superuser.end();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      if (asOwnerRole) await admin.unsafe(`drop role if exists ${role}`);
      await admin.end();
    },
  };
}

const modes: Mode[] = testEngines().flatMap((engine): Mode[] =>
  engine === "pglite" ? ["pglite"] : ["postgres", "postgres, migrated by a non-superuser owner"],
);

/** Readable names for the seeded rows' ids. */
const ids = new Proxy({} as Record<string, string>, {
  get: (known, name: string) => {
    known[name] ??= randomUUID();
    return known[name];
  },
});

const q = (value: string | null) => (value === null ? "null" : `'${value}'`);

/**
 * An occurrence as the old schema had it (no occurs_on), with its target and appointment unless
 * `status` is null. `moved` puts the appointment away from the occurrence's start.
 */
function occurrence(o: {
  name: string;
  tenant: string;
  plan: string;
  customer: string;
  at: string;
  status?: string | null;
  touched?: boolean;
  skipped?: boolean;
}): string {
  const status = o.status === undefined ? "scheduled" : o.status;
  const target = status ? ids[`${o.name}.target`]! : null;
  const appointment = status ? ids[`${o.name}.appointment`]! : null;
  const rows = [];
  if (status) {
    rows.push(`insert into targets (id, tenant_id, customer_id, title, status, source)
      values (${q(target)}, ${q(o.tenant)}, ${q(o.customer)}, 'Boiler check', 'planned', 'recurring');`);
    rows.push(`insert into appointments (id, tenant_id, target_id, customer_id, planned_start, planned_end, status, recurring_occurrence_id)
      values (${q(appointment)}, ${q(o.tenant)}, ${q(target)}, ${q(o.customer)}, '${o.at}', '${o.at}'::timestamptz + interval '1 hour',
        '${status}', ${q(ids[o.name]!)});`);
    rows.push(`insert into timeline_entries (tenant_id, customer_id, kind, object_type, object_id, occurred_at)
      values (${q(o.tenant)}, ${q(o.customer)}, 'recurring_visit_generated', 'appointment', ${q(appointment)}, now()),
             (${q(o.tenant)}, ${q(o.customer)}, 'appointment_planned', 'appointment', ${q(appointment)}, now());`);
  }
  rows.push(`insert into recurring_occurrences (id, tenant_id, plan_id, occurs_at, plan_version, target_id, appointment_id, touched_at, skipped_at)
    values (${q(ids[o.name]!)}, ${q(o.tenant)}, ${q(o.plan)}, '${o.at}', 1, ${q(target)}, ${q(appointment)},
      ${o.touched ? "now()" : "null"}, ${o.skipped ? "now()" : "null"});`);
  return rows.join("\n");
}

function tenantRows(tenant: string, customer: string): string {
  return `insert into tenants (id, slug, name) values (${q(tenant)}, 't-${tenant.slice(0, 8)}', 'Tenant');
    insert into customers (id, tenant_id, number, name) values (${q(customer)}, ${q(tenant)}, 'C-1', 'Acme');
    insert into locations (id, tenant_id, customer_id, name, address_line1, city, country)
      values (${q(ids[`${customer}.site`]!)}, ${q(tenant)}, ${q(customer)}, 'Site', '1 rue', 'Lyon', 'FR');`;
}

function planRow(plan: string, tenant: string, customer: string, timeZone: string): string {
  return `insert into recurring_plans (id, tenant_id, customer_id, location_id, title, rrule, starts_on, start_time, time_zone, duration_minutes)
    values (${q(plan)}, ${q(tenant)}, ${q(customer)}, ${q(ids[`${customer}.site`]!)}, 'Boiler check', 'FREQ=DAILY',
      '2026-03-01', '09:00', '${timeZone}', 60);`;
}

function seed(): string {
  const a = { tenant: ids.tenantA!, customer: ids.customerA!, plan: ids.paris! };
  const ny = { ...a, plan: ids.newYork! };
  const b = { tenant: ids.tenantB!, customer: ids.customerB!, plan: ids.parisB! };
  return [
    tenantRows(a.tenant, a.customer),
    tenantRows(b.tenant, b.customer),
    planRow(a.plan, a.tenant, a.customer, "Europe/Paris"),
    planRow(ny.plan, ny.tenant, ny.customer, "America/New_York"),
    planRow(b.plan, b.tenant, b.customer, "Europe/Paris"),
    // 9 March: a confirmed, touched 09:00 and an untouched 09:30 beside it (a start-time change).
    occurrence({ ...a, name: "touched9", at: "2026-03-09T08:00:00Z", status: "confirmed", touched: true }),
    occurrence({ ...a, name: "untouched9", at: "2026-03-09T08:30:00Z" }),
    // 16 March in Paris, 15 March in UTC: the date is the plan's local one.
    occurrence({ ...a, name: "lateNight", at: "2026-03-15T23:30:00Z" }),
    // 23 March: a skipped one and a touched one — both a person's.
    occurrence({ ...a, name: "skipped23", at: "2026-03-23T07:00:00Z", status: null, skipped: true }),
    occurrence({ ...a, name: "touched23", at: "2026-03-23T08:00:00Z", status: "confirmed", touched: true }),
    // 30 March: two untouched ones; the earlier stays.
    occurrence({ ...a, name: "early30", at: "2026-03-30T06:00:00Z" }),
    occurrence({ ...a, name: "late30", at: "2026-03-30T07:00:00Z" }),
    // 6 April: a touched one, and one that looks untouched but has a person's note on its visit.
    occurrence({ ...a, name: "touched6", at: "2026-04-06T07:00:00Z", touched: true }),
    occurrence({ ...a, name: "noted6", at: "2026-04-06T07:30:00Z" }),
    `insert into internal_notes (tenant_id, customer_id, object_type, object_id, body)
      values (${q(a.tenant)}, ${q(a.customer)}, 'appointment', ${q(ids["noted6.appointment"]!)}, 'Ring twice');`,
    // Another plan of the same tenant, in New York: 03:00Z on 10 March is 23:00 on 9 March there.
    occurrence({ ...ny, name: "newYork9", at: "2026-03-10T03:00:00Z", status: null }),
    // Another tenant with a same-day pair of its own.
    occurrence({ ...b, name: "otherTenant9", at: "2026-03-09T09:00:00Z", status: null, touched: true }),
    occurrence({ ...b, name: "otherTenantDuplicate9", at: "2026-03-09T09:30:00Z" }),
  ].join("\n");
}

describe.each(modes)("migration 0005 (occurrence local date) on existing data, %s", (mode) => {
  let scratch: Scratch;
  let before: string;
  const name = (id: string) => Object.entries(ids).find(([, value]) => value === id)?.[0] ?? id;

  beforeAll(async () => {
    const url = process.env.TEST_DATABASE_URL;
    scratch =
      mode === "pglite"
        ? await pgliteScratch()
        : await postgresScratch(url!, mode === "postgres, migrated by a non-superuser owner");
    before = migrationsUpTo(BEFORE);
    await scratch.migrate(before);
    await scratch.exec(seed());
    await scratch.migrate(migrationsFolder);
  }, 120_000);
  afterAll(async () => {
    await scratch?.destroy();
    if (before) rmSync(before, { recursive: true, force: true });
  });

  if (mode === "postgres, migrated by a non-superuser owner") {
    it("ran as a migrator that sees no tenant rows by itself", async () => {
      expect(await scratch.visibleToMigrator()).toBe(0);
    });
  }

  it("dates every occurrence in its plan's zone and keeps one per plan and day", async () => {
    const rows = await scratch.query<{ id: string; occurs_on: string }>(
      "select id, occurs_on::text as occurs_on from recurring_occurrences order by occurs_on, occurs_at",
    );
    expect(rows.map((r) => [name(r.id), r.occurs_on])).toEqual([
      ["touched9", "2026-03-09"],
      ["otherTenant9", "2026-03-09"],
      ["newYork9", "2026-03-09"],
      ["lateNight", "2026-03-16"],
      ["skipped23", "2026-03-23"],
      ["early30", "2026-03-30"],
      ["touched6", "2026-04-06"],
    ]);
  });

  it("deletes untouched duplicates with their appointment, target and timeline", async () => {
    const gone = ["untouched9", "late30", "otherTenantDuplicate9"];
    const appointmentIds = gone.map((n) => q(ids[`${n}.appointment`]!)).join(", ");
    const targetIds = gone.map((n) => q(ids[`${n}.target`]!)).join(", ");
    expect(
      await scratch.query(`select id from appointments where id in (${appointmentIds})
        union all select id from targets where id in (${targetIds})
        union all select id from timeline_entries where object_id in (${appointmentIds})`),
    ).toEqual([]);
  });

  it("keeps a person's extra visit as an ordinary appointment, with its target and history", async () => {
    const rows = await scratch.query<{
      id: string;
      status: string;
      occurrence: string | null;
      target: boolean;
    }>(
      `select a.id, a.status, a.recurring_occurrence_id as occurrence,
          exists (select 1 from targets t where t.id = a.target_id) as target
        from appointments a order by a.planned_start`,
    );
    expect(rows.map((r) => [name(r.id), r.status, r.occurrence && name(r.occurrence), r.target])).toEqual([
      ["touched9.appointment", "confirmed", "touched9", true],
      ["lateNight.appointment", "scheduled", "lateNight", true],
      ["touched23.appointment", "confirmed", null, true],
      ["early30.appointment", "scheduled", "early30", true],
      ["touched6.appointment", "scheduled", "touched6", true],
      ["noted6.appointment", "scheduled", null, true],
    ]);
    const timeline = await scratch.query<{ n: number }>(
      `select count(*)::int as n from timeline_entries where object_id = ${q(ids["touched23.appointment"]!)}`,
    );
    expect(timeline[0]!.n).toBe(2);
  });

  it("makes the date required and unique per plan", async () => {
    const [column] = await scratch.query<{ is_nullable: string }>(
      `select is_nullable from information_schema.columns
        where table_name = 'recurring_occurrences' and column_name = 'occurs_on'`,
    );
    expect(column!.is_nullable).toBe("NO");
    const insert = (at: string) =>
      scratch.exec(`insert into recurring_occurrences (tenant_id, plan_id, occurs_at, occurs_on, plan_version)
        values (${q(ids.tenantA!)}, ${q(ids.paris!)}, '${at}', '2026-03-09', 1)`);
    await expect(insert("2026-03-09T10:00:00Z")).rejects.toMatchObject({ code: "23505" });
  });
});
