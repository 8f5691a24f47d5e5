// The bench's data: a fresh database (migrated and demo-seeded by the server itself on its first
// start), then 100,000 more customers in the demo tenant, written with `insert … select
// generate_series` inside the tenant (`withTenant`, as the application role under forced RLS), like
// packages/api/bench. Every value is derived from the row number, so two runs hold the same data
// (row ids and times relative to now aside).
import { openDatabase, withTenant } from "@ordinavo/db";
import {
  BUSINESS_PREFIXES,
  BUSINESS_SUFFIXES,
  DEMO_ACCOUNTS,
  DEMO_SLUG,
  DEMO_TIME_ZONE,
  JOB_TITLES,
} from "@ordinavo/demo";
import { sql } from "drizzle-orm";
import postgres from "postgres";

/** A new, empty database `name` on the server of `serverUrl` (dropped first if it exists). */
export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}

const list = (values: readonly (string | number)[]) =>
  sql.raw(
    `array[${values.map((v) => (typeof v === "number" ? String(v) : `'${v.replaceAll("'", "''")}'`)).join(",")}]`,
  );

// ASCII on purpose: they go into e-mail addresses too.
const FAMILIES = [
  "Martin",
  "Bernard",
  "Dubois",
  "Thomas",
  "Robert",
  "Richard",
  "Petit",
  "Durand",
  "Leroy",
  "Moreau",
  "Simon",
  "Laurent",
  "Michel",
  "Garcia",
  "David",
  "Bertrand",
  "Roux",
  "Vincent",
  "Fournier",
  "Morel",
  "Girard",
  "Andre",
  "Mercier",
  "Dupont",
  "Lambert",
  "Bonnet",
  "Francois",
  "Martinez",
  "Legrand",
  "Garnier",
  "Faure",
  "Rousseau",
  "Blanc",
  "Guerin",
  "Muller",
  "Henry",
  "Roussel",
  "Nicolas",
  "Perrin",
  "Morin",
];
const FIRST_NAMES = [
  "Camille",
  "Julien",
  "Sophie",
  "Nicolas",
  "Claire",
  "Antoine",
  "Marie",
  "Hugo",
  "Emma",
  "Louis",
  "Chloe",
  "Lucas",
  "Manon",
  "Paul",
  "Sarah",
  "Theo",
  "Laura",
  "Maxime",
  "Julie",
  "Alexandre",
];
const INDUSTRIES = ["Retail", "Hospitality", "Healthcare", "Offices", "Industry", "Education", "Housing"];
// Streets, each with the city and postal code it lies in (greater Lyon, like the demo).
const PLACES: [street: string, postalCode: string, city: string][] = [
  ["rue de la République", "69002", "Lyon"],
  ["rue Mercière", "69002", "Lyon"],
  ["cours Lafayette", "69003", "Lyon"],
  ["rue Paul Bert", "69003", "Lyon"],
  ["boulevard de la Croix-Rousse", "69004", "Lyon"],
  ["quai Pierre Scize", "69005", "Lyon"],
  ["boulevard des Belges", "69006", "Lyon"],
  ["avenue Jean Jaurès", "69007", "Lyon"],
  ["rue Marietton", "69009", "Lyon"],
  ["avenue Henri Barbusse", "69100", "Villeurbanne"],
  ["cours Émile Zola", "69100", "Villeurbanne"],
  ["avenue Franklin Roosevelt", "69500", "Bron"],
  ["rue Anatole France", "69200", "Vénissieux"],
  ["avenue Georges Clemenceau", "69230", "Saint-Genis-Laval"],
  ["rue de la Paix", "69300", "Caluire-et-Cuire"],
  ["avenue de Verdun", "69130", "Écully"],
  ["route de Vienne", "69320", "Feyzin"],
  ["rue Jules Guesde", "69120", "Vaulx-en-Velin"],
  ["grande rue", "69600", "Oullins"],
  ["avenue de la Libération", "69330", "Meyzieu"],
];

/** Extra field staff: a tenant with 100,000 customers has more than the demo's six technicians. */
export const BENCH_TECHNICIANS = 30;

export interface BulkCounts {
  customers: number;
  locations: number;
  contacts: number;
  targets: number;
  appointments: number;
  timelineEntries: number;
  technicians: number;
  employeeVisitsToday: number;
  seconds: number;
}

/**
 * Adds `customers` customers to the demo tenant with their places, contacts, work and history:
 * - customers K-000001…: mostly active businesses, some prospects, inactive and archived ones
 * - 1–3 locations each (about 1.3 on average) with street, postal code and city
 * - a contact for every other customer (all those with work below), a second one at the main
 *   site for one in ten
 * - 30 more technicians (memberships) sharing the work (about eight visits a working day each)
 * - current work for one in twenty customers: a visit on a working day of the four weeks around
 *   today, assigned (one in twenty left unassigned), done/cancelled/no-show when past, and about
 *   four a day for the demo employee; plus six visits today for the demo employee whatever the
 *   weekday, so "the employee's day" measures a day with work
 * - an earlier, completed visit 1–12 months ago for one in five customers
 * - one open, unplanned job for one in a hundred (the board's backlog)
 * - timeline entries for all of it (work created, visit planned, visit completed or cancelled)
 * Statements run in withTenant transactions; the owner runs ANALYZE between them so the
 * foreign-key checks of the next one are planned for the new table sizes.
 */
export async function addBulkData(
  databaseUrl: string,
  options: { customers: number; log: (line: string) => void },
): Promise<BulkCounts> {
  const started = performance.now();
  const handle = await openDatabase({ url: databaseUrl, maxConnections: 1 });
  const owner = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const analyze = (tables: string) => owner.unsafe(`analyze ${tables}`);
  try {
    const [tenant] = await owner`select id from tenants where slug = ${DEMO_SLUG}`;
    const [employee] = await owner`select id from staff_users where lower(email) = ${DEMO_ACCOUNTS.employee}`;
    const [dispatcher] =
      await owner`select id from staff_users where lower(email) = ${DEMO_ACCOUNTS.dispatcher}`;
    if (!tenant || !employee || !dispatcher) throw new Error("The demo tenant is not seeded.");
    const tenantId: string = tenant.id;
    const employeeId: string = employee.id;
    const dispatcherId: string = dispatcher.id;
    const tz = DEMO_TIME_ZONE;
    const step = async (label: string, work: () => Promise<unknown>) => {
      const at = performance.now();
      await work();
      options.log(`  ${label} (${((performance.now() - at) / 1000).toFixed(1)} s)`);
    };
    const inTenant = (statement: ReturnType<typeof sql>) =>
      withTenant(handle.db, tenantId, async (tx) => {
        // Foreign-key checks planned earlier in this session would keep plans for small tables.
        await tx.execute(sql`discard plans`);
        await tx.execute(statement);
      });

    await step(`${BENCH_TECHNICIANS} technicians`, async () => {
      // Staff users are global rows (no tenant); their memberships are the tenant's.
      await handle.db.execute(sql`insert into staff_users (email, name)
        select 'bench.tech' || lpad(i::text, 2, '0') || '@demo.example',
          (${list(FIRST_NAMES)})[1 + (i * 7) % ${FIRST_NAMES.length}] || ' ' || (${list(FAMILIES)})[1 + (i * 11) % ${FAMILIES.length}]
        from generate_series(1, ${BENCH_TECHNICIANS}) i`);
      await inTenant(sql`insert into tenant_memberships (tenant_id, user_id, role)
        select ${tenantId}, id, 'employee' from staff_users where email like 'bench.tech%@demo.example'`);
    });

    await step(`${options.customers.toLocaleString("en")} customers`, async () => {
      await inTenant(sql`insert into customers
          (tenant_id, number, name, status, type, industry, email, phone, created_at, updated_at, archived_at)
        select ${tenantId}, 'K-' || lpad(n::text, 6, '0'),
          (${list(BUSINESS_PREFIXES)})[1 + (n * 7) % ${BUSINESS_PREFIXES.length}] || ' '
            || (${list(FAMILIES)})[1 + (n * 13) % ${FAMILIES.length}]
            || (${list(BUSINESS_SUFFIXES)})[1 + (n * 3) % ${BUSINESS_SUFFIXES.length}],
          case when n % 12 = 0 then 'prospect' when n % 9 = 0 then 'inactive' else 'active' end,
          case when n % 20 = 0 then 'public_sector' when n % 14 = 0 then 'non_profit'
            when n % 25 = 0 then 'private_person' else 'business' end,
          (${list(INDUSTRIES)})[1 + n % ${INDUSTRIES.length}],
          'contact@' || lower((${list(FAMILIES)})[1 + (n * 13) % ${FAMILIES.length}]) || '-' || n || '.example',
          '+33 4 ' || lpad(((n * 7919) % 100000000)::text, 8, '0'),
          created, created + ((n * 17) % 400) * interval '1 hour',
          case when n % 50 = 49 then now() - ((n * 3) % 300) * interval '1 day' end
        from generate_series(1, ${options.customers}) n,
          lateral (select now() - (30 + (n * 37) % 1500) * interval '1 day' as created) c`);
      await analyze("customers");
    });

    // The bench's customers with their row number back (n) for the statements below.
    const bench = sql.raw(`(select id, tenant_id, status, archived_at, created_at,
        substr(number, 3)::int as n from customers where number like 'K-%')`);

    await step("locations and contacts", async () => {
      await inTenant(sql`insert into locations (tenant_id, customer_id, name, address_line1, postal_code, city,
          country, latitude, longitude, default_work_minutes, created_at, updated_at)
        select c.tenant_id, c.id, case when s.k = 1 then 'Main site' else 'Site ' || s.k end,
          (1 + (c.n * 17 + s.k * 5) % 180) || ' ' || (${list(PLACES.map((p) => p[0]))})[1 + (c.n + s.k * 7) % ${PLACES.length}],
          (${list(PLACES.map((p) => p[1]))})[1 + (c.n + s.k * 7) % ${PLACES.length}],
          (${list(PLACES.map((p) => p[2]))})[1 + (c.n + s.k * 7) % ${PLACES.length}],
          'FR', 45.70 + ((c.n * 31 + s.k) % 1200) / 10000.0, 4.78 + ((c.n * 17 + s.k) % 1700) / 10000.0,
          (${list([30, 45, 60, 60, 90])})[1 + (c.n + s.k) % 5],
          c.created_at + s.k * interval '1 minute', c.created_at + s.k * interval '1 minute'
        from ${bench} c,
          lateral generate_series(1, case when c.n % 20 = 0 then 3 when c.n % 4 = 0 then 2 else 1 end) s(k)`);
      await analyze("locations");
      await inTenant(sql`insert into contact_persons (tenant_id, customer_id, location_id, name, role, email, phone,
          mobile, preferred_contact_method, created_at, updated_at)
        select c.tenant_id, c.id, case when p.k = 2 then l.id end, f.first || ' ' || f.last,
          case when p.k = 1 then 'Facility manager' else 'Site contact' end,
          lower(f.first) || '.' || lower(f.last) || '@' || lower((${list(FAMILIES)})[1 + (c.n * 13) % ${FAMILIES.length}]) || '-' || c.n || '.example',
          '+33 4 ' || lpad(((c.n * 4813 + p.k) % 100000000)::text, 8, '0'),
          case when (c.n + p.k) % 2 = 0 then '+33 6 ' || lpad(((c.n * 613 + p.k) % 100000000)::text, 8, '0') end,
          case when p.k = 2 then 'phone' else 'email' end, c.created_at, c.created_at
        from ${bench} c
        join locations l on l.tenant_id = c.tenant_id and l.customer_id = c.id and l.name = 'Main site',
          lateral generate_series(1, case when c.n % 2 = 0 then 0 when c.n % 10 = 3 then 2 else 1 end) p(k),
          lateral (select (${list(FIRST_NAMES)})[1 + (c.n * 3 + p.k) % ${FIRST_NAMES.length}] as first,
            (${list(FAMILIES)})[1 + (c.n * 7 + p.k) % ${FAMILIES.length}] as last) f`);
      await analyze("contact_persons");
    });

    // Visits: one row per visit in `w` (a target and its appointment), then both inserted from it.
    const technicians = sql.raw(`(select array_agg(id order by email) from staff_users
        where email like 'bench.tech%@demo.example')`);
    const day0 = sql`(now() at time zone ${tz})::date`;
    await step("work, visits and history", async () => {
      await inTenant(sql`with techs as (select ${technicians} as ids),
        candidates as (
          -- current work: one in twenty, on one of the 20 working days of the two weeks before
          -- this one, this one and the next
          select c.id, c.tenant_id, c.n, c.n / 20 as k, 'current' as kind,
            date_trunc('week', ${day0})::date - 14 + ((c.n / 20 * 7) % 20 / 5) * 7 + (c.n / 20 * 7) % 20 % 5 as day,
            450 + ((c.n / 20 * 11) % 18) * 30 as start_minute
          from ${bench} c where c.n % 20 = 7 and c.archived_at is null and c.status <> 'prospect'
          union all
          -- an earlier completed visit, 1–12 months ago (a weekday): one in five
          select c.id, c.tenant_id, c.n, c.n / 5, 'history',
            date_trunc('week', ${day0})::date - 28 - (c.n / 5 * 13) % 48 * 7 + (c.n / 5) % 5,
            450 + ((c.n / 5 * 5) % 18) * 30
          from ${bench} c where c.n % 5 = 3 and c.status <> 'prospect'
          union all
          -- the demo employee's day today, whatever the weekday
          select c.id, c.tenant_id, c.n, (c.i - 1)::int, 'today', ${day0}, (480 + (c.i - 1) * 90)::int
          from (select b.*, row_number() over (order by b.n) as i from ${bench} b
            where b.n % 20 = 13 and b.archived_at is null and b.status = 'active' order by b.n limit 6) c
        ),
        w as materialized (
          select gen_random_uuid() as target_id, d.*, l.id as location_id, p.id as contact_id,
            (d.day + make_interval(mins => d.start_minute)) at time zone ${tz} as planned_start,
            (${list([30, 60, 90])})[1 + d.k % 3] as minutes,
            case when d.kind = 'today' then ${employeeId}::uuid
              when d.kind = 'current' and d.k % 20 = 0 and d.day > ${day0} then null
              when d.kind = 'current' and d.k % 56 = 1 then ${employeeId}::uuid
              else (select ids[1 + d.k % ${BENCH_TECHNICIANS}] from techs) end as assignee
          from candidates d
          join locations l on l.tenant_id = d.tenant_id and l.customer_id = d.id and l.name = 'Main site'
          left join contact_persons p on p.tenant_id = d.tenant_id and p.customer_id = d.id
            and p.role = 'Facility manager'
        ),
        v as (
          select w.*, w.planned_start + make_interval(mins => w.minutes) as planned_end,
            case when w.kind = 'history' then 'completed'
              when w.planned_start + make_interval(mins => w.minutes) <= now() then
                case when w.kind = 'today' then 'completed' when w.k % 17 = 0 then 'cancelled'
                  when w.k % 29 = 0 then 'no_show' else 'completed' end
              when w.planned_start <= now() then 'on_site'
              when w.k % 3 = 0 then 'confirmed'
              else 'scheduled' end as status,
            least(w.planned_start - interval '9 days', now() - interval '1 hour') as created
          from w
        ),
        t as (
          insert into targets (id, tenant_id, customer_id, location_id, contact_id, title, status, priority, due_date,
            source, created_by_id, completed_at, created_at, updated_at)
          select target_id, tenant_id, id, location_id, contact_id, (${list(JOB_TITLES)})[1 + k % ${JOB_TITLES.length}],
            case status when 'completed' then 'done' when 'on_site' then 'in_progress'
              when 'scheduled' then 'planned' when 'confirmed' then 'planned' else 'open' end,
            case when k % 10 = 0 then 'high' else 'normal' end, day, 'manual', ${dispatcherId},
            case when status = 'completed' then planned_end end, created, created
          from v
        )
        insert into appointments (tenant_id, target_id, customer_id, location_id, assigned_employee_id,
          planned_start, planned_end, status, created_by_id, started_at, completed_at, created_at, updated_at)
        select tenant_id, target_id, id, location_id, assignee, planned_start, planned_end, status, ${dispatcherId},
          case when status in ('completed', 'on_site') then planned_start end,
          case when status = 'completed' then planned_end end, created + interval '1 hour', created + interval '1 hour'
        from v`);
      await analyze("targets, appointments");
      // The backlog: open work nobody planned yet, one in a hundred customers.
      await inTenant(sql`insert into targets (tenant_id, customer_id, location_id, title, status, priority, due_date,
          source, created_by_id, created_at, updated_at)
        select c.tenant_id, c.id, l.id, (${list(JOB_TITLES)})[1 + c.n % ${JOB_TITLES.length}], 'open',
          (${list(["low", "normal", "normal", "high", "urgent"])})[1 + c.n % 5],
          case when c.n % 3 = 0 then ${day0} + (c.n / 100) % 40 end, 'manual', ${dispatcherId},
          now() - (c.n % 60) * interval '1 day', now() - (c.n % 60) * interval '1 day'
        from ${bench} c join locations l on l.tenant_id = c.tenant_id and l.customer_id = c.id and l.name = 'Main site'
        where c.n % 100 = 41 and c.archived_at is null`);
      await analyze("targets");
    });

    await step("timeline entries", async () => {
      await inTenant(sql`insert into timeline_entries (tenant_id, customer_id, location_id, kind, object_type,
          object_id, occurred_at, actor_type, actor_id)
        select t.tenant_id, t.customer_id, t.location_id, 'target_created', 'target', t.id, t.created_at,
          'staff', ${dispatcherId}::uuid
        from targets t join ${bench} c on c.tenant_id = t.tenant_id and c.id = t.customer_id
        union all
        select a.tenant_id, a.customer_id, a.location_id, 'appointment_planned', 'appointment', a.id, a.created_at,
          'staff', ${dispatcherId}::uuid
        from appointments a join ${bench} c on c.tenant_id = a.tenant_id and c.id = a.customer_id
        union all
        select a.tenant_id, a.customer_id, a.location_id,
          case a.status when 'completed' then 'appointment_completed' when 'cancelled' then 'appointment_cancelled'
            else 'appointment_not_completed' end,
          'appointment', a.id, coalesce(a.completed_at, a.planned_start),
          case a.status when 'completed' then 'staff' else 'system' end,
          case a.status when 'completed' then a.assigned_employee_id end
        from appointments a join ${bench} c on c.tenant_id = a.tenant_id and c.id = a.customer_id
        where a.status in ('completed', 'cancelled', 'no_show') and a.planned_start < now()`);
    });
    await owner.unsafe("analyze");

    const counted = await withTenant(handle.db, tenantId, (tx) =>
      tx.execute(sql`select
        (select count(*)::int from customers where number like 'K-%') as customers,
        (select count(*)::int from locations l join customers c on c.id = l.customer_id and c.number like 'K-%') as locations,
        (select count(*)::int from contact_persons p join customers c on c.id = p.customer_id and c.number like 'K-%') as contacts,
        (select count(*)::int from targets t join customers c on c.id = t.customer_id and c.number like 'K-%') as targets,
        (select count(*)::int from appointments a join customers c on c.id = a.customer_id and c.number like 'K-%') as appointments,
        (select count(*)::int from timeline_entries e join customers c on c.id = e.customer_id and c.number like 'K-%') as timeline,
        (select count(*)::int from appointments a where a.assigned_employee_id = ${employeeId}
          and a.planned_start >= ${day0}::timestamp at time zone ${tz}
          and a.planned_start < (${day0} + 1)::timestamp at time zone ${tz}) as employee_today`),
    );
    const row = (counted as unknown as Record<string, number>[])[0]!;
    return {
      customers: row.customers!,
      locations: row.locations!,
      contacts: row.contacts!,
      targets: row.targets!,
      appointments: row.appointments!,
      timelineEntries: row.timeline!,
      technicians: BENCH_TECHNICIANS,
      employeeVisitsToday: row.employee_today!,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await owner.end();
    await handle.close();
  }
}
