import { schema, withSystem, withTenant } from "@ordinavo/db";
import { testEngines } from "@ordinavo/db/testing";
import { buildContact, buildCustomer, buildLocation, buildVisit, type StaffIds } from "@ordinavo/demo";
import { createFollowUpForReport, createJobs } from "@ordinavo/jobs";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, buildWorkspace, openApiHarness } from "./test-support";

// What an approval leaves behind: the follow-up (created by the job from the outbox event, once
// however often it is delivered, with its status following its target) and the billing trigger
// (details for admins, a summary for managers, nothing for employees and dispatchers). And the
// audit log of the whole story names fields, never the text people wrote.

type Team = "admin" | "manager" | "dispatcher" | "lucas";

describe.each(testEngines())("visit report outcomes on %s", (engine) => {
  let h: ApiHarness;
  let tenantId: string;
  let staff: Record<Team, StaffIds>;
  let place: { customerId: string; locationId: string; contactId: string };
  const api = (who: StaffIds) => h.staff(who.email);

  /** Texts typed into the reports below; none may reach the audit log. */
  const typed = {
    summary: "Mme Roux mentioned her neighbour's leaking pipe",
    problems: "Rust on the flue, photo taken",
    followUpDetails: "Replace the pressure vessel before winter",
    billingNote: "Invoice two filters at list price",
    reason: "Please name the part number you used",
  };

  /** A submitted report by Lucas for a new visit at the site. */
  async function submitted(change: Record<string, unknown>) {
    const { appointmentId } = await buildVisit(h.db, {
      tenantId,
      customerId: place.customerId,
      locationId: place.locationId,
      target: { title: "Heating check", contactId: place.contactId },
      assignedEmployeeId: staff.lucas.userId,
    });
    const lucas = await api(staff.lucas);
    const { visitReportId } = await lucas.reports.open({ appointmentId });
    await lucas.reports.update({
      visitReportId: visitReportId!,
      result: "completed",
      summary: "Checked the heating.",
      ...change,
    });
    await lucas.reports.submit({ visitReportId: visitReportId! });
    return visitReportId!;
  }

  const followUpsOf = (visitReportId: string) =>
    withTenant(h.db, tenantId, (tx) =>
      tx.select().from(schema.followUps).where(eq(schema.followUps.visitReportId, visitReportId)),
    );
  const followUpTargetCount = () =>
    withTenant(h.db, tenantId, async (tx) => {
      const [row] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(schema.targets)
        .where(and(eq(schema.targets.tenantId, tenantId), eq(schema.targets.source, "follow_up")));
      return row!.n;
    });

  beforeAll(async () => {
    h = await openApiHarness(engine);
    const built = await buildWorkspace(h.db, {
      admin: "tenant_admin",
      manager: "manager",
      dispatcher: "dispatcher",
      lucas: "employee",
    });
    tenantId = built.tenantId;
    staff = built.staff;
    const { customerId } = await buildCustomer(h.db, { tenantId, name: "Résidence Bellevue" });
    const { locationId } = await buildLocation(h.db, { tenantId, customerId, name: "Bâtiment A" });
    const { contactPersonId } = await buildContact(h.db, {
      tenantId,
      customerId,
      locationId,
      name: "Mme Roux",
    });
    place = { customerId, locationId, contactId: contactPersonId };
  }, 180_000);
  afterAll(() => h?.destroy());

  it("creates one follow-up and one target when the approval is delivered twice", async () => {
    const visitReportId = await submitted({
      followUpRequired: true,
      followUpDetails: typed.followUpDetails,
      followUpDueDate: "2099-03-31",
    });
    await (await api(staff.admin)).reports.approve({ visitReportId });
    const targetsBefore = await followUpTargetCount();

    const jobs = createJobs({ db: h.db, config: { mode: "in-process" } });
    expect(await jobs.relay.drain()).toBeGreaterThan(0);
    const [followUp] = await followUpsOf(visitReportId);
    expect(followUp).toMatchObject({ status: "open", dueDate: "2099-03-31", details: typed.followUpDetails });
    const [target] = await withTenant(h.db, tenantId, (tx) =>
      tx.select().from(schema.targets).where(eq(schema.targets.id, followUp!.targetId!)),
    );
    expect(target).toMatchObject({
      customerId: place.customerId,
      locationId: place.locationId,
      contactId: place.contactId,
      dueDate: "2099-03-31",
      source: "follow_up",
    });

    // The relay hands the same event over again (a resend after a lost acknowledgement)…
    await withSystem(h.db, (tx) =>
      tx
        .update(schema.outboxEvents)
        .set({ status: "pending", nextAttemptAt: new Date(0) })
        .where(sql`${schema.outboxEvents.payload}->>'visitReportId' = ${visitReportId}`),
    );
    expect(await jobs.relay.drain()).toBe(1);
    // …and the function runs once more by hand: still one follow-up, one target.
    expect(await createFollowUpForReport(h.db, tenantId, visitReportId)).toEqual({
      created: false,
      reason: "exists",
    });
    expect(await followUpsOf(visitReportId)).toHaveLength(1);
    expect(await followUpTargetCount()).toBe(targetsBefore + 1);

    // Each side leads to the other: the report shows its follow-up and the target.
    const admin = await api(staff.admin);
    const detail = await admin.reports.detail({ visitReportId });
    expect(detail.followUp).toMatchObject({
      status: "open",
      dueDate: "2099-03-31",
      target: { id: target!.id, title: "Follow-up: Heating check" },
    });
    // …and the target's page finds the report it comes from.
    expect(await admin.reports.ofFollowUpTarget({ targetId: target!.id })).toEqual({
      visitReportId,
      title: "Heating check",
      followUpStatus: "open",
    });
    // The employee learns that follow-up work exists, not the work they are not assigned to.
    const lucasView = await (await api(staff.lucas)).reports.detail({ visitReportId });
    expect(lucasView.followUp).toMatchObject({ status: "open", target: null });

    // The follow-up moves with its target.
    await admin.targets.changeStatus({ targetId: target!.id, status: "done" });
    expect((await admin.reports.detail({ visitReportId })).followUp?.status).toBe("done");
  });

  it("creates no follow-up for a report that does not ask for one", async () => {
    const visitReportId = await submitted({});
    await (await api(staff.admin)).reports.approve({ visitReportId });
    await createJobs({ db: h.db, config: { mode: "in-process" } }).relay.drain();
    expect(await followUpsOf(visitReportId)).toEqual([]);
    const admin = await api(staff.admin);
    expect((await admin.reports.detail({ visitReportId })).followUp).toBeNull();
    const [report] = await withTenant(h.db, tenantId, (tx) =>
      tx.select().from(schema.visitReports).where(eq(schema.visitReports.id, visitReportId)),
    );
    expect(await admin.reports.ofFollowUpTarget({ targetId: report!.targetId })).toBeNull();
  });

  it("shows billing trigger details to admins, a summary to managers, nothing to others", async () => {
    const visitReportId = await submitted({ billable: true });
    const admin = await api(staff.admin);
    // The employee signals "billable"; the note is an admin's field (an admin author writes it
    // through the API in reports.integration.test.ts), set here directly.
    await withTenant(h.db, tenantId, (tx) =>
      tx
        .update(schema.visitReports)
        .set({ billingNote: typed.billingNote })
        .where(eq(schema.visitReports.id, visitReportId)),
    );
    await admin.reports.approve({ visitReportId });

    const forAdmin = await admin.reports.detail({ visitReportId });
    expect(forAdmin.billingTrigger).toMatchObject({ status: "pending", note: typed.billingNote });
    expect(forAdmin.report.billingNote).toBe(typed.billingNote);

    const forManager = await (await api(staff.manager)).reports.detail({ visitReportId });
    expect(forManager.billingTrigger).toMatchObject({ status: "pending" });
    expect(forManager.billingTrigger).not.toHaveProperty("note");
    expect(forManager.report).not.toHaveProperty("billingNote");
    expect(forManager.report.billable).toBe(true);

    for (const who of [staff.lucas, staff.dispatcher]) {
      const view = await (await api(who)).reports.detail({ visitReportId });
      expect(view.billingTrigger).toBeNull();
      expect(view.report).not.toHaveProperty("billingNote");
    }
  });

  it("keeps what people wrote out of the audit log", async () => {
    const visitReportId = await submitted({ summary: typed.summary, problems: typed.problems });
    const admin = await api(staff.admin);
    await admin.reports.return({ visitReportId, reason: typed.reason });
    await (await api(staff.lucas)).reports.update({
      visitReportId,
      followUpRequired: true,
      followUpDetails: typed.followUpDetails,
    });
    await (await api(staff.lucas)).reports.submit({ visitReportId });
    await admin.reports.approve({ visitReportId });
    const audit = await withTenant(h.db, tenantId, (tx) => tx.select().from(schema.auditLog));
    const reportEntries = audit.filter((a) => a.objectId === visitReportId);
    expect(reportEntries.map((a) => a.action)).toEqual(
      expect.arrayContaining(["visit_report.returned", "visit_report.updated", "visit_report.approved"]),
    );
    expect(reportEntries.find((a) => a.action === "visit_report.returned")?.changedFields).toEqual([
      "status",
      "returnedReason",
    ]);
    const written = JSON.stringify(audit);
    for (const text of Object.values(typed)) expect(written).not.toContain(text);
  });
});
