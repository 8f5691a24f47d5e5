import { randomUUID } from "node:crypto";
import { type Database, rowsOf, schema, withSystem, withTenant } from "@ordinavo/db";
import { createTestDatabase, type TestDatabase, testEngines } from "@ordinavo/db/testing";
import type { RetentionSubject } from "@ordinavo/domain";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runHousekeeping, type SweepableFiles, sweepOrphanedFiles } from "./functions/housekeeping";
import { applyRetention, type FileRemover } from "./functions/retention";
import { createJobs } from "./runtime";

const DAY = 86_400_000;
const NOW = new Date();
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

/** A file store that remembers what it was asked to remove. */
function recordingFiles() {
  const removed: string[] = [];
  const files: FileRemover = {
    remove: async (key) => {
      removed.push(key);
    },
  };
  return { files, removed };
}

/**
 * A tenant with two customers — one under legal hold — each with an old and a recent visit report
 * (with an attachment), timeline entries and mobile updates, plus old and new audit and login rows.
 */
async function tenantWithHistory(db: Database) {
  const tag = randomUUID().slice(0, 8);
  const [tenant] = await db
    .insert(schema.tenants)
    .values({ slug: `ret-${tag}`, name: `Tenant ${tag}` })
    .returning();
  const tenantId = tenant!.id;
  return withTenant(db, tenantId, async (tx) => {
    const customers: Record<"free" | "held", string> = { free: "", held: "" };
    const reports: Record<string, string> = {};
    for (const which of ["free", "held"] as const) {
      const [customer] = await tx
        .insert(schema.customers)
        .values({
          tenantId,
          number: `C-${which}`,
          name: which,
          legalHoldAt: which === "held" ? ago(1) : null,
        })
        .returning();
      const customerId = customer!.id;
      customers[which] = customerId;
      const [target] = await tx
        .insert(schema.targets)
        .values({ tenantId, customerId, title: "Check" })
        .returning();
      for (const age of ["old", "new"] as const) {
        const createdAt = age === "old" ? ago(400) : ago(10);
        const [appointment] = await tx
          .insert(schema.appointments)
          .values({
            tenantId,
            targetId: target!.id,
            customerId,
            plannedStart: ago(400),
            plannedEnd: new Date(ago(400).getTime() + 3_600_000),
          })
          .returning();
        const [report] = await tx
          .insert(schema.visitReports)
          .values({
            tenantId,
            appointmentId: appointment!.id,
            targetId: target!.id,
            customerId,
            title: `${which} ${age}`,
            summary: "Replaced the seal",
            createdAt,
          })
          .returning();
        reports[`${which}-${age}`] = report!.id;
        await tx.insert(schema.attachments).values({
          tenantId,
          customerId,
          ownerType: "target",
          ownerId: target!.id,
          storageKey: `${tenantId}/${which}-${age}-target`,
          fileName: "photo.png",
          sizeBytes: 10,
          contentType: "image/png",
          checksumSha256: "0".repeat(64),
          createdAt,
        });
        await tx.insert(schema.attachments).values({
          tenantId,
          customerId,
          ownerType: "visit_report",
          ownerId: report!.id,
          storageKey: `${tenantId}/${which}-${age}-report`,
          fileName: "report.pdf",
          sizeBytes: 10,
          contentType: "application/pdf",
          checksumSha256: "0".repeat(64),
          createdAt: age === "old" ? ago(10) : createdAt,
        });
        await tx.insert(schema.timelineEntries).values({
          tenantId,
          customerId,
          kind: "appointment_planned",
          objectType: "appointment",
          objectId: appointment!.id,
          occurredAt: createdAt,
        });
        await tx.insert(schema.mobileUpdates).values({
          tenantId,
          appointmentId: appointment!.id,
          kind: "comment",
          body: "On my way",
          recordedAt: createdAt,
          receivedAt: createdAt,
        });
      }
    }
    for (const createdAt of [ago(400), ago(10)]) {
      await tx.insert(schema.auditLog).values({
        tenantId,
        actorType: "system",
        action: "test.entry",
        objectType: "tenant",
        objectId: tenantId,
        createdAt,
      });
      await tx.insert(schema.loginEvents).values({
        tenantId,
        realm: "staff",
        outcome: "success",
        createdAt,
      });
    }
    return { tenantId, customers, reports };
  });
}

async function setPolicies(db: Database, tenantId: string, subjects: RetentionSubject[], retainDays = 365) {
  await withTenant(db, tenantId, (tx) =>
    tx
      .insert(schema.retentionPolicies)
      .values(subjects.map((subject) => ({ tenantId, subject, retainDays }))),
  );
}

async function countsOf(db: Database, tenantId: string) {
  return withTenant(db, tenantId, async (tx) => ({
    reports: (await tx.select().from(schema.visitReports)).map((r) => r.title).sort(),
    attachments: (await tx.select().from(schema.attachments)).map((a) => a.storageKey.split("/")[1]).sort(),
    timeline: (await tx.select().from(schema.timelineEntries)).length,
    mobile: (await tx.select().from(schema.mobileUpdates)).length,
    audit: (await tx.select().from(schema.auditLog).where(eq(schema.auditLog.action, "test.entry"))).length,
    logins: (await tx.select().from(schema.loginEvents)).length,
  }));
}

let routeDays = 0;

/**
 * A customer with a record of every kind that belongs to it: location, contact (with a portal
 * account, grant, invitation and request), target, appointment on a route, recurring plan and
 * occurrence, visit report with follow-up, billing trigger and attachment, timeline entry,
 * internal note and external references.
 */
async function customerWithRecords(
  db: Database,
  tenantId: string,
  name: string,
  options: { archivedAt?: Date; legalHoldAt?: Date; employeeId: string },
) {
  return withTenant(db, tenantId, async (tx) => {
    const [customer] = await tx
      .insert(schema.customers)
      .values({
        tenantId,
        number: `C-${name}`,
        name,
        status: options.archivedAt ? "inactive" : "active",
        archivedAt: options.archivedAt ?? null,
        legalHoldAt: options.legalHoldAt ?? null,
      })
      .returning();
    const customerId = customer!.id;
    const [location] = await tx
      .insert(schema.locations)
      .values({ tenantId, customerId, name: "Main", addressLine1: "1 Road", city: "Town", country: "FR" })
      .returning();
    const locationId = location!.id;
    const [contact] = await tx
      .insert(schema.contactPersons)
      .values({ tenantId, customerId, locationId, name: `${name} contact`, email: `${name}@example.test` })
      .returning();
    const [target] = await tx
      .insert(schema.targets)
      .values({ tenantId, customerId, locationId, contactId: contact!.id, title: "Check" })
      .returning();
    const start = ago(400);
    const [appointment] = await tx
      .insert(schema.appointments)
      .values({
        tenantId,
        targetId: target!.id,
        customerId,
        locationId,
        plannedStart: start,
        plannedEnd: new Date(start.getTime() + 3_600_000),
      })
      .returning();
    const [route] = await tx
      .insert(schema.routes)
      .values({
        tenantId,
        employeeId: options.employeeId,
        day: `2020-01-${String(++routeDays).padStart(2, "0")}`,
      })
      .returning();
    await tx
      .insert(schema.routeStops)
      .values({ tenantId, routeId: route!.id, appointmentId: appointment!.id, position: 1, workMinutes: 60 });
    const [plan] = await tx
      .insert(schema.recurringPlans)
      .values({
        tenantId,
        customerId,
        locationId,
        title: "Yearly",
        rrule: "FREQ=YEARLY",
        startsOn: "2020-01-01",
        startTime: "09:00",
        timeZone: "UTC",
        durationMinutes: 60,
      })
      .returning();
    await tx.insert(schema.recurringOccurrences).values({
      tenantId,
      planId: plan!.id,
      occursAt: start,
      occursOn: start.toISOString().slice(0, 10),
      planVersion: 1,
      targetId: target!.id,
      appointmentId: appointment!.id,
    });
    const [report] = await tx
      .insert(schema.visitReports)
      .values({
        tenantId,
        appointmentId: appointment!.id,
        targetId: target!.id,
        customerId,
        locationId,
        title: `${name} report`,
        summary: "Replaced the seal",
      })
      .returning();
    await tx
      .insert(schema.followUps)
      .values({ tenantId, visitReportId: report!.id, customerId, locationId, details: "Come back" });
    await tx.insert(schema.billingTriggers).values({ tenantId, visitReportId: report!.id, customerId });
    await tx.insert(schema.attachments).values({
      tenantId,
      customerId,
      ownerType: "visit_report",
      ownerId: report!.id,
      storageKey: `${tenantId}/${name}-report`,
      fileName: "report.pdf",
      sizeBytes: 10,
      contentType: "application/pdf",
      checksumSha256: "0".repeat(64),
    });
    await tx.insert(schema.timelineEntries).values({
      tenantId,
      customerId,
      kind: "appointment_planned",
      objectType: "appointment",
      objectId: appointment!.id,
      occurredAt: start,
    });
    await tx
      .insert(schema.internalNotes)
      .values({ tenantId, customerId, objectType: "customer", objectId: customerId, body: "Call first" });
    await tx.insert(schema.externalReferences).values([
      {
        tenantId,
        objectType: "customer",
        objectId: customerId,
        sourceSystem: "erp",
        externalId: `c-${name}`,
      },
      { tenantId, objectType: "target", objectId: target!.id, sourceSystem: "erp", externalId: `t-${name}` },
    ]);
    const [portalUser] = await tx
      .insert(schema.portalUsers)
      .values({
        tenantId,
        contactPersonId: contact!.id,
        email: `${name}-portal@example.test`,
        name,
        currentCustomerId: customerId,
      })
      .returning();
    await tx.insert(schema.portalAccessGrants).values({ tenantId, portalUserId: portalUser!.id, customerId });
    await tx.insert(schema.portalRequests).values({
      tenantId,
      portalUserId: portalUser!.id,
      customerId,
      locationId,
      type: "service",
      title: "Please come",
      description: "Leak",
      resultingTargetId: target!.id,
    });
    await tx.insert(schema.portalInvitations).values({
      tenantId,
      contactPersonId: contact!.id,
      email: `${name}@example.test`,
      grants: [{ customerId, locationId: null }],
      tokenHash: `inv-${tenantId}-${name}`,
      expiresAt: new Date(NOW.getTime() + DAY),
    });
    return { customerId, portalUserId: portalUser!.id };
  });
}

/** How many rows each table holds for the customer (0 everywhere once it is gone). */
async function recordsOf(db: Database, tenantId: string, customerId: string) {
  return withTenant(db, tenantId, async (tx) => {
    const count = async (table: string, where = "customer_id") => {
      const rows = rowsOf<{ n: number }>(
        await tx.execute(
          sql`select count(*)::int as n from ${sql.raw(table)} where tenant_id = ${tenantId} and ${sql.raw(where)} = ${customerId}`,
        ),
      );
      return Number(rows[0]!.n);
    };
    return {
      customers: await count("customers", "id"),
      locations: await count("locations"),
      contacts: await count("contact_persons"),
      targets: await count("targets"),
      appointments: await count("appointments"),
      reports: await count("visit_reports"),
      followUps: await count("follow_ups"),
      billing: await count("billing_triggers"),
      attachments: await count("attachments"),
      timeline: await count("timeline_entries"),
      notes: await count("internal_notes"),
      plans: await count("recurring_plans"),
      grants: await count("portal_access_grants"),
      requests: await count("portal_requests"),
    };
  });
}

describe.each(testEngines())("retention and housekeeping on %s", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(() => database?.destroy());

  it("deletes only older rows of the policies' subjects, spares held customers, and runs idempotently", async () => {
    const { db } = database;
    const { tenantId } = await tenantWithHistory(db);
    const other = await tenantWithHistory(db);
    await setPolicies(db, tenantId, ["visit_reports", "attachments", "login_events"]);
    await setPolicies(db, other.tenantId, ["visit_reports"], 3650);
    const before = await countsOf(db, tenantId);
    const { files, removed } = recordingFiles();

    const first = await applyRetention(db, { tenantId, files, now: NOW, batchSize: 1 });
    // The free customer's old report; its own attachment goes with it. The old target photo too.
    expect(first.bySubject).toEqual({ visit_reports: 1, attachments: 1, login_events: 1 });
    const after = await countsOf(db, tenantId);
    expect(after.reports).toEqual(["free new", "held new", "held old"]);
    expect(after.attachments).toEqual([
      "free-new-report",
      "free-new-target",
      "held-new-report",
      "held-new-target",
      "held-old-report",
      "held-old-target",
    ]);
    expect(removed.filter((k) => !k.endsWith(".preview")).sort()).toEqual([
      `${tenantId}/free-old-report`,
      `${tenantId}/free-old-target`,
    ]);
    // Subjects without an (active) policy are untouched.
    expect(after.audit).toBe(before.audit);
    expect(after.mobile).toBe(before.mobile);
    expect(after.logins).toBe(before.logins - 1);

    // The policies record when they ran and how many went; the audit says kind and count only.
    const policies = await withTenant(db, tenantId, (tx) => tx.select().from(schema.retentionPolicies));
    const reportPolicy = policies.find((p) => p.subject === "visit_reports")!;
    expect(reportPolicy.lastDeletedCount).toBe(1);
    expect(reportPolicy.lastRunAt).not.toBeNull();
    const audits = await withTenant(db, tenantId, (tx) =>
      tx.select().from(schema.auditLog).where(eq(schema.auditLog.action, "retention.applied")),
    );
    expect(audits).toHaveLength(3);
    expect(audits.find((a) => a.objectId === reportPolicy.id)).toMatchObject({
      actorType: "system",
      objectType: "retention_policy",
      metadata: { subject: "visit_reports", deleted: 1, files: 1, complete: true },
    });

    // Again: nothing older is left, so nothing goes; the counts say 0.
    const second = await applyRetention(db, { tenantId, files, now: NOW });
    expect(second.deleted).toBe(0);
    expect(await countsOf(db, tenantId)).toEqual(after);
    const [again] = await withTenant(db, tenantId, (tx) =>
      tx
        .select()
        .from(schema.retentionPolicies)
        .where(and(eq(schema.retentionPolicies.id, reportPolicy.id))),
    );
    expect(again!.lastDeletedCount).toBe(0);

    // The other tenant's data is its own: ten years keep everything.
    expect((await countsOf(db, other.tenantId)).reports).toHaveLength(4);
  });

  it("deletes customers archived longer than the policy with all their records; keeps held, recent and active ones", async () => {
    const { db } = database;
    const tag = randomUUID().slice(0, 8);
    const [tenant] = await db
      .insert(schema.tenants)
      .values({ slug: `arch-${tag}`, name: `Tenant ${tag}` })
      .returning();
    const tenantId = tenant!.id;
    const [user] = await db
      .insert(schema.staffUsers)
      .values({ email: `arch-${tag}@example.test`, name: "Tech" })
      .returning();
    await withTenant(db, tenantId, (tx) =>
      tx.insert(schema.tenantMemberships).values({ tenantId, userId: user!.id, role: "employee" }),
    );
    const employeeId = user!.id;
    const old = await customerWithRecords(db, tenantId, "old", { archivedAt: ago(400), employeeId });
    const old2 = await customerWithRecords(db, tenantId, "old2", { archivedAt: ago(500), employeeId });
    const recent = await customerWithRecords(db, tenantId, "recent", { archivedAt: ago(10), employeeId });
    const held = await customerWithRecords(db, tenantId, "held", {
      archivedAt: ago(400),
      legalHoldAt: ago(1),
      employeeId,
    });
    const active = await customerWithRecords(db, tenantId, "active", { employeeId });
    const full = await recordsOf(db, tenantId, recent.customerId);
    expect(Object.values(full).every((n) => n >= 1)).toBe(true);
    await setPolicies(db, tenantId, ["archived_customers"]);
    const { files, removed } = recordingFiles();

    const first = await applyRetention(db, { tenantId, files, now: NOW, batchSize: 1 });
    expect(first.bySubject).toEqual({ archived_customers: 2 });
    for (const gone of [old, old2]) {
      const left = await recordsOf(db, tenantId, gone.customerId);
      expect(Object.values(left).every((n) => n === 0)).toBe(true);
    }
    for (const kept of [recent, held, active]) {
      expect(await recordsOf(db, tenantId, kept.customerId)).toEqual(full);
    }
    expect(removed.filter((k) => !k.endsWith(".preview")).sort()).toEqual([
      `${tenantId}/old-report`,
      `${tenantId}/old2-report`,
    ]);
    const leftover = await withTenant(db, tenantId, async (tx) => ({
      refs: (await tx.select().from(schema.externalReferences)).map((r) => r.externalId).sort(),
      portalUsers: (await tx.select().from(schema.portalUsers)).map((u) => u.name).sort(),
      invitations: (await tx.select().from(schema.portalInvitations)).length,
      occurrences: (await tx.select().from(schema.recurringOccurrences)).length,
      stops: (await tx.select().from(schema.routeStops)).length,
      audit: await tx.select().from(schema.auditLog).where(eq(schema.auditLog.action, "retention.applied")),
    }));
    expect(leftover.refs).toEqual(["c-active", "c-held", "c-recent", "t-active", "t-held", "t-recent"]);
    expect(leftover.portalUsers).toEqual(["active", "held", "recent"]);
    expect(leftover.invitations).toBe(3);
    expect(leftover.occurrences).toBe(3);
    expect(leftover.stops).toBe(3);
    expect(leftover.audit).toHaveLength(1);
    expect(leftover.audit[0]!.metadata).toMatchObject({
      subject: "archived_customers",
      deleted: 2,
      files: 2,
    });

    // Nothing older is left: a second run deletes nothing.
    const second = await applyRetention(db, { tenantId, files, now: NOW });
    expect(second.bySubject).toEqual({ archived_customers: 0 });
    expect(await recordsOf(db, tenantId, held.customerId)).toEqual(full);
  });

  it("applies timeline, mobile update and audit policies; inactive policies do nothing", async () => {
    const { db } = database;
    const { tenantId } = await tenantWithHistory(db);
    await setPolicies(db, tenantId, ["timeline_entries", "mobile_updates", "audit_log"]);
    await withTenant(db, tenantId, (tx) =>
      tx
        .insert(schema.retentionPolicies)
        .values({ tenantId, subject: "login_events", retainDays: 1, active: false }),
    );
    const totals = await applyRetention(db, { tenantId, now: NOW });
    expect(totals.bySubject).toEqual({ timeline_entries: 1, mobile_updates: 1, audit_log: 1 });
    const after = await countsOf(db, tenantId);
    expect(after).toMatchObject({ timeline: 3, mobile: 3, audit: 1, logins: 2 });
  });

  it("runs from the nightly schedule in-process: one run per tenant through the outbox", async () => {
    const { db } = database;
    const { tenantId } = await tenantWithHistory(db);
    await setPolicies(db, tenantId, ["visit_reports"]);
    const { files, removed } = recordingFiles();
    const jobs = createJobs({ db, config: { mode: "in-process" }, files });
    expect(jobs.scheduler.schedules.map((s) => s.fnId)).toEqual(
      expect.arrayContaining(["ordinavo-schedule-retention", "ordinavo-platform-housekeeping"]),
    );
    await jobs.scheduler.runAll();
    // Every tenant with an active policy (earlier tests' too) got its run.
    expect(await jobs.relay.drain()).toBeGreaterThanOrEqual(1);
    expect((await countsOf(db, tenantId)).reports).toEqual(["free new", "held new", "held old"]);
    expect(removed).toContain(`${tenantId}/free-old-report`);
    const [policy] = await withTenant(db, tenantId, (tx) => tx.select().from(schema.retentionPolicies));
    expect(policy!.lastDeletedCount).toBe(1);
    await jobs.scheduler.stop();
  });

  it("housekeeping removes stored files older than a day that no row names; keeps named and fresh ones", async () => {
    const { db } = database;
    const { tenantId } = await tenantWithHistory(db);
    const other = await tenantWithHistory(db);
    const [job] = await withTenant(db, other.tenantId, (tx) =>
      tx
        .insert(schema.importJobs)
        .values({
          tenantId: other.tenantId,
          sourceSystem: "erp",
          kind: "customers",
          fileKey: `${other.tenantId}/imports-upload`,
        })
        .returning(),
    );
    expect(job).toBeDefined();
    // A key that does not start with its tenant's id (demo files are stored under "demo/").
    await withTenant(db, other.tenantId, (tx) =>
      tx
        .update(schema.attachments)
        .set({ storageKey: `demo/${other.tenantId}-photo` })
        .where(eq(schema.attachments.storageKey, `${other.tenantId}/held-new-target`)),
    );
    // An in-memory store that lists like the real drivers (their listing is tested in @ordinavo/files).
    const stored = new Map<string, Date>();
    const files: SweepableFiles = {
      remove: async (key) => {
        stored.delete(key);
      },
      list: async function* ({ olderThan }) {
        for (const [key, modifiedAt] of [...stored]) if (modifiedAt < olderThan) yield { key, modifiedAt };
      },
    };
    const old = ago(2);
    const named = [
      `${tenantId}/free-new-report`,
      `${tenantId}/free-new-report.preview`,
      `${other.tenantId}/held-old-target`,
      `${other.tenantId}/imports-upload`,
      `demo/${other.tenantId}-photo`,
      `demo/${other.tenantId}-photo.preview`,
    ];
    for (const key of named) stored.set(key, old);
    stored.set(`${tenantId}/orphan`, old);
    stored.set(`${tenantId}/orphan.preview`, old);
    stored.set(`${other.tenantId}/orphan`, ago(3));
    stored.set(`${tenantId}/fresh-orphan`, new Date(NOW.getTime() - 3_600_000));

    const sweep = await sweepOrphanedFiles(db, files, { now: NOW, lookupBatch: 2 });
    expect(sweep).toEqual({ examined: 9, removed: 3, errors: 0 });
    expect([...stored.keys()].sort()).toEqual([...named, `${tenantId}/fresh-orphan`].sort());

    // Nothing orphaned and old is left; a store that cannot list is left alone.
    expect(await sweepOrphanedFiles(db, files, { now: NOW })).toMatchObject({ removed: 0 });
    expect(await sweepOrphanedFiles(db, { remove: async () => undefined }, { now: NOW })).toEqual({
      examined: 0,
      removed: 0,
      errors: 0,
    });
  });

  it("housekeeping removes spent sessions, tokens, invitations, old outbox rows and keys; keeps live ones", async () => {
    const { db } = database;
    const { tenantId, customers } = await tenantWithHistory(db);
    const tag = randomUUID().slice(0, 8);
    const [user] = await db
      .insert(schema.staffUsers)
      .values({ email: `hk-${tag}@example.test`, name: "Admin" })
      .returning();
    const userId = user!.id;
    const live = new Date(NOW.getTime() + DAY);
    await db.insert(schema.staffSessions).values([
      { id: `live-${tag}`, userId, expiresAt: live, absoluteExpiresAt: live },
      { id: `dead-${tag}`, userId, expiresAt: ago(1), absoluteExpiresAt: live },
    ]);
    await db.insert(schema.staffPasswordResets).values([
      { userId, tokenHash: `live-${tag}`, expiresAt: live },
      { userId, tokenHash: `used-${tag}`, expiresAt: live, usedAt: ago(0) },
      { userId, tokenHash: `dead-${tag}`, expiresAt: ago(1) },
    ]);
    const [portalUser] = await withTenant(db, tenantId, (tx) =>
      tx
        .insert(schema.portalUsers)
        .values({ tenantId, email: `p-${tag}@example.test`, name: "Contact" })
        .returning(),
    );
    await withTenant(db, tenantId, async (tx) => {
      await tx.insert(schema.portalSessions).values([
        { id: `plive-${tag}`, tenantId, userId: portalUser!.id, expiresAt: live, absoluteExpiresAt: live },
        { id: `pdead-${tag}`, tenantId, userId: portalUser!.id, expiresAt: live, absoluteExpiresAt: ago(1) },
      ]);
      await tx.insert(schema.outboxEvents).values([
        { tenantId, name: "x", payload: {}, status: "done", processedAt: ago(8) },
        { tenantId, name: "y", payload: {}, status: "done", processedAt: ago(1) },
        { tenantId, name: "z", payload: {}, status: "pending" },
      ]);
      await tx.insert(schema.staffInvitations).values([
        {
          tenantId,
          email: `i1-${tag}@example.test`,
          role: "employee",
          tokenHash: `i1-${tag}`,
          expiresAt: ago(8),
        },
        {
          tenantId,
          email: `i2-${tag}@example.test`,
          role: "employee",
          tokenHash: `i2-${tag}`,
          expiresAt: live,
        },
      ]);
    });
    void customers;

    const totals = await runHousekeeping(db, { now: NOW });
    expect(totals.staff_sessions).toBeGreaterThanOrEqual(1);
    expect(totals.portal_sessions).toBeGreaterThanOrEqual(1);
    expect(totals.staff_password_resets).toBeGreaterThanOrEqual(2);
    expect(totals.outbox_events).toBeGreaterThanOrEqual(1);
    expect(totals.staff_invitations).toBeGreaterThanOrEqual(1);

    const sessions = (await db.select().from(schema.staffSessions)).map((s) => s.id);
    expect(sessions).toContain(`live-${tag}`);
    expect(sessions).not.toContain(`dead-${tag}`);
    const resets = (await db.select().from(schema.staffPasswordResets)).map((r) => r.tokenHash);
    expect(resets).toContain(`live-${tag}`);
    expect(resets).not.toContain(`used-${tag}`);
    expect(resets).not.toContain(`dead-${tag}`);
    const left = await withTenant(db, tenantId, async (tx) => ({
      portal: (await tx.select().from(schema.portalSessions)).map((s) => s.id),
      outbox: (await tx.select().from(schema.outboxEvents)).map((o) => o.name).sort(),
      invitations: (await tx.select().from(schema.staffInvitations)).map((i) => i.tokenHash),
    }));
    expect(left).toEqual({ portal: [`plive-${tag}`], outbox: ["y", "z"], invitations: [`i2-${tag}`] });

    // Nothing spent is left: a second run removes nothing.
    const again = await runHousekeeping(db, { now: NOW });
    expect(Object.values(again).every((n) => n === 0)).toBe(true);
    void withSystem;
  });
});
