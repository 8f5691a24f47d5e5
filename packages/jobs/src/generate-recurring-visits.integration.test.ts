import { randomUUID } from "node:crypto";
import { type Database, schema, withSystem, withTenant } from "@ordinavo/db";
import { createTestDatabase, type TestDatabase, testEngines } from "@ordinavo/db/testing";
import { eq } from "drizzle-orm";
import { cron, type Inngest } from "inngest";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { recurringPlanChanged } from "./events";
import { GENERATE_RECURRING_VISITS_CRON } from "./functions/generate-recurring-visits";
import { recordEvent } from "./outbox";
import type { RelayLog } from "./relay";
import { APP_ID, createJobs, nextDailyRun, parseDailyCron } from "./runtime";

/** A tenant with an employee, a customer, a location and a daily plan starting today. */
async function tenantWithPlan(db: Database) {
  const tag = randomUUID().slice(0, 8);
  const [tenant] = await db
    .insert(schema.tenants)
    .values({ slug: `r-${tag}`, name: `Tenant ${tag}` })
    .returning();
  const tenantId = tenant!.id;
  const [employee] = await db
    .insert(schema.staffUsers)
    .values({ email: `e-${tag}@example.test`, name: "Employee" })
    .returning();
  return withTenant(db, tenantId, async (tx) => {
    await tx.insert(schema.tenantSettings).values({ tenantId });
    await tx.insert(schema.tenantMemberships).values({ tenantId, userId: employee!.id, role: "employee" });
    const [customer] = await tx
      .insert(schema.customers)
      .values({ tenantId, number: `C-${tag}`, name: "Acme" })
      .returning();
    const [location] = await tx
      .insert(schema.locations)
      .values({
        tenantId,
        customerId: customer!.id,
        name: "Depot",
        addressLine1: "1 Rue de la Paix",
        city: "Paris",
        country: "FR",
      })
      .returning();
    const [plan] = await tx
      .insert(schema.recurringPlans)
      .values({
        tenantId,
        customerId: customer!.id,
        locationId: location!.id,
        title: "Daily round",
        rrule: "FREQ=DAILY",
        startsOn: new Date().toISOString().slice(0, 10),
        startTime: "09:00",
        timeZone: "Europe/Paris",
        durationMinutes: 30,
        defaultAssigneeId: employee!.id,
        horizonDays: 7,
      })
      .returning();
    return { tenantId, planId: plan!.id };
  });
}

async function visitsOf(db: Database, tenantId: string) {
  return withTenant(db, tenantId, async (tx) => ({
    occurrences: await tx.select().from(schema.recurringOccurrences),
    appointments: await tx.select().from(schema.appointments),
  }));
}

function recordingLog() {
  const entries: Array<{ level: "info" | "warn"; message: string; facts?: Record<string, unknown> }> = [];
  const log: RelayLog = {
    info: (message, facts) => entries.push({ level: "info", message, facts }),
    warn: (message, facts) => entries.push({ level: "warn", message, facts }),
  };
  return { log, entries, warnings: () => entries.filter((e) => e.level === "warn") };
}

describe.each(testEngines())("generate-recurring-visits on %s", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(() => database?.destroy());

  it("generates a changed plan from its outbox event, in-process, once", async () => {
    const { db } = database;
    const { tenantId, planId } = await tenantWithPlan(db);
    await withTenant(db, tenantId, (tx) => recordEvent(tx, recurringPlanChanged.name, { tenantId, planId }));
    const { log, warnings } = recordingLog();
    const jobs = createJobs({ db, config: { mode: "in-process" }, log });

    const drained = await jobs.relay.drain();
    const first = await visitsOf(db, tenantId);
    // Seven days of a daily 09:00 visit (eight if a clock change shortens a day in the window).
    expect(first.appointments.length).toBeGreaterThanOrEqual(7);
    expect(first.appointments).toHaveLength(first.occurrences.length);
    // The plan's event, then a webhook event per new target and appointment (source "job").
    expect(drained).toBe(1 + 2 * first.appointments.length);
    const outbox = await withSystem(db, (tx) =>
      tx.select().from(schema.outboxEvents).where(eq(schema.outboxEvents.tenantId, tenantId)),
    );
    const webhookEvents = outbox
      .filter((event) => event.name === "ordinavo/webhook.event_recorded")
      .map((event) => event.payload as { eventType: string; objectId: string; source: string });
    expect(
      webhookEvents
        .filter((e) => e.eventType === "appointment.planned")
        .map((e) => e.objectId)
        .sort(),
    ).toEqual(first.appointments.map((a) => a.id).sort());
    expect(webhookEvents.filter((e) => e.eventType === "target.created")).toHaveLength(
      first.appointments.length,
    );
    expect(new Set(webhookEvents.map((e) => e.source))).toEqual(new Set(["job"]));
    const row = outbox.find((event) => event.name === recurringPlanChanged.name);
    expect(row).toMatchObject({ status: "done", attempts: 1 });
    const [audit] = await withTenant(db, tenantId, (tx) =>
      tx.select().from(schema.auditLog).where(eq(schema.auditLog.objectId, planId)),
    );
    expect(audit).toMatchObject({ action: "recurring_plan.generated", actorType: "system" });

    // The same event handed over again creates nothing new.
    await withSystem(db, (tx) =>
      tx
        .update(schema.outboxEvents)
        .set({ status: "pending", nextAttemptAt: new Date(0) })
        .where(eq(schema.outboxEvents.id, row!.id)),
    );
    expect(await jobs.relay.drain()).toBe(1);
    expect((await visitsOf(db, tenantId)).appointments).toHaveLength(first.appointments.length);
    expect(warnings()).toEqual([]);
  });

  it("announces visits a plan's new time moved in place as appointment.moved, source job", async () => {
    const { db } = database;
    const { tenantId, planId } = await tenantWithPlan(db);
    const changed = () =>
      withTenant(db, tenantId, (tx) => recordEvent(tx, recurringPlanChanged.name, { tenantId, planId }));
    const jobs = createJobs({ db, config: { mode: "in-process" }, log: recordingLog().log });
    await changed();
    await jobs.relay.drain();
    const before = new Map(
      (await visitsOf(db, tenantId)).appointments.map((a) => [a.id, a.plannedStart.getTime()]),
    );
    await withTenant(db, tenantId, (tx) =>
      tx
        .update(schema.recurringPlans)
        .set({ startTime: "11:00" })
        .where(eq(schema.recurringPlans.id, planId)),
    );
    await changed();
    await jobs.relay.drain();
    const movedIds = (await visitsOf(db, tenantId)).appointments
      .filter((a) => before.has(a.id) && before.get(a.id) !== a.plannedStart.getTime())
      .map((a) => a.id)
      .sort();
    expect(movedIds.length).toBeGreaterThan(0);
    const moved = await withSystem(db, (tx) =>
      tx.select().from(schema.outboxEvents).where(eq(schema.outboxEvents.tenantId, tenantId)),
    ).then((rows) =>
      rows
        .map((row) => row.payload as { eventType?: string; objectId?: string; source?: string })
        .filter((payload) => payload.eventType === "appointment.moved"),
    );
    expect(moved.map((e) => e.objectId).sort()).toEqual(movedIds);
    expect(new Set(moved.map((e) => e.source))).toEqual(new Set(["job"]));
  });

  it("runs the daily cron path in-process for every tenant", async () => {
    const { db } = database;
    const a = await tenantWithPlan(db);
    const b = await tenantWithPlan(db);
    const { log, entries, warnings } = recordingLog();
    const jobs = createJobs({ db, config: { mode: "in-process" }, log });
    expect(jobs.scheduler.schedules).toContainEqual(
      expect.objectContaining({
        fnId: `${APP_ID}-generate-recurring-visits`,
        cron: GENERATE_RECURRING_VISITS_CRON,
      }),
    );

    await jobs.scheduler.runAll();
    expect(warnings()).toEqual([]);
    expect(entries).toContainEqual({
      level: "info",
      message: "Scheduled job ran",
      facts: { function: `${APP_ID}-generate-recurring-visits` },
    });
    const visitsA = await visitsOf(db, a.tenantId);
    const visitsB = await visitsOf(db, b.tenantId);
    expect(visitsA.appointments.length).toBeGreaterThanOrEqual(7);
    expect(visitsB.appointments.length).toBeGreaterThanOrEqual(7);

    // Again: nothing new anywhere.
    await jobs.scheduler.runAll();
    expect((await visitsOf(db, a.tenantId)).appointments).toHaveLength(visitsA.appointments.length);
    expect((await visitsOf(db, b.tenantId)).appointments).toHaveLength(visitsB.appointments.length);
  });

  it("runs cron functions shortly after start, then at their next daily time, until stopped", async () => {
    const { db } = database;
    const { tenantId } = await tenantWithPlan(db);
    const jobs = createJobs({ db, config: { mode: "in-process" }, scheduler: { catchUpDelayMs: 10 } });
    jobs.scheduler.start();
    try {
      await expect
        .poll(async () => (await visitsOf(db, tenantId)).appointments.length, { timeout: 20_000 })
        .toBeGreaterThanOrEqual(7);
      // After the catch-up run the next one is due at 02:30 UTC.
      await expect
        .poll(() => jobs.scheduler.schedules[0]?.next?.toISOString().slice(11), { timeout: 20_000 })
        .toBe("02:30:00.000Z");
      const next = jobs.scheduler.schedules[0]!.next!.getTime();
      expect(next).toBeGreaterThan(Date.now());
      expect(next - Date.now()).toBeLessThanOrEqual(86_400_000);
    } finally {
      await jobs.scheduler.stop();
    }
    expect(jobs.scheduler.schedules[0]!.next).toBeUndefined();
  });

  it("logs a failed cron run with the kind of problem only", async () => {
    const { db } = database;
    const { log, warnings } = recordingLog();
    const jobs = createJobs({
      db,
      config: { mode: "in-process" },
      log,
      extraFunctions: (inngest: Inngest.Any) => [
        inngest.createFunction(
          { id: "nightly-failure", retries: 0, triggers: [cron("TZ=UTC 0 4 * * *")] },
          () => {
            throw new Error("Acme Ltd, 1 Rue de la Paix");
          },
        ),
      ],
    });
    await jobs.scheduler.runAll();
    const failures = warnings().filter((w) => w.message === "Scheduled job failed");
    expect(failures).toHaveLength(1);
    expect(failures[0]!.facts).toEqual({
      function: `${APP_ID}-nightly-failure`,
      final: expect.any(Boolean),
      error: expect.any(String),
    });
    expect(JSON.stringify(warnings())).not.toContain("Acme");
  });
});

describe("in-process cron schedules", () => {
  const db = {} as Database; // never queried: these tests only build the runtime

  it("refuses at startup a schedule the in-process scheduler cannot run", () => {
    for (const schedule of ["*/5 * * * *", "TZ=Europe/Paris 30 2 * * *", "TZ=UTC 30 2 * * 1", "30 2 * * *"]) {
      expect(() =>
        createJobs({
          db,
          config: { mode: "in-process" },
          extraFunctions: (inngest: Inngest.Any) => [
            inngest.createFunction({ id: "odd-schedule", triggers: [cron(schedule)] }, () => "ok"),
          ],
        }),
      ).toThrow(/cannot run in-process: only daily schedules/);
    }
  });

  it("leaves cron functions to an Inngest server when there is one", async () => {
    const jobs = createJobs({
      db,
      config: { mode: "inngest", isDev: true, baseUrl: "http://127.0.0.1:1" },
    });
    expect(jobs.scheduler.schedules).toEqual([]);
    jobs.scheduler.start();
    await jobs.scheduler.stop();
  });

  it.each([
    ["TZ=UTC 30 2 * * *", { hour: 2, minute: 30 }],
    ["TZ=UTC 0 0 * * *", { hour: 0, minute: 0 }],
    ["  TZ=UTC 59 23 * * *  ", { hour: 23, minute: 59 }],
  ])("reads %j", (expression, schedule) => {
    expect(parseDailyCron(expression)).toEqual(schedule);
  });

  it.each(["TZ=UTC 60 2 * * *", "TZ=UTC 30 24 * * *", "TZ=UTC 30 2 1 * *", "@daily", ""])(
    "refuses %j",
    (expression) => {
      expect(() => parseDailyCron(expression)).toThrow(/cannot run in-process/);
    },
  );

  it.each([
    ["2026-03-02T01:00:00.000Z", "2026-03-02T02:30:00.000Z"],
    ["2026-03-02T02:29:59.999Z", "2026-03-02T02:30:00.000Z"],
    ["2026-03-02T02:30:00.000Z", "2026-03-03T02:30:00.000Z"],
    ["2026-03-02T23:00:00.000Z", "2026-03-03T02:30:00.000Z"],
    ["2026-12-31T12:00:00.000Z", "2027-01-01T02:30:00.000Z"],
  ])("after %s the 02:30 UTC run is next at %s", (after, next) => {
    expect(nextDailyRun({ hour: 2, minute: 30 }, new Date(after)).toISOString()).toBe(next);
  });

  it("does not let timers hold the process open", () => {
    const spy = vi.spyOn(globalThis, "setTimeout");
    const jobs = createJobs({ db, config: { mode: "in-process" }, scheduler: { catchUpDelayMs: 60_000 } });
    jobs.scheduler.start();
    const timer = spy.mock.results.at(-1)?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    spy.mockRestore();
    return jobs.scheduler.stop();
  });
});
