import { randomUUID } from "node:crypto";
import { type Database, PG_UNIQUE_VIOLATION, pgError, schema, withTenant } from "@ordinavo/db";
import { createTestDatabase, type TestDatabase, testEngines } from "@ordinavo/db/testing";
import { localDay, utcToZonedWallTime } from "@ordinavo/domain";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateAllRecurringVisits, generateRecurringVisits } from "./generate";

const { appointments, recurringOccurrences, recurringPlans, targets, auditLog, timelineEntries } = schema;

/** Monday 2 March 2026, 07:00 in Paris (winter time, UTC+1). Summer time starts on 29 March. */
const NOW = new Date("2026-03-02T06:00:00Z");
const DAY = 86_400_000;
const later = (days: number, from = NOW) => new Date(from.getTime() + days * DAY);

type PlanInsert = typeof recurringPlans.$inferInsert;

/** A tenant with settings, two employees, a customer, a location and one recurring plan. */
async function fixture(db: Database, plan: Partial<PlanInsert> = {}) {
  const tag = randomUUID().slice(0, 8);
  const [tenant] = await db
    .insert(schema.tenants)
    .values({ slug: `t-${tag}`, name: `Tenant ${tag}` })
    .returning();
  const tenantId = tenant!.id;
  const [anna, ben] = await db
    .insert(schema.staffUsers)
    .values([
      { email: `anna-${tag}@example.test`, name: "Anna" },
      { email: `ben-${tag}@example.test`, name: "Ben" },
    ])
    .returning();
  return withTenant(db, tenantId, async (tx) => {
    await tx.insert(schema.tenantSettings).values({ tenantId });
    await tx.insert(schema.tenantMemberships).values([
      { tenantId, userId: anna!.id, role: "employee" },
      { tenantId, userId: ben!.id, role: "employee" },
    ]);
    const [customer] = await tx
      .insert(schema.customers)
      .values({ tenantId, number: `C-${tag}`, name: "Acme" })
      .returning();
    const [location] = await tx
      .insert(schema.locations)
      .values({
        tenantId,
        customerId: customer!.id,
        name: "Head office",
        addressLine1: "1 Place Bellecour",
        city: "Lyon",
        country: "FR",
        defaultPriority: "high",
      })
      .returning();
    const [row] = await tx
      .insert(recurringPlans)
      .values({
        tenantId,
        customerId: customer!.id,
        locationId: location!.id,
        title: "Weekly boiler check",
        rrule: "FREQ=WEEKLY;BYDAY=MO",
        startsOn: "2026-02-02",
        startTime: "09:00",
        timeZone: "Europe/Paris",
        durationMinutes: 60,
        defaultAssigneeId: anna!.id,
        horizonDays: 28,
        ...plan,
      })
      .returning();
    return {
      tenantId,
      planId: row!.id,
      customerId: customer!.id,
      locationId: location!.id,
      anna: anna!.id,
      ben: ben!.id,
    };
  });
}

/** Occurrences of the plan with their appointments, oldest first. */
async function visitsOf(db: Database, tenantId: string, planId: string) {
  return withTenant(db, tenantId, (tx) =>
    tx
      .select({ occurrence: recurringOccurrences, appointment: appointments, target: targets })
      .from(recurringOccurrences)
      .leftJoin(appointments, eq(appointments.id, recurringOccurrences.appointmentId))
      .leftJoin(targets, eq(targets.id, recurringOccurrences.targetId))
      .where(eq(recurringOccurrences.planId, planId))
      .orderBy(asc(recurringOccurrences.occursAt)),
  );
}

async function countsOf(db: Database, tenantId: string) {
  return withTenant(db, tenantId, async (tx) => ({
    appointments: (await tx.select().from(appointments)).length,
    targets: (await tx.select().from(targets)).length,
    occurrences: (await tx.select().from(recurringOccurrences)).length,
  }));
}

async function auditOf(db: Database, tenantId: string) {
  return withTenant(db, tenantId, (tx) =>
    tx
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "recurring_plan.generated"))
      .orderBy(asc(auditLog.createdAt)),
  );
}

async function editPlan(db: Database, tenantId: string, planId: string, changes: Partial<PlanInsert>) {
  await withTenant(db, tenantId, async (tx) => {
    const [plan] = await tx.select().from(recurringPlans).where(eq(recurringPlans.id, planId));
    await tx
      .update(recurringPlans)
      .set({ ...changes, version: plan!.version + 1 })
      .where(eq(recurringPlans.id, planId));
  });
}

const iso = (values: Array<Date | null | undefined>) => values.map((v) => v?.toISOString());

/** How many occurrences each local day (Paris) of the plan has. */
async function perDay(db: Database, tenantId: string, planId: string) {
  const counts = new Map<string, number>();
  for (const { occurrence } of await visitsOf(db, tenantId, planId)) {
    const day = localDay(occurrence.occursAt, "Europe/Paris");
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  return counts;
}

describe.each(testEngines())("recurring visit generation on %s", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(() => database?.destroy());

  it("creates one target and one appointment per occurrence up to the horizon, then nothing", async () => {
    const { db } = database;
    const f = await fixture(db);

    const first = await generateRecurringVisits(db, { tenantId: f.tenantId, planId: f.planId, now: NOW });
    expect(first).toEqual({
      planId: f.planId,
      created: 4,
      updated: 0,
      removed: 0,
      kept: 0,
      generatedUntil: later(28),
    });
    const visits = await visitsOf(db, f.tenantId, f.planId);
    // 2, 9, 16 and 23 March at 09:00 Paris (UTC+1); 30 March at 09:00 is 07:00Z, past the horizon.
    expect(iso(visits.map((v) => v.occurrence.occursAt))).toEqual([
      "2026-03-02T08:00:00.000Z",
      "2026-03-09T08:00:00.000Z",
      "2026-03-16T08:00:00.000Z",
      "2026-03-23T08:00:00.000Z",
    ]);
    for (const { occurrence, appointment, target } of visits) {
      expect(occurrence).toMatchObject({
        planVersion: 1,
        touchedAt: null,
        skippedAt: null,
        occursOn: localDay(occurrence.occursAt, "Europe/Paris"),
      });
      expect(appointment).toMatchObject({
        recurringOccurrenceId: occurrence.id,
        customerId: f.customerId,
        locationId: f.locationId,
        assignedEmployeeId: f.anna,
        status: "scheduled",
        fixedTime: true,
        plannedStart: occurrence.occursAt,
        plannedEnd: new Date(occurrence.occursAt.getTime() + 3_600_000),
      });
      expect(target).toMatchObject({
        id: appointment!.targetId,
        source: "recurring",
        title: "Weekly boiler check",
        priority: "high",
        status: "planned",
        customerId: f.customerId,
        locationId: f.locationId,
        dueDate: occurrence.occursAt.toISOString().slice(0, 10),
      });
    }
    const [plan] = await withTenant(db, f.tenantId, (tx) =>
      tx.select().from(recurringPlans).where(eq(recurringPlans.id, f.planId)),
    );
    expect(plan!.generatedUntil).toEqual(later(28));

    const audit = await auditOf(db, f.tenantId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorType: "system",
      actorId: null,
      objectType: "recurring_plan",
      objectId: f.planId,
      metadata: { created: 4, updated: 0, removed: 0, kept: 0, planVersion: 1 },
    });
    const timeline = await withTenant(db, f.tenantId, (tx) => tx.select().from(timelineEntries));
    expect(timeline.filter((t) => t.kind === "appointment_planned" && t.portalVisible)).toHaveLength(4);
    expect(timeline.filter((t) => t.kind === "recurring_visit_generated" && !t.portalVisible)).toHaveLength(
      4,
    );

    // The same run again changes nothing and writes no audit entry.
    const second = await generateRecurringVisits(db, { tenantId: f.tenantId, planId: f.planId, now: NOW });
    expect(second).toMatchObject({ created: 0, updated: 0, removed: 0, kept: 0 });
    expect(await countsOf(db, f.tenantId)).toEqual({ appointments: 4, targets: 4, occurrences: 4 });
    expect(await auditOf(db, f.tenantId)).toHaveLength(1);

    // A week later the horizon moved on by one Monday; the past stays as it was.
    const nextWeek = await generateRecurringVisits(db, {
      tenantId: f.tenantId,
      planId: f.planId,
      now: later(7),
    });
    expect(nextWeek).toMatchObject({ created: 1, updated: 0, removed: 0 });
    const after = await visitsOf(db, f.tenantId, f.planId);
    expect(after.map((v) => v.appointment!.id).slice(0, 4)).toEqual(visits.map((v) => v.appointment!.id));
  });

  it("yields each occurrence once when two runs race", async () => {
    const { db } = database;
    const f = await fixture(db, { rrule: "FREQ=DAILY", horizonDays: 14 });
    const outcomes = await Promise.all([
      generateRecurringVisits(db, { tenantId: f.tenantId, planId: f.planId, now: NOW }),
      generateRecurringVisits(db, { tenantId: f.tenantId, planId: f.planId, now: NOW }),
      generateRecurringVisits(db, { tenantId: f.tenantId, planId: f.planId, now: NOW }),
    ]);
    const created = outcomes.map((o) => ("created" in o ? o.created : -1));
    expect(created.reduce((a, b) => a + b, 0)).toBe(14);
    expect(created.filter((c) => c === 0)).toHaveLength(2);
    expect(await countsOf(db, f.tenantId)).toEqual({ appointments: 14, targets: 14, occurrences: 14 });
    const visits = await visitsOf(db, f.tenantId, f.planId);
    expect(new Set(visits.map((v) => v.appointment?.id)).size).toBe(14);
  });

  it("keeps 09:00 local time across the change to summer time", async () => {
    const { db } = database;
    const f = await fixture(db, { horizonDays: 35 });
    await generateRecurringVisits(db, { tenantId: f.tenantId, planId: f.planId, now: NOW });
    const visits = await visitsOf(db, f.tenantId, f.planId);
    expect(iso(visits.map((v) => v.appointment!.plannedStart))).toEqual([
      "2026-03-02T08:00:00.000Z",
      "2026-03-09T08:00:00.000Z",
      "2026-03-16T08:00:00.000Z",
      "2026-03-23T08:00:00.000Z",
      "2026-03-30T07:00:00.000Z",
    ]);
    for (const v of visits) {
      expect(utcToZonedWallTime(v.appointment!.plannedStart, "Europe/Paris")).toMatchObject({
        hour: 9,
        minute: 0,
      });
    }
  });

  it("moves untouched future visits with a plan edit, keeps touched and past ones", async () => {
    const { db } = database;
    const f = await fixture(db);
    await generateRecurringVisits(db, { tenantId: f.tenantId, planId: f.planId, now: NOW });
    const before = await visitsOf(db, f.tenantId, f.planId);
    expect(before).toHaveLength(4);

    // A dispatcher moves the visit of 16 March to 11:00 and marks the occurrence touched.
    const touched = before[2]!;
    await withTenant(db, f.tenantId, async (tx) => {
      await tx
        .update(appointments)
        .set({
          plannedStart: new Date("2026-03-16T10:00:00Z"),
          plannedEnd: new Date("2026-03-16T11:00:00Z"),
          status: "confirmed",
        })
        .where(eq(appointments.id, touched.appointment!.id));
      await tx
        .update(recurringOccurrences)
        .set({ touchedAt: NOW })
        .where(eq(recurringOccurrences.id, touched.occurrence.id));
    });

    // Eight days later (10 March): 2 and 9 March are past. The plan moves to Tuesdays at 10:00, Ben.
    const editedAt = later(8);
    await editPlan(db, f.tenantId, f.planId, {
      rrule: "FREQ=WEEKLY;BYDAY=TU",
      startTime: "10:00",
      defaultAssigneeId: f.ben,
    });
    const outcome = await generateRecurringVisits(db, {
      tenantId: f.tenantId,
      planId: f.planId,
      now: editedAt,
    });
    // Window [10 March 06:00Z, 7 April 06:00Z). Removed: 23 March (untouched, future). Kept:
    // 16 March (touched). Created: Tuesdays 10, 17, 24 and 31 March at 10:00 (7 April 10:00 is
    // 08:00Z, past the horizon).
    expect(outcome).toMatchObject({ created: 4, updated: 0, removed: 1, kept: 1 });

    const after = await visitsOf(db, f.tenantId, f.planId);
    const byId = new Map(after.map((v) => [v.occurrence.id, v]));
    // Past visits are untouched by the edit.
    for (const past of before.slice(0, 2)) {
      expect(byId.get(past.occurrence.id)).toEqual(past);
    }
    // The touched one is exactly as the dispatcher left it.
    expect(byId.get(touched.occurrence.id)!.appointment).toMatchObject({
      id: touched.appointment!.id,
      plannedStart: new Date("2026-03-16T10:00:00Z"),
      status: "confirmed",
      assignedEmployeeId: f.anna,
    });
    expect(byId.get(touched.occurrence.id)!.occurrence.planVersion).toBe(1);
    // 23 March is gone, with its appointment and target.
    const gone = before[3]!;
    expect(byId.has(gone.occurrence.id)).toBe(false);
    const leftovers = await withTenant(db, f.tenantId, async (tx) => ({
      appointment: await tx.select().from(appointments).where(eq(appointments.id, gone.appointment!.id)),
      target: await tx.select().from(targets).where(eq(targets.id, gone.target!.id)),
      timeline: await tx
        .select()
        .from(timelineEntries)
        .where(eq(timelineEntries.objectId, gone.appointment!.id)),
    }));
    expect(leftovers).toEqual({ appointment: [], target: [], timeline: [] });
    // The new ones follow version 2 of the plan.
    const fresh = after.filter((v) => v.occurrence.planVersion === 2);
    expect(iso(fresh.map((v) => v.appointment!.plannedStart))).toEqual([
      "2026-03-10T09:00:00.000Z",
      "2026-03-17T09:00:00.000Z",
      "2026-03-24T09:00:00.000Z",
      "2026-03-31T08:00:00.000Z",
    ]);
    for (const v of fresh) expect(v.appointment!.assignedEmployeeId).toBe(f.ben);

    const audit = await auditOf(db, f.tenantId);
    expect(audit.at(-1)!.metadata).toEqual({ created: 4, updated: 0, removed: 1, kept: 1, planVersion: 2 });
  });

  it("moves untouched visits in place when the start time changes; a day a person touched gets nothing new", async () => {
    const { db } = database;
    const f = await fixture(db, { horizonDays: 35 });
    await generateRecurringVisits(db, { tenantId: f.tenantId, planId: f.planId, now: NOW });
    const before = await visitsOf(db, f.tenantId, f.planId);
    // Mondays 2, 9, 16, 23 March at 09:00 (08:00Z) and 30 March at 09:00 summer time (07:00Z).
    expect(before).toHaveLength(5);
    const [monday2, monday9, monday16, monday23, monday30] = before;

    await withTenant(db, f.tenantId, async (tx) => {
      // 9 March: a dispatcher gave the visit to Ben (touched, still at 09:00).
      await tx
        .update(appointments)
        .set({ assignedEmployeeId: f.ben })
        .where(eq(appointments.id, monday9!.appointment!.id));
      await tx
        .update(recurringOccurrences)
        .set({ touchedAt: NOW })
        .where(eq(recurringOccurrences.id, monday9!.occurrence.id));
      // 16 March: a person cancelled the visit (the status alone tells).
      await tx
        .update(appointments)
        .set({ status: "cancelled" })
        .where(eq(appointments.id, monday16!.appointment!.id));
      // 23 March: a person removed the appointment altogether.
      await tx
        .update(recurringOccurrences)
        .set({ appointmentId: null })
        .where(eq(recurringOccurrences.id, monday23!.occurrence.id));
      await tx.delete(appointments).where(eq(appointments.id, monday23!.appointment!.id));
    });

    await editPlan(db, f.tenantId, f.planId, { startTime: "09:30" });
    const outcome = await generateRecurringVisits(db, { tenantId: f.tenantId, planId: f.planId, now: NOW });
    expect(outcome).toMatchObject({ created: 0, updated: 2, removed: 0, kept: 3 });

    const after = await visitsOf(db, f.tenantId, f.planId);
    // Still the same five occurrences, one per Monday.
    expect(after.map((v) => v.occurrence.id).sort()).toEqual(before.map((v) => v.occurrence.id).sort());
    expect([...(await perDay(db, f.tenantId, f.planId)).values()]).toEqual([1, 1, 1, 1, 1]);
    expect(await countsOf(db, f.tenantId)).toEqual({ appointments: 4, targets: 5, occurrences: 5 });
    const byId = new Map(after.map((v) => [v.occurrence.id, v]));

    // The untouched ones moved to 09:30 local, in place: same occurrence, appointment and target.
    for (const [v, start] of [
      [monday2!, "2026-03-02T08:30:00.000Z"],
      [monday30!, "2026-03-30T07:30:00.000Z"], // summer time
    ] as const) {
      const moved = byId.get(v.occurrence.id)!;
      expect(moved.occurrence).toMatchObject({ occursAt: new Date(start), planVersion: 2, touchedAt: null });
      expect(moved.appointment).toMatchObject({
        id: v.appointment!.id,
        targetId: v.target!.id,
        status: "scheduled",
        plannedStart: new Date(start),
        plannedEnd: new Date(new Date(start).getTime() + 3_600_000),
        assignedEmployeeId: f.anna,
      });
      expect(moved.target!.dueDate).toBe(v.target!.dueDate);
      expect(utcToZonedWallTime(moved.appointment!.plannedStart, "Europe/Paris")).toMatchObject({
        hour: 9,
        minute: 30,
      });
    }
    // The touched, the cancelled and the removed one are exactly as people left them.
    expect(byId.get(monday9!.occurrence.id)!.occurrence).toMatchObject({
      occursAt: new Date("2026-03-09T08:00:00Z"),
      planVersion: 1,
    });
    expect(byId.get(monday9!.occurrence.id)!.appointment).toMatchObject({
      id: monday9!.appointment!.id,
      plannedStart: new Date("2026-03-09T08:00:00Z"),
      assignedEmployeeId: f.ben,
    });
    expect(byId.get(monday16!.occurrence.id)!.appointment).toMatchObject({
      id: monday16!.appointment!.id,
      status: "cancelled",
      plannedStart: new Date("2026-03-16T08:00:00Z"),
    });
    expect(byId.get(monday23!.occurrence.id)).toMatchObject({
      occurrence: { appointmentId: null, planVersion: 1 },
      appointment: null,
    });
    // Moving in place writes no new timeline entries: still two per generated appointment.
    const timeline = await withTenant(db, f.tenantId, (tx) => tx.select().from(timelineEntries));
    expect(timeline.filter((t) => t.kind === "recurring_visit_generated")).toHaveLength(5);

    // A second run changes nothing and writes no audit entry.
    const audits = (await auditOf(db, f.tenantId)).length;
    expect(
      await generateRecurringVisits(db, { tenantId: f.tenantId, planId: f.planId, now: NOW }),
    ).toMatchObject({ created: 0, updated: 0, removed: 0, kept: 3 });
    expect(await visitsOf(db, f.tenantId, f.planId)).toEqual(after);
    expect(await auditOf(db, f.tenantId)).toHaveLength(audits);
  });

  it("gives a day whose visit has passed no second visit, and plans nothing into the past", async () => {
    const { db } = database;
    const f = await fixture(db);
    await generateRecurringVisits(db, { tenantId: f.tenantId, planId: f.planId, now: NOW });
    const before = await visitsOf(db, f.tenantId, f.planId);

    // 2 March at 09:15 Paris: today's 09:00 visit is past when the plan moves to 09:30.
    const quarterPast = new Date("2026-03-02T08:15:00Z");
    await editPlan(db, f.tenantId, f.planId, { startTime: "09:30" });
    expect(
      await generateRecurringVisits(db, { tenantId: f.tenantId, planId: f.planId, now: quarterPast }),
    ).toMatchObject({
      created: 1, // 30 March at 09:30 summer time (07:30Z), inside the moved horizon
      updated: 3, // 9, 16 and 23 March
      removed: 0,
      kept: 0,
    });
    let after = await visitsOf(db, f.tenantId, f.planId);
    expect(after[0]).toEqual(before[0]);
    expect(iso(after.map((v) => v.appointment!.plannedStart))).toEqual([
      "2026-03-02T08:00:00.000Z",
      "2026-03-09T08:30:00.000Z",
      "2026-03-16T08:30:00.000Z",
      "2026-03-23T08:30:00.000Z",
      "2026-03-30T07:30:00.000Z",
    ]);
    expect(after.slice(1, 4).map((v) => v.appointment!.id)).toEqual(
      before.slice(1, 4).map((v) => v.appointment!.id),
    );

    // 9 March at 09:15: the plan moves back to 09:00, already past today. Today's untouched
    // 09:30 visit stays where it is; the later ones move; 6 April at 09:00 is new.
    const nextQuarterPast = new Date("2026-03-09T08:15:00Z");
    await editPlan(db, f.tenantId, f.planId, { startTime: "09:00" });
    expect(
      await generateRecurringVisits(db, { tenantId: f.tenantId, planId: f.planId, now: nextQuarterPast }),
    ).toMatchObject({ created: 1, updated: 3, removed: 0, kept: 1 });
    after = await visitsOf(db, f.tenantId, f.planId);
    expect(iso(after.map((v) => v.appointment!.plannedStart))).toEqual([
      "2026-03-02T08:00:00.000Z",
      "2026-03-09T08:30:00.000Z",
      "2026-03-16T08:00:00.000Z",
      "2026-03-23T08:00:00.000Z",
      "2026-03-30T07:00:00.000Z",
      "2026-04-06T07:00:00.000Z",
    ]);
    expect(iso(after.map((v) => v.occurrence.occursAt))).toEqual(
      iso(after.map((v) => v.appointment!.plannedStart)),
    );
  });

  it("moves a visit near the horizon rather than removing and recreating it", async () => {
    const { db } = database;
    // 06:30 Paris: 30 March (summer time) is 04:30Z, just inside the horizon (30 March 06:00Z);
    // 2 March at 06:30 (05:30Z) has passed already.
    const f = await fixture(db, { startTime: "06:30" });
    await generateRecurringVisits(db, { tenantId: f.tenantId, planId: f.planId, now: NOW });
    const before = await visitsOf(db, f.tenantId, f.planId);
    expect(before).toHaveLength(4);

    // At 08:00 the visit of 30 March (06:00Z) would start at the horizon itself; 2 March at
    // 08:00 (07:00Z) is still ahead and has no visit yet.
    await editPlan(db, f.tenantId, f.planId, { startTime: "08:00" });
    expect(
      await generateRecurringVisits(db, { tenantId: f.tenantId, planId: f.planId, now: NOW }),
    ).toMatchObject({ created: 1, updated: 4, removed: 0, kept: 0 });
    const after = await visitsOf(db, f.tenantId, f.planId);
    expect(after.slice(1).map((v) => v.appointment!.id)).toEqual(before.map((v) => v.appointment!.id));
    expect(iso([after[0]!.appointment!.plannedStart, after.at(-1)!.appointment!.plannedStart])).toEqual([
      "2026-03-02T07:00:00.000Z",
      "2026-03-30T06:00:00.000Z",
    ]);
    // The next run leaves it there: the horizon did not get shorter.
    expect(
      await generateRecurringVisits(db, { tenantId: f.tenantId, planId: f.planId, now: NOW }),
    ).toMatchObject({ created: 0, updated: 0, removed: 0 });
    expect((await visitsOf(db, f.tenantId, f.planId)).map((v) => v.appointment!.id)).toEqual(
      after.map((v) => v.appointment!.id),
    );
  });

  it("removes untouched visits past a horizon that got shorter, and keeps touched ones", async () => {
    const { db } = database;
    const f = await fixture(db, { horizonDays: 35 });
    await generateRecurringVisits(db, { tenantId: f.tenantId, planId: f.planId, now: NOW });
    const before = await visitsOf(db, f.tenantId, f.planId);
    // Mondays 2 March to 30 March (5 visits); a person changes the last one.
    expect(before).toHaveLength(5);
    await withTenant(db, f.tenantId, (tx) =>
      tx
        .update(recurringOccurrences)
        .set({ touchedAt: NOW })
        .where(eq(recurringOccurrences.id, before.at(-1)!.occurrence.id)),
    );
    await editPlan(db, f.tenantId, f.planId, { horizonDays: 14 });
    expect(
      await generateRecurringVisits(db, { tenantId: f.tenantId, planId: f.planId, now: NOW }),
    ).toMatchObject({ created: 0, removed: 2, kept: 1 });
    const after = await visitsOf(db, f.tenantId, f.planId);
    // 2 and 9 March stay (inside 14 days), 16 and 23 March go, the touched 30 March stays.
    expect(after.map((v) => v.occurrence.id)).toEqual([
      before[0]!.occurrence.id,
      before[1]!.occurrence.id,
      before[4]!.occurrence.id,
    ]);
  });

  it("yields one visit per day when runs race after a start time change", async () => {
    const { db } = database;
    const f = await fixture(db, { rrule: "FREQ=DAILY", horizonDays: 14 });
    await generateRecurringVisits(db, { tenantId: f.tenantId, planId: f.planId, now: NOW });
    const before = await visitsOf(db, f.tenantId, f.planId);
    await editPlan(db, f.tenantId, f.planId, { startTime: "09:30" });
    const outcomes = await Promise.all(
      [0, 1, 2].map(() => generateRecurringVisits(db, { tenantId: f.tenantId, planId: f.planId, now: NOW })),
    );
    const counts = outcomes.map((o) => ("updated" in o ? [o.created, o.updated, o.removed] : []));
    expect(counts.map((c) => c.join()).sort()).toEqual(["0,0,0", "0,0,0", "0,14,0"]);
    expect(await countsOf(db, f.tenantId)).toEqual({ appointments: 14, targets: 14, occurrences: 14 });
    expect([...(await perDay(db, f.tenantId, f.planId)).values()]).toEqual(Array(14).fill(1));
    const after = await visitsOf(db, f.tenantId, f.planId);
    expect(after.map((v) => v.appointment!.id)).toEqual(before.map((v) => v.appointment!.id));
    for (const v of after) {
      expect(utcToZonedWallTime(v.appointment!.plannedStart, "Europe/Paris")).toMatchObject({
        hour: 9,
        minute: 30,
      });
    }
  });

  it("keeps one visit per day when the plan's time zone changes", async () => {
    const { db } = database;
    // 06:30 Paris is 05:30Z: the evening before in Los Angeles. The horizon ends on 29 March.
    const f = await fixture(db, { startTime: "06:30", horizonDays: 27 });
    await generateRecurringVisits(db, { tenantId: f.tenantId, planId: f.planId, now: NOW });
    const before = await visitsOf(db, f.tenantId, f.planId);
    // 2 March at 06:30 (05:30Z) has passed; 9, 16 and 23 March.
    expect(before.map((v) => v.occurrence.occursOn)).toEqual(["2026-03-09", "2026-03-16", "2026-03-23"]);
    const [monday9, monday16, monday23] = before;
    // A dispatcher confirmed the visit of 9 March: it stays, at 06:30 Paris.
    await withTenant(db, f.tenantId, async (tx) => {
      await tx
        .update(appointments)
        .set({ status: "confirmed" })
        .where(eq(appointments.id, monday9!.appointment!.id));
      await tx
        .update(recurringOccurrences)
        .set({ touchedAt: NOW })
        .where(eq(recurringOccurrences.id, monday9!.occurrence.id));
    });

    // The site is really in Los Angeles (summer time there from 8 March: 06:30 is 13:30Z). Read in
    // the new zone, 9 March 05:30Z is Sunday 8 March: matching by that day would leave Monday
    // 9 March free and plan a second visit on it.
    await editPlan(db, f.tenantId, f.planId, { timeZone: "America/Los_Angeles" });
    expect(
      await generateRecurringVisits(db, { tenantId: f.tenantId, planId: f.planId, now: NOW }),
    ).toMatchObject({
      created: 1, // 2 March at 06:30 Los Angeles (14:30Z), still ahead
      updated: 2, // 16 and 23 March, in place
      removed: 0,
      kept: 1, // 9 March
    });
    const after = await visitsOf(db, f.tenantId, f.planId);
    expect(after.map((v) => v.occurrence.occursOn).sort()).toEqual([
      "2026-03-02",
      "2026-03-09",
      "2026-03-16",
      "2026-03-23",
    ]);
    expect(await countsOf(db, f.tenantId)).toEqual({ appointments: 4, targets: 4, occurrences: 4 });
    const byId = new Map(after.map((v) => [v.occurrence.id, v]));
    expect(byId.get(monday9!.occurrence.id)!.appointment).toMatchObject({
      id: monday9!.appointment!.id,
      status: "confirmed",
      plannedStart: new Date("2026-03-09T05:30:00Z"),
    });
    for (const [v, day] of [
      [monday16!, "2026-03-16"],
      [monday23!, "2026-03-23"],
    ] as const) {
      const moved = byId.get(v.occurrence.id)!;
      const start = new Date(`${day}T13:30:00Z`);
      expect(moved.occurrence).toMatchObject({ occursOn: day, occursAt: start, planVersion: 2 });
      expect(moved.appointment).toMatchObject({ id: v.appointment!.id, plannedStart: start });
      expect(localDay(start, "America/Los_Angeles")).toBe(day);
    }
    const monday2 = after.find((v) => v.occurrence.occursOn === "2026-03-02")!;
    expect(monday2.appointment!.plannedStart).toEqual(new Date("2026-03-02T14:30:00Z"));
    expect(monday2.target!.dueDate).toBe("2026-03-02");

    // Running again finds every day in place.
    expect(
      await generateRecurringVisits(db, { tenantId: f.tenantId, planId: f.planId, now: NOW }),
    ).toMatchObject({ created: 0, updated: 0, removed: 0, kept: 1 });
  });

  it("refuses a second occurrence of a plan on the same local day", async () => {
    const { db } = database;
    const f = await fixture(db);
    await generateRecurringVisits(db, { tenantId: f.tenantId, planId: f.planId, now: NOW });
    const [, monday9] = await visitsOf(db, f.tenantId, f.planId);
    expect(monday9!.occurrence).toMatchObject({
      occursOn: "2026-03-09",
      occursAt: new Date("2026-03-09T08:00:00Z"),
    });
    // Another start on the same day (09:30), as an older generator left it after a time change.
    const error = await withTenant(db, f.tenantId, (tx) =>
      tx.insert(recurringOccurrences).values({
        tenantId: f.tenantId,
        planId: f.planId,
        occursAt: new Date("2026-03-09T08:30:00Z"),
        occursOn: "2026-03-09",
        planVersion: 2,
      }),
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(pgError(error)).toMatchObject({
      code: PG_UNIQUE_VIOLATION,
      constraint: "recurring_occurrences_day_key",
    });
    // The next day is a different day.
    await withTenant(db, f.tenantId, (tx) =>
      tx.insert(recurringOccurrences).values({
        tenantId: f.tenantId,
        planId: f.planId,
        occursAt: new Date("2026-03-10T08:30:00Z"),
        occursOn: "2026-03-10",
        planVersion: 2,
      }),
    );
    expect([...(await perDay(db, f.tenantId, f.planId)).values()]).toEqual([1, 1, 1, 1, 1]);
  });

  it("updates untouched future visits in place when only duration, assignee or title change", async () => {
    const { db } = database;
    const f = await fixture(db);
    await generateRecurringVisits(db, { tenantId: f.tenantId, planId: f.planId, now: NOW });
    const before = await visitsOf(db, f.tenantId, f.planId);

    await editPlan(db, f.tenantId, f.planId, {
      durationMinutes: 90,
      defaultAssigneeId: f.ben,
      title: "Boiler check and clean",
    });
    const editedAt = later(1); // 3 March: the visit of 2 March is past.
    const outcome = await generateRecurringVisits(db, {
      tenantId: f.tenantId,
      planId: f.planId,
      now: editedAt,
    });
    // 9, 16, 23 March updated in place; 30 March (07:00Z, before 31 March 06:00Z) created.
    expect(outcome).toMatchObject({ created: 1, updated: 3, removed: 0, kept: 0 });

    const after = await visitsOf(db, f.tenantId, f.planId);
    expect(after[0]).toEqual(before[0]);
    for (const [index, v] of after.slice(1).entries()) {
      if (index < 3) expect(v.appointment!.id).toBe(before[index + 1]!.appointment!.id);
      expect(v.occurrence.planVersion).toBe(2);
      expect(v.appointment!.assignedEmployeeId).toBe(f.ben);
      expect(v.appointment!.plannedEnd.getTime() - v.appointment!.plannedStart.getTime()).toBe(90 * 60_000);
      expect(v.target!.title).toBe("Boiler check and clean");
    }
    // Running again finds everything current.
    expect(
      await generateRecurringVisits(db, { tenantId: f.tenantId, planId: f.planId, now: editedAt }),
    ).toMatchObject({ created: 0, updated: 0, removed: 0 });
  });

  it("removes untouched future visits of a deactivated plan and keeps touched, skipped and past ones", async () => {
    const { db } = database;
    const f = await fixture(db);
    await generateRecurringVisits(db, { tenantId: f.tenantId, planId: f.planId, now: NOW });
    const before = await visitsOf(db, f.tenantId, f.planId);
    await withTenant(db, f.tenantId, async (tx) => {
      await tx
        .update(recurringOccurrences)
        .set({ touchedAt: NOW })
        .where(eq(recurringOccurrences.id, before[2]!.occurrence.id));
      await tx
        .update(recurringOccurrences)
        .set({ skippedAt: NOW })
        .where(eq(recurringOccurrences.id, before[3]!.occurrence.id));
    });
    await editPlan(db, f.tenantId, f.planId, { active: false });

    const outcome = await generateRecurringVisits(db, {
      tenantId: f.tenantId,
      planId: f.planId,
      now: later(1),
    });
    expect(outcome).toEqual({
      planId: f.planId,
      created: 0,
      updated: 0,
      removed: 1, // 9 March
      kept: 2, // 16 March (touched), 23 March (skipped)
      generatedUntil: null,
    });
    const after = await visitsOf(db, f.tenantId, f.planId);
    expect(after.map((v) => v.occurrence.id)).toEqual([
      before[0]!.occurrence.id,
      before[2]!.occurrence.id,
      before[3]!.occurrence.id,
    ]);
    expect(await countsOf(db, f.tenantId)).toEqual({ appointments: 3, targets: 3, occurrences: 3 });
    expect((await auditOf(db, f.tenantId)).at(-1)!.metadata).toMatchObject({ removed: 1, kept: 2 });
    // A further run has nothing left to do.
    expect(
      await generateRecurringVisits(db, { tenantId: f.tenantId, planId: f.planId, now: later(1) }),
    ).toMatchObject({ created: 0, updated: 0, removed: 0, kept: 2 });
  });

  it("does not find another tenant's plan, nor a missing one, and skips a stored invalid rule", async () => {
    const { db } = database;
    const a = await fixture(db);
    const b = await fixture(db, { rrule: "FREQ=HOURLY" });
    expect(await generateRecurringVisits(db, { tenantId: b.tenantId, planId: a.planId, now: NOW })).toEqual({
      planId: a.planId,
      skipped: "not_found",
    });
    const missing = randomUUID();
    expect(await generateRecurringVisits(db, { tenantId: a.tenantId, planId: missing, now: NOW })).toEqual({
      planId: missing,
      skipped: "not_found",
    });
    expect(await generateRecurringVisits(db, { tenantId: b.tenantId, planId: b.planId, now: NOW })).toEqual({
      planId: b.planId,
      skipped: "invalid_rule",
    });
    expect(await countsOf(db, a.tenantId)).toEqual({ appointments: 0, targets: 0, occurrences: 0 });
    expect(await countsOf(db, b.tenantId)).toEqual({ appointments: 0, targets: 0, occurrences: 0 });
  });

  it("generates every active plan of every tenant that is not archived", async () => {
    // A database of its own, so other tests' tenants do not count.
    const own = await createTestDatabase(engine);
    try {
      const one = await fixture(own.db);
      const two = await fixture(own.db, { rrule: "FREQ=WEEKLY;BYDAY=MO,TH" });
      const inactive = await fixture(own.db, { active: false });
      const archived = await fixture(own.db);
      await own.db
        .update(schema.tenants)
        .set({ archivedAt: NOW })
        .where(eq(schema.tenants.id, archived.tenantId));

      const totals = await generateAllRecurringVisits(own.db, { now: NOW });
      expect(totals).toEqual({
        tenants: 3,
        plans: 2,
        created: 4 + 8,
        updated: 0,
        removed: 0,
        kept: 0,
        failedPlanIds: [],
        invalidPlanIds: [],
      });
      expect((await countsOf(own.db, one.tenantId)).appointments).toBe(4);
      expect((await countsOf(own.db, two.tenantId)).appointments).toBe(8);
      expect((await countsOf(own.db, inactive.tenantId)).appointments).toBe(0);
      expect((await countsOf(own.db, archived.tenantId)).appointments).toBe(0);

      // A plan deactivated after generating is still visited once, to clean up its future.
      await editPlan(own.db, one.tenantId, one.planId, { active: false });
      const again = await generateAllRecurringVisits(own.db, { now: NOW });
      expect(again).toMatchObject({ plans: 2, created: 0, removed: 4 });
      const third = await generateAllRecurringVisits(own.db, { now: NOW });
      expect(third).toMatchObject({ plans: 1, created: 0, removed: 0 });
    } finally {
      await own.destroy();
    }
  });
});
