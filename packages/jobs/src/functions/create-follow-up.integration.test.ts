import { schema, withTenant } from "@ordinavo/db";
import { createTestDatabase, type TestDatabase, testEngines } from "@ordinavo/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFollowUpForReport } from "./create-follow-up";

// The follow-up function on its own: what the follow-up and its target carry, and that running it
// again — one after the other or two at once — makes no second follow-up or target.

type Db = TestDatabase["db"];

/** A visit whose target names a contact, and its report in `status`. */
async function reportOf(db: Db, slug: string, report: Partial<typeof schema.visitReports.$inferInsert>) {
  const [tenant] = await db.insert(schema.tenants).values({ slug, name: slug }).returning();
  const tenantId = tenant!.id;
  return withTenant(db, tenantId, async (tx) => {
    const [customer] = await tx
      .insert(schema.customers)
      .values({ tenantId, number: "C-1", name: "Acme" })
      .returning();
    const customerId = customer!.id;
    const [location] = await tx
      .insert(schema.locations)
      .values({ tenantId, customerId, name: "Depot", addressLine1: "1 rue A", city: "Lyon", country: "FR" })
      .returning();
    const [contact] = await tx
      .insert(schema.contactPersons)
      .values({ tenantId, customerId, locationId: location!.id, name: "Mme Roux" })
      .returning();
    const [target] = await tx
      .insert(schema.targets)
      .values({ tenantId, customerId, locationId: location!.id, contactId: contact!.id, title: "Pump check" })
      .returning();
    const [appointment] = await tx
      .insert(schema.appointments)
      .values({
        tenantId,
        targetId: target!.id,
        customerId,
        locationId: location!.id,
        plannedStart: new Date("2026-11-20T08:00:00Z"),
        plannedEnd: new Date("2026-11-20T09:00:00Z"),
      })
      .returning();
    const [row] = await tx
      .insert(schema.visitReports)
      .values({
        tenantId,
        appointmentId: appointment!.id,
        targetId: target!.id,
        customerId,
        locationId: location!.id,
        title: "Pump check",
        status: "approved",
        followUpRequired: true,
        followUpDetails: "Replace the seal",
        followUpDueDate: "2099-01-15",
        ...report,
      })
      .returning();
    return { tenantId, visitReportId: row!.id, customerId, locationId: location!.id, contactId: contact!.id };
  });
}

const rowsOf = (db: Db, tenantId: string) =>
  withTenant(db, tenantId, async (tx) => ({
    followUps: await tx.select().from(schema.followUps),
    targets: await tx.select().from(schema.targets).where(eq(schema.targets.source, "follow_up")),
  }));

/** What the run left for the history, the audit log and the webhooks (kind/action/event, object). */
const recordsOf = (db: Db, tenantId: string) =>
  withTenant(db, tenantId, async (tx) => ({
    timeline: (await tx.select().from(schema.timelineEntries))
      .map((e) => `${e.kind} ${e.objectId}${e.portalVisible ? " portal" : ""}`)
      .sort(),
    audit: (await tx.select().from(schema.auditLog)).map((a) => `${a.action} ${a.objectId}`).sort(),
    webhooks: (await tx.select().from(schema.outboxEvents))
      .map((o) => o.payload as { eventType: string; objectId: string })
      .map((p) => `${p.eventType} ${p.objectId}`)
      .sort(),
  }));

describe.each(testEngines())("the follow-up function on %s", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(() => database?.destroy());

  it("gives the target the visit's place, contact and the report's due date, linked both ways", async () => {
    const made = await reportOf(database.db, "context", {});
    const outcome = await createFollowUpForReport(database.db, made.tenantId, made.visitReportId);
    expect(outcome.created).toBe(true);
    const { followUps, targets } = await rowsOf(database.db, made.tenantId);
    expect(followUps).toEqual([
      expect.objectContaining({
        visitReportId: made.visitReportId,
        targetId: targets[0]!.id,
        status: "open",
        details: "Replace the seal",
        dueDate: "2099-01-15",
      }),
    ]);
    expect(targets[0]).toMatchObject({
      customerId: made.customerId,
      locationId: made.locationId,
      contactId: made.contactId,
      dueDate: "2099-01-15",
      title: "Follow-up: Pump check",
      description: "Replace the seal",
    });
    // Announced like any other write, in the same transaction.
    const followUpId = followUps[0]!.id;
    const targetId = targets[0]!.id;
    expect(await recordsOf(database.db, made.tenantId)).toEqual({
      timeline: [`follow_up_created ${followUpId} portal`, `target_created ${targetId}`],
      audit: [`follow_up.created ${followUpId}`, `target.created ${targetId}`],
      webhooks: [`follow_up.created ${followUpId}`, `target.created ${targetId}`],
    });
  });

  it("makes one follow-up and one target however often it runs", async () => {
    const made = await reportOf(database.db, "twice", {});
    const run = () => createFollowUpForReport(database.db, made.tenantId, made.visitReportId);
    // Two deliveries at once (two workers), then a late third.
    const outcomes = await Promise.all([run(), run()]);
    expect(outcomes.filter((o) => o.created)).toHaveLength(1);
    expect(await run()).toEqual({ created: false, reason: "exists" });
    const { followUps, targets } = await rowsOf(database.db, made.tenantId);
    expect(followUps).toHaveLength(1);
    expect(targets).toHaveLength(1);
    const records = await recordsOf(database.db, made.tenantId);
    expect([records.timeline.length, records.audit.length, records.webhooks.length]).toEqual([2, 2, 2]);
  });

  it("does nothing for reports not approved or not asking for a follow-up", async () => {
    const draft = await reportOf(database.db, "draft", { status: "submitted" });
    expect(await createFollowUpForReport(database.db, draft.tenantId, draft.visitReportId)).toEqual({
      created: false,
      reason: "not_approved",
    });
    const none = await reportOf(database.db, "none", { followUpRequired: false });
    expect(await createFollowUpForReport(database.db, none.tenantId, none.visitReportId)).toEqual({
      created: false,
      reason: "not_required",
    });
    for (const made of [draft, none]) {
      expect(await rowsOf(database.db, made.tenantId)).toEqual({ followUps: [], targets: [] });
      expect(await recordsOf(database.db, made.tenantId)).toEqual({ timeline: [], audit: [], webhooks: [] });
    }
  });
});
