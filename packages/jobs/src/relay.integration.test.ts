import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { schema, withSystem, withTenant } from "@ordinavo/db";
import { createTestDatabase, type TestDatabase, testEngines } from "@ordinavo/db/testing";
import { eq, sql } from "drizzle-orm";
import { eventType, type Inngest, NonRetriableError } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { visitReportApproved, webhookEventRecorded } from "./events";
import { recordEvent } from "./outbox";
import { createOutboxRelay } from "./relay";
import { createJobs } from "./runtime";

/** A tenant with one approved visit report that asks for a follow-up. */
async function approvedReportNeedingFollowUp(db: TestDatabase["db"], slug: string) {
  const [tenant] = await db.insert(schema.tenants).values({ slug, name: slug }).returning();
  const tenantId = tenant!.id;
  return withTenant(db, tenantId, async (tx) => {
    const [customer] = await tx
      .insert(schema.customers)
      .values({ tenantId, number: "C-1", name: "Acme" })
      .returning();
    const [target] = await tx
      .insert(schema.targets)
      .values({ tenantId, customerId: customer!.id, title: "Boiler service" })
      .returning();
    const [appointment] = await tx
      .insert(schema.appointments)
      .values({
        tenantId,
        targetId: target!.id,
        customerId: customer!.id,
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
        customerId: customer!.id,
        title: "Boiler service",
        status: "approved",
        followUpRequired: true,
        followUpDetails: "Replace the pressure valve",
      })
      .returning();
    return { tenantId, visitReportId: report!.id };
  });
}

async function outboxRows(db: TestDatabase["db"]) {
  return withSystem(db, (tx) => tx.select().from(schema.outboxEvents));
}

/** The approval event of a tenant (the follow-up job records events of its own after it). */
async function approvalRow(db: TestDatabase["db"], tenantId: string) {
  return (await outboxRows(db)).find((r) => r.tenantId === tenantId && r.name === visitReportApproved.name);
}

/** One approval, plus the target.created and follow_up.created events its follow-up job records. */
const approvalAndItsFollowUpEvents = 3;

async function followUpsOf(db: TestDatabase["db"], tenantId: string) {
  return withTenant(db, tenantId, (tx) => tx.select().from(schema.followUps));
}

describe.each(testEngines())("outbox and jobs on %s", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(() => database?.destroy());

  it("runs the registered function in-process through the signed serve handler, once per event", async () => {
    const { db } = database;
    const { tenantId, visitReportId } = await approvedReportNeedingFollowUp(db, "in-process");
    await withTenant(db, tenantId, (tx) =>
      recordEvent(tx, visitReportApproved.name, { tenantId, visitReportId }),
    );

    const jobs = createJobs({ db, config: { mode: "in-process" } });
    expect(await jobs.relay.drain()).toBe(approvalAndItsFollowUpEvents);

    const [followUp] = await followUpsOf(db, tenantId);
    expect(followUp).toMatchObject({ visitReportId, details: "Replace the pressure valve" });
    const [target] = await withTenant(db, tenantId, (tx) =>
      tx.select().from(schema.targets).where(eq(schema.targets.id, followUp!.targetId!)),
    );
    expect(target).toMatchObject({ source: "follow_up", title: "Follow-up: Boiler service" });
    const row = await approvalRow(db, tenantId);
    expect(row).toMatchObject({ status: "done", attempts: 1 });
    const recorded = (await outboxRows(db)).filter((r) => r.tenantId === tenantId && r.id !== row!.id);
    expect(recorded.map((r) => [r.name, r.payload.eventType]).sort()).toEqual([
      [webhookEventRecorded.name, "follow_up.created"],
      [webhookEventRecorded.name, "target.created"],
    ]);

    // Handing the same event over again (a resend) creates nothing new.
    await withSystem(db, (tx) =>
      tx
        .update(schema.outboxEvents)
        .set({ status: "pending", nextAttemptAt: new Date(0) })
        .where(eq(schema.outboxEvents.id, row!.id)),
    );
    expect(await jobs.relay.drain()).toBe(1);
    expect(await followUpsOf(db, tenantId)).toHaveLength(1);
  });

  it("emits nothing for a write that rolls back", async () => {
    const { db } = database;
    const { tenantId, visitReportId } = await approvedReportNeedingFollowUp(db, "rolled-back");
    await expect(
      withTenant(db, tenantId, async (tx) => {
        await recordEvent(tx, visitReportApproved.name, { tenantId, visitReportId });
        throw new Error("the write failed after recording its event");
      }),
    ).rejects.toThrow("the write failed");
    expect((await outboxRows(db)).filter((r) => r.tenantId === tenantId)).toEqual([]);
  });

  it("refuses an event whose payload does not match its schema, in the writer's transaction", async () => {
    const { db } = database;
    const { tenantId } = await approvedReportNeedingFollowUp(db, "bad-payload");
    await expect(
      withTenant(db, tenantId, (tx) =>
        recordEvent(tx, visitReportApproved.name, { tenantId, visitReportId: "nope" } as never),
      ),
    ).rejects.toThrow();
    expect((await outboxRows(db)).filter((r) => r.tenantId === tenantId)).toEqual([]);
  });

  it("delivers an event whose process died between commit and hand-off", async () => {
    const { db } = database;
    const { tenantId, visitReportId } = await approvedReportNeedingFollowUp(db, "crash");
    await withTenant(db, tenantId, (tx) =>
      recordEvent(tx, visitReportApproved.name, { tenantId, visitReportId }),
    );

    // The first process claims the event, then dies before delivering it (its delivery never ends).
    const dying = createOutboxRelay({ db, deliver: () => new Promise<void>(() => {}), leaseSeconds: 1 });
    void dying.runOnce();
    await expect.poll(async () => (await approvalRow(db, tenantId))?.attempts).toBe(1);
    expect(await followUpsOf(db, tenantId)).toEqual([]);

    // A fresh process sees nothing due while the lease holds, then delivers once it has run out.
    const restarted = createJobs({ db, config: { mode: "in-process" } });
    expect(await restarted.relay.drain()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await restarted.relay.drain()).toBe(approvalAndItsFollowUpEvents);
    expect(await followUpsOf(db, tenantId)).toHaveLength(1);
    expect(await approvalRow(db, tenantId)).toMatchObject({
      status: "done",
      attempts: 2,
    });
  });

  it("retries a failing function with backoff and gives up on a final error", async () => {
    const { db } = database;
    const [tenant] = await db.insert(schema.tenants).values({ slug: "flaky", name: "flaky" }).returning();
    const tenantId = tenant!.id;
    const ping = eventType("ordinavo/visit_report.approved"); // reuse a known outbox event name
    let calls = 0;
    const jobs = createJobs({
      db,
      config: { mode: "in-process" },
      extraFunctions: (inngest: Inngest.Any) => [
        inngest.createFunction({ id: "flaky", triggers: [ping], retries: 0 }, async ({ event }) => {
          if (event.data.tenantId !== tenantId) return "ignored";
          calls += 1;
          if (event.data.visitReportId === "00000000-0000-4000-8000-000000000000")
            throw new NonRetriableError("bad report");
          if (calls === 1) throw new Error("temporary outage");
          return "ok";
        }),
      ],
    });
    const visitReportId = "11111111-1111-4111-8111-111111111111";
    await withTenant(db, tenantId, (tx) =>
      recordEvent(tx, visitReportApproved.name, { tenantId, visitReportId }),
    );
    await jobs.relay.drain();
    let row = (await outboxRows(db)).find((r) => r.tenantId === tenantId)!;
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row.lastError).toContain("temporary outage");
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 2000);

    await withSystem(db, (tx) =>
      tx
        .update(schema.outboxEvents)
        .set({ nextAttemptAt: sql`now()` })
        .where(eq(schema.outboxEvents.id, row.id)),
    );
    await jobs.relay.drain();
    row = (await outboxRows(db)).find((r) => r.id === row.id)!;
    expect(row).toMatchObject({ status: "done", attempts: 2 });

    await withTenant(db, tenantId, (tx) =>
      recordEvent(tx, visitReportApproved.name, {
        tenantId,
        visitReportId: "00000000-0000-4000-8000-000000000000",
      }),
    );
    await jobs.relay.drain();
    const failed = (await outboxRows(db)).filter((r) => r.tenantId === tenantId && r.status === "failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]!.lastError).toContain("bad report");
  });

  it("serves /api/inngest only to signed requests", async () => {
    const jobs = createJobs({ db: database.db, config: { mode: "in-process" } });
    const body = JSON.stringify({ event: { name: "x", data: {} }, steps: {}, ctx: { run_id: "r" } });
    const response = await jobs.handler(
      new Request("http://localhost/api/inngest?fnId=ordinavo-create-follow-up&stepId=step", {
        method: "POST",
        headers: { host: "localhost", "content-type": "application/json" },
        body,
      }),
    );
    expect(response.status).toBe(401);
  });

  it("hands events to an Inngest server with the outbox id as the event id", async () => {
    const { db } = database;
    const { tenantId, visitReportId } = await approvedReportNeedingFollowUp(db, "to-inngest");
    const received: Array<{ id: string; name: string; data: unknown }> = [];
    const server = createServer((req, res) => {
      let text = "";
      req.on("data", (chunk) => {
        text += chunk;
      });
      req.on("end", () => {
        if (req.method === "POST" && req.url?.startsWith("/e/test-event-key")) {
          const events = JSON.parse(text) as typeof received;
          received.push(...events);
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify({ ids: events.map((e) => e.id), status: 200 }));
        } else {
          res.writeHead(404).end();
        }
      });
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const port = (server.address() as AddressInfo).port;
    try {
      const jobs = createJobs({
        db,
        config: {
          mode: "inngest",
          isDev: false,
          baseUrl: `http://127.0.0.1:${port}`,
          eventKey: "test-event-key",
          signingKey: "signkey-test-0123456789abcdef",
        },
      });
      const eventId = await withTenant(db, tenantId, (tx) =>
        recordEvent(tx, visitReportApproved.name, { tenantId, visitReportId }),
      );
      expect(await jobs.relay.drain()).toBe(1);
      expect(received).toEqual([
        expect.objectContaining({
          id: eventId,
          name: visitReportApproved.name,
          data: { tenantId, visitReportId },
        }),
      ]);
      // The server runs the function later; nothing ran here.
      expect(await followUpsOf(db, tenantId)).toEqual([]);
    } finally {
      server.close();
    }
  });
});

describe("event payloads", () => {
  it("carry ids only", () => {
    const shape = Object.keys((visitReportApproved.schema as z.ZodObject).shape);
    expect(shape.sort()).toEqual(["tenantId", "visitReportId"]);
  });
});
