import { schema, withTenant } from "@ordinavo/db";
import { testEngines } from "@ordinavo/db/testing";
import {
  buildContact,
  buildCustomer,
  buildInternalNote,
  buildLocation,
  buildVisit,
  type StaffIds,
} from "@ordinavo/demo";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, buildWorkspace, fieldErrorsOf, openApiHarness, refusal } from "./test-support";

// Mobile execution: an employee's day and what they record on site. The tenant has one member of
// each office role and two employees, Lucas (whose visits these are) and Camille; a second
// tenant has an admin and an employee. Visits lie in February 2027 (Paris, UTC+1); updates are
// recorded "now", after the visits were made.

const paris = (day: string, time: string) => new Date(`${day}T${time}:00+01:00`);
const HOUR = 3_600_000;
const DAY = "2027-02-10";

describe.each(testEngines())("mobile execution on %s", (engine) => {
  let h: ApiHarness;
  let tenantId: string;
  let staff: Record<"admin" | "manager" | "dispatcher" | "lucas" | "camille", StaffIds>;
  let other: Record<"admin" | "employee", StaffIds>;
  let customerId: string;
  let siteId: string;
  let plainSiteId: string;
  let contactId: string;
  /** Lucas's visits on DAY: 08:00 (contact, coordinates), 10:00 (no coordinates), 13:00 cancelled. */
  let first: { appointmentId: string; targetId: string };
  let second: { appointmentId: string; targetId: string };
  let camillesVisit: { appointmentId: string };

  const as = (who: keyof typeof staff) => h.staff(staff[who].email);
  const inTenant = <T>(work: Parameters<typeof withTenant<T>>[2]) => withTenant(h.db, tenantId, work);
  const updatesOf = (appointmentId: string) =>
    inTenant((tx) =>
      tx.select().from(schema.mobileUpdates).where(eq(schema.mobileUpdates.appointmentId, appointmentId)),
    );
  const appointmentRow = async (id: string) =>
    (await inTenant((tx) => tx.select().from(schema.appointments).where(eq(schema.appointments.id, id))))[0]!;
  const targetRow = async (id: string) =>
    (await inTenant((tx) => tx.select().from(schema.targets).where(eq(schema.targets.id, id))))[0]!;
  const timelineOf = (objectId: string) =>
    inTenant((tx) =>
      tx.select().from(schema.timelineEntries).where(eq(schema.timelineEntries.objectId, objectId)),
    );
  const auditOf = (objectId: string) =>
    inTenant((tx) => tx.select().from(schema.auditLog).where(eq(schema.auditLog.objectId, objectId)));
  const webhookEventsOf = (objectId: string) =>
    inTenant((tx) =>
      tx
        .select()
        .from(schema.outboxEvents)
        .where(
          and(
            eq(schema.outboxEvents.name, "ordinavo/webhook.event_recorded"),
            sql`${schema.outboxEvents.payload}->>'objectId' = ${objectId}`,
          ),
        ),
    );
  /** The tenant admin switches positions on or off on the settings page. */
  async function setCapturePosition(on: boolean) {
    const admin = await as("admin");
    expect(await admin.settings.update({ capturePosition: on })).toEqual({ changed: ["capturePosition"] });
    expect((await admin.settings.get()).capturePosition).toBe(on);
  }

  let slot = 0;
  /** A fresh visit for Lucas (or `employee`) at the main site, on a day of its own. */
  async function freshVisit(employee: string | null = staff.lucas.userId, time = "09:00") {
    const day = `2027-03-${String(++slot).padStart(2, "0")}`;
    const plannedStart = paris(day, time);
    return buildVisit(h.db, {
      tenantId,
      customerId,
      locationId: siteId,
      target: { title: `Visit ${slot}` },
      assignedEmployeeId: employee,
      plannedStart,
      plannedEnd: new Date(plannedStart.getTime() + HOUR),
    });
  }
  /** Records a status change as Lucas with a new client id. */
  async function step(appointmentId: string, status: string, extra: Record<string, unknown> = {}) {
    const lucas = await as("lucas");
    return lucas.execution.record({
      clientId: crypto.randomUUID(),
      appointmentId,
      kind: "status_change",
      status: status as never,
      recordedAt: new Date(),
      ...extra,
    });
  }

  beforeAll(async () => {
    h = await openApiHarness(engine);
    const ours = await buildWorkspace(h.db, {
      admin: "tenant_admin",
      manager: "manager",
      dispatcher: "dispatcher",
      lucas: { role: "employee", name: "Lucas Moreau" },
      camille: { role: "employee", name: "Camille Girard" },
    });
    tenantId = ours.tenantId;
    staff = ours.staff;
    other = (await buildWorkspace(h.db, { admin: "tenant_admin", employee: "employee" })).staff;

    ({ customerId } = await buildCustomer(h.db, {
      tenantId,
      name: "Boulangerie Martin",
      notes: "CUSTOMER-ADMIN-NOTES",
    }));
    ({ locationId: siteId } = await buildLocation(h.db, {
      tenantId,
      customerId,
      name: "Shop",
      addressLine1: "12 rue Mercière",
      postalCode: "69002",
      city: "Lyon",
      country: "FR",
      latitude: 45.7622,
      longitude: 4.8303,
      accessNotes: "Code 4821 at the gate",
      parkingNotes: "Courtyard behind the shop",
    }));
    ({ locationId: plainSiteId } = await buildLocation(h.db, {
      tenantId,
      customerId,
      name: "Warehouse",
      addressLine1: "3 quai Perrache",
      postalCode: "69002",
      city: "Lyon",
      country: "FR",
      latitude: null,
      longitude: null,
    }));
    ({ contactPersonId: contactId } = await buildContact(h.db, {
      tenantId,
      customerId,
      locationId: siteId,
      name: "Marie Dupont",
      role: "Shop manager",
      email: "marie@example.test",
      mobile: "+33 6 12 34 56 78",
      preferredContactMethod: "mobile",
    }));
    await buildInternalNote(h.db, { tenantId, customerId, body: "INTERNAL-NOTE-BODY" });
    await inTenant((tx) =>
      tx.insert(schema.externalReferences).values({
        tenantId,
        objectType: "customer",
        objectId: customerId,
        sourceSystem: "erp",
        externalId: "EXT-REF-4711",
      }),
    );

    const visit = (locationId: string, time: string, extra: object = {}) =>
      buildVisit(h.db, {
        tenantId,
        customerId,
        locationId,
        target: { title: `Service at ${time}`, contactId: locationId === siteId ? contactId : null },
        assignedEmployeeId: staff.lucas.userId,
        plannedStart: paris(DAY, time),
        plannedEnd: new Date(paris(DAY, time).getTime() + HOUR),
        // Fixed times keep their slot when the dispatcher reorders the route.
        fixedTime: true,
        ...extra,
      });
    first = await visit(siteId, "08:00");
    second = await visit(plainSiteId, "10:00");
    await visit(siteId, "13:00", { status: "cancelled" });
    camillesVisit = await buildVisit(h.db, {
      tenantId,
      customerId,
      locationId: siteId,
      assignedEmployeeId: staff.camille.userId,
      plannedStart: paris(DAY, "09:00"),
      plannedEnd: paris(DAY, "10:00"),
    });
    // The dispatcher drives the warehouse first.
    const dispatcher = await as("dispatcher");
    await dispatcher.routes.reorder({
      employeeId: staff.lucas.userId,
      day: DAY,
      appointmentIds: [second.appointmentId, first.appointmentId],
    });
  }, 180_000);
  afterAll(() => h?.destroy());

  describe("my day", () => {
    it("lists the employee's own visits in route order with what they need on site", async () => {
      const lucas = await as("lucas");
      const day = await lucas.execution.myDay({ day: DAY });
      expect(day.visits.map((v) => v.appointmentId)).toEqual([second.appointmentId, first.appointmentId]);
      expect(day.visits.map((v) => [v.order, v.routePosition])).toEqual([
        [1, 0],
        [2, 1],
      ]);
      const [warehouse, shop] = day.visits;
      expect(shop).toMatchObject({
        customerName: "Boulangerie Martin",
        locationName: "Shop",
        address: "12 rue Mercière, 69002 Lyon",
        startText: "08:00",
        endText: "09:00",
        accessNotes: "Code 4821 at the gate",
        parkingNotes: "Courtyard behind the shop",
        navigation: {
          geo: "geo:45.7622,4.8303?q=45.7622,4.8303",
          web: "https://www.google.com/maps/dir/?api=1&destination=45.7622%2C4.8303",
        },
        contact: {
          name: "Marie Dupont",
          channel: "mobile",
          value: "+33 6 12 34 56 78",
          href: "tel:+33612345678",
        },
        report: null,
        can: { record: true, changeStatus: true, report: true },
      });
      // No coordinates: an address search; the location's contact stands in for the work's.
      expect(warehouse!.navigation).toEqual({
        geo: null,
        web: `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent("3 quai Perrache, 69002 Lyon")}`,
      });
      expect(warehouse!.contact).toBeNull();
    });

    it("holds nothing the spec restricts for employees", async () => {
      const lucas = await as("lucas");
      const text = JSON.stringify(await lucas.execution.myDay({ day: DAY }));
      for (const secret of [
        "EXT-REF-4711",
        "CUSTOMER-ADMIN-NOTES",
        "INTERNAL-NOTE-BODY",
        staff.camille.userId,
      ]) {
        expect(text).not.toContain(secret);
      }
      const visit = await lucas.execution.visit({ appointmentId: first.appointmentId });
      expect(visit.notes).toEqual([]);
      expect(JSON.stringify(visit)).not.toContain("EXT-REF-4711");
      expect(JSON.stringify(visit)).not.toContain("INTERNAL-NOTE-BODY");
    });

    it("is the signed-in person's own day only", async () => {
      const camille = await as("camille");
      const day = await camille.execution.myDay({ day: DAY });
      expect(day.visits.map((v) => v.appointmentId)).toEqual([camillesVisit.appointmentId]);
      const dispatcher = await as("dispatcher");
      expect((await dispatcher.execution.myDay({ day: DAY })).visits).toEqual([]);
    });
  });

  describe("who may see and record", () => {
    it("answers NOT_FOUND for another tenant's visit and an employee's unassigned work", async () => {
      const camille = await as("camille");
      const record = {
        clientId: crypto.randomUUID(),
        appointmentId: first.appointmentId,
        kind: "comment" as const,
        body: "Hello",
        recordedAt: new Date(),
      };
      expect(await refusal(camille.execution.visit({ appointmentId: first.appointmentId }))).toBe(
        "NOT_FOUND",
      );
      expect(await refusal(camille.execution.record(record))).toBe("NOT_FOUND");
      for (const outsider of [other.admin, other.employee]) {
        const api = await h.staff(outsider.email);
        expect(await refusal(api.execution.visit({ appointmentId: first.appointmentId }))).toBe("NOT_FOUND");
      }
      const foreignEmployee = await h.staff(other.employee.email);
      expect(await refusal(foreignEmployee.execution.record(record))).toBe("NOT_FOUND");
      expect(await updatesOf(first.appointmentId)).toEqual([]);
    });

    it("lets office roles look but only the assignee record", async () => {
      const admin = await as("admin");
      const view = await admin.execution.visit({ appointmentId: first.appointmentId });
      expect(view.nextStatuses).toEqual([]);
      expect(view.visit.can.record).toBe(false);
      const record = {
        clientId: crypto.randomUUID(),
        appointmentId: first.appointmentId,
        kind: "status_change" as const,
        status: "en_route" as const,
        recordedAt: new Date(),
      };
      expect(await refusal(admin.execution.record(record))).toBe("FORBIDDEN");
      // Managers do not record mobile updates at all (function level).
      expect(await refusal((await as("manager")).execution.record(record))).toBe("FORBIDDEN");
      expect(await updatesOf(first.appointmentId)).toEqual([]);
    });
  });

  describe("status updates", () => {
    it("walks the whole path and leaves the visit, its stop, its work and the history in step", async () => {
      const lucas = await as("lucas");
      const visit = await lucas.execution.visit({ appointmentId: first.appointmentId });
      expect(visit.nextStatuses).toEqual(["en_route", "on_site"]);
      expect(visit.capturePosition).toBe(false);

      await step(first.appointmentId, "en_route");
      await step(first.appointmentId, "on_site");
      expect((await targetRow(first.targetId)).status).toBe("in_progress");
      const started = await step(first.appointmentId, "in_progress");
      expect(started.appointment.startedAt).toEqual(started.update!.recordedAt);
      expect((await lucas.execution.visit({ appointmentId: first.appointmentId })).nextStatuses).toEqual([
        "completed",
        "not_completed",
      ]);
      const done = await step(first.appointmentId, "completed");
      expect(done.appointment).toMatchObject({ status: "completed", completedAt: done.update!.recordedAt });

      const row = await appointmentRow(first.appointmentId);
      expect(row.startedAt).toEqual(started.update!.recordedAt);
      const [stop] = await inTenant((tx) =>
        tx.select().from(schema.routeStops).where(eq(schema.routeStops.appointmentId, first.appointmentId)),
      );
      expect(stop!.visitedAt).toEqual(done.update!.recordedAt);
      expect(await targetRow(first.targetId)).toMatchObject({ status: "done" });

      const timeline = await timelineOf(first.appointmentId);
      expect(timeline.map((e) => e.kind)).toContain("appointment_completed");
      expect(timeline.find((e) => e.kind === "appointment_completed")).toMatchObject({
        actorType: "staff",
        actorId: staff.lucas.userId,
        portalVisible: true,
      });
      expect((await timelineOf(stop!.routeId)).map((e) => e.kind)).toContain("route_stop_visited");
      expect((await timelineOf(first.targetId)).map((e) => e.kind)).toContain("target_completed");

      const audit = await auditOf(first.appointmentId);
      const changes = audit.filter((e) => e.action === "appointment.status_changed");
      expect(changes.map((e) => e.metadata)).toEqual([
        expect.objectContaining({ from: "scheduled", to: "en_route" }),
        expect.objectContaining({ from: "en_route", to: "on_site" }),
        expect.objectContaining({ from: "on_site", to: "in_progress" }),
        expect.objectContaining({ from: "in_progress", to: "completed" }),
      ]);
      expect(audit.filter((e) => e.action === "mobile_update.recorded")).toHaveLength(4);
      expect(await webhookEventsOf(first.appointmentId)).toHaveLength(4);

      const after = await lucas.execution.visit({ appointmentId: first.appointmentId });
      expect(after.nextStatuses).toEqual([]);
      expect(after.updates.map((u) => [u.status, u.mine, u.employeeName])).toEqual([
        ["en_route", true, null],
        ["on_site", true, null],
        ["in_progress", true, null],
        ["completed", true, null],
      ]);
      // The office sees who recorded them.
      const admin = await as("admin");
      const office = await admin.execution.visit({ appointmentId: first.appointmentId });
      expect(office.updates.map((u) => u.employeeName)).toEqual(Array(4).fill("Lucas Moreau"));
    });

    it("dates the start at arrival when a short job is completed straight from on site", async () => {
      const visit = await freshVisit();
      const arrived = await step(visit.appointmentId, "on_site");
      const done = await step(visit.appointmentId, "completed");
      expect(done.appointment.startedAt).toEqual(arrived.update!.recordedAt);
      expect(done.appointment.completedAt).toEqual(done.update!.recordedAt);
    });

    it("applies a replayed update once and answers with the first result", async () => {
      const visit = await freshVisit();
      const lucas = await as("lucas");
      const input = {
        clientId: crypto.randomUUID(),
        appointmentId: visit.appointmentId,
        kind: "status_change" as const,
        status: "en_route" as const,
        recordedAt: new Date(),
      };
      const firstTime = await lucas.execution.record(input);
      const again = await lucas.execution.record({ ...input, recordedAt: new Date(Date.now() + 5000) });
      expect(firstTime.replayed).toBe(false);
      expect(again.replayed).toBe(true);
      expect(again.update).toEqual(firstTime.update);
      expect(await updatesOf(visit.appointmentId)).toHaveLength(1);
      expect(
        (await auditOf(visit.appointmentId)).filter((e) => e.action === "appointment.status_changed"),
      ).toHaveLength(1);

      // The same status under a new id (two tabs, say) is not an error and writes nothing.
      const twice = await step(visit.appointmentId, "en_route");
      expect(twice).toMatchObject({ replayed: true, update: { id: firstTime.update!.id } });
      expect(await updatesOf(visit.appointmentId)).toHaveLength(1);

      // The same id for another visit is refused.
      const elsewhere = await freshVisit();
      const errors = await fieldErrorsOf(
        lucas.execution.record({ ...input, appointmentId: elsewhere.appointmentId }),
      );
      expect(Object.keys(errors)).toEqual(["clientId"]);
    });

    it("applies concurrent arrivals of one update once", async () => {
      const visit = await freshVisit();
      const lucas = await as("lucas");
      const input = {
        clientId: crypto.randomUUID(),
        appointmentId: visit.appointmentId,
        kind: "problem_report" as const,
        body: "Water on the floor",
        recordedAt: new Date(),
      };
      const results = await Promise.all([1, 2, 3].map(() => lucas.execution.record(input)));
      expect(new Set(results.map((r) => r.update!.id)).size).toBe(1);
      expect(results.filter((r) => !r.replayed)).toHaveLength(1);
      expect(await updatesOf(visit.appointmentId)).toHaveLength(1);
      expect(
        (await timelineOf(visit.appointmentId)).filter((e) => e.kind === "problem_reported"),
      ).toHaveLength(1);
    });

    it("refuses statuses the machine or the office owns, as field errors, writing nothing", async () => {
      const visit = await freshVisit();
      const lucas = await as("lucas");
      const attempt = (status: string, body?: string) =>
        fieldErrorsOf(
          lucas.execution.record({
            clientId: crypto.randomUUID(),
            appointmentId: visit.appointmentId,
            kind: "status_change",
            status: status as never,
            body,
            recordedAt: new Date(),
          }),
        );
      expect(Object.keys(await attempt("completed"))).toEqual(["status"]);
      expect(Object.keys(await attempt("cancelled"))).toEqual(["status"]);
      expect(Object.keys(await attempt("confirmed"))).toEqual(["status"]);
      await step(visit.appointmentId, "on_site");
      await step(visit.appointmentId, "completed");
      // A stale "on the way" from a phone that was offline.
      expect(Object.keys(await attempt("en_route"))).toEqual(["status"]);
      expect(await updatesOf(visit.appointmentId)).toHaveLength(2);
    });

    it("needs a reason for a visit that could not be completed, and reopens the work", async () => {
      const visit = await freshVisit();
      await step(visit.appointmentId, "on_site");
      const lucas = await as("lucas");
      const input = {
        clientId: crypto.randomUUID(),
        appointmentId: visit.appointmentId,
        kind: "status_change" as const,
        status: "not_completed" as const,
        recordedAt: new Date(),
      };
      expect(Object.keys(await fieldErrorsOf(lucas.execution.record({ ...input, body: "   " })))).toEqual([
        "body",
      ]);
      expect((await appointmentRow(visit.appointmentId)).status).toBe("on_site");
      const failed = await lucas.execution.record({ ...input, body: "No access: the gate code changed" });
      expect(failed.appointment).toMatchObject({ status: "not_completed", startedAt: null });
      expect(failed.appointment.completedAt).toEqual(failed.update!.recordedAt);
      expect(failed.update!.body).toBe("No access: the gate code changed");
      expect(await targetRow(visit.targetId)).toMatchObject({ status: "open" });
      expect(await timelineOf(visit.appointmentId)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: "appointment_not_completed", portalVisible: false }),
        ]),
      );
      // The audit names fields, never the reason's text.
      expect(JSON.stringify(await auditOf(visit.appointmentId))).not.toContain("gate code");
    });

    it("keeps the work planned when another of its visits is still to come", async () => {
      const visit = await freshVisit();
      const plannedStart = paris("2027-04-20", "09:00");
      await inTenant((tx) =>
        tx.insert(schema.appointments).values({
          tenantId,
          targetId: visit.targetId,
          customerId,
          locationId: siteId,
          assignedEmployeeId: staff.lucas.userId,
          plannedStart,
          plannedEnd: new Date(plannedStart.getTime() + HOUR),
        }),
      );
      await step(visit.appointmentId, "on_site");
      await step(visit.appointmentId, "not_completed", { body: "Part missing" });
      expect((await targetRow(visit.targetId)).status).toBe("planned");
    });

    it("stores the position only where the tenant takes it", async () => {
      const position = { latitude: 45.7623, longitude: 4.8301, accuracyMeters: 12 };
      const off = await freshVisit();
      await step(off.appointmentId, "en_route", { position });
      expect((await updatesOf(off.appointmentId))[0]).toMatchObject({ latitude: null, longitude: null });

      await setCapturePosition(true);
      try {
        const on = await freshVisit();
        const lucas = await as("lucas");
        expect((await lucas.execution.visit({ appointmentId: on.appointmentId })).capturePosition).toBe(true);
        const recorded = await step(on.appointmentId, "en_route", { position });
        expect(recorded.update!.hasPosition).toBe(true);
        expect((await updatesOf(on.appointmentId))[0]).toMatchObject(position);
        const audit = (await auditOf(on.appointmentId)).find((e) => e.action === "mobile_update.recorded");
        expect(audit!.changedFields).toContain("position");
      } finally {
        await setCapturePosition(false);
      }
    });

    it("does not believe a phone clock in the future or before the visit existed", async () => {
      const visit = await freshVisit();
      const row = await appointmentRow(visit.appointmentId);
      const early = await step(visit.appointmentId, "en_route", {
        recordedAt: new Date("2020-01-01T00:00:00Z"),
      });
      expect(early.update!.recordedAt).toEqual(row.createdAt);
      const before = Date.now();
      const late = await step(visit.appointmentId, "on_site", {
        recordedAt: new Date(Date.now() + 3 * HOUR),
      });
      expect(late.update!.recordedAt.getTime()).toBeGreaterThanOrEqual(before);
      expect(late.update!.recordedAt.getTime()).toBeLessThanOrEqual(Date.now() + 60_000);
    });
  });

  describe("comments and problem reports", () => {
    it("need text, and a problem report goes into the customer's history", async () => {
      const visit = await freshVisit();
      const lucas = await as("lucas");
      const base = { appointmentId: visit.appointmentId, recordedAt: new Date() };
      for (const kind of ["comment", "problem_report"] as const) {
        const errors = await fieldErrorsOf(
          lucas.execution.record({ ...base, clientId: crypto.randomUUID(), kind }),
        );
        expect(Object.keys(errors)).toEqual(["body"]);
      }
      await lucas.execution.record({
        ...base,
        clientId: crypto.randomUUID(),
        kind: "comment",
        body: "Rang twice",
      });
      await lucas.execution.record({
        ...base,
        clientId: crypto.randomUUID(),
        kind: "problem_report",
        body: "Cracked tile",
      });
      const view = await lucas.execution.visit({ appointmentId: visit.appointmentId });
      expect(view.updates.map((u) => [u.kind, u.body])).toEqual([
        ["comment", "Rang twice"],
        ["problem_report", "Cracked tile"],
      ]);
      expect((await appointmentRow(visit.appointmentId)).status).toBe("scheduled");
      expect((await timelineOf(visit.appointmentId)).map((e) => e.kind)).toEqual(["problem_reported"]);
    });
  });

  describe("follow-ups", () => {
    it("a follow-up reads its status off the visit's work", async () => {
      // A report of an earlier visit asked for this work.
      const earlier = await freshVisit();
      const visit = await freshVisit();
      const followUpId = await inTenant(async (tx) => {
        const [report] = await tx
          .insert(schema.visitReports)
          .values({
            tenantId,
            appointmentId: earlier.appointmentId,
            targetId: earlier.targetId,
            customerId,
            locationId: siteId,
            authorId: staff.lucas.userId,
            title: "Earlier visit",
            status: "approved",
            followUpRequired: true,
          })
          .returning();
        const [followUp] = await tx
          .insert(schema.followUps)
          .values({
            tenantId,
            visitReportId: report!.id,
            customerId,
            locationId: siteId,
            details: "Replace the seal",
            status: "planned",
            targetId: visit.targetId,
          })
          .returning();
        return followUp!.id;
      });
      const followUp = async () =>
        (
          await inTenant((tx) =>
            tx.select().from(schema.followUps).where(eq(schema.followUps.id, followUpId)),
          )
        )[0]!;
      await step(visit.appointmentId, "on_site");
      expect((await followUp()).status).toBe("planned");
      await step(visit.appointmentId, "completed");
      expect((await followUp()).status).toBe("done");
      expect((await timelineOf(followUpId)).map((e) => e.kind)).toEqual(["follow_up_done"]);
    });
  });
});
