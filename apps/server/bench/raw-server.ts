// The raw baseline of `pnpm bench:http`: plain node:http + postgres.js doing the main SQL of each
// hot path, and nothing else — no Express, Remix, React, tRPC, zod, superjson, policy or
// projection. What it keeps is what the product cannot drop: the same non-owner role under forced
// row-level security (startup option `-c role=ordinavo_app`, as @ordinavo/db connects), the tenant
// set per transaction exactly as `withTenant` does, the same pool size (10), the session cookie or
// API key looked up by its SHA-256, and JSON out. Run as its own process by bench/http.ts, so it
// does not share an event loop with the load generator.
//
// Per path (every query is parameterised, tenant-scoped and index-served as in the product):
//   GET /connect/customers       API key by hash (system mode) → one tenant transaction: page of 50 by name
//   GET /workspace/customers     staff session by hash → tenant tx: membership, page of 25 by name + first city
//   GET /workspace/customers/:id session → tenant tx: membership, customer, locations, contacts, open work,
//                                first 30 timeline entries (no previews)
//   GET /workspace/board         session → tenant tx: membership, this week's appointments (≤ 2000) with
//                                work/customer/place, people, top 50 of the backlog
//   GET /workspace/my-day        session → tenant tx: membership, the actor's visits of today with work,
//                                customer, place, contact, route stop and report
//   GET /workspace/timeline/:id  session → tenant tx: membership, customer check, 30 entries with the
//                                titles of their work/visits joined in
//   GET /portal/appointments     portal session by hash (system mode) → tenant tx: grants, upcoming (10),
//                                recent (5), open work (5)
// Differences from the product that are on purpose: one tenant transaction per request where the
// product opens several (membership, gates, each list), no HTML, no output validation.
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { APP_ROLE } from "@ordinavo/db";
import postgres from "postgres";

const databaseUrl = process.env.RAW_DATABASE_URL;
if (!databaseUrl) throw new Error("RAW_DATABASE_URL is not set");
const pool = Number(process.env.RAW_POOL ?? 10);

const sql = postgres(databaseUrl, {
  max: pool,
  onnotice: () => {},
  connection: { options: `-c role=${APP_ROLE}`, application_name: "ordinavo-bench-raw" },
});
type Tx = postgres.TransactionSql;
type Row = postgres.Row;

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** As `withTenant`: role and tenant set for this transaction only. */
function inTenant<T>(tenantId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  return sql.begin(async (tx) => {
    await tx`select set_config('role', ${APP_ROLE}, true), set_config('app.tenant_id', ${tenantId}, true)`;
    return work(tx);
  }) as Promise<T>;
}

/** As `withSystem`: the few platform tables that accept system mode (keys, portal sessions). */
function inSystem<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  return sql.begin(async (tx) => {
    await tx`select set_config('role', ${APP_ROLE}, true), set_config('app.system_access', 'on', true)`;
    return work(tx);
  }) as Promise<T>;
}

function cookie(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return null;
}

const cursor = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString("base64url");

function page(rows: Row[], limit: number, key: (row: Row) => unknown[]) {
  const last = rows[limit - 1];
  return { items: rows.slice(0, limit), nextCursor: rows.length > limit && last ? cursor(key(last)) : null };
}

class Refused extends Error {
  constructor(readonly status: number) {
    super(String(status));
  }
}

interface Staff {
  userId: string;
  tenantId: string;
}

/** The staff session of the cookie (a plain query: staff tables are global, as in the product). */
async function staffSession(req: IncomingMessage): Promise<Staff> {
  const token = cookie(req, "ordinavo_staff");
  if (!token) throw new Refused(401);
  const [row] = await sql`select s.user_id, s.active_tenant_id, s.expires_at, u.disabled_at
    from staff_sessions s join staff_users u on u.id = s.user_id where s.id = ${sha256(token)}`;
  if (!row || row.disabled_at || !row.active_tenant_id || row.expires_at <= new Date())
    throw new Refused(401);
  return { userId: row.user_id, tenantId: row.active_tenant_id };
}

async function membership(tx: Tx, staff: Staff): Promise<{ role: string; timeZone: string }> {
  const [row] = await tx`select m.role, t.name as tenant_name, s.time_zone
    from tenant_memberships m
    join tenants t on t.id = m.tenant_id
    join tenant_settings s on s.tenant_id = m.tenant_id
    where m.tenant_id = ${staff.tenantId} and m.user_id = ${staff.userId}
      and m.disabled_at is null and t.archived_at is null`;
  if (!row) throw new Refused(403);
  return { role: row.role, timeZone: row.time_zone };
}

const customerColumns = (tx: Tx) =>
  tx`c.id, c.number, c.name, c.status, c.type, c.industry, c.email, c.phone, c.website,
    c.created_at, c.updated_at, c.archived_at`;

async function connectCustomers(req: IncomingMessage) {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "");
  if (!match?.[1]) throw new Refused(401);
  const hash = sha256(match[1]);
  const [key] = await inSystem(
    (tx) =>
      tx`select id, tenant_id, scopes, expires_at, revoked_at from api_keys where secret_hash = ${hash} limit 1`,
  );
  if (!key || key.revoked_at || (key.expires_at && key.expires_at <= new Date())) throw new Refused(401);
  if (!(key.scopes as string[]).includes("customers:read")) throw new Refused(403);
  const rows = await inTenant(
    key.tenant_id,
    (tx) => tx`select ${customerColumns(tx)} from customers c
      where c.tenant_id = ${key.tenant_id} and c.archived_at is null
      order by c.name, c.id limit 51`,
  );
  return page(rows, 50, (row) => [row.name, row.id]);
}

async function workspaceCustomers(req: IncomingMessage) {
  const staff = await staffSession(req);
  const rows = await inTenant(staff.tenantId, async (tx) => {
    await membership(tx, staff);
    return tx`select ${customerColumns(tx)},
        (select l.city from locations l where l.tenant_id = c.tenant_id and l.customer_id = c.id
          and l.archived_at is null order by l.created_at limit 1) as city
      from customers c
      where c.tenant_id = ${staff.tenantId} and c.archived_at is null
      order by c.name, c.id limit 26`;
  });
  return page(rows, 25, (row) => [row.name, row.id]);
}

const entryColumns = (tx: Tx) =>
  tx`te.id, te.kind, te.object_type, te.object_id, te.location_id, te.occurred_at,
    te.occurred_at::text as occurred_at_text, te.actor_type, te.actor_id`;

async function customerPage(req: IncomingMessage, customerId: string) {
  const staff = await staffSession(req);
  const t = staff.tenantId;
  return inTenant(t, async (tx) => {
    await membership(tx, staff);
    const [customer] = await tx`select ${customerColumns(tx)}, c.notes from customers c
      where c.tenant_id = ${t} and c.id = ${customerId}`;
    if (!customer) throw new Refused(404);
    const locations = await tx`select id, name, address_line1, address_line2, postal_code, city, country,
        latitude, longitude, access_notes, parking_notes, default_work_minutes
      from locations where tenant_id = ${t} and customer_id = ${customerId} and archived_at is null
      order by created_at`;
    const contacts = await tx`select id, location_id, name, role, department, email, phone, mobile
      from contact_persons where tenant_id = ${t} and customer_id = ${customerId} and archived_at is null
      order by created_at`;
    const work = await tx`select id, title, status, priority, due_date, location_id from targets
      where tenant_id = ${t} and customer_id = ${customerId} and status in ('open', 'planned', 'in_progress')
      order by created_at desc limit 20`;
    const entries = await tx`select ${entryColumns(tx)} from timeline_entries te
      where te.tenant_id = ${t} and te.customer_id = ${customerId}
      order by te.occurred_at desc, te.id desc limit 31`;
    return {
      customer,
      locations,
      contacts,
      work,
      history: page(entries, 30, (r) => [r.occurred_at_text, r.id]),
    };
  });
}

async function board(req: IncomingMessage) {
  const staff = await staffSession(req);
  const t = staff.tenantId;
  return inTenant(t, async (tx) => {
    const { timeZone } = await membership(tx, staff);
    const [range] = await tx`select
        date_trunc('week', now() at time zone ${timeZone}) at time zone ${timeZone} as start,
        (date_trunc('week', now() at time zone ${timeZone}) + interval '7 days') at time zone ${timeZone} as end`;
    const appointments = await tx`select a.id, a.target_id, tg.title as target_title, c.name as customer_name,
        l.name as location_name, l.city, a.assigned_employee_id, a.planned_start, a.planned_end, a.status,
        a.fixed_time, a.recurring_occurrence_id is not null as recurring
      from appointments a
      join targets tg on tg.tenant_id = a.tenant_id and tg.id = a.target_id
      join customers c on c.tenant_id = a.tenant_id and c.id = a.customer_id
      left join locations l on l.tenant_id = a.tenant_id and l.id = a.location_id
      where a.tenant_id = ${t} and a.planned_start < ${range!.end} and a.planned_end > ${range!.start}
        and a.status <> 'cancelled'
      order by a.planned_start limit 2000`;
    const people = await tx`select u.id, u.name, m.role, m.disabled_at from tenant_memberships m
      join staff_users u on u.id = m.user_id where m.tenant_id = ${t} order by u.name`;
    const backlog = await tx`select tg.id, tg.title, c.name as customer_name, l.name as location_name, l.city,
        tg.priority, tg.due_date, coalesce(l.default_work_minutes, 60) as work_minutes
      from targets tg
      join customers c on c.tenant_id = tg.tenant_id and c.id = tg.customer_id
      left join locations l on l.tenant_id = tg.tenant_id and l.id = tg.location_id
      where tg.tenant_id = ${t} and tg.status = 'open' and c.archived_at is null
      order by case tg.priority when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end,
        tg.due_date asc nulls last, tg.created_at
      limit 50`;
    return { range, appointments, people, backlog };
  });
}

async function myDay(req: IncomingMessage) {
  const staff = await staffSession(req);
  const t = staff.tenantId;
  return inTenant(t, async (tx) => {
    const { timeZone } = await membership(tx, staff);
    const visits = await tx`select a.id, a.status, a.planned_start, a.planned_end, a.fixed_time, a.started_at,
        a.completed_at, tg.title, tg.description, c.name as customer_name, l.name as location_name,
        l.address_line1, l.postal_code, l.city, l.latitude, l.longitude, l.access_notes, l.parking_notes,
        p.name as contact_name, p.phone as contact_phone, p.mobile as contact_mobile,
        s.position, s.visited_at, r.day as route_day, v.id as report_id, v.status as report_status
      from appointments a
      join targets tg on tg.tenant_id = a.tenant_id and tg.id = a.target_id
      join customers c on c.tenant_id = a.tenant_id and c.id = a.customer_id
      left join locations l on l.tenant_id = a.tenant_id and l.id = a.location_id
      left join contact_persons p on p.tenant_id = a.tenant_id and p.id = tg.contact_id and p.archived_at is null
      left join route_stops s on s.tenant_id = a.tenant_id and s.appointment_id = a.id
      left join routes r on r.tenant_id = a.tenant_id and r.id = s.route_id
      left join visit_reports v on v.tenant_id = a.tenant_id and v.appointment_id = a.id
      where a.tenant_id = ${t} and a.assigned_employee_id = ${staff.userId}
        and a.planned_start >= date_trunc('day', now() at time zone ${timeZone}) at time zone ${timeZone}
        and a.planned_start < (date_trunc('day', now() at time zone ${timeZone}) + interval '1 day') at time zone ${timeZone}
        and a.status <> 'cancelled'
      order by a.planned_start limit 200`;
    return { visits };
  });
}

async function timeline(req: IncomingMessage, customerId: string) {
  const staff = await staffSession(req);
  const t = staff.tenantId;
  return inTenant(t, async (tx) => {
    await membership(tx, staff);
    const [customer] = await tx`select id from customers where tenant_id = ${t} and id = ${customerId}`;
    if (!customer) throw new Refused(404);
    const rows = await tx`select ${entryColumns(tx)},
        coalesce(tg.title, vt.title) as title, coalesce(tg.status, ap.status) as status,
        ap.planned_start, ap.planned_end
      from timeline_entries te
      left join targets tg on te.object_type = 'target' and tg.tenant_id = te.tenant_id and tg.id = te.object_id
      left join appointments ap on te.object_type = 'appointment' and ap.tenant_id = te.tenant_id
        and ap.id = te.object_id
      left join targets vt on vt.tenant_id = ap.tenant_id and vt.id = ap.target_id
      where te.tenant_id = ${t} and te.customer_id = ${customerId}
      order by te.occurred_at desc, te.id desc limit 31`;
    return page(rows, 30, (row) => [row.occurred_at_text, row.id]);
  });
}

async function portalAppointments(req: IncomingMessage) {
  const token = cookie(req, "ordinavo_portal");
  if (!token) throw new Refused(401);
  const hash = sha256(token);
  const [session] = await inSystem(
    (tx) => tx`select s.tenant_id, s.user_id, s.expires_at, u.disabled_at, u.current_customer_id
      from portal_sessions s join portal_users u on u.tenant_id = s.tenant_id and u.id = s.user_id
      where s.id = ${hash}`,
  );
  if (!session || session.disabled_at || session.expires_at <= new Date()) throw new Refused(401);
  const t: string = session.tenant_id;
  return inTenant(t, async (tx) => {
    const grants = await tx`select customer_id, location_id from portal_access_grants
      where tenant_id = ${t} and portal_user_id = ${session.user_id} and revoked_at is null
      order by created_at, id`;
    if (!grants.length) throw new Refused(403);
    const customerId: string = grants.some((g) => g.customer_id === session.current_customer_id)
      ? session.current_customer_id
      : grants[0]!.customer_id;
    const mine = grants.filter((g) => g.customer_id === customerId);
    const places = mine.some((g) => g.location_id === null)
      ? tx``
      : tx`and a.location_id in ${tx(mine.map((g) => g.location_id as string))}`;
    const requestTitle = tx`(select pr.title from portal_requests pr where pr.tenant_id = tg.tenant_id
      and pr.resulting_target_id = tg.id and pr.customer_id = tg.customer_id order by pr.created_at limit 1)`;
    const columns = tx`a.id, a.planned_start, a.planned_end, a.status, tg.source, ${requestTitle} as title,
      l.name as location_name, l.address_line1, l.address_line2, l.postal_code, l.city`;
    const joins = tx`from appointments a
      join targets tg on tg.tenant_id = a.tenant_id and tg.id = a.target_id
      left join locations l on l.tenant_id = a.tenant_id and l.id = a.location_id`;
    const upcoming = await tx`select ${columns} ${joins}
      where a.tenant_id = ${t} and a.customer_id = ${customerId} ${places}
        and a.planned_end >= now() and a.planned_start < now() + interval '60 days'
      order by a.planned_start, a.id limit 11`;
    const recent = await tx`select ${columns} ${joins}
      where a.tenant_id = ${t} and a.customer_id = ${customerId} ${places}
        and a.planned_end < now() and a.planned_end >= now() - interval '30 days'
      order by a.planned_start desc, a.id desc limit 6`;
    const work =
      await tx`select tg.id, tg.source, tg.status, ${requestTitle} as title, l.name as location_name,
        (select min(a.planned_start) from appointments a where a.tenant_id = tg.tenant_id and a.target_id = tg.id
          and a.planned_end >= now()
          and a.status in ('scheduled', 'confirmed', 'en_route', 'on_site', 'in_progress')) as next_visit
      from targets tg left join locations l on l.tenant_id = tg.tenant_id and l.id = tg.location_id
      where tg.tenant_id = ${t} and tg.customer_id = ${customerId}
        ${mine.some((g) => g.location_id === null) ? tx`` : tx`and tg.location_id in ${tx(mine.map((g) => g.location_id as string))}`}
        and tg.status in ('open', 'planned', 'in_progress')
      order by tg.created_at desc, tg.id desc limit 6`;
    return {
      upcoming: page(upcoming, 10, (r) => [r.planned_start, r.id]),
      recent: page(recent, 5, (r) => [r.planned_start, r.id]),
      work: page(work, 5, (r) => [r.id]),
    };
  });
}

const uuid = "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})";
const routes: [RegExp, (req: IncomingMessage, id: string) => Promise<unknown>][] = [
  [/^\/connect\/customers$/, connectCustomers],
  [/^\/workspace\/customers$/, workspaceCustomers],
  [new RegExp(`^/workspace/customers/${uuid}$`), customerPage],
  [/^\/workspace\/board$/, board],
  [/^\/workspace\/my-day$/, myDay],
  [new RegExp(`^/workspace/timeline/${uuid}$`), timeline],
  [/^\/portal\/appointments$/, portalAppointments],
];

async function handle(req: IncomingMessage, res: ServerResponse) {
  const path = (req.url ?? "/").split("?")[0]!;
  for (const [pattern, handler] of routes) {
    const match = pattern.exec(path);
    if (!match) continue;
    try {
      const body = JSON.stringify(await handler(req, match[1] ?? ""));
      res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(body);
    } catch (error) {
      const status = error instanceof Refused ? error.status : 500;
      if (status === 500) process.stderr.write(`raw server: ${String(error)}\n`);
      res.writeHead(status, { "content-type": "text/plain" });
      res.end(String(status));
    }
    return;
  }
  res.writeHead(404, { "content-type": "text/plain" });
  res.end("404");
}

const server = createServer((req, res) => void handle(req, res));
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
const stop = () => {
  server.close();
  server.closeAllConnections();
  void sql.end({ timeout: 2 }).then(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
