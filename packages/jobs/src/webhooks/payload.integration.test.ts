import { schema, withTenant } from "@ordinavo/db";
import { createTestDatabase, type TestDatabase, testEngines } from "@ordinavo/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareWebhookPayload, webhookGatesOf } from "./payload";

// What the payload builder puts in `data` for billing triggers (details only with the tenant's
// gate AND the subscription's choice) and portal requests (ids and state, never the contact's
// words or the office's message), with the gates read from the tenant's settings row.

type Db = TestDatabase["db"];

async function tenantWithTrigger(db: Db, slug: string, billingGate: boolean) {
  const [tenant] = await db.insert(schema.tenants).values({ slug, name: slug }).returning();
  const tenantId = tenant!.id;
  return withTenant(db, tenantId, async (tx) => {
    await tx.insert(schema.tenantSettings).values({ tenantId, webhookIncludeBilling: billingGate });
    const [customer] = await tx
      .insert(schema.customers)
      .values({ tenantId, number: "C-1", name: "Acme" })
      .returning();
    const customerId = customer!.id;
    const [location] = await tx
      .insert(schema.locations)
      .values({
        tenantId,
        customerId,
        name: "Plant",
        addressLine1: "1 rue Haute",
        city: "Lyon",
        country: "FR",
      })
      .returning();
    const [target] = await tx
      .insert(schema.targets)
      .values({ tenantId, customerId, title: "Pump check" })
      .returning();
    const [appointment] = await tx
      .insert(schema.appointments)
      .values({
        tenantId,
        targetId: target!.id,
        customerId,
        plannedStart: new Date("2026-11-20T08:00:00Z"),
        plannedEnd: new Date("2026-11-20T09:00:00Z"),
      })
      .returning();
    const [report] = await tx
      .insert(schema.visitReports)
      .values({
        tenantId,
        appointmentId: appointment!.id,
        targetId: target!.id,
        customerId,
        title: "Pump check",
        status: "approved",
        billable: true,
        billingNote: "Invoice 3 hours at the night rate",
      })
      .returning();
    const [trigger] = await tx
      .insert(schema.billingTriggers)
      .values({ tenantId, visitReportId: report!.id, customerId, note: "Invoice 3 hours at the night rate" })
      .returning();
    const [request] = await tx
      .insert(schema.portalRequests)
      .values({
        tenantId,
        customerId,
        locationId: location!.id,
        type: "support",
        title: "Leak in the cellar",
        description: "Water under the boiler since Monday",
        status: "declined",
        customerMessage: "We do not service boilers of this brand",
        reviewedAt: new Date("2026-11-21T10:00:00Z"),
      })
      .returning();
    return {
      tenantId,
      customerId,
      reportId: report!.id,
      triggerId: trigger!.id,
      requestId: request!.id,
      locationId: location!.id,
    };
  });
}

describe.each(testEngines())("webhook payloads on %s", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(() => database?.destroy());

  const payload = (tenantId: string, eventType: string, objectId: string) =>
    withTenant(database.db, tenantId, async (tx) =>
      prepareWebhookPayload(tx, {
        tenantId,
        eventType,
        objectId,
        source: "workspace",
        occurredAt: new Date(),
        gates: await webhookGatesOf(tx, tenantId),
      }),
    );

  it.each([
    [false, false, false],
    [false, true, false],
    [true, false, false],
    [true, true, true],
  ])("billing gate %s × subscription %s: details %s", async (gate, includeBilling, details) => {
    const made = await tenantWithTrigger(database.db, `billing-${gate}-${includeBilling}-${engine}`, gate);
    const envelope = (await payload(made.tenantId, "billing_trigger.created", made.triggerId))({
      includeContacts: false,
      includeBilling,
    });
    expect(envelope.type).toBe("billing_trigger.created");
    // The trigger goes out in every case, with its ids and status.
    expect(envelope.data).toMatchObject({
      id: made.triggerId,
      visitReportId: made.reportId,
      customerId: made.customerId,
      status: "pending",
    });
    if (details) {
      expect(envelope.data.note).toBe("Invoice 3 hours at the night rate");
    } else {
      expect(envelope.data).not.toHaveProperty("note");
      expect(JSON.stringify(envelope)).not.toContain("night rate");
    }
  });

  it("one event, two subscriptions: only the one that asked gets the details", async () => {
    const made = await tenantWithTrigger(database.db, `billing-two-${engine}`, true);
    const payloadFor = await payload(made.tenantId, "billing_trigger.created", made.triggerId);
    expect(payloadFor({ includeContacts: false, includeBilling: true }).data.note).toBeTruthy();
    expect(payloadFor({ includeContacts: false, includeBilling: false }).data).not.toHaveProperty("note");
    expect(payloadFor({ includeContacts: false }).data).not.toHaveProperty("note");
  });

  it("a visit report never carries its billing note, whatever the options", async () => {
    const made = await tenantWithTrigger(database.db, `report-${engine}`, true);
    const envelope = (await payload(made.tenantId, "visit_report.approved", made.reportId))({
      includeContacts: true,
      includeBilling: true,
    });
    expect(envelope.data).toMatchObject({ id: made.reportId, status: "approved" });
    expect(JSON.stringify(envelope)).not.toContain("night rate");
  });

  it("a portal request: ids, type, status and dates; none of the words", async () => {
    const made = await tenantWithTrigger(database.db, `request-${engine}`, true);
    const envelope = (await payload(made.tenantId, "portal_request.decided", made.requestId))({
      includeContacts: true,
      includeBilling: true,
    });
    expect(envelope.data).toEqual({
      id: made.requestId,
      customerId: made.customerId,
      locationId: made.locationId,
      type: "support",
      status: "declined",
      createdAt: expect.any(String),
      decidedAt: "2026-11-21T10:00:00.000Z",
      resultingTargetId: null,
    });
    const text = JSON.stringify(envelope);
    for (const words of ["Leak", "boiler", "brand"]) expect(text).not.toContain(words);
  });
});
