import { schema, withTenant } from "@ordinavo/db";
import { testEngines } from "@ordinavo/db/testing";
import { buildCustomer, buildLocation, buildTarget, buildVisit, type StaffIds } from "@ordinavo/demo";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, buildWorkspace, fieldErrorsOf, openApiHarness, refusal } from "./test-support";

// Targets, appointments and the dispatch board. The tenant has one member of each role and three
// employees (Lucas Moreau, Camille Girard, Thomas Lefèvre); the tests plan work for a customer of
// their own, each on a day of its own in January–March 2027 (winter time in Paris, UTC+1). Other
// work of the tenant, built with factories in December 2026, is there for the lists and scopes to
// leave out or include; a second tenant has an admin and an employee.

/** A local Paris time in winter (UTC+1) as an instant. */
const paris = (day: string, time: string) => new Date(`${day}T${time}:00+01:00`);
const HOUR = 3_600_000;

describe.each(testEngines())("workspace planning on %s", (engine) => {
  let h: ApiHarness;
  let tenantId: string;
  /** Lucas Moreau, the employee who signs in, and two colleagues. */
  let lucas: string;
  let camille: string;
  let thomas: string;
  let staffOf: Record<"admin" | "manager" | "dispatcher" | "lucas" | "camille" | "thomas", StaffIds>;
  let otherTenant: Record<"admin" | "employee", StaffIds>;
  let customer: { id: string; name: string };
  let site: { id: string };
  let otherCustomersSite: { id: string };

  type Counted =
    | typeof schema.targets
    | typeof schema.appointments
    | typeof schema.auditLog
    | typeof schema.timelineEntries;
  const count = (table: Counted) =>
    withTenant(h.db, tenantId, async (tx) => {
      const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(table);
      return row!.n;
    });
  const auditOf = (objectId: string) =>
    withTenant(h.db, tenantId, (tx) =>
      tx
        .select()
        .from(schema.auditLog)
        .where(eq(schema.auditLog.objectId, objectId))
        .orderBy(schema.auditLog.createdAt),
    );
  const appointmentRow = (id: string) =>
    withTenant(h.db, tenantId, async (tx) => {
      const [row] = await tx.select().from(schema.appointments).where(eq(schema.appointments.id, id));
      return row!;
    });

  let serial = 0;
  /** A fresh open target of the test customer, made by the dispatcher. */
  async function newTarget(title = `Job ${++serial}`) {
    const dispatcher = await h.staff(staffOf.dispatcher.email);
    return dispatcher.targets.create({ customerId: customer.id, locationId: site.id, title });
  }
  /** Plans an appointment as the dispatcher; fails the test on a conflict. */
  async function plan(targetId: string, start: Date, end: Date, assignedEmployeeId: string | null) {
    const dispatcher = await h.staff(staffOf.dispatcher.email);
    const result = await dispatcher.appointments.create({
      targetId,
      plannedStart: start,
      plannedEnd: end,
      assignedEmployeeId,
    });
    expect(result.conflicts).toEqual([]);
    return result.appointment!;
  }

  beforeAll(async () => {
    h = await openApiHarness(engine);
    const ours = await buildWorkspace(h.db, {
      admin: "tenant_admin",
      manager: "manager",
      dispatcher: "dispatcher",
      lucas: { role: "employee", name: "Lucas Moreau" },
      camille: { role: "employee", name: "Camille Girard" },
      thomas: { role: "employee", name: "Thomas Lefèvre" },
    });
    tenantId = ours.tenantId;
    staffOf = ours.staff;
    lucas = staffOf.lucas.userId;
    camille = staffOf.camille.userId;
    thomas = staffOf.thomas.userId;
    otherTenant = (await buildWorkspace(h.db, { admin: "tenant_admin", employee: "employee" })).staff;
    const admin = await h.staff(staffOf.admin.email);
    const assignees = await admin.board.assignees();
    expect(assignees.map((a) => a.id)).toEqual(expect.arrayContaining([lucas, camille, thomas]));

    // The tenant's other work: visits of Lucas (one cancelled) and Camille, open and done targets.
    const neighbour = await buildCustomer(h.db, { tenantId, name: "Maison Voisine" });
    const { locationId } = await buildLocation(h.db, { tenantId, customerId: neighbour.customerId });
    const elsewhere = { tenantId, customerId: neighbour.customerId, locationId };
    for (const [day, assignee, status] of [
      ["2026-12-01", lucas, "scheduled"],
      ["2026-12-02", lucas, "completed"],
      ["2026-12-03", lucas, "cancelled"],
      ["2026-12-01", camille, "confirmed"],
    ] as const) {
      const plannedStart = paris(day, "09:00");
      await buildVisit(h.db, {
        ...elsewhere,
        target: { title: `Neighbour visit ${day}`, status: status === "completed" ? "done" : "open" },
        assignedEmployeeId: assignee,
        plannedStart,
        plannedEnd: new Date(plannedStart.getTime() + HOUR),
        status,
      });
    }
    for (const [n, priority] of (["normal", "high", "low", "normal", "high", "normal"] as const).entries()) {
      await buildTarget(h.db, { ...elsewhere, title: `Neighbour job ${n}`, priority, dueDate: "2027-06-30" });
    }
    await buildTarget(h.db, { ...elsewhere, title: "Neighbour job done", status: "done" });

    const created = await admin.customers.create({ number: "P-0001", name: "Résidence Planning Test" });
    customer = { id: created.id, name: created.name };
    site = await admin.locations.create({
      customerId: customer.id,
      name: "Main building",
      addressLine1: "5 rue Garibaldi",
      city: "Lyon",
      country: "FR",
    });
    const other = await admin.customers.create({ number: "P-0002", name: "Other Planning Customer" });
    otherCustomersSite = await admin.locations.create({
      customerId: other.id,
      name: "Elsewhere",
      addressLine1: "9 rue Duguesclin",
      city: "Lyon",
      country: "FR",
    });
  }, 180_000);
  afterAll(() => h?.destroy());

  describe("targets", () => {
    it("creates an open target as a dispatcher and audits field names only", async () => {
      const dispatcher = await h.staff(staffOf.dispatcher.email);
      const target = await dispatcher.targets.create({
        customerId: customer.id,
        locationId: site.id,
        title: "Replace the hallway lights",
        description: "Tenant in 3B says the code is 7781",
        priority: "high",
        dueDate: "2027-01-15",
      });
      expect(target).toMatchObject({
        customerId: customer.id,
        locationId: site.id,
        status: "open",
        priority: "high",
        dueDate: "2027-01-15",
        source: "manual",
        completedAt: null,
      });
      const detail = await dispatcher.targets.get({ targetId: target.id });
      expect(detail).toMatchObject({
        customerName: customer.name,
        locationName: "Main building",
        nextStatuses: ["planned", "done", "cancelled"],
        appointments: [],
        can: { edit: true, plan: true },
      });

      const entries = await auditOf(target.id);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        action: "target.created",
        objectType: "target",
        actorType: "staff",
      });
      expect(entries[0]!.changedFields).toEqual(
        expect.arrayContaining(["customerId", "locationId", "title", "description", "priority", "dueDate"]),
      );
      expect(JSON.stringify(entries)).not.toContain("7781");
      expect(JSON.stringify(entries)).not.toContain("hallway");
    });

    it("answers bad input field by field and writes nothing", async () => {
      const dispatcher = await h.staff(staffOf.dispatcher.email);
      const targets = await count(schema.targets);
      const audit = await count(schema.auditLog);
      const errors = await fieldErrorsOf(
        dispatcher.targets.create({ customerId: customer.id, title: "   ", dueDate: "31/12/2027" }),
      );
      expect(Object.keys(errors).sort()).toEqual(["dueDate", "title"]);
      const elsewhere = await fieldErrorsOf(
        dispatcher.targets.create({
          customerId: customer.id,
          locationId: otherCustomersSite.id,
          title: "Wrong site",
        }),
      );
      expect(elsewhere).toEqual({ locationId: ["Choose one of this customer's locations"] });
      expect(await count(schema.targets)).toBe(targets);
      expect(await count(schema.auditLog)).toBe(audit);
    });

    it("follows the target machine: an illegal step is a field error on status and changes nothing", async () => {
      const dispatcher = await h.staff(staffOf.dispatcher.email);
      const target = await newTarget();
      const errors = await fieldErrorsOf(
        dispatcher.targets.changeStatus({ targetId: target.id, status: "in_progress" }),
      );
      expect(Object.keys(errors)).toEqual(["status"]);
      const after = await dispatcher.targets.get({ targetId: target.id });
      expect(after.target.status).toBe("open");
      expect((await auditOf(target.id)).map((e) => e.action)).toEqual(["target.created"]);

      // open → done is allowed (settled without a visit) and final.
      const done = await dispatcher.targets.changeStatus({ targetId: target.id, status: "done" });
      expect(done.status).toBe("done");
      expect(done.completedAt).toBeInstanceOf(Date);
      expect((await dispatcher.targets.get({ targetId: target.id })).nextStatuses).toEqual([]);
      const reopen = await fieldErrorsOf(
        dispatcher.targets.changeStatus({ targetId: target.id, status: "open" }),
      );
      expect(reopen.status).toBeDefined();
      const entries = await auditOf(target.id);
      expect(entries.map((e) => e.action)).toEqual(["target.created", "target.status_changed"]);
      expect(entries[1]).toMatchObject({ changedFields: ["status"], metadata: { from: "open", to: "done" } });
    });

    it("cancelling a target cancels its scheduled and confirmed appointments, not others", async () => {
      const dispatcher = await h.staff(staffOf.dispatcher.email);
      const target = await newTarget();
      const day = "2027-01-03";
      const first = await plan(target.id, paris(day, "08:00"), paris(day, "09:00"), thomas);
      const second = await plan(target.id, paris(day, "13:00"), paris(day, "14:00"), thomas);
      await dispatcher.appointments.changeStatus({ appointmentId: second.id, status: "confirmed" });
      const bystander = await newTarget();
      const unrelated = await plan(bystander.id, paris(day, "10:00"), paris(day, "11:00"), thomas);
      expect((await dispatcher.targets.get({ targetId: target.id })).target.status).toBe("planned");

      const cancelled = await dispatcher.targets.changeStatus({ targetId: target.id, status: "cancelled" });
      expect(cancelled.status).toBe("cancelled");
      expect((await appointmentRow(first.id)).status).toBe("cancelled");
      expect((await appointmentRow(second.id)).status).toBe("cancelled");
      expect((await appointmentRow(unrelated.id)).status).toBe("scheduled");
      const board = await dispatcher.board.view({ day, span: "day" });
      const ids = board.appointments.map((a) => a.id);
      expect(ids).toContain(unrelated.id);
      expect(ids).not.toContain(first.id);
      expect(ids).not.toContain(second.id);
    });

    it("filters the list and pages through every target exactly once", async () => {
      const dispatcher = await h.staff(staffOf.dispatcher.email);
      const urgent = await dispatcher.targets.create({
        customerId: customer.id,
        title: "Zephyrine leak under the sink",
        priority: "urgent",
      });
      const byQuery = await dispatcher.targets.list({ q: "ZEPHYRINE" });
      expect(byQuery.items.map((t) => t.id)).toEqual([urgent.id]);
      expect(byQuery.items[0]).toMatchObject({ customerName: customer.name, appointmentCount: 0 });
      const byCustomerName = await dispatcher.targets.list({ q: "planning test", limit: 100 });
      expect(byCustomerName.items.length).toBeGreaterThan(1);
      expect(byCustomerName.items.every((t) => t.customerId === customer.id)).toBe(true);

      const mine = await dispatcher.targets.list({ customerId: customer.id, limit: 100 });
      expect(mine.items.length).toBeGreaterThan(1);
      expect(mine.items.every((t) => t.customerId === customer.id)).toBe(true);
      const urgentOnes = await dispatcher.targets.list({ customerId: customer.id, priority: "urgent" });
      expect(urgentOnes.items.map((t) => t.id)).toEqual([urgent.id]);
      const openOrDone = await dispatcher.targets.list({ status: ["open", "done"], limit: 100 });
      expect(openOrDone.items.length).toBeGreaterThan(0);
      expect(openOrDone.items.every((t) => t.status === "open" || t.status === "done")).toBe(true);
      // Newest first.
      const times = mine.items.map((t) => t.createdAt!.getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));

      const seen: string[] = [];
      let after: string | undefined;
      do {
        const page = await dispatcher.targets.list({ limit: 7, after });
        expect(page.items.length).toBeLessThanOrEqual(7);
        seen.push(...page.items.map((t) => t.id));
        after = page.nextCursor ?? undefined;
      } while (after);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe(await count(schema.targets));
      expect(await refusal(dispatcher.targets.list({ after: "garbage" }))).toBe("BAD_REQUEST");
    });

    it("shows employees only the targets of their own appointments", async () => {
      const employee = await h.staff(staffOf.lucas.email);
      const day = "2027-03-20";
      const own = await newTarget("Lucas's job");
      await plan(own.id, paris(day, "09:00"), paris(day, "10:00"), lucas);
      const colleague = await newTarget("Camille's job");
      await plan(colleague.id, paris(day, "09:00"), paris(day, "10:00"), camille);
      const unplanned = await newTarget("Nobody's job");

      const listed: Array<{ id: string }> = [];
      let after: string | undefined;
      do {
        const page = await employee.targets.list({ limit: 50, after });
        listed.push(...page.items);
        after = page.nextCursor ?? undefined;
      } while (after);
      const ids = listed.map((t) => t.id);
      expect(ids).toContain(own.id);
      expect(ids).not.toContain(colleague.id);
      expect(ids).not.toContain(unplanned.id);
      // Every listed target has an appointment of Lucas that is not cancelled.
      const assigned = await withTenant(h.db, tenantId, (tx) =>
        tx
          .selectDistinct({ targetId: schema.appointments.targetId })
          .from(schema.appointments)
          .where(
            and(
              eq(schema.appointments.assignedEmployeeId, lucas),
              ne(schema.appointments.status, "cancelled"),
            ),
          ),
      );
      expect(new Set(ids)).toEqual(new Set(assigned.map((r) => r.targetId)));

      const detail = await employee.targets.get({ targetId: own.id });
      expect(detail.target.id).toBe(own.id);
      expect(detail.nextStatuses).toEqual([]);
      expect(detail.can).toMatchObject({ edit: false, plan: false });
      expect(await refusal(employee.targets.get({ targetId: colleague.id }))).toBe("NOT_FOUND");
      expect(await refusal(employee.targets.get({ targetId: unplanned.id }))).toBe("NOT_FOUND");
      expect(await refusal(employee.targets.create({ customerId: customer.id, title: "Mine now" }))).toBe(
        "FORBIDDEN",
      );
    });

    it("lets managers write targets but hides them from another tenant", async () => {
      const manager = await h.staff(staffOf.manager.email);
      const created = await manager.targets.create({ customerId: customer.id, title: "Manager's request" });
      expect(created.status).toBe("open");
      const detail = await manager.targets.get({ targetId: created.id });
      expect(detail.can).toMatchObject({ edit: true, plan: false });

      const northwind = await h.staff(otherTenant.admin.email);
      expect(await refusal(northwind.targets.get({ targetId: created.id }))).toBe("NOT_FOUND");
      expect(
        await refusal(northwind.targets.changeStatus({ targetId: created.id, status: "cancelled" })),
      ).toBe("NOT_FOUND");
      expect(await refusal(northwind.targets.create({ customerId: customer.id, title: "Ours" }))).toBe(
        "NOT_FOUND",
      );
      expect((await northwind.targets.list({ q: "manager's request" })).items).toEqual([]);
    });
  });

  describe("appointments", () => {
    it("planning a target moves it from open to planned and audits the appointment", async () => {
      const dispatcher = await h.staff(staffOf.dispatcher.email);
      const target = await newTarget();
      const day = "2027-01-31";
      const result = await dispatcher.appointments.create({
        targetId: target.id,
        plannedStart: paris(day, "09:00"),
        plannedEnd: paris(day, "10:30"),
        assignedEmployeeId: camille,
      });
      expect(result.conflicts).toEqual([]);
      expect(result.appointment).toMatchObject({
        targetId: target.id,
        customerId: customer.id,
        locationId: site.id,
        assignedEmployeeId: camille,
        plannedStart: paris(day, "09:00"),
        plannedEnd: paris(day, "10:30"),
        status: "scheduled",
        fixedTime: false,
        recurringOccurrenceId: null,
      });
      const detail = await dispatcher.targets.get({ targetId: target.id });
      expect(detail.target.status).toBe("planned");
      expect(detail.appointments.map((a) => [a.id, a.assigneeName])).toEqual([
        [result.appointment!.id, "Camille Girard"],
      ]);
      const [entry] = await auditOf(result.appointment!.id);
      expect(entry).toMatchObject({
        action: "appointment.created",
        metadata: { targetId: target.id, doubleBooked: false },
      });
      expect(entry!.changedFields.sort()).toEqual(["assignedEmployeeId", "plannedEnd", "plannedStart"]);

      const got = await dispatcher.appointments.get({ appointmentId: result.appointment!.id });
      expect(got).toMatchObject({
        targetTitle: target.title,
        customerName: customer.name,
        locationName: "Main building",
        address: "5 rue Garibaldi, Lyon",
        assigneeName: "Camille Girard",
        recurringPlanId: null,
        can: { plan: true },
      });
      expect(got.nextStatuses.sort()).toEqual(["cancelled", "confirmed", "no_show"]);
    });

    it("refuses work that is not open or planned", async () => {
      const dispatcher = await h.staff(staffOf.dispatcher.email);
      const target = await newTarget();
      await dispatcher.targets.changeStatus({ targetId: target.id, status: "done" });
      const before = await count(schema.appointments);
      const errors = await fieldErrorsOf(
        dispatcher.appointments.create({
          targetId: target.id,
          plannedStart: paris("2027-01-31", "14:00"),
          plannedEnd: paris("2027-01-31", "15:00"),
        }),
      );
      expect(Object.keys(errors)).toEqual(["targetId"]);
      expect(await count(schema.appointments)).toBe(before);
    });

    it("returns a double booking as conflicts and writes nothing, unless allowed", async () => {
      const dispatcher = await h.staff(staffOf.dispatcher.email);
      const day = "2027-02-14";
      const boiler = await newTarget("Boiler service");
      const first = await plan(boiler.id, paris(day, "10:00"), paris(day, "11:00"), camille);
      const second = await newTarget("Gutter cleaning");

      const before = await count(schema.appointments);
      const refused = await dispatcher.appointments.create({
        targetId: second.id,
        plannedStart: paris(day, "10:30"),
        plannedEnd: paris(day, "11:30"),
        assignedEmployeeId: camille,
      });
      expect(refused.appointment).toBeNull();
      expect(refused.conflicts).toEqual([
        {
          appointmentId: first.id,
          targetTitle: "Boiler service",
          customerName: customer.name,
          plannedStart: paris(day, "10:00"),
          plannedEnd: paris(day, "11:00"),
          message: `Overlaps with “Boiler service” at ${customer.name}, 10:00–11:00 (Sun 14 Feb)`,
        },
      ]);
      expect(await count(schema.appointments)).toBe(before);
      expect((await dispatcher.targets.get({ targetId: second.id })).target.status).toBe("open");

      // Back to back is no overlap, and another employee is free.
      const adjacent = await dispatcher.appointments.create({
        targetId: second.id,
        plannedStart: paris(day, "11:00"),
        plannedEnd: paris(day, "12:00"),
        assignedEmployeeId: camille,
      });
      expect(adjacent.conflicts).toEqual([]);
      expect(adjacent.appointment).not.toBeNull();
      const elsewhere = await dispatcher.appointments.create({
        targetId: second.id,
        plannedStart: paris(day, "10:30"),
        plannedEnd: paris(day, "11:30"),
        assignedEmployeeId: thomas,
      });
      expect(elsewhere.conflicts).toEqual([]);
      expect(await count(schema.appointments)).toBe(before + 2);

      const allowed = await dispatcher.appointments.create({
        targetId: second.id,
        plannedStart: paris(day, "10:30"),
        plannedEnd: paris(day, "11:30"),
        assignedEmployeeId: camille,
        allowConflicts: true,
      });
      expect(allowed.appointment).toMatchObject({ assignedEmployeeId: camille, status: "scheduled" });
      expect(allowed.conflicts.map((c) => c.appointmentId).sort()).toEqual(
        [first.id, adjacent.appointment!.id].sort(),
      );
      expect(await count(schema.appointments)).toBe(before + 3);
      const [entry] = await auditOf(allowed.appointment!.id);
      expect(entry!.metadata).toMatchObject({ doubleBooked: true });

      // A cancelled appointment no longer holds the time.
      await dispatcher.appointments.changeStatus({ appointmentId: first.id, status: "cancelled" });
      const free = await dispatcher.appointments.create({
        targetId: second.id,
        plannedStart: paris(day, "09:00"),
        plannedEnd: paris(day, "10:15"),
        assignedEmployeeId: camille,
      });
      expect(free.conflicts).toEqual([]);
    });

    it("reschedules: moves times, reassigns, and a moved confirmed slot needs confirming again", async () => {
      const dispatcher = await h.staff(staffOf.dispatcher.email);
      const day = "2027-02-21";
      const target = await newTarget();
      const appointment = await plan(target.id, paris(day, "09:00"), paris(day, "10:00"), camille);
      await dispatcher.appointments.changeStatus({ appointmentId: appointment.id, status: "confirmed" });

      // Handing it to someone else at the same time keeps the confirmation.
      const handed = await dispatcher.appointments.reschedule({
        appointmentId: appointment.id,
        plannedStart: paris(day, "09:00"),
        plannedEnd: paris(day, "10:00"),
        assignedEmployeeId: thomas,
      });
      expect(handed.appointment).toMatchObject({ assignedEmployeeId: thomas, status: "confirmed" });

      const moved = await dispatcher.appointments.reschedule({
        appointmentId: appointment.id,
        plannedStart: paris("2027-02-28", "14:00"),
        plannedEnd: paris("2027-02-28", "15:30"),
      });
      expect(moved.conflicts).toEqual([]);
      expect(moved.appointment).toMatchObject({
        assignedEmployeeId: thomas,
        plannedStart: paris("2027-02-28", "14:00"),
        plannedEnd: paris("2027-02-28", "15:30"),
        status: "scheduled",
      });
      expect(await appointmentRow(appointment.id)).toMatchObject({
        plannedStart: paris("2027-02-28", "14:00"),
        status: "scheduled",
      });
      const entries = (await auditOf(appointment.id)).filter((e) => e.action === "appointment.rescheduled");
      expect(entries.map((e) => [...e.changedFields].sort())).toEqual([
        ["assignedEmployeeId"],
        ["plannedEnd", "plannedStart", "status"],
      ]);

      // Unassigning with null; then a move into someone's busy time is refused and changes nothing.
      const blocker = await plan((await newTarget()).id, paris(day, "15:00"), paris(day, "16:00"), camille);
      const refused = await dispatcher.appointments.reschedule({
        appointmentId: appointment.id,
        plannedStart: paris(day, "15:30"),
        plannedEnd: paris(day, "16:30"),
        assignedEmployeeId: camille,
      });
      expect(refused.appointment).toBeNull();
      expect(refused.conflicts.map((c) => c.appointmentId)).toEqual([blocker.id]);
      expect(await appointmentRow(appointment.id)).toMatchObject({
        assignedEmployeeId: thomas,
        plannedStart: paris("2027-02-28", "14:00"),
      });
      const unassigned = await dispatcher.appointments.reschedule({
        appointmentId: appointment.id,
        plannedStart: paris("2027-02-28", "14:00"),
        plannedEnd: paris("2027-02-28", "15:30"),
        assignedEmployeeId: null,
      });
      expect(unassigned.appointment!.assignedEmployeeId).toBeNull();

      // The fixed-time flag changes only when asked, and is audited like the rest.
      const fixed = await dispatcher.appointments.reschedule({
        appointmentId: appointment.id,
        plannedStart: paris("2027-02-28", "14:00"),
        plannedEnd: paris("2027-02-28", "15:30"),
        fixedTime: true,
      });
      expect(fixed.appointment).toMatchObject({ fixedTime: true, assignedEmployeeId: null });
      const kept = await dispatcher.appointments.reschedule({
        appointmentId: appointment.id,
        plannedStart: paris("2027-02-28", "14:30"),
        plannedEnd: paris("2027-02-28", "16:00"),
      });
      expect(kept.appointment).toMatchObject({ fixedTime: true });
      expect((await auditOf(appointment.id)).at(-2)!.changedFields).toEqual(["fixedTime"]);

      // Someone outside the workspace cannot be assigned.
      const northwindEmployee = otherTenant.employee.userId;
      const outsider = await fieldErrorsOf(
        dispatcher.appointments.reschedule({
          appointmentId: appointment.id,
          plannedStart: paris("2027-02-28", "14:00"),
          plannedEnd: paris("2027-02-28", "15:30"),
          assignedEmployeeId: northwindEmployee,
        }),
      );
      expect(Object.keys(outsider)).toEqual(["assignedEmployeeId"]);
    });

    it("cancelling the last active appointment puts the target back to open", async () => {
      const dispatcher = await h.staff(staffOf.dispatcher.email);
      const day = "2027-03-07";
      const target = await newTarget();
      const first = await plan(target.id, paris(day, "08:00"), paris(day, "09:00"), thomas);
      const second = await plan(target.id, paris(day, "10:00"), paris(day, "11:00"), thomas);

      const cancelled = await dispatcher.appointments.changeStatus({
        appointmentId: first.id,
        status: "cancelled",
      });
      expect(cancelled.status).toBe("cancelled");
      expect((await dispatcher.targets.get({ targetId: target.id })).target.status).toBe("planned");
      await dispatcher.appointments.changeStatus({ appointmentId: second.id, status: "no_show" });
      expect((await dispatcher.targets.get({ targetId: target.id })).target.status).toBe("open");
      const entries = await auditOf(first.id);
      expect(entries.at(-1)).toMatchObject({
        action: "appointment.status_changed",
        changedFields: ["status"],
        metadata: { from: "scheduled", to: "cancelled" },
      });
      // Final states stay final.
      const again = await fieldErrorsOf(
        dispatcher.appointments.changeStatus({ appointmentId: first.id, status: "scheduled" }),
      );
      expect(Object.keys(again)).toEqual(["status"]);
      expect((await appointmentRow(first.id)).status).toBe("cancelled");
      // Its planning, then one event for the one change that happened; the refused one recorded nothing.
      const events = await withTenant(h.db, tenantId, (tx) =>
        tx
          .select({ payload: schema.outboxEvents.payload })
          .from(schema.outboxEvents)
          .where(
            and(
              eq(schema.outboxEvents.name, "ordinavo/webhook.event_recorded"),
              sql`${schema.outboxEvents.payload}->>'objectId' = ${first.id}`,
            ),
          )
          .orderBy(schema.outboxEvents.sequence),
      );
      expect(events.map((e) => e.payload)).toEqual([
        { tenantId, eventType: "appointment.planned", objectId: first.id, source: "workspace" },
        { tenantId, eventType: "appointment.status_changed", objectId: first.id, source: "workspace" },
      ]);
    });

    it("leaves on-site progress to the employee and checks the slot", async () => {
      const dispatcher = await h.staff(staffOf.dispatcher.email);
      const day = "2027-03-14";
      const target = await newTarget();
      const appointment = await plan(target.id, paris(day, "09:00"), paris(day, "10:00"), thomas);
      for (const status of ["en_route", "on_site", "completed"] as const) {
        const errors = await fieldErrorsOf(
          dispatcher.appointments.changeStatus({ appointmentId: appointment.id, status }),
        );
        expect(Object.keys(errors)).toEqual(["status"]);
      }
      expect((await appointmentRow(appointment.id)).status).toBe("scheduled");

      const before = await count(schema.appointments);
      const backwards = await fieldErrorsOf(
        dispatcher.appointments.create({
          targetId: target.id,
          plannedStart: paris(day, "12:00"),
          plannedEnd: paris(day, "11:00"),
        }),
      );
      expect(backwards).toEqual({ plannedEnd: ["The end must be after the start"] });
      const tooLong = await fieldErrorsOf(
        dispatcher.appointments.create({
          targetId: target.id,
          plannedStart: paris(day, "12:00"),
          plannedEnd: new Date(paris(day, "12:00").getTime() + 25 * HOUR),
        }),
      );
      expect(Object.keys(tooLong)).toEqual(["plannedEnd"]);
      expect(await count(schema.appointments)).toBe(before);
      const moveBackwards = await fieldErrorsOf(
        dispatcher.appointments.reschedule({
          appointmentId: appointment.id,
          plannedStart: paris(day, "12:00"),
          plannedEnd: paris(day, "12:00"),
        }),
      );
      expect(Object.keys(moveBackwards)).toEqual(["plannedEnd"]);
      expect(await appointmentRow(appointment.id)).toMatchObject({ plannedStart: paris(day, "09:00") });
    });

    it("shows employees their own appointments only, and lets them plan nothing", async () => {
      const employee = await h.staff(staffOf.lucas.email);
      const day = "2027-03-18";
      const own = await plan((await newTarget()).id, paris(day, "09:00"), paris(day, "10:00"), lucas);
      const colleague = await plan((await newTarget()).id, paris(day, "09:00"), paris(day, "10:00"), camille);
      const unassigned = await plan((await newTarget()).id, paris(day, "11:00"), paris(day, "12:00"), null);

      const board = await employee.board.view({ day, span: "week" });
      expect(board.employees).toEqual([
        { id: lucas, name: "Lucas Moreau", role: "employee", group: "field" },
      ]);
      const ids = board.appointments.map((a) => a.id);
      expect(ids).toContain(own.id);
      expect(ids).not.toContain(colleague.id);
      expect(ids).not.toContain(unassigned.id);
      expect(board.appointments.every((a) => a.assignedEmployeeId === lucas)).toBe(true);
      expect(board.backlog).toEqual([]);
      expect(board.can).toMatchObject({ plan: false });

      const got = await employee.appointments.get({ appointmentId: own.id });
      expect(got.appointment.id).toBe(own.id);
      expect(got.nextStatuses).toEqual([]);
      expect(got.can).toMatchObject({ plan: false });
      expect(await refusal(employee.appointments.get({ appointmentId: colleague.id }))).toBe("NOT_FOUND");
      expect(await refusal(employee.appointments.get({ appointmentId: unassigned.id }))).toBe("NOT_FOUND");
      expect(await employee.board.assignees()).toEqual([
        { id: lucas, name: "Lucas Moreau", role: "employee", group: "field" },
      ]);

      const before = await count(schema.appointments);
      const target = await newTarget();
      const slot = { plannedStart: paris(day, "14:00"), plannedEnd: paris(day, "15:00") };
      expect(await refusal(employee.appointments.create({ targetId: target.id, ...slot }))).toBe("FORBIDDEN");
      expect(await refusal(employee.appointments.reschedule({ appointmentId: own.id, ...slot }))).toBe(
        "FORBIDDEN",
      );
      expect(
        await refusal(employee.appointments.changeStatus({ appointmentId: own.id, status: "cancelled" })),
      ).toBe("FORBIDDEN");
      expect(await count(schema.appointments)).toBe(before);
      expect((await appointmentRow(own.id)).status).toBe("scheduled");
    });

    it("lets managers follow the planning without changing it", async () => {
      const manager = await h.staff(staffOf.manager.email);
      const day = "2027-03-19";
      const target = await newTarget();
      const appointment = await plan(target.id, paris(day, "09:00"), paris(day, "10:00"), thomas);

      const got = await manager.appointments.get({ appointmentId: appointment.id });
      expect(got).toMatchObject({
        appointment: { id: appointment.id },
        nextStatuses: [],
        can: { plan: false },
      });
      const board = await manager.board.view({ day, span: "day" });
      expect(board.appointments.map((a) => a.id)).toContain(appointment.id);
      expect(board.can).toMatchObject({ plan: false });
      expect(board.backlog).toEqual([]);

      const slot = { plannedStart: paris(day, "14:00"), plannedEnd: paris(day, "15:00") };
      expect(await refusal(manager.appointments.create({ targetId: target.id, ...slot }))).toBe("FORBIDDEN");
      expect(await refusal(manager.appointments.reschedule({ appointmentId: appointment.id, ...slot }))).toBe(
        "FORBIDDEN",
      );
      expect(
        await refusal(
          manager.appointments.changeStatus({ appointmentId: appointment.id, status: "cancelled" }),
        ),
      ).toBe("FORBIDDEN");
      expect(await appointmentRow(appointment.id)).toMatchObject({
        status: "scheduled",
        plannedStart: paris(day, "09:00"),
      });
    });

    it("hides the tenant's appointments from another tenant as missing", async () => {
      const day = "2027-03-19";
      const appointment = await plan(
        (await newTarget()).id,
        paris(day, "11:00"),
        paris(day, "12:00"),
        thomas,
      );
      const northwind = await h.staff(otherTenant.admin.email);
      expect(await refusal(northwind.appointments.get({ appointmentId: appointment.id }))).toBe("NOT_FOUND");
      expect(
        await refusal(
          northwind.appointments.reschedule({
            appointmentId: appointment.id,
            plannedStart: paris(day, "13:00"),
            plannedEnd: paris(day, "14:00"),
          }),
        ),
      ).toBe("NOT_FOUND");
      expect(
        await refusal(
          northwind.appointments.changeStatus({ appointmentId: appointment.id, status: "cancelled" }),
        ),
      ).toBe("NOT_FOUND");
      const board = await northwind.board.view({ day, span: "day" });
      expect(board.appointments.map((a) => a.id)).not.toContain(appointment.id);
      expect(board.employees.map((e) => e.id)).not.toContain(thomas);
      expect(await appointmentRow(appointment.id)).toMatchObject({ status: "scheduled" });
    });
  });

  describe("customer history", () => {
    const timelineOf = (objectId: string) =>
      withTenant(h.db, tenantId, (tx) =>
        tx
          .select()
          .from(schema.timelineEntries)
          .where(eq(schema.timelineEntries.objectId, objectId))
          .orderBy(schema.timelineEntries.createdAt),
      );

    it("records created work and planned and cancelled visits with the change itself", async () => {
      const dispatcher = await h.staff(staffOf.dispatcher.email);
      const target = await newTarget();
      expect((await timelineOf(target.id)).map((e) => [e.kind, e.portalVisible])).toEqual([
        ["target_created", false],
      ]);
      const day = "2027-03-07";
      const first = await plan(target.id, paris(day, "09:00"), paris(day, "10:00"), camille);
      const second = await plan(target.id, paris(day, "11:00"), paris(day, "12:00"), camille);
      await dispatcher.appointments.changeStatus({ appointmentId: first.id, status: "cancelled" });
      expect((await timelineOf(first.id)).map((e) => [e.kind, e.customerId, e.locationId])).toEqual([
        ["appointment_planned", customer.id, site.id],
        ["appointment_cancelled", customer.id, site.id],
      ]);
      // Cancelling the work cancels its remaining visit, and the history says so too.
      await dispatcher.targets.changeStatus({ targetId: target.id, status: "cancelled" });
      expect((await timelineOf(second.id)).map((e) => e.kind)).toEqual([
        "appointment_planned",
        "appointment_cancelled",
      ]);
    });

    it("writes no history when the planning is refused", async () => {
      const dispatcher = await h.staff(staffOf.dispatcher.email);
      const day = "2027-03-14";
      const target = await newTarget();
      await plan(target.id, paris(day, "09:00"), paris(day, "10:00"), camille);
      const before = await count(schema.timelineEntries);
      const refused = await dispatcher.appointments.create({
        targetId: (await newTarget()).id,
        plannedStart: paris(day, "09:30"),
        plannedEnd: paris(day, "10:30"),
        assignedEmployeeId: camille,
      });
      expect(refused.appointment).toBeNull();
      // Only the second target's own entry was added.
      expect(await count(schema.timelineEntries)).toBe(before + 1);
    });
  });

  describe("board", () => {
    it("shows the week from Monday to Sunday in Paris time", async () => {
      const dispatcher = await h.staff(staffOf.dispatcher.email);
      const target = await newTarget("Week edges");
      // Inside: Monday 00:30 and Sunday 23:30 in Paris (Sunday 23:30Z and Sunday 22:30Z in UTC).
      const mondayEarly = await plan(
        target.id,
        paris("2027-01-11", "00:30"),
        paris("2027-01-11", "01:00"),
        null,
      );
      const sundayLate = await plan(
        target.id,
        paris("2027-01-17", "23:00"),
        paris("2027-01-17", "23:30"),
        null,
      );
      // Outside: the Sunday before and the Monday after, though their UTC dates are in the week.
      const before = await plan(target.id, paris("2027-01-10", "23:00"), paris("2027-01-10", "23:59"), null);
      const after = await plan(target.id, paris("2027-01-18", "00:30"), paris("2027-01-18", "01:00"), null);
      expect(before.plannedStart.toISOString()).toBe("2027-01-10T22:00:00.000Z");
      expect(after.plannedStart.toISOString()).toBe("2027-01-17T23:30:00.000Z");

      const board = await dispatcher.board.view({ day: "2027-01-13", span: "week" });
      expect(board.timeZone).toBe("Europe/Paris");
      expect(board.days).toEqual([
        "2027-01-11",
        "2027-01-12",
        "2027-01-13",
        "2027-01-14",
        "2027-01-15",
        "2027-01-16",
        "2027-01-17",
      ]);
      const ids = board.appointments.map((a) => a.id);
      expect(ids).toContain(mondayEarly.id);
      expect(ids).toContain(sundayLate.id);
      expect(ids).not.toContain(before.id);
      expect(ids).not.toContain(after.id);
      const start = new Date("2027-01-10T23:00:00Z").getTime();
      const end = new Date("2027-01-17T23:00:00Z").getTime();
      for (const a of board.appointments) {
        expect(a.plannedStart.getTime()).toBeLessThan(end);
        expect(a.plannedEnd.getTime()).toBeGreaterThan(start);
        expect(a.status).not.toBe("cancelled");
      }
      expect(board.appointments.find((a) => a.id === sundayLate.id)).toMatchObject({
        targetTitle: "Week edges",
        customerName: customer.name,
        locationName: "Main building",
        city: "Lyon",
        assignedEmployeeId: null,
        recurring: false,
      });
      // Employees of the tenant get a row even on an empty week.
      expect(board.employees.map((e) => e.id)).toEqual(expect.arrayContaining([lucas, camille, thomas]));
      expect(board.employees.every((e) => e.role === "employee")).toBe(true);

      const sunday = await dispatcher.board.view({ day: "2027-01-17", span: "week" });
      expect(sunday.days[0]).toBe("2027-01-11");
      expect(sunday.days).toHaveLength(7);
      const monday = await dispatcher.board.view({ day: "2027-01-18", span: "day" });
      expect(monday.days).toEqual(["2027-01-18"]);
      expect(monday.appointments.map((a) => a.id)).toEqual(expect.arrayContaining([after.id]));
      expect(monday.appointments.map((a) => a.id)).not.toContain(sundayLate.id);
      expect(await refusal(dispatcher.board.view({ day: "18/01/2027" }))).toBe("BAD_REQUEST");
    });

    it("lists open targets as a backlog for planners only", async () => {
      const dispatcher = await h.staff(staffOf.dispatcher.email);
      const admin = await h.staff(staffOf.admin.email);
      const manager = await h.staff(staffOf.manager.email);
      // Urgent and long overdue: first in line (the backlog is capped at 50, most pressing first).
      const backlogged = await dispatcher.targets.create({
        customerId: customer.id,
        locationId: site.id,
        title: "Backlog candidate",
        priority: "urgent",
        dueDate: "2000-01-03",
      });
      const planned = await newTarget("Already planned");
      await plan(planned.id, paris("2027-01-12", "09:00"), paris("2027-01-12", "10:00"), null);
      const day = "2027-01-13";
      for (const planner of [dispatcher, admin]) {
        const board = await planner.board.view({ day });
        expect(board.can).toMatchObject({ plan: true });
        expect(board.backlog[0]).toEqual({
          id: backlogged.id,
          title: "Backlog candidate",
          customerName: customer.name,
          locationName: "Main building",
          city: "Lyon",
          priority: "urgent",
          dueDate: "2000-01-03",
          workMinutes: 60,
        });
        expect(board.backlog.map((t) => t.id)).not.toContain(planned.id);
        const rank = { urgent: 0, high: 1, normal: 2, low: 3 } as const;
        const ranks = board.backlog.map((t) => rank[t.priority]);
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
        const statuses = await withTenant(h.db, tenantId, (tx) =>
          tx
            .select({ status: schema.targets.status })
            .from(schema.targets)
            .where(
              inArray(
                schema.targets.id,
                board.backlog.map((t) => t.id),
              ),
            ),
        );
        expect(statuses).toHaveLength(board.backlog.length);
        expect(statuses.every((s) => s.status === "open")).toBe(true);
      }
      const managerBoard = await manager.board.view({ day });
      expect(managerBoard.can).toMatchObject({ plan: false });
      expect(managerBoard.backlog).toEqual([]);
      expect(managerBoard.appointments.map((a) => a.targetId)).toContain(planned.id);
    });
  });
});
