import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { verifyPassword } from "@ordinavo/auth";
import { type Database, withTenant } from "@ordinavo/db";
import {
  appointments,
  attachments,
  auditLog,
  billingTriggers,
  contactPersons,
  customers,
  externalReferences,
  followUps,
  internalNotes,
  locations,
  mobileUpdates,
  portalAccessGrants,
  portalInvitations,
  portalRequests,
  portalUsers,
  recurringOccurrences,
  recurringPlans,
  routeStops,
  routes,
  staffUsers,
  targets,
  tenantMemberships,
  tenantSettings,
  tenants,
  timelineEntries,
  visitReports,
} from "@ordinavo/db/schema";
import { createTestDatabase, type TestDatabase, testEngines } from "@ordinavo/db/testing";
import { visitReportStatuses } from "@ordinavo/domain/vocabulary";
import { DiskFileStore, previewKeyOf } from "@ordinavo/files";
import { generateAllRecurringVisits } from "@ordinavo/planning";
import { asc, count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SeedDemoResult, seedDemo } from "./demo";
import { DEMO_ACCOUNTS, NORTHWIND_ACCOUNTS, NORTHWIND_SLUG } from "./demo/data/accounts";
import { storeDemoFiles } from "./demo/files";
import { seedScale } from "./scale";
import { findTenantBySlug } from "./seeding";

const PASSWORD = "correct horse battery staple";
/** A Wednesday morning in Lyon; the seed puts history before it and plans after it. */
const NOW = new Date("2025-03-12T10:15:00Z");
const DAY = 24 * 3_600_000;

/** What the spec lets a customer follow: requests, appointments, shared reports, follow-ups. */
const PORTAL_SAFE_KINDS = [
  "appointment_planned",
  "appointment_moved",
  "appointment_completed",
  "appointment_cancelled",
  "visit_report_published",
  "follow_up_created",
  "follow_up_planned",
  "portal_request_submitted",
  "portal_request_reviewed",
  "portal_request_planned",
  "portal_request_completed",
];

const parisClock = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Paris",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
const parisMinutes = (instant: Date) => {
  const [h, m] = parisClock.format(instant).split(":").map(Number) as [number, number];
  return h * 60 + m;
};

/** What must come out identical from the same seed and reference date. */
async function snapshot(db: Database, tenantId: string) {
  return withTenant(db, tenantId, async (tx) => ({
    customers: await tx
      .select({
        number: customers.number,
        name: customers.name,
        status: customers.status,
        type: customers.type,
      })
      .from(customers)
      .orderBy(asc(customers.number)),
    locations: await tx
      .select({
        name: locations.name,
        address: locations.addressLine1,
        latitude: locations.latitude,
        longitude: locations.longitude,
      })
      .from(locations)
      .orderBy(asc(locations.name), asc(locations.addressLine1)),
    appointments: await tx
      .select({ start: appointments.plannedStart, status: appointments.status })
      .from(appointments)
      .orderBy(asc(appointments.plannedStart), asc(appointments.status)),
    reports: await tx
      .select({ title: visitReports.title, status: visitReports.status, published: visitReports.publishedAt })
      .from(visitReports)
      .orderBy(asc(visitReports.title), asc(visitReports.status), asc(visitReports.createdAt)),
  }));
}

describe.each(testEngines())("demo seed on %s", (engine) => {
  let database: TestDatabase;
  let demo: SeedDemoResult;
  const inDemo = <T>(work: Parameters<typeof withTenant<T>>[2]) =>
    withTenant(database.db, demo.tenantId, work);

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    demo = await seedDemo(database.db, { password: PASSWORD, now: NOW });
  });
  afterAll(() => database?.destroy());

  it("creates the demo tenant with its settings, staff roles and working passwords", async () => {
    expect(demo.created).toBe(true);
    const [tenant] = await database.db.select().from(tenants).where(eq(tenants.id, demo.tenantId));
    expect(tenant?.slug).toBe("demo");
    expect(tenant?.name).toBe("Rhône Facility Services");

    const { settings, roles } = await inDemo(async (tx) => ({
      settings: await tx.select().from(tenantSettings),
      roles: await tx
        .select({ email: staffUsers.email, role: tenantMemberships.role })
        .from(tenantMemberships)
        .innerJoin(staffUsers, eq(staffUsers.id, tenantMemberships.userId)),
    }));
    expect(settings.map((s) => s.timeZone)).toEqual(["Europe/Paris"]);
    const roleOf = Object.fromEntries(roles.map((r) => [r.email, r.role]));
    expect(roleOf[DEMO_ACCOUNTS.admin]).toBe("tenant_admin");
    expect(roleOf[DEMO_ACCOUNTS.manager]).toBe("manager");
    expect(roleOf[DEMO_ACCOUNTS.dispatcher]).toBe("dispatcher");
    expect(roleOf[DEMO_ACCOUNTS.employee]).toBe("employee");
    expect(roles.filter((r) => r.role === "employee").length).toBeGreaterThanOrEqual(6);

    const [admin] = await database.db
      .select()
      .from(staffUsers)
      .where(eq(staffUsers.email, DEMO_ACCOUNTS.admin));
    expect(await verifyPassword(admin!.passwordHash!, PASSWORD)).toBe(true);
  });

  it("creates at least 20 customers and 50 locations inside greater Lyon", async () => {
    const data = await inDemo(async (tx) => ({
      customers: await tx.select().from(customers),
      locations: await tx.select().from(locations),
      contacts: await tx.select().from(contactPersons),
      references: await tx.select().from(externalReferences),
      notes: await tx.select().from(internalNotes),
    }));
    expect(data.customers.length).toBeGreaterThanOrEqual(20);
    expect(new Set(data.customers.map((c) => c.status))).toEqual(new Set(["active", "prospect", "inactive"]));
    expect(new Set(data.customers.map((c) => c.type)).size).toBeGreaterThanOrEqual(3);
    expect(data.customers.every((c) => /^C-\d{4}$/.test(c.number))).toBe(true);

    expect(data.locations.length).toBeGreaterThanOrEqual(50);
    for (const location of data.locations) {
      expect(location.latitude).toBeGreaterThanOrEqual(45.7);
      expect(location.latitude).toBeLessThanOrEqual(45.82);
      expect(location.longitude).toBeGreaterThanOrEqual(4.78);
      expect(location.longitude).toBeLessThanOrEqual(4.95);
    }
    expect(data.locations.filter((l) => l.accessNotes).length).toBeGreaterThan(30);
    expect(data.locations.filter((l) => l.parkingNotes).length).toBeGreaterThan(30);

    // Every customer has a contact; some contacts belong to a location.
    const withContact = new Set(data.contacts.map((c) => c.customerId));
    expect(data.customers.every((c) => withContact.has(c.id))).toBe(true);
    expect(data.contacts.some((c) => c.locationId !== null)).toBe(true);
    expect(data.contacts.every((c) => c.email?.endsWith(".example"))).toBe(true);

    expect(new Set(data.references.map((r) => r.sourceSystem))).toEqual(new Set(["sap", "hubspot"]));
    expect(data.notes.some((n) => n.body.includes("Contract renewal at risk"))).toBe(true);
  });

  it("spreads appointments over the weeks around now, in Paris working hours", async () => {
    const data = await inDemo(async (tx) => ({
      appointments: await tx.select().from(appointments),
      plans: await tx.select().from(recurringPlans),
      occurrences: await tx.select().from(recurringOccurrences),
      routes: await tx.select().from(routes),
      stops: await tx.select().from(routeStops),
      updates: await tx.select().from(mobileUpdates),
    }));
    const past = data.appointments.filter((a) => a.plannedEnd <= NOW);
    const future = data.appointments.filter((a) => a.plannedStart > NOW);
    expect(past.length).toBeGreaterThan(100);
    expect(future.length).toBeGreaterThan(20);
    for (const a of data.appointments) {
      expect(a.plannedStart.getTime()).toBeGreaterThanOrEqual(NOW.getTime() - 57 * DAY);
      expect(a.plannedStart.getTime()).toBeLessThanOrEqual(NOW.getTime() + 29 * DAY);
      expect(parisMinutes(a.plannedStart)).toBeGreaterThanOrEqual(8 * 60);
      expect(parisMinutes(a.plannedEnd)).toBeLessThanOrEqual(18 * 60);
      expect(a.assignedEmployeeId).not.toBeNull();
    }
    expect(new Set(past.map((a) => a.status))).toEqual(new Set(["completed", "cancelled", "no_show"]));
    expect(future.every((a) => ["scheduled", "confirmed", "en_route"].includes(a.status))).toBe(true);

    expect(data.plans.some((p) => p.rrule.startsWith("FREQ=WEEKLY;BYDAY="))).toBe(true);
    const linked = data.occurrences.filter((o) => o.appointmentId !== null);
    expect(linked.length).toBeGreaterThan(5);
    const byId = new Map(data.appointments.map((a) => [a.id, a]));
    for (const o of linked) expect(byId.get(o.appointmentId!)?.recurringOccurrenceId).toBe(o.id);

    // Routes: stops numbered 1..n, in time order.
    expect(data.routes.some((r) => r.day < "2025-03-12")).toBe(true);
    expect(data.routes.some((r) => r.day > "2025-03-12")).toBe(true);
    for (const route of data.routes) {
      const stops = data.stops.filter((s) => s.routeId === route.id).sort((a, b) => a.position - b.position);
      expect(stops.map((s) => s.position)).toEqual(stops.map((_, i) => i + 1));
      const starts = stops.map((s) => byId.get(s.appointmentId)!.plannedStart.getTime());
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
    }

    expect(new Set(data.updates.map((u) => u.kind))).toEqual(
      new Set(["status_change", "comment", "problem_report"]),
    );
  });

  it("has visit reports in every status, publishing only approved ones", async () => {
    const data = await inDemo(async (tx) => ({
      reports: await tx.select().from(visitReports),
      attachments: await tx.select().from(attachments),
      followUps: await tx.select().from(followUps),
      triggers: await tx.select().from(billingTriggers),
      followUpTargets: await tx.select().from(targets).where(eq(targets.source, "follow_up")),
    }));
    expect(new Set(data.reports.map((r) => r.status))).toEqual(new Set(visitReportStatuses));
    const published = data.reports.filter((r) => r.publishedAt !== null);
    expect(published.length).toBeGreaterThan(5);
    for (const r of published) {
      expect(r.status).toBe("approved");
      expect(r.portalTitle).toBeTruthy();
      expect(r.portalSummary).toBeTruthy();
      expect(r.publishedById).not.toBeNull();
    }

    const publishedIds = new Set(published.map((r) => r.id));
    const released = data.attachments.filter((a) => a.portalReleasedAt !== null);
    expect(released.length).toBeGreaterThan(0);
    expect(released.every((a) => a.ownerType === "visit_report" && publishedIds.has(a.ownerId))).toBe(true);
    expect(data.attachments.every((a) => /^[0-9a-f]{64}$/.test(a.checksumSha256))).toBe(true);
    expect(data.attachments.every((a) => a.storageKey.startsWith("demo/"))).toBe(true);

    const reportById = new Map(data.reports.map((r) => [r.id, r]));
    expect(data.followUps.length).toBeGreaterThan(0);
    for (const f of data.followUps) expect(reportById.get(f.visitReportId)?.followUpRequired).toBe(true);
    expect(data.followUpTargets.length).toBeGreaterThan(0);

    expect(data.triggers.length).toBeGreaterThan(0);
    for (const t of data.triggers) expect(reportById.get(t.visitReportId)?.billable).toBe(true);
  });

  it("gives one portal user a whole customer and the other selected locations only", async () => {
    const data = await inDemo(async (tx) => ({
      users: await tx.select().from(portalUsers),
      grants: await tx.select().from(portalAccessGrants),
      locations: await tx.select({ id: locations.id, customerId: locations.customerId }).from(locations),
      requests: await tx.select().from(portalRequests),
    }));
    const portal = data.users.find((u) => u.email === DEMO_ACCOUNTS.portal)!;
    const sites = data.users.find((u) => u.email === DEMO_ACCOUNTS.portalSites)!;
    expect(portal.name).toBe("Claire Dubois");
    expect(portal.contactPersonId).not.toBeNull();
    expect(await verifyPassword(portal.passwordHash!, PASSWORD)).toBe(true);

    const active = data.grants.filter((g) => g.revokedAt === null);
    const portalGrants = active.filter((g) => g.portalUserId === portal.id);
    const siteGrants = active.filter((g) => g.portalUserId === sites.id);
    expect(portalGrants.some((g) => g.locationId === null)).toBe(true);
    expect(siteGrants.length).toBeGreaterThanOrEqual(2);
    expect(siteGrants.every((g) => g.locationId !== null)).toBe(true);
    const customerOf = new Map(data.locations.map((l) => [l.id, l.customerId]));
    for (const g of siteGrants) expect(customerOf.get(g.locationId!)).toBe(g.customerId);

    const statuses = new Set(data.requests.map((r) => r.status));
    for (const status of ["submitted", "in_review", "accepted", "declined", "planned", "completed"]) {
      expect(statuses).toContain(status);
    }
    for (const r of data.requests.filter((r) => ["accepted", "planned", "completed"].includes(r.status))) {
      expect(r.resultingTargetId).not.toBeNull();
    }
    expect(data.requests.find((r) => r.status === "declined")?.customerMessage).toBeTruthy();
    // Requests stay within what their author may see.
    for (const r of data.requests) {
      const grants = active.filter((g) => g.portalUserId === r.portalUserId);
      expect(
        grants.some((g) => g.customerId === r.customerId && (g.locationId ?? r.locationId) === r.locationId),
      ).toBe(true);
    }
  });

  it("shows on the portal timeline only customer-safe kinds, and nothing after now", async () => {
    const entries = await inDemo((tx) => tx.select().from(timelineEntries));
    expect(entries.length).toBeGreaterThan(100);
    const visible = entries.filter((e) => e.portalVisible);
    expect(visible.length).toBeGreaterThan(0);
    expect(visible.every((e) => PORTAL_SAFE_KINDS.includes(e.kind))).toBe(true);
    expect(entries.filter((e) => !e.portalVisible).every((e) => !PORTAL_SAFE_KINDS.includes(e.kind))).toBe(
      true,
    );
    expect(entries.every((e) => e.occurredAt <= NOW)).toBe(true);
  });

  it("creates the second tenant, and neither tenant sees the other's rows", async () => {
    const northwind = await findTenantBySlug(database.db, NORTHWIND_SLUG);
    expect(northwind).toBeDefined();
    const demoCustomerIds = (await inDemo((tx) => tx.select({ id: customers.id }).from(customers))).map(
      (c) => c.id,
    );

    const seen = await withTenant(database.db, northwind!.id, async (tx) => ({
      customers: await tx.select().from(customers),
      demoCustomers: await tx.select().from(customers).where(inArray(customers.id, demoCustomerIds)),
      reports: await tx.select({ tenantId: visitReports.tenantId }).from(visitReports),
      portalUsers: await tx.select().from(portalUsers),
      staff: await tx
        .select({ email: staffUsers.email })
        .from(tenantMemberships)
        .innerJoin(staffUsers, eq(staffUsers.id, tenantMemberships.userId)),
    }));
    expect(seen.customers.length).toBeGreaterThan(0);
    expect(seen.customers.every((c) => c.tenantId === northwind!.id)).toBe(true);
    expect(seen.demoCustomers).toEqual([]);
    expect(seen.reports.every((r) => r.tenantId === northwind!.id)).toBe(true);
    expect(seen.portalUsers).toEqual([]);
    expect(seen.staff.map((s) => s.email)).toContain(NORTHWIND_ACCOUNTS.admin);
    expect(seen.staff.map((s) => s.email)).not.toContain(DEMO_ACCOUNTS.admin);

    const fromDemo = await inDemo((tx) => tx.select().from(customers));
    expect(fromDemo.every((c) => c.tenantId === demo.tenantId)).toBe(true);
  });

  it("writes the same rows per table as it always has (a guard for refactoring the seed)", async () => {
    // Counts recorded from the seed before it was split into parts; a change to the story
    // updates them on purpose.
    const tables = {
      customers,
      locations,
      contactPersons,
      externalReferences,
      internalNotes,
      recurringPlans,
      recurringOccurrences,
      targets,
      appointments,
      routes,
      routeStops,
      mobileUpdates,
      visitReports,
      attachments,
      followUps,
      billingTriggers,
      portalUsers,
      portalInvitations,
      portalAccessGrants,
      portalRequests,
      timelineEntries,
      auditLog,
      tenantMemberships,
    };
    const countsOf = (tenantId: string) =>
      withTenant(database.db, tenantId, async (tx) => {
        const counts: Record<string, number> = {};
        for (const [name, table] of Object.entries(tables)) {
          counts[name] = (await tx.select({ n: count() }).from(table))[0]!.n;
        }
        return counts;
      });
    const northwind = await findTenantBySlug(database.db, NORTHWIND_SLUG);
    expect(await countsOf(demo.tenantId)).toEqual({
      customers: 24,
      locations: 54,
      contactPersons: 63,
      externalReferences: 85,
      internalNotes: 4,
      recurringPlans: 6,
      recurringOccurrences: 35,
      targets: 755,
      appointments: 749,
      routes: 84,
      routeStops: 286,
      mobileUpdates: 188,
      visitReports: 519,
      attachments: 323,
      followUps: 60,
      billingTriggers: 156,
      portalUsers: 2,
      portalInvitations: 3,
      portalAccessGrants: 4,
      portalRequests: 8,
      timelineEntries: 3956,
      auditLog: 2,
      tenantMemberships: 9,
    });
    expect(await countsOf(northwind!.id)).toEqual({
      ...Object.fromEntries(Object.keys(tables).map((name) => [name, 0])),
      customers: 5,
      locations: 7,
      contactPersons: 5,
      targets: 10,
      appointments: 10,
      visitReports: 5,
      timelineEntries: 15,
      tenantMemberships: 4,
    });
    expect((await database.db.select({ n: count() }).from(staffUsers))[0]!.n).toBe(13);
  });

  it("changes nothing when run a second time", async () => {
    const counts = async () => ({
      tenants: (await database.db.select({ n: count() }).from(tenants))[0]!.n,
      staff: (await database.db.select({ n: count() }).from(staffUsers))[0]!.n,
      customers: (await inDemo((tx) => tx.select({ n: count() }).from(customers)))[0]!.n,
      appointments: (await inDemo((tx) => tx.select({ n: count() }).from(appointments)))[0]!.n,
    });
    const before = await counts();
    const again = await seedDemo(database.db, { password: "another password", now: new Date() });
    expect(again).toEqual({ created: false, tenantId: demo.tenantId });
    expect(await counts()).toEqual(before);
  });

  it("produces the same data from the same seed and reference date", async () => {
    const other = await createTestDatabase(engine);
    try {
      const second = await seedDemo(other.db, { password: PASSWORD, now: NOW });
      const [a, b] = [await snapshot(database.db, demo.tenantId), await snapshot(other.db, second.tenantId)];
      expect(b.customers).toEqual(a.customers);
      expect(b.locations).toEqual(a.locations);
      expect(b.appointments).toEqual(a.appointments);
      expect(b.reports).toEqual(a.reports);
    } finally {
      await other.destroy();
    }
  });

  it("leaves the recurring-visit job nothing to create, update or remove", async () => {
    // The seed writes what the daily generation would have written by `now`: running the job at
    // `now` finds every occurrence of its window in place and none to change or delete.
    const expectNothingToDo = async (db: Database, now: Date) => {
      const totals = await generateAllRecurringVisits(db, { now });
      expect(totals.plans).toBeGreaterThan(0);
      expect(totals).toMatchObject({
        created: 0,
        updated: 0,
        removed: 0,
        failedPlanIds: [],
        invalidPlanIds: [],
      });
    };
    await expectNothingToDo(database.db, NOW);

    // Early on a Monday, so that the weekly Monday visit four weeks ahead lies just past the
    // job's window (now + 28 days) and must not have been seeded.
    const other = await createTestDatabase(engine);
    try {
      const mondayMorning = new Date("2025-03-17T06:30:00Z");
      await seedDemo(other.db, { password: PASSWORD, now: mondayMorning });
      await expectNothingToDo(other.db, mondayMorning);
    } finally {
      await other.destroy();
    }
  });

  it("seeds a scale tenant in batches with the counts it reports", async () => {
    const result = await seedScale(database.db, {
      tenantSlug: "scale-test",
      customers: 2_000,
      now: NOW,
      batchSize: 400,
      chunkSize: 700,
    });
    expect(result).toMatchObject({ created: true, resumed: false });
    expect(result.counts.customers).toBe(2_000);
    expect(result.counts.locations / result.counts.customers).toBeGreaterThan(1.3);
    expect(result.counts.locations / result.counts.customers).toBeLessThan(1.7);
    expect(result.counts.contacts).toBeGreaterThanOrEqual(2_000);
    expect(result.counts.appointments).toBeGreaterThan(0);

    const stored = await withTenant(database.db, result.tenantId, async (tx) => ({
      customers: (await tx.select({ n: count() }).from(customers))[0]!.n,
      locations: (await tx.select({ n: count() }).from(locations))[0]!.n,
      contacts: (await tx.select({ n: count() }).from(contactPersons))[0]!.n,
      targets: (await tx.select({ n: count() }).from(targets))[0]!.n,
      appointments: (await tx.select({ n: count() }).from(appointments))[0]!.n,
    }));
    expect(stored).toEqual(result.counts);

    const again = await seedScale(database.db, { tenantSlug: "scale-test", customers: 10, now: NOW });
    expect(again).toMatchObject({ created: false, tenantId: result.tenantId });
  });

  it("resumes an interrupted scale run and ends with the same data as an uninterrupted one", async () => {
    const options = { customers: 900, now: NOW, seed: 42, chunkSize: 300 };
    const whole = await seedScale(database.db, { ...options, tenantSlug: "scale-whole" });

    let chunks = 0;
    const stop = () => {
      chunks += 1;
      if (chunks === 1) throw new Error("interrupted");
    };
    await expect(
      seedScale(database.db, { ...options, tenantSlug: "scale-resumed", onProgress: stop }),
    ).rejects.toThrow("interrupted");
    // The next call finishes the job, even when asked for something else.
    const resumed = await seedScale(database.db, { ...options, customers: 5, tenantSlug: "scale-resumed" });
    expect(resumed).toMatchObject({ created: true, resumed: true });
    expect(resumed.counts.customers).toBe(600);

    const names = (tenantId: string) =>
      withTenant(database.db, tenantId, (tx) =>
        tx
          .select({ number: customers.number, name: customers.name, status: customers.status })
          .from(customers)
          .orderBy(asc(customers.number)),
      );
    const [a, b] = [await names(whole.tenantId), await names(resumed.tenantId)];
    expect(a).toHaveLength(900);
    expect(b).toEqual(a);
  });

  it("puts real bytes behind every demo file, once", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ordinavo-demo-files-"));
    try {
      const store = new DiskFileStore(dir);
      const stored = await storeDemoFiles(database.db, store);
      const rows = await inDemo((tx) => tx.select().from(attachments));
      expect(stored).toBeGreaterThanOrEqual(rows.length);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows.slice(0, 5)) {
        const body = await store.open(row.storageKey);
        const chunks: Buffer[] = [];
        for await (const chunk of body!) chunks.push(Buffer.from(chunk));
        const bytes = Buffer.concat(chunks);
        // The row tells the truth about the bytes: size, checksum, a type read from the bytes.
        expect(bytes.byteLength).toBe(row.sizeBytes);
        expect(createHash("sha256").update(bytes).digest("hex")).toBe(row.checksumSha256);
        if (row.contentType.startsWith("image/"))
          expect(await store.has(previewKeyOf(row.storageKey))).toBe(true);
      }
      expect(await storeDemoFiles(database.db, store)).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
