/**
 * A large tenant for performance work: by default 100,000 customers with about 1.5 locations
 * each, their contacts, and targets and appointments for a fifth of them. Rows are built in memory
 * and written with multi-row inserts, one transaction per chunk of customers.
 *
 * Foreign-key checks are where bulk loads go wrong. PostgreSQL keeps their query plans for the
 * whole session, and a plan made while the tables were tiny (the demo seed just before, in the
 * same PGlite session or pooled connection) may use any tenant-prefixed index with `id` only as a
 * filter, so every check reads all of the tenant's rows and the load turns quadratic. The same
 * happens when autovacuum analyzes a table in the middle of a long load: it sees the new pages but
 * not the uncommitted rows. So each chunk commits on its own and has the checks re-planned once
 * its customers are in. Every customer draws from its own stream, so the data is the same whatever
 * the chunking, and a run that stopped half-way is resumed by the next call (progress is kept in
 * two audit entries).
 */
import { randomUUID } from "node:crypto";
import { hashPassword } from "@ordinavo/auth";
import { type Database, type Transaction, withTenant } from "@ordinavo/db";
import {
  appointments,
  auditLog,
  contactPersons,
  customers,
  locations,
  staffUsers,
  targets,
  tenantMemberships,
} from "@ordinavo/db/schema";
import { addDays, isWorkingDay, localDay, MINUTE, zonedInstant } from "@ordinavo/domain";
import type { AppointmentStatus, CustomerStatus, CustomerType } from "@ordinavo/domain/vocabulary";
import { asc, count, eq, inArray, sql } from "drizzle-orm";
import { STREETS, type Street } from "./demo/data/places";
import { LAST_NAMES } from "./demo/data/words";
import { addMembership, insertMany } from "./factories";
import { emailFor, landline, mobile, person, slugify } from "./people";
import { createRandom, type Random } from "./random";
import {
  JOB_TITLES as JOBS,
  BUSINESS_PREFIXES as PREFIXES,
  BUSINESS_SUFFIXES as SUFFIXES,
} from "./scale-words";
import { findTenantBySlug, seedTenant } from "./seeding";

export interface SeedScaleOptions {
  /** Slug of the tenant to create; nothing happens if it exists (unless a run stopped half-way). Default "scale". */
  tenantSlug?: string;
  /** Number of customers. Default 100,000. */
  customers?: number;
  /** Reference instant for appointment dates and statuses. */
  now: Date;
  seed?: number;
  /** Gives the tenant's staff accounts this password; without it they cannot sign in. */
  password?: string;
  /** Rows per INSERT statement. Default 1,000. */
  batchSize?: number;
  /** Customers per transaction. Default 5,000. */
  chunkSize?: number;
  /** Called now and then with a line of progress. */
  onProgress?: (message: string) => void;
}

export interface SeedScaleResult {
  /** False when the tenant existed and was complete; nothing was written then. */
  created: boolean;
  /** True when this call finished a run that had stopped half-way. */
  resumed: boolean;
  tenantId: string;
  /** Rows written by this call. */
  counts: { customers: number; locations: number; contacts: number; targets: number; appointments: number };
}

const TIME_ZONE = "Europe/Paris";
const TECHNICIANS = 20;

const STREET_LIST: readonly Street[] = Object.values(STREETS);

export async function seedScale(db: Database, options: SeedScaleOptions): Promise<SeedScaleResult> {
  const slug = options.tenantSlug ?? "scale";
  const counts = { customers: 0, locations: 0, contacts: 0, targets: 0, appointments: 0 };
  let tenantId: string;
  let plan: ScalePlan;
  let resumed = false;
  const existing = await findTenantBySlug(db, slug);
  if (existing) {
    const state = await withTenant(db, existing.id, readState);
    if (!state.plan || state.completed) return { created: false, resumed, tenantId: existing.id, counts };
    tenantId = existing.id;
    plan = state.plan;
    resumed = true;
  } else {
    plan = { customers: options.customers ?? 100_000, seed: options.seed ?? `scale:${slug}` };
    const passwordHash = options.password ? await hashPassword(options.password) : null;
    const domain = `${slugify(slug)}.example`;
    const staff = [
      { email: `admin@${domain}`, name: "Scale Admin", role: "tenant_admin" as const },
      { email: `dispatcher@${domain}`, name: "Scale Dispatcher", role: "dispatcher" as const },
      ...Array.from({ length: TECHNICIANS }, (_, i) => ({
        email: `tech${String(i + 1).padStart(2, "0")}@${domain}`,
        name: `Technician ${i + 1}`,
        role: "employee" as const,
      })),
    ];
    tenantId = await seedTenant(
      db,
      { slug, name: `Scale test (${slug})`, timeZone: TIME_ZONE, locale: "en" },
      staff,
      passwordHash,
      async (tx, id, staffIds) => {
        for (const [index, member] of staff.entries()) {
          await addMembership(tx, { tenantId: id, userId: staffIds[index]!, role: member.role });
        }
        await tx.insert(auditLog).values(progressEntry(id, "scale.started", plan));
      },
    );
  }

  const { technicianIds, dispatcherId, done } = await withTenant(db, tenantId, async (tx) => {
    const members = await tx
      .select({ userId: tenantMemberships.userId, role: tenantMemberships.role })
      .from(tenantMemberships)
      .innerJoin(staffUsers, eq(staffUsers.id, tenantMemberships.userId))
      .orderBy(asc(staffUsers.email));
    const [stored] = await tx.select({ n: count() }).from(customers);
    return {
      technicianIds: members.filter((m) => m.role === "employee").map((m) => m.userId),
      dispatcherId: members.find((m) => m.role === "dispatcher")!.userId,
      done: stored!.n,
    };
  });

  const base = createRandom(plan.seed);
  const chunk = options.chunkSize ?? 5_000;
  for (let from = done; from < plan.customers; from += chunk) {
    const to = Math.min(from + chunk, plan.customers);
    await withTenant(db, tenantId, (tx) =>
      writeChunk(tx, {
        tenantId,
        from,
        to,
        total: plan.customers,
        technicianIds,
        dispatcherId,
        now: options.now,
        random: base,
        batchSize: options.batchSize ?? 1_000,
        counts,
      }),
    );
    options.onProgress?.(`${to.toLocaleString("en")} of ${plan.customers.toLocaleString("en")} customers`);
  }
  await withTenant(db, tenantId, (tx) =>
    tx.insert(auditLog).values(progressEntry(tenantId, "scale.completed", plan)),
  );
  return { created: true, resumed, tenantId, counts };
}

interface ScalePlan {
  customers: number;
  seed: number | string;
}

function progressEntry(tenantId: string, action: string, plan: ScalePlan) {
  return {
    tenantId,
    actorType: "system" as const,
    action,
    objectType: "tenant" as const,
    objectId: tenantId,
    metadata: { customers: plan.customers, seed: plan.seed },
  };
}

/** What an earlier run set out to do, and whether it finished. */
async function readState(tx: Transaction): Promise<{ plan?: ScalePlan; completed: boolean }> {
  const entries = await tx
    .select({ action: auditLog.action, metadata: auditLog.metadata })
    .from(auditLog)
    .where(inArray(auditLog.action, ["scale.started", "scale.completed"]));
  const started = entries.find((e) => e.action === "scale.started")?.metadata;
  return {
    plan: started
      ? { customers: Number(started.customers), seed: started.seed as number | string }
      : undefined,
    completed: entries.some((e) => e.action === "scale.completed"),
  };
}

interface WriteContext {
  tenantId: string;
  /** Customer numbers from..to-1 (zero-based) are written. */
  from: number;
  to: number;
  total: number;
  technicianIds: string[];
  dispatcherId: string;
  now: Date;
  random: Random;
  batchSize: number;
  counts: SeedScaleResult["counts"];
}

async function writeChunk(tx: Transaction, ctx: WriteContext): Promise<void> {
  const { tenantId, now } = ctx;
  const today = localDay(now, TIME_ZONE);
  const digits = Math.max(6, String(ctx.total).length);
  const batch = {
    customers: [] as (typeof customers.$inferInsert)[],
    locations: [] as (typeof locations.$inferInsert)[],
    contacts: [] as (typeof contactPersons.$inferInsert)[],
    targets: [] as (typeof targets.$inferInsert)[],
    appointments: [] as (typeof appointments.$inferInsert)[],
  };
  for (let index = ctx.from; index < ctx.to; index++) {
    const random = ctx.random.fork(String(index));
    const customerId = randomUUID();
    const family = random.pick(LAST_NAMES);
    const name = `${random.pick(PREFIXES)} ${family}${random.pick(SUFFIXES)}`;
    const customerDomain = `${slugify(family)}-${index + 1}.example`;
    const status = random.weighted<CustomerStatus>([
      ["active", 80],
      ["inactive", 12],
      ["prospect", 8],
    ]);
    const createdAt = new Date(now.getTime() - random.int(30, 1500) * 24 * 60 * MINUTE);
    batch.customers.push({
      id: customerId,
      tenantId,
      number: `S-${String(index + 1).padStart(digits, "0")}`,
      name,
      status,
      type: random.weighted<CustomerType>([
        ["business", 80],
        ["public_sector", 8],
        ["non_profit", 7],
        ["private_person", 5],
      ]),
      email: `contact@${customerDomain}`,
      phone: landline(random),
      createdAt,
      updatedAt: createdAt,
    });

    const siteCount = random.weighted([
      [1, 62],
      [2, 28],
      [3, 7],
      [4, 3],
    ]);
    const siteIds: string[] = [];
    for (let site = 0; site < siteCount; site++) {
      const street = random.pick(STREET_LIST);
      const locationId = randomUUID();
      siteIds.push(locationId);
      batch.locations.push({
        id: locationId,
        tenantId,
        customerId,
        name: siteCount === 1 ? "Main site" : `Site ${site + 1}`,
        addressLine1: `${random.int(1, 200)} ${street.street}`,
        postalCode: street.postalCode,
        city: street.city,
        country: "FR",
        latitude: round6(clamp(street.lat + random.float(-0.004, 0.004), 45.7, 45.82)),
        longitude: round6(clamp(street.lng + random.float(-0.005, 0.005), 4.78, 4.95)),
        defaultWorkMinutes: random.pick([30, 45, 60, 60, 90]),
        createdAt,
        updatedAt: createdAt,
      });
    }

    const contactCount = random.chance(0.3) ? 2 : 1;
    let contactId: string | null = null;
    for (let c = 0; c < contactCount; c++) {
      const p = person(random);
      const id = randomUUID();
      contactId ??= id;
      batch.contacts.push({
        id,
        tenantId,
        customerId,
        locationId: c === 1 ? siteIds[0]! : null,
        name: p.name,
        role: c === 0 ? "Facility manager" : "Site contact",
        email: emailFor(p, customerDomain),
        phone: landline(random),
        mobile: random.chance(0.5) ? mobile(random) : null,
        createdAt,
        updatedAt: createdAt,
      });
    }

    if (status === "prospect" || !random.chance(0.2)) continue;
    const targetId = randomUUID();
    const offset = random.int(-56, 28);
    let day = addDays(today, offset);
    while (!isWorkingDay(day)) day = addDays(day, 1);
    const start = zonedInstant(day, random.int(16, 33) * 30, TIME_ZONE);
    const end = new Date(start.getTime() + random.pick([30, 60, 90]) * MINUTE);
    const planned = random.chance(0.7);
    const appointmentStatus: AppointmentStatus =
      end <= now
        ? random.weighted<AppointmentStatus>([
            ["completed", 90],
            ["cancelled", 6],
            ["no_show", 4],
          ])
        : start <= now
          ? "on_site"
          : "scheduled";
    const targetCreatedAt = new Date(
      Math.min(start.getTime() - 7 * 24 * 60 * MINUTE, now.getTime() - 60 * MINUTE),
    );
    const done = planned && appointmentStatus === "completed";
    batch.targets.push({
      id: targetId,
      tenantId,
      customerId,
      locationId: siteIds[0]!,
      contactId,
      title: random.pick(JOBS),
      status: !planned
        ? "open"
        : done
          ? "done"
          : appointmentStatus === "on_site"
            ? "in_progress"
            : appointmentStatus === "scheduled"
              ? "planned"
              : "open",
      dueDate: day,
      createdById: ctx.dispatcherId,
      completedAt: done ? end : null,
      createdAt: targetCreatedAt,
      updatedAt: targetCreatedAt,
    });
    if (!planned) continue;
    batch.appointments.push({
      tenantId,
      targetId,
      customerId,
      locationId: siteIds[0]!,
      assignedEmployeeId: random.pick(ctx.technicianIds),
      plannedStart: start,
      plannedEnd: end,
      status: appointmentStatus,
      createdById: ctx.dispatcherId,
      startedAt: appointmentStatus === "completed" || appointmentStatus === "on_site" ? start : null,
      completedAt: appointmentStatus === "completed" ? end : null,
      createdAt: targetCreatedAt,
      updatedAt: targetCreatedAt,
    });
  }

  await insertMany(tx, customers, batch.customers, ctx.batchSize);
  // Have the foreign-key checks re-planned against today's table sizes (see the top of the file).
  await tx.execute(sql`discard plans`);
  await insertMany(tx, locations, batch.locations, ctx.batchSize);
  await insertMany(tx, contactPersons, batch.contacts, ctx.batchSize);
  await insertMany(tx, targets, batch.targets, ctx.batchSize);
  await insertMany(tx, appointments, batch.appointments, ctx.batchSize);
  ctx.counts.customers += batch.customers.length;
  ctx.counts.locations += batch.locations.length;
  ctx.counts.contacts += batch.contacts.length;
  ctx.counts.targets += batch.targets.length;
  ctx.counts.appointments += batch.appointments.length;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const round6 = (value: number) => Math.round(value * 1e6) / 1e6;
