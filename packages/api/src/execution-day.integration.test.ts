import { testEngines } from "@ordinavo/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, type ExecutionWorld, openExecutionWorld } from "./execution.world";
import { fieldErrorsOf, refusal } from "./test-support";

// An employee's day on the phone and who may see and record a visit (world: execution.world.ts).

describe.each(testEngines())("mobile execution: my day and access on %s", (engine) => {
  let w: ExecutionWorld;
  beforeAll(async () => {
    w = await openExecutionWorld(engine);
  }, 180_000);
  afterAll(() => w?.h.destroy());

  describe("my day", () => {
    it("lists the employee's own visits in route order with what they need on site", async () => {
      const lucas = await w.as("lucas");
      const day = await lucas.execution.myDay({ day: DAY });
      expect(day.visits.map((v) => v.appointmentId)).toEqual([w.second.appointmentId, w.first.appointmentId]);
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
      // No coordinates: an address search. The work names no contact: the location's first current
      // contact stands in (not the archived one before it, nor the customer-wide one).
      expect(warehouse!.navigation).toEqual({
        geo: null,
        web: `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent("3 quai Perrache, 69002 Lyon")}`,
      });
      expect(warehouse!.contact).toEqual({
        name: "Paul Garnier",
        role: "Warehouse keeper",
        channel: "phone",
        value: "+33 4 72 00 00 03",
        href: "tel:+33472000003",
      });
    });

    it("refuses a day that is not on the calendar, as a field error", async () => {
      const lucas = await w.as("lucas");
      const errors = await fieldErrorsOf(lucas.execution.myDay({ day: "2027-02-31" }));
      expect(Object.keys(errors)).toEqual(["day"]);
    });

    it("holds nothing the spec restricts for employees", async () => {
      const lucas = await w.as("lucas");
      const texts = [
        JSON.stringify(await lucas.execution.myDay({ day: DAY })),
        JSON.stringify(await lucas.execution.visit({ appointmentId: w.first.appointmentId })),
      ];
      for (const text of texts) {
        for (const secret of ["EXT-REF-4711", "CUSTOMER-ADMIN-NOTES", "INTERNAL-NOTE-BODY"]) {
          expect(text).not.toContain(secret);
        }
      }
    });

    it("shows employees the customer's notes only where the tenant allows it, never who wrote them", async () => {
      const visitOf = async (who: "lucas" | "admin") =>
        (await w.as(who)).execution.visit({ appointmentId: w.first.appointmentId });
      // The office reads the notes either way.
      expect((await visitOf("admin")).notes.map((n) => n.body)).toEqual(["INTERNAL-NOTE-BODY"]);
      expect((await visitOf("lucas")).notes).toEqual([]);

      const admin = await w.as("admin");
      await admin.settings.update({ employeesSeeInternalNotes: true });
      try {
        const visit = await visitOf("lucas");
        expect(visit.notes.map((n) => n.body)).toEqual(["INTERNAL-NOTE-BODY"]);
        const text = JSON.stringify(visit.notes);
        expect(text).not.toContain(w.staff.manager.userId);
        expect(text).not.toContain("Nadia");
      } finally {
        await admin.settings.update({ employeesSeeInternalNotes: false });
      }
    });

    it("is the signed-in person's own day only", async () => {
      const camille = await w.as("camille");
      const day = await camille.execution.myDay({ day: DAY });
      expect(day.visits.map((v) => v.appointmentId)).toEqual([w.camillesVisit.appointmentId]);
      const dispatcher = await w.as("dispatcher");
      expect((await dispatcher.execution.myDay({ day: DAY })).visits).toEqual([]);
    });
  });

  describe("who may see and record", () => {
    it("answers NOT_FOUND for another tenant's visit and an employee's unassigned work", async () => {
      const camille = await w.as("camille");
      const record = {
        clientId: crypto.randomUUID(),
        appointmentId: w.first.appointmentId,
        kind: "comment" as const,
        body: "Hello",
        recordedAt: new Date(),
      };
      expect(await refusal(camille.execution.visit({ appointmentId: w.first.appointmentId }))).toBe(
        "NOT_FOUND",
      );
      expect(await refusal(camille.execution.record(record))).toBe("NOT_FOUND");
      for (const outsider of [w.other.admin, w.other.employee]) {
        const api = await w.h.staff(outsider.email);
        expect(await refusal(api.execution.visit({ appointmentId: w.first.appointmentId }))).toBe(
          "NOT_FOUND",
        );
      }
      const foreignEmployee = await w.h.staff(w.other.employee.email);
      expect(await refusal(foreignEmployee.execution.record(record))).toBe("NOT_FOUND");
      expect(await w.updatesOf(w.first.appointmentId)).toEqual([]);
    });

    it("lets office roles look but only the assignee record", async () => {
      const admin = await w.as("admin");
      const view = await admin.execution.visit({ appointmentId: w.first.appointmentId });
      expect(view.nextStatuses).toEqual([]);
      expect(view.visit.can.record).toBe(false);
      const record = {
        clientId: crypto.randomUUID(),
        appointmentId: w.first.appointmentId,
        kind: "status_change" as const,
        status: "en_route" as const,
        recordedAt: new Date(),
      };
      expect(await refusal(admin.execution.record(record))).toBe("FORBIDDEN");
      // Managers do not record mobile updates at all (function level).
      expect(await refusal((await w.as("manager")).execution.record(record))).toBe("FORBIDDEN");
      expect(await w.updatesOf(w.first.appointmentId)).toEqual([]);
    });
  });
});
