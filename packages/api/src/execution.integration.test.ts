import { schema } from "@ordinavo/db";
import { testEngines } from "@ordinavo/db/testing";
import { buildTarget } from "@ordinavo/demo";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ExecutionWorld, HOUR, openExecutionWorld, paris } from "./execution.world";
import { fieldErrorsOf } from "./test-support";

// What an employee records on site and what follows from it (world: execution.world.ts).

describe.each(testEngines())("mobile execution: updates on %s", (engine) => {
  let w: ExecutionWorld;
  beforeAll(async () => {
    w = await openExecutionWorld(engine);
  }, 180_000);
  afterAll(() => w?.h.destroy());

  describe("status updates", () => {
    it("walks the whole path and leaves the visit, its stop, its work and the history in step", async () => {
      const lucas = await w.as("lucas");
      const visit = await lucas.execution.visit({ appointmentId: w.first.appointmentId });
      expect(visit.nextStatuses).toEqual(["en_route", "on_site"]);
      // The page's steps for every status, for updates that wait offline: the on-site ones only.
      expect(visit.onSiteSteps).toMatchObject({
        scheduled: ["en_route", "on_site"],
        en_route: ["on_site"],
        in_progress: ["completed", "not_completed"],
        completed: [],
        cancelled: [],
      });
      expect(visit.visit.ended).toBe(false);
      expect(visit.capturePosition).toBe(false);

      await w.step(w.first.appointmentId, "en_route");
      await w.step(w.first.appointmentId, "on_site");
      expect((await w.targetRow(w.first.targetId)).status).toBe("in_progress");
      const started = await w.step(w.first.appointmentId, "in_progress");
      expect(started.appointment.startedAt).toEqual(started.update!.recordedAt);
      expect((await lucas.execution.visit({ appointmentId: w.first.appointmentId })).nextStatuses).toEqual([
        "completed",
        "not_completed",
      ]);
      const done = await w.step(w.first.appointmentId, "completed");
      expect(done.appointment).toMatchObject({ status: "completed", completedAt: done.update!.recordedAt });

      const row = await w.appointmentRow(w.first.appointmentId);
      expect(row.startedAt).toEqual(started.update!.recordedAt);
      const [stop] = await w.inTenant((tx) =>
        tx.select().from(schema.routeStops).where(eq(schema.routeStops.appointmentId, w.first.appointmentId)),
      );
      expect(stop!.visitedAt).toEqual(done.update!.recordedAt);
      expect(await w.targetRow(w.first.targetId)).toMatchObject({ status: "done" });

      const timeline = await w.timelineOf(w.first.appointmentId);
      expect(timeline.map((e) => e.kind)).toContain("appointment_completed");
      expect(timeline.find((e) => e.kind === "appointment_completed")).toMatchObject({
        actorType: "staff",
        actorId: w.staff.lucas.userId,
        portalVisible: true,
      });
      expect((await w.timelineOf(stop!.routeId)).map((e) => e.kind)).toContain("route_stop_visited");
      expect((await w.timelineOf(w.first.targetId)).map((e) => e.kind)).toContain("target_completed");

      const audit = await w.auditOf(w.first.appointmentId);
      const changes = audit.filter((e) => e.action === "appointment.status_changed");
      expect(changes.map((e) => e.metadata)).toEqual([
        expect.objectContaining({ from: "scheduled", to: "en_route" }),
        expect.objectContaining({ from: "en_route", to: "on_site" }),
        expect.objectContaining({ from: "on_site", to: "in_progress" }),
        expect.objectContaining({ from: "in_progress", to: "completed" }),
      ]);
      expect(audit.filter((e) => e.action === "mobile_update.recorded")).toHaveLength(4);
      expect(await w.webhookEventsOf(w.first.appointmentId)).toHaveLength(4);
      // The work moved twice with the visit (planned → in progress → done): audited and announced.
      const workChanges = (await w.auditOf(w.first.targetId)).filter(
        (e) => e.action === "target.status_changed",
      );
      expect(workChanges.map((e) => [e.metadata.from, e.metadata.to])).toEqual([
        ["planned", "in_progress"],
        ["in_progress", "done"],
      ]);
      expect((await w.webhookEventsOf(w.first.targetId)).map((e) => e.payload.eventType)).toEqual([
        "target.status_changed",
        "target.status_changed",
      ]);

      const after = await lucas.execution.visit({ appointmentId: w.first.appointmentId });
      expect(after.nextStatuses).toEqual([]);
      expect(after.visit).toMatchObject({ ended: true, can: { changeStatus: false } });
      expect(after.updates.map((u) => [u.status, u.mine, u.employeeName])).toEqual([
        ["en_route", true, null],
        ["on_site", true, null],
        ["in_progress", true, null],
        ["completed", true, null],
      ]);
      // The office sees who recorded them.
      const admin = await w.as("admin");
      const office = await admin.execution.visit({ appointmentId: w.first.appointmentId });
      expect(office.updates.map((u) => u.employeeName)).toEqual(Array(4).fill("Lucas Moreau"));
    });

    it("dates the start at arrival when a short job is completed straight from on site", async () => {
      const visit = await w.freshVisit();
      const arrived = await w.step(visit.appointmentId, "on_site");
      const done = await w.step(visit.appointmentId, "completed");
      expect(done.appointment.startedAt).toEqual(arrived.update!.recordedAt);
      expect(done.appointment.completedAt).toEqual(done.update!.recordedAt);
    });

    it("applies a replayed update once and answers with the first result", async () => {
      const visit = await w.freshVisit();
      const lucas = await w.as("lucas");
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
      expect(await w.updatesOf(visit.appointmentId)).toHaveLength(1);
      expect(
        (await w.auditOf(visit.appointmentId)).filter((e) => e.action === "appointment.status_changed"),
      ).toHaveLength(1);

      // The same status under a new id (two tabs, say) is not an error and writes nothing.
      const twice = await w.step(visit.appointmentId, "en_route");
      expect(twice).toMatchObject({ replayed: true, update: { id: firstTime.update!.id } });
      expect(await w.updatesOf(visit.appointmentId)).toHaveLength(1);

      // The same id for another visit is refused.
      const elsewhere = await w.freshVisit();
      const errors = await fieldErrorsOf(
        lucas.execution.record({ ...input, appointmentId: elsewhere.appointmentId }),
      );
      expect(Object.keys(errors)).toEqual(["clientId"]);
    });

    it("applies concurrent arrivals of one update once", async () => {
      const visit = await w.freshVisit();
      const lucas = await w.as("lucas");
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
      expect(await w.updatesOf(visit.appointmentId)).toHaveLength(1);
      expect(
        (await w.timelineOf(visit.appointmentId)).filter((e) => e.kind === "problem_reported"),
      ).toHaveLength(1);
    });

    it("refuses statuses the machine or the office owns, as field errors, writing nothing", async () => {
      const visit = await w.freshVisit();
      const lucas = await w.as("lucas");
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
      await w.step(visit.appointmentId, "on_site");
      await w.step(visit.appointmentId, "completed");
      // A stale "on the way" from a phone that was offline.
      expect(Object.keys(await attempt("en_route"))).toEqual(["status"]);
      expect(await w.updatesOf(visit.appointmentId)).toHaveLength(2);
    });

    it("needs a reason for a visit that could not be completed, and reopens the work", async () => {
      const visit = await w.freshVisit();
      await w.step(visit.appointmentId, "on_site");
      const lucas = await w.as("lucas");
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
      expect((await w.appointmentRow(visit.appointmentId)).status).toBe("on_site");
      const failed = await lucas.execution.record({ ...input, body: "No access: the gate code changed" });
      expect(failed.appointment).toMatchObject({ status: "not_completed", startedAt: null });
      expect(failed.appointment.completedAt).toEqual(failed.update!.recordedAt);
      expect(failed.update!.body).toBe("No access: the gate code changed");
      expect(await w.targetRow(visit.targetId)).toMatchObject({ status: "open" });
      expect(await w.timelineOf(visit.appointmentId)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: "appointment_not_completed", portalVisible: false }),
        ]),
      );
      // The audit names fields, never the reason's text.
      expect(JSON.stringify(await w.auditOf(visit.appointmentId))).not.toContain("gate code");
    });

    it("keeps the work planned when another of its visits is still to come", async () => {
      const visit = await w.freshVisit();
      const plannedStart = paris("2027-04-20", "09:00");
      await w.inTenant((tx) =>
        tx.insert(schema.appointments).values({
          tenantId: w.tenantId,
          targetId: visit.targetId,
          customerId: w.customerId,
          locationId: w.siteId,
          assignedEmployeeId: w.staff.lucas.userId,
          plannedStart,
          plannedEnd: new Date(plannedStart.getTime() + HOUR),
        }),
      );
      await w.step(visit.appointmentId, "on_site");
      await w.step(visit.appointmentId, "not_completed", { body: "Part missing" });
      expect((await w.targetRow(visit.targetId)).status).toBe("planned");
      // Back via open to planned in one update: one audited move, not one per step.
      const moves = (await w.auditOf(visit.targetId)).filter((e) => e.action === "target.status_changed");
      expect(moves.map((e) => [e.metadata.from, e.metadata.to])).toEqual([
        ["planned", "in_progress"],
        ["in_progress", "planned"],
      ]);
      expect(await w.webhookEventsOf(visit.targetId)).toHaveLength(2);
    });

    it("stores the position only where the tenant takes it", async () => {
      const position = { latitude: 45.7623, longitude: 4.8301, accuracyMeters: 12 };
      const off = await w.freshVisit();
      await w.step(off.appointmentId, "en_route", { position });
      expect((await w.updatesOf(off.appointmentId))[0]).toMatchObject({ latitude: null, longitude: null });

      await w.setCapturePosition(true);
      try {
        const on = await w.freshVisit();
        const lucas = await w.as("lucas");
        expect((await lucas.execution.visit({ appointmentId: on.appointmentId })).capturePosition).toBe(true);
        const recorded = await w.step(on.appointmentId, "en_route", { position });
        expect(recorded.update!.hasPosition).toBe(true);
        expect((await w.updatesOf(on.appointmentId))[0]).toMatchObject(position);
        const audit = (await w.auditOf(on.appointmentId)).find((e) => e.action === "mobile_update.recorded");
        expect(audit!.changedFields).toContain("position");
      } finally {
        await w.setCapturePosition(false);
      }
    });

    it("does not believe a phone clock in the future or before the visit existed", async () => {
      const visit = await w.freshVisit();
      const row = await w.appointmentRow(visit.appointmentId);
      const early = await w.step(visit.appointmentId, "en_route", {
        recordedAt: new Date("2020-01-01T00:00:00Z"),
      });
      expect(early.update!.recordedAt).toEqual(row.createdAt);
      const before = Date.now();
      const late = await w.step(visit.appointmentId, "on_site", {
        recordedAt: new Date(Date.now() + 3 * HOUR),
      });
      expect(late.update!.recordedAt.getTime()).toBeGreaterThanOrEqual(before);
      expect(late.update!.recordedAt.getTime()).toBeLessThanOrEqual(Date.now() + 60_000);
    });
  });

  describe("comments and problem reports", () => {
    it("need text, and a problem report goes into the customer's history", async () => {
      const visit = await w.freshVisit();
      const lucas = await w.as("lucas");
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
      expect((await w.appointmentRow(visit.appointmentId)).status).toBe("scheduled");
      expect((await w.timelineOf(visit.appointmentId)).map((e) => e.kind)).toEqual(["problem_reported"]);
    });
  });

  describe("work moved by the office's planning", () => {
    it("is audited and announced as when a visit moves it", async () => {
      const dispatcher = await w.as("dispatcher");
      const { targetId } = await buildTarget(w.h.db, {
        tenantId: w.tenantId,
        customerId: w.customerId,
        locationId: w.siteId,
        title: "Planned from the office",
      });
      const plannedStart = paris("2027-05-03", "09:00");
      const created = await dispatcher.appointments.create({
        targetId,
        plannedStart,
        plannedEnd: new Date(plannedStart.getTime() + HOUR),
      });
      expect((await w.targetRow(targetId)).status).toBe("planned");
      await dispatcher.appointments.changeStatus({
        appointmentId: created.appointment!.id,
        status: "cancelled",
      });
      expect((await w.targetRow(targetId)).status).toBe("open");

      const moves = (await w.auditOf(targetId)).filter((e) => e.action === "target.status_changed");
      expect(moves.map((e) => [e.actorId, e.changedFields, e.metadata.from, e.metadata.to])).toEqual([
        [w.staff.dispatcher.userId, ["status"], "open", "planned"],
        [w.staff.dispatcher.userId, ["status"], "planned", "open"],
      ]);
      expect((await w.webhookEventsOf(targetId)).map((e) => e.payload.eventType)).toEqual([
        "target.status_changed",
        "target.status_changed",
      ]);
    });
  });

  describe("follow-ups", () => {
    it("a follow-up reads its status off the visit's work", async () => {
      // A report of an earlier visit asked for this work.
      const earlier = await w.freshVisit();
      const visit = await w.freshVisit();
      const followUpId = await w.inTenant(async (tx) => {
        const [report] = await tx
          .insert(schema.visitReports)
          .values({
            tenantId: w.tenantId,
            appointmentId: earlier.appointmentId,
            targetId: earlier.targetId,
            customerId: w.customerId,
            locationId: w.siteId,
            authorId: w.staff.lucas.userId,
            title: "Earlier visit",
            status: "approved",
            followUpRequired: true,
          })
          .returning();
        const [followUp] = await tx
          .insert(schema.followUps)
          .values({
            tenantId: w.tenantId,
            visitReportId: report!.id,
            customerId: w.customerId,
            locationId: w.siteId,
            details: "Replace the seal",
            status: "planned",
            targetId: visit.targetId,
          })
          .returning();
        return followUp!.id;
      });
      const followUp = async () =>
        (
          await w.inTenant((tx) =>
            tx.select().from(schema.followUps).where(eq(schema.followUps.id, followUpId)),
          )
        )[0]!;
      await w.step(visit.appointmentId, "on_site");
      expect((await followUp()).status).toBe("planned");
      await w.step(visit.appointmentId, "completed");
      expect((await followUp()).status).toBe("done");
      expect((await w.timelineOf(followUpId)).map((e) => e.kind)).toEqual(["follow_up_done"]);
    });
  });
});
