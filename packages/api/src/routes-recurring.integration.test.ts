import { rowsOf, schema, withTenant } from "@ordinavo/db";
import { testEngines } from "@ordinavo/db/testing";
import { buildCustomer, buildLocation, buildVisit, type StaffIds } from "@ordinavo/demo";
import { estimateTravel, generateRecurringVisits, type TravelSettings } from "@ordinavo/planning";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, buildWorkspace, fieldErrorsOf, openApiHarness, refusal } from "./test-support";

// Routes (an employee's day) and recurring plans. The tenant has one member of each role, two
// employees (Lucas Moreau, Camille Girard) and city travel settings (road factor 1.3, 24 km/h);
// route days lie in February 2027, for a customer made by the test (Lucas also has visits just
// before and after the first one, elsewhere). A second tenant has an admin and an employee.
// Recurring plans lie in 2030 because two of their procedures read the real clock (the preview
// starts today at the earliest, a plan's detail lists occurrences from a week ago on).

/** A local Paris time in winter (UTC+1) as an instant. */
const paris = (day: string, time: string) => new Date(`${day}T${time}:00+01:00`);
const MINUTE = 60_000;

/** Four sites on one east–west line across Lyon, 0.04° of longitude apart (about 3 km). */
const SITES = [
  { key: "A", longitude: 4.8 },
  { key: "B", longitude: 4.84 },
  { key: "C", longitude: 4.88 },
  { key: "D", longitude: 4.92 },
] as const;
const LATITUDE = 45.75;
type SiteKey = (typeof SITES)[number]["key"];

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

describe.each(testEngines())("routes and recurring plans on %s", (engine) => {
  let h: ApiHarness;
  let tenantId: string;
  let lucas: string;
  let camille: string;
  let staffOf: Record<"admin" | "manager" | "dispatcher" | "lucas" | "camille", StaffIds>;
  let otherTenant: Record<"admin" | "employee", StaffIds>;
  let customer: { id: string; name: string };
  /** The open target at each site (targets can carry several appointments). */
  const targetAt = new Map<SiteKey, string>();

  const db = () => h.db;
  const appointmentRow = (id: string) =>
    withTenant(db(), tenantId, async (tx) => {
      const [row] = await tx.select().from(schema.appointments).where(eq(schema.appointments.id, id));
      return row;
    });
  const auditOf = (objectId: string) =>
    withTenant(db(), tenantId, (tx) =>
      tx
        .select()
        .from(schema.auditLog)
        .where(eq(schema.auditLog.objectId, objectId))
        .orderBy(schema.auditLog.createdAt),
    );

  /**
   * Four one-hour appointments of one employee on one day, at 08:00, 10:00, 12:00 and 14:00 in the
   * given (deliberately bad) order of sites. Returns their ids by site.
   */
  async function buildDay(day: string, employeeId: string, order: SiteKey[], fixed: SiteKey[] = []) {
    const dispatcher = await h.staff(staffOf.dispatcher.email);
    const ids = new Map<SiteKey, string>();
    for (const [index, key] of order.entries()) {
      const start = paris(day, `${String(8 + 2 * index).padStart(2, "0")}:00`);
      const result = await dispatcher.appointments.create({
        targetId: targetAt.get(key)!,
        plannedStart: start,
        plannedEnd: new Date(start.getTime() + 60 * MINUTE),
        assignedEmployeeId: employeeId,
        fixedTime: fixed.includes(key),
      });
      expect(result.conflicts).toEqual([]);
      ids.set(key, result.appointment!.id);
    }
    return ids;
  }
  const siteOf = (ids: Map<SiteKey, string>, appointmentId: string) =>
    [...ids].find(([, id]) => id === appointmentId)![0];

  beforeAll(async () => {
    h = await openApiHarness(engine);
    const ours = await buildWorkspace(
      h.db,
      {
        admin: "tenant_admin",
        manager: "manager",
        dispatcher: "dispatcher",
        lucas: { role: "employee", name: "Lucas Moreau" },
        camille: { role: "employee", name: "Camille Girard" },
      },
      { routeRoadFactor: 1.3, routeAverageSpeedKmh: 24 },
    );
    tenantId = ours.tenantId;
    staffOf = ours.staff;
    lucas = staffOf.lucas.userId;
    camille = staffOf.camille.userId;
    otherTenant = (await buildWorkspace(h.db, { admin: "tenant_admin", employee: "employee" })).staff;
    const admin = await h.staff(staffOf.admin.email);
    // Lucas's visits the evening before and the morning after the first route day, elsewhere.
    const neighbour = await buildCustomer(h.db, { tenantId, name: "Maison Voisine" });
    const { locationId } = await buildLocation(h.db, { tenantId, customerId: neighbour.customerId });
    for (const [start, end] of [
      [paris("2027-02-06", "22:00"), paris("2027-02-06", "23:00")],
      [paris("2027-02-08", "07:00"), paris("2027-02-08", "08:00")],
    ]) {
      await buildVisit(h.db, {
        tenantId,
        customerId: neighbour.customerId,
        locationId,
        assignedEmployeeId: lucas,
        plannedStart: start,
        plannedEnd: end,
      });
    }
    const created = await admin.customers.create({ number: "R-0001", name: "Copropriété Route Test" });
    customer = { id: created.id, name: created.name };
    for (const site of SITES) {
      const location = await admin.locations.create({
        customerId: customer.id,
        name: `Site ${site.key}`,
        addressLine1: `${site.key} quai du Rhône`,
        city: "Lyon",
        country: "FR",
        latitude: LATITUDE,
        longitude: site.longitude,
      });
      const target = await admin.targets.create({
        customerId: customer.id,
        locationId: location.id,
        title: `Check site ${site.key}`,
      });
      targetAt.set(site.key, target.id);
    }
  }, 180_000);
  afterAll(() => h?.destroy());

  describe("routes", () => {
    /** Travel minutes between two sites with the tenant's settings. */
    const minutesBetween = (settings: TravelSettings, from: SiteKey, to: SiteKey) =>
      estimateTravel(
        { latitude: LATITUDE, longitude: SITES.find((s) => s.key === from)!.longitude },
        { latitude: LATITUDE, longitude: SITES.find((s) => s.key === to)!.longitude },
        settings,
      )!.minutes;
    const travelOf = (settings: TravelSettings, order: SiteKey[]) =>
      order.slice(1).reduce((sum, key, i) => sum + minutesBetween(settings, order[i]!, key), 0);

    it("shows an employee's day as stops with travel legs and totals", async () => {
      const dispatcher = await h.staff(staffOf.dispatcher.email);
      const day = "2027-02-07";
      const ids = await buildDay(day, lucas, ["B", "D", "A", "C"]);
      const route = await dispatcher.routes.day({ employeeId: lucas, day });
      expect(route.employee).toEqual({ id: lucas, name: "Lucas Moreau" });
      expect(route.optimisedAt).toBeNull();
      expect(route.can).toMatchObject({ edit: true });
      expect(route.stops.map((s) => siteOf(ids, s.appointmentId))).toEqual(["B", "D", "A", "C"]);
      const { settings } = route;
      expect(route.stops.map((s) => s.travelMinutes)).toEqual([
        null,
        minutesBetween(settings, "B", "D"),
        minutesBetween(settings, "D", "A"),
        minutesBetween(settings, "A", "C"),
      ]);
      expect(route.stops[0]).toMatchObject({
        targetTitle: "Check site B",
        customerName: customer.name,
        locationName: "Site B",
        address: "B quai du Rhône, Lyon",
        hasCoordinates: true,
        latitude: LATITUDE,
        longitude: 4.84,
        workMinutes: 60,
        keepsSlot: false,
        travelKm: null,
      });
      // D→A is three spacings, B→D and A→C two each: legs grow with distance.
      const [, bd, da, ac] = route.stops.map((s) => s.travelKm ?? 0);
      expect(da!).toBeGreaterThan(bd!);
      expect(Math.abs(bd! - ac!)).toBeLessThanOrEqual(0.1);
      expect(route.totals).toMatchObject({
        workMinutes: 240,
        travelMinutes: travelOf(settings, ["B", "D", "A", "C"]),
        unknownTravelLegs: 0,
        lateStops: 0,
      });
      expect(route.totals.travelKm).toBeCloseTo(bd! + da! + ac!, 0);
      expect(route.totals.travelMinutes).toBeGreaterThan(0);
    });

    it("optimises to the geometric best order and moves the flexible visits", async () => {
      const dispatcher = await h.staff(staffOf.dispatcher.email);
      const day = "2027-02-07";
      const before = await dispatcher.routes.day({ employeeId: lucas, day });
      const ids = new Map(before.stops.map((s) => [s.locationName!.slice(-1) as SiteKey, s.appointmentId]));
      const { settings } = before;
      const best = Math.min(
        ...permutations(SITES.map((s) => s.key)).map((order) => travelOf(settings, order)),
      );

      const result = await dispatcher.routes.optimise({ employeeId: lucas, day });
      expect(result.before).toEqual(before.totals);
      expect(result.route.totals.travelMinutes).toBeLessThanOrEqual(result.before.travelMinutes);
      expect(result.route.totals.travelMinutes).toBe(best);
      expect(best).toBeLessThan(result.before.travelMinutes);
      const order = result.route.stops.map((s) => siteOf(ids, s.appointmentId)).join("");
      expect(["ABCD", "DCBA"]).toContain(order);
      expect(result.route.optimisedAt).toBeInstanceOf(Date);

      // The day starts when it started before (08:00); each visit follows the last one's travel.
      let ready = paris(day, "08:00").getTime();
      for (const stop of result.route.stops) {
        const start = ready + (stop.travelMinutes ?? 0) * MINUTE;
        expect(stop.plannedStart.getTime()).toBe(start);
        expect(stop.plannedEnd.getTime()).toBe(start + 60 * MINUTE);
        expect(stop.waitMinutes).toBe(0);
        const row = await appointmentRow(stop.appointmentId);
        expect(row!.plannedStart.getTime()).toBe(start);
        ready = start + 60 * MINUTE;
      }
      // The saved order is what routes.day shows from now on.
      const reloaded = await dispatcher.routes.day({ employeeId: lucas, day });
      expect(reloaded.stops.map((s) => s.appointmentId)).toEqual(
        result.route.stops.map((s) => s.appointmentId),
      );
      expect(reloaded.totals.travelMinutes).toBe(best);

      const routeRows = await withTenant(db(), tenantId, (tx) =>
        tx
          .select()
          .from(schema.routes)
          .where(and(eq(schema.routes.employeeId, lucas), eq(schema.routes.day, day))),
      );
      expect(routeRows).toHaveLength(1);
      const entries = await auditOf(routeRows[0]!.id);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        action: "route.optimised",
        objectType: "route",
        changedFields: ["stops"],
        metadata: { stops: 4, travelMinutes: best },
      });
      expect(entries[0]!.metadata.moved).toBeGreaterThan(0);
    });

    it("keeps a fixed-time visit at its time when optimising", async () => {
      const dispatcher = await h.staff(staffOf.dispatcher.email);
      const day = "2027-02-14";
      const ids = await buildDay(day, lucas, ["B", "D", "A", "C"], ["A"]);
      const before = await dispatcher.routes.day({ employeeId: lucas, day });
      expect(before.stops.find((s) => s.appointmentId === ids.get("A"))).toMatchObject({
        fixedTime: true,
        keepsSlot: true,
      });

      const result = await dispatcher.routes.optimise({ employeeId: lucas, day });
      expect(result.route.totals.travelMinutes).toBeLessThanOrEqual(result.before.travelMinutes);
      expect(result.route.totals.lateStops).toBe(0);
      const fixed = result.route.stops.find((s) => s.appointmentId === ids.get("A"))!;
      expect(fixed.plannedStart).toEqual(paris(day, "12:00"));
      expect(fixed.keepsSlot).toBe(true);
      expect((await appointmentRow(ids.get("A")!))!.plannedStart).toEqual(paris(day, "12:00"));
      // Every flexible visit was re-timed along the new order: none overlaps the next one.
      const stops = result.route.stops;
      for (let i = 1; i < stops.length; i++) {
        expect(stops[i]!.plannedStart.getTime()).toBeGreaterThanOrEqual(stops[i - 1]!.plannedEnd.getTime());
      }
    });

    it("refuses a reorder that is not the day's stops, and saves one that is", async () => {
      const dispatcher = await h.staff(staffOf.dispatcher.email);
      const day = "2027-02-21";
      const ids = await buildDay(day, lucas, ["B", "D", "A", "C"]);
      await dispatcher.appointments.changeStatus({ appointmentId: ids.get("C")!, status: "confirmed" });
      const elsewhere = (await dispatcher.routes.day({ employeeId: lucas, day: "2027-02-07" })).stops[0]!
        .appointmentId;
      const id = (key: SiteKey) => ids.get(key)!;
      const times = async () =>
        Promise.all(
          [...ids.values()].map(async (a) => (await appointmentRow(a))!.plannedStart.toISOString()),
        );
      const routeCount = async () =>
        withTenant(db(), tenantId, async (tx) => {
          const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(schema.routes);
          return row!.n;
        });
      const timesBefore = await times();
      const routesBefore = await routeCount();

      for (const appointmentIds of [
        [id("A"), id("B"), id("C")],
        [id("A"), id("B"), id("C"), id("D"), elsewhere],
        [id("A"), id("B"), id("C"), id("C")],
        [id("A"), id("B"), id("C"), elsewhere],
      ]) {
        const errors = await fieldErrorsOf(
          dispatcher.routes.reorder({ employeeId: lucas, day, appointmentIds }),
        );
        expect(Object.keys(errors)).toEqual(["appointmentIds"]);
      }
      expect(await times()).toEqual(timesBefore);
      expect(await routeCount()).toBe(routesBefore);
      expect(
        (await dispatcher.routes.day({ employeeId: lucas, day })).stops.map((s) => s.appointmentId),
      ).toEqual([id("B"), id("D"), id("A"), id("C")]);

      const route = await dispatcher.routes.reorder({
        employeeId: lucas,
        day,
        appointmentIds: [id("A"), id("B"), id("C"), id("D")],
      });
      expect(route.stops.map((s) => s.appointmentId)).toEqual([id("A"), id("B"), id("C"), id("D")]);
      expect(route.optimisedAt).toBeNull();
      const settings = route.settings;
      const leg = minutesBetween(settings, "A", "B");
      const expected = [0, 1, 2, 3].map((i) => paris(day, "08:00").getTime() + i * (60 + leg) * MINUTE);
      expect(route.stops.map((s) => s.plannedStart.getTime())).toEqual(expected);
      expect(route.totals.travelMinutes).toBe(travelOf(settings, ["A", "B", "C", "D"]));
      for (const [i, key] of (["A", "B", "C", "D"] as const).entries()) {
        expect((await appointmentRow(id(key)))!.plannedStart.getTime()).toBe(expected[i]);
      }
      // C moved, so its confirmation lapsed.
      expect((await appointmentRow(id("C")))!.status).toBe("scheduled");
      // Connected systems hear of each visit the new order moved (from the workspace), of no other.
      const movedEvents = (appointmentId: string) =>
        withTenant(db(), tenantId, async (tx) => {
          const [row] = await tx
            .select({ n: sql<number>`count(*)::int` })
            .from(schema.outboxEvents)
            .where(
              and(
                sql`${schema.outboxEvents.payload}->>'eventType' = 'appointment.moved'`,
                sql`${schema.outboxEvents.payload}->>'source' = 'workspace'`,
                sql`${schema.outboxEvents.payload}->>'objectId' = ${appointmentId}`,
              ),
            );
          return row!.n;
        });
      const startedAt = new Map([...ids.values()].map((a, i) => [a, timesBefore[i]]));
      for (const [i, key] of (["A", "B", "C", "D"] as const).entries()) {
        const moved = startedAt.get(id(key)) !== new Date(expected[i]!).toISOString();
        expect(await movedEvents(id(key)), key).toBe(moved ? 1 : 0);
      }
      expect(await movedEvents(id("C"))).toBe(1);
      const reloaded = await dispatcher.routes.day({ employeeId: lucas, day });
      expect(reloaded.stops.map((s) => s.appointmentId)).toEqual([id("A"), id("B"), id("C"), id("D")]);
      const [routeRow] = await withTenant(db(), tenantId, (tx) =>
        tx
          .select()
          .from(schema.routes)
          .where(and(eq(schema.routes.employeeId, lucas), eq(schema.routes.day, day))),
      );
      expect((await auditOf(routeRow!.id)).map((e) => e.action)).toEqual(["route.reordered"]);
    });

    it("refuses to optimise an empty day", async () => {
      const dispatcher = await h.staff(staffOf.dispatcher.email);
      const errors = await fieldErrorsOf(
        dispatcher.routes.optimise({ employeeId: lucas, day: "2027-02-28" }),
      );
      expect(Object.keys(errors)).toEqual(["day"]);
    });

    it("shows an employee their own route only and lets them change none", async () => {
      const employee = await h.staff(staffOf.lucas.email);
      const dispatcher = await h.staff(staffOf.dispatcher.email);
      const day = "2027-02-07";
      const own = await employee.routes.day({ employeeId: lucas, day });
      expect(own.stops).toHaveLength(4);
      expect(own.can).toMatchObject({ edit: false });
      await buildDay(day, camille, ["A"]);
      expect((await dispatcher.routes.day({ employeeId: camille, day })).stops).toHaveLength(1);
      expect(await refusal(employee.routes.day({ employeeId: camille, day }))).toBe("NOT_FOUND");
      const appointmentIds = [...own.stops].reverse().map((s) => s.appointmentId);
      expect(await refusal(employee.routes.reorder({ employeeId: lucas, day, appointmentIds }))).toBe(
        "FORBIDDEN",
      );
      expect(await refusal(employee.routes.optimise({ employeeId: lucas, day }))).toBe("FORBIDDEN");
      expect(
        (await employee.routes.day({ employeeId: lucas, day })).stops.map((s) => s.appointmentId),
      ).toEqual(own.stops.map((s) => s.appointmentId));

      const manager = await h.staff(staffOf.manager.email);
      expect((await manager.routes.day({ employeeId: lucas, day })).can).toMatchObject({ edit: false });
      expect(await refusal(manager.routes.reorder({ employeeId: lucas, day, appointmentIds }))).toBe(
        "FORBIDDEN",
      );
      expect(await refusal(manager.routes.optimise({ employeeId: lucas, day }))).toBe("FORBIDDEN");

      const northwind = await h.staff(otherTenant.admin.email);
      expect(await refusal(northwind.routes.day({ employeeId: lucas, day }))).toBe("NOT_FOUND");
      expect(await refusal(northwind.routes.optimise({ employeeId: lucas, day }))).toBe("NOT_FOUND");
      expect(
        await refusal(dispatcher.routes.day({ employeeId: "00000000-0000-4000-8000-000000000000", day })),
      ).toBe("NOT_FOUND");
    });
  });

  describe("recurring plans", () => {
    let site: { id: string };
    let otherSite: { id: string };

    const planCount = () =>
      withTenant(db(), tenantId, async (tx) => {
        const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(schema.recurringPlans);
        return row!.n;
      });
    const eventCount = () =>
      withTenant(db(), tenantId, async (tx) => {
        const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(schema.outboxEvents);
        return row!.n;
      });
    const eventsFor = (planId: string) =>
      withTenant(db(), tenantId, (tx) =>
        tx
          .select()
          .from(schema.outboxEvents)
          .where(sql`${schema.outboxEvents.payload}->>'planId' = ${planId}`)
          .orderBy(schema.outboxEvents.sequence),
      );
    const boilerPlan = () => ({
      customerId: customer.id,
      locationId: site.id,
      title: "Weekly boiler check",
      rrule: "FREQ=WEEKLY;BYDAY=MO",
      startsOn: "2030-02-04",
      startTime: "09:00",
      timeZone: "Europe/Paris",
      durationMinutes: 60,
      defaultAssigneeId: camille,
      horizonDays: 28,
    });

    beforeAll(async () => {
      const admin = await h.staff(staffOf.admin.email);
      site = await admin.locations.create({
        customerId: customer.id,
        name: "Boiler room",
        addressLine1: "1 quai du Rhône",
        city: "Lyon",
        country: "FR",
      });
      const other = await admin.customers.create({ number: "R-0002", name: "Other Recurring Customer" });
      otherSite = await admin.locations.create({
        customerId: other.id,
        name: "Not ours",
        addressLine1: "2 rue X",
        city: "Lyon",
        country: "FR",
      });
    });

    it("creates a plan and records its generation request in the same transaction", async () => {
      const dispatcher = await h.staff(staffOf.dispatcher.email);
      const { id } = await dispatcher.recurring.create(boilerPlan());
      const events = await eventsFor(id);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        name: "ordinavo/recurring_plan.changed",
        tenantId,
        status: "pending",
        payload: { tenantId, planId: id },
      });
      expect(Object.keys(events[0]!.payload).sort()).toEqual(["planId", "tenantId"]);
      // Same transaction: the plan row, its audit entry and the event carry the same xmin.
      const [ids] = await withTenant(db(), tenantId, async (tx) =>
        rowsOf<{ plan: string; event: string; audit: string }>(
          await tx.execute(sql`select
            (select xmin::text from recurring_plans where id = ${id}) as plan,
            (select xmin::text from outbox_events where payload->>'planId' = ${id}) as event,
            (select xmin::text from audit_log where object_id = ${id}) as audit`),
        ),
      );
      expect(ids!.plan).toBeTruthy();
      expect(ids!.event).toBe(ids!.plan);
      expect(ids!.audit).toBe(ids!.plan);

      const { plan, occurrences, can } = await dispatcher.recurring.get({ recurringPlanId: id });
      expect(plan).toMatchObject({
        title: "Weekly boiler check",
        customerName: customer.name,
        locationName: "Boiler room",
        rrule: "FREQ=WEEKLY;BYDAY=MO",
        description: "Every week on Monday",
        defaultAssigneeName: "Camille Girard",
        version: 1,
        active: true,
        generatedUntil: null,
        archivedAt: null,
      });
      expect(occurrences).toEqual([]);
      expect(can).toMatchObject({ edit: true });
      const [entry] = await auditOf(id);
      expect(entry).toMatchObject({ action: "recurring_plan.created", objectType: "recurring_plan" });
      expect(entry!.changedFields).toEqual(expect.arrayContaining(["title", "rrule", "startsOn"]));
      expect(JSON.stringify(entry)).not.toContain("boiler");
    });

    it("refuses bad rules and places field by field, writing neither plan nor event", async () => {
      const dispatcher = await h.staff(staffOf.dispatcher.email);
      const plans = await planCount();
      const events = await eventCount();
      for (const rrule of ["FREQ=HOURLY", "nonsense", "FREQ=WEEKLY;BYDAY=XX"]) {
        const errors = await fieldErrorsOf(dispatcher.recurring.create({ ...boilerPlan(), rrule }));
        expect(Object.keys(errors), rrule).toEqual(["rrule"]);
      }
      const elsewhere = await fieldErrorsOf(
        dispatcher.recurring.create({ ...boilerPlan(), locationId: otherSite.id }),
      );
      expect(elsewhere).toEqual({ locationId: ["Choose one of this customer's locations"] });
      const northwindEmployee = otherTenant.employee.userId;
      const outsider = await fieldErrorsOf(
        dispatcher.recurring.create({ ...boilerPlan(), defaultAssigneeId: northwindEmployee }),
      );
      expect(Object.keys(outsider)).toEqual(["defaultAssigneeId"]);
      expect(await planCount()).toBe(plans);
      expect(await eventCount()).toBe(events);
    });

    it("lets dispatchers and admins write plans, managers read them, employees neither", async () => {
      const manager = await h.staff(staffOf.manager.email);
      const employee = await h.staff(staffOf.lucas.email);
      const northwind = await h.staff(otherTenant.admin.email);
      const admin = await h.staff(staffOf.admin.email);
      const plans = await planCount();
      expect(await refusal(manager.recurring.create(boilerPlan()))).toBe("FORBIDDEN");
      expect(await refusal(employee.recurring.create(boilerPlan()))).toBe("FORBIDDEN");
      expect(await planCount()).toBe(plans);

      const { id } = await admin.recurring.create({ ...boilerPlan(), title: "Monthly roof check" });
      expect((await manager.recurring.list({ customerId: customer.id })).map((p) => p.id)).toContain(id);
      const asManager = await manager.recurring.get({ recurringPlanId: id });
      expect(asManager.can).toMatchObject({ edit: false });
      expect(await refusal(manager.recurring.update({ recurringPlanId: id, title: "No" }))).toBe("FORBIDDEN");
      expect(await refusal(manager.recurring.setArchived({ recurringPlanId: id, archived: true }))).toBe(
        "FORBIDDEN",
      );

      expect(await refusal(employee.recurring.list({}))).toBe("FORBIDDEN");
      expect(await refusal(employee.recurring.get({ recurringPlanId: id }))).toBe("FORBIDDEN");
      expect(
        await refusal(
          employee.recurring.preview({
            rrule: "FREQ=DAILY",
            startsOn: "2030-01-07",
            startTime: "09:00",
            timeZone: "Europe/Paris",
            durationMinutes: 30,
          }),
        ),
      ).toBe("FORBIDDEN");

      expect(await refusal(northwind.recurring.get({ recurringPlanId: id }))).toBe("NOT_FOUND");
      expect(await refusal(northwind.recurring.update({ recurringPlanId: id, title: "Ours" }))).toBe(
        "NOT_FOUND",
      );
      expect((await northwind.recurring.list({})).map((p) => p.id)).not.toContain(id);
      expect(await refusal(northwind.recurring.create({ ...boilerPlan(), defaultAssigneeId: null }))).toBe(
        "NOT_FOUND",
      );
      expect((await admin.recurring.get({ recurringPlanId: id })).plan.title).toBe("Monthly roof check");
    });

    it("previews the next visits at the local start time across the change to summer time", async () => {
      const manager = await h.staff(staffOf.manager.email);
      // Summer time in Paris starts on Sunday 31 March 2030.
      const preview = await manager.recurring.preview({
        rrule: "freq=weekly;byday=mo",
        startsOn: "2030-03-18",
        startTime: "09:00",
        timeZone: "Europe/Paris",
        durationMinutes: 90,
        count: 4,
      });
      expect(preview.description).toBe("Every week on Monday");
      expect(preview.occurrences.map((o) => o.start.toISOString())).toEqual([
        "2030-03-18T08:00:00.000Z",
        "2030-03-25T08:00:00.000Z",
        "2030-04-01T07:00:00.000Z",
        "2030-04-08T07:00:00.000Z",
      ]);
      for (const o of preview.occurrences) expect(o.end.getTime() - o.start.getTime()).toBe(90 * MINUTE);
      const errors = await fieldErrorsOf(
        manager.recurring.preview({
          rrule: "FREQ=HOURLY",
          startsOn: "2030-03-18",
          startTime: "09:00",
          timeZone: "Europe/Paris",
          durationMinutes: 90,
        }),
      );
      expect(Object.keys(errors)).toEqual(["rrule"]);
      // The other fields are checked as a save checks them: an unknown zone is a field error.
      const zone = await fieldErrorsOf(
        manager.recurring.preview({
          rrule: "FREQ=WEEKLY;BYDAY=MO",
          startsOn: "2030-03-18",
          startTime: "25:00",
          timeZone: "Mars/Olympus",
          durationMinutes: 90,
        }),
      );
      expect(Object.keys(zone).sort()).toEqual(["startTime", "timeZone"]);
    });

    describe("generation (these steps build on each other)", () => {
      let planId: string;
      /** The plan's clock: the day before its first Monday. Its horizon holds four Mondays. */
      const NOW = new Date("2030-02-03T12:00:00Z");
      const MONDAYS = ["2030-02-04", "2030-02-11", "2030-02-18", "2030-02-25"];

      it("updates bump the version and request generation again; no-ops do neither", async () => {
        const dispatcher = await h.staff(staffOf.dispatcher.email);
        ({ id: planId } = await dispatcher.recurring.create({ ...boilerPlan(), title: "Boiler check" }));
        const updated = await dispatcher.recurring.update({
          recurringPlanId: planId,
          title: "Weekly boiler check",
          durationMinutes: 60,
        });
        expect(updated).toEqual({ id: planId, version: 2 });
        expect(await eventsFor(planId)).toHaveLength(2);
        expect((await auditOf(planId)).at(-1)).toMatchObject({
          action: "recurring_plan.updated",
          changedFields: ["title"],
        });
        const same = await dispatcher.recurring.update({
          recurringPlanId: planId,
          title: "Weekly boiler check",
        });
        expect(same).toEqual({ id: planId, version: 2 });
        expect(await eventsFor(planId)).toHaveLength(2);
        const bad = await fieldErrorsOf(
          dispatcher.recurring.update({ recurringPlanId: planId, rrule: "FREQ=HOURLY" }),
        );
        expect(Object.keys(bad)).toEqual(["rrule"]);
        expect(await eventsFor(planId)).toHaveLength(2);
        expect((await dispatcher.recurring.get({ recurringPlanId: planId })).plan.version).toBe(2);
      });

      it("generated visits appear on the plan, on the board and in the target list", async () => {
        const dispatcher = await h.staff(staffOf.dispatcher.email);
        const outcome = await generateRecurringVisits(db(), { tenantId, planId, now: NOW });
        expect(outcome).toMatchObject({ created: 4, updated: 0, removed: 0, kept: 0 });

        const { plan, occurrences } = await dispatcher.recurring.get({ recurringPlanId: planId });
        expect(plan.generatedUntil).toEqual(new Date(NOW.getTime() + 28 * 86_400_000));
        expect(occurrences.map((o) => o.occursAt)).toEqual(MONDAYS.map((d) => paris(d, "09:00")));
        for (const o of occurrences) {
          expect(o).toMatchObject({
            appointmentStatus: "scheduled",
            plannedStart: o.occursAt,
            assigneeName: "Camille Girard",
            touched: false,
          });
          expect(o.appointmentId).toBeTruthy();
        }
        const second = occurrences[1]!;
        const detail = await dispatcher.appointments.get({ appointmentId: second.appointmentId! });
        expect(detail).toMatchObject({ recurringPlanId: planId, targetTitle: "Weekly boiler check" });
        expect(detail.appointment).toMatchObject({
          assignedEmployeeId: camille,
          fixedTime: true,
          plannedEnd: paris("2030-02-11", "10:00"),
        });

        const board = await dispatcher.board.view({ day: "2030-02-13", span: "week" });
        const mine = board.appointments.filter((a) => occurrences.some((o) => o.appointmentId === a.id));
        expect(mine).toEqual([
          expect.objectContaining({
            id: second.appointmentId,
            targetTitle: "Weekly boiler check",
            assignedEmployeeId: camille,
            plannedStart: paris("2030-02-11", "09:00"),
            recurring: true,
            fixedTime: true,
          }),
        ]);

        // Running again changes nothing.
        expect(await generateRecurringVisits(db(), { tenantId, planId, now: NOW })).toMatchObject({
          created: 0,
          updated: 0,
          removed: 0,
        });
      });

      it("pages through the generated targets one at a time, each exactly once", async () => {
        // The generator inserts them in one transaction, so they share created_at (to the
        // microsecond on PostgreSQL) and only the id tells them apart on a page boundary.
        const dispatcher = await h.staff(staffOf.dispatcher.email);
        const generatedTargets = await withTenant(db(), tenantId, (tx) =>
          tx
            .select({ id: schema.recurringOccurrences.targetId })
            .from(schema.recurringOccurrences)
            .where(eq(schema.recurringOccurrences.planId, planId)),
        );
        expect(generatedTargets).toHaveLength(4);
        const seen: string[] = [];
        let after: string | undefined;
        do {
          const page = await dispatcher.targets.list({ customerId: customer.id, after, limit: 1 });
          seen.push(...page.items.filter((t) => t.source === "recurring").map((t) => t.id));
          after = page.nextCursor ?? undefined;
        } while (after);
        expect(seen.sort()).toEqual(generatedTargets.map((t) => t.id!).sort());
      });

      it("a person moving a generated visit marks its occurrence touched", async () => {
        const dispatcher = await h.staff(staffOf.dispatcher.email);
        const { occurrences } = await dispatcher.recurring.get({ recurringPlanId: planId });
        const third = occurrences[2]!;
        const moved = await dispatcher.appointments.reschedule({
          appointmentId: third.appointmentId!,
          plannedStart: paris("2030-02-18", "10:00"),
          plannedEnd: paris("2030-02-18", "11:00"),
          allowConflicts: true,
        });
        expect(moved.appointment!.plannedStart).toEqual(paris("2030-02-18", "10:00"));
        const after = await dispatcher.recurring.get({ recurringPlanId: planId });
        expect(after.occurrences.map((o) => o.touched)).toEqual([false, false, true, false]);
        expect(after.occurrences[2]!.plannedStart).toEqual(paris("2030-02-18", "10:00"));
        const [row] = await withTenant(db(), tenantId, (tx) =>
          tx
            .select({ touchedAt: schema.recurringOccurrences.touchedAt })
            .from(schema.recurringOccurrences)
            .where(eq(schema.recurringOccurrences.id, third.id)),
        );
        expect(row!.touchedAt).toBeInstanceOf(Date);

        // A plan edit then reaches the untouched visits only.
        await dispatcher.recurring.update({ recurringPlanId: planId, title: "Weekly boiler inspection" });
        expect(await generateRecurringVisits(db(), { tenantId, planId, now: NOW })).toMatchObject({
          created: 0,
          updated: 3,
          removed: 0,
          kept: 1,
        });
        const titles = await Promise.all(
          after.occurrences.map(
            async (o) => (await dispatcher.appointments.get({ appointmentId: o.appointmentId! })).targetTitle,
          ),
        );
        expect(titles).toEqual([
          "Weekly boiler inspection",
          "Weekly boiler inspection",
          "Weekly boiler check",
          "Weekly boiler inspection",
        ]);
      });

      it("archiving stops the plan; generation then removes its untouched future visits", async () => {
        const dispatcher = await h.staff(staffOf.dispatcher.email);
        const { occurrences } = await dispatcher.recurring.get({ recurringPlanId: planId });
        const events = (await eventsFor(planId)).length;
        const version = (await dispatcher.recurring.get({ recurringPlanId: planId })).plan.version;

        await dispatcher.recurring.setArchived({ recurringPlanId: planId, archived: true });
        expect(await eventsFor(planId)).toHaveLength(events + 1);
        await dispatcher.recurring.setArchived({ recurringPlanId: planId, archived: true });
        expect(await eventsFor(planId)).toHaveLength(events + 1);
        const archived = await dispatcher.recurring.get({ recurringPlanId: planId });
        expect(archived.plan.archivedAt).toBeInstanceOf(Date);
        expect(archived.plan.version).toBe(version + 1);
        expect((await dispatcher.recurring.list({ customerId: customer.id })).map((p) => p.id)).not.toContain(
          planId,
        );
        expect(
          (await dispatcher.recurring.list({ customerId: customer.id, includeArchived: true })).map(
            (p) => p.id,
          ),
        ).toContain(planId);
        const frozen = await fieldErrorsOf(
          dispatcher.recurring.update({ recurringPlanId: planId, title: "Again" }),
        );
        expect(Object.keys(frozen)).toEqual(["recurringPlanId"]);
        expect((await auditOf(planId)).map((e) => e.action)).toContain("recurring_plan.archived");

        // Until the generator runs, the visits are still there.
        expect(await appointmentRow(occurrences[0]!.appointmentId!)).toBeDefined();
        const outcome = await generateRecurringVisits(db(), { tenantId, planId, now: NOW });
        expect(outcome).toMatchObject({ created: 0, removed: 3, kept: 1, generatedUntil: null });

        const [untouchedA, untouchedB, touched, untouchedC] = occurrences.map((o) => o.appointmentId!);
        for (const gone of [untouchedA!, untouchedB!, untouchedC!]) {
          expect(await appointmentRow(gone)).toBeUndefined();
          expect(await refusal(dispatcher.appointments.get({ appointmentId: gone }))).toBe("NOT_FOUND");
        }
        expect(await appointmentRow(touched!)).toMatchObject({
          status: "scheduled",
          plannedStart: paris("2030-02-18", "10:00"),
        });
        const after = await dispatcher.recurring.get({ recurringPlanId: planId });
        expect(after.occurrences.map((o) => o.appointmentId)).toEqual([touched]);
        const board = await dispatcher.board.view({ day: "2030-02-13", span: "week" });
        expect(board.appointments.map((a) => a.id)).not.toContain(untouchedB);
      });
    });
  });
});
