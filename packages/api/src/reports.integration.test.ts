import { schema, withSystem, withTenant } from "@ordinavo/db";
import { testEngines } from "@ordinavo/db/testing";
import { buildContact, buildCustomer, buildLocation, buildVisit, type StaffIds } from "@ordinavo/demo";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, buildWorkspace, fieldErrorsOf, openApiHarness, refusal } from "./test-support";

// Visit reports from draft to approval: the author's writes, the reviewer's decisions, who may
// do which, and what an approval leaves behind (outbox events, the billing trigger). Follow-ups
// and billing visibility are in reports-outcomes.integration.test.ts.
//
// The data: a tenant without manager review (admin, a second admin, manager, dispatcher, two
// employees), one with it (admin, manager, employee), and a stranger tenant. Each test takes a
// fresh visit, since an appointment has one report.

type Team = "admin" | "admin2" | "manager" | "dispatcher" | "lucas" | "emma";

describe.each(testEngines())("visit reports on %s", (engine) => {
  let h: ApiHarness;
  let tenantId: string;
  let staff: Record<Team, StaffIds>;
  let gated: { tenantId: string; staff: Record<"admin" | "manager" | "nina", StaffIds> };
  let stranger: StaffIds;
  let place: { customerId: string; locationId: string; contactId: string };
  let gatedCustomerId: string;

  const api = (who: StaffIds) => h.staff(who.email);

  /** A new visit at the customer's site, assigned to `assignee`. */
  async function visit(assignee: StaffIds, title = "Boiler service", tenant = tenantId) {
    const customerId = tenant === tenantId ? place.customerId : gatedCustomerId;
    const { appointmentId } = await buildVisit(h.db, {
      tenantId: tenant,
      customerId,
      locationId: tenant === tenantId ? place.locationId : null,
      target: { title, contactId: tenant === tenantId ? place.contactId : null },
      assignedEmployeeId: assignee.userId,
    });
    return appointmentId;
  }

  /** A report written and submitted by `author` for a new visit of theirs. */
  async function submitted(author: StaffIds, change: Record<string, unknown> = {}, tenant = tenantId) {
    const writer = await api(author);
    const { visitReportId } = await writer.reports.open({
      appointmentId: await visit(author, undefined, tenant),
    });
    await writer.reports.update({
      visitReportId: visitReportId!,
      result: "completed",
      summary: "Serviced the boiler, pressure fine.",
      ...change,
    });
    await writer.reports.submit({ visitReportId: visitReportId! });
    return visitReportId!;
  }

  const outboxOf = (objectId: string) =>
    withSystem(h.db, (tx) => tx.select().from(schema.outboxEvents)).then((rows) =>
      rows.filter((row) => Object.values(row.payload as object).includes(objectId)),
    );
  const auditOf = (objectId: string) =>
    withTenant(h.db, tenantId, (tx) =>
      tx.select().from(schema.auditLog).where(eq(schema.auditLog.objectId, objectId)),
    );
  const timelineOf = (objectId: string) =>
    withTenant(h.db, tenantId, (tx) =>
      tx.select().from(schema.timelineEntries).where(eq(schema.timelineEntries.objectId, objectId)),
    );

  beforeAll(async () => {
    h = await openApiHarness(engine);
    const built = await buildWorkspace(h.db, {
      admin: "tenant_admin",
      admin2: "tenant_admin",
      manager: "manager",
      dispatcher: "dispatcher",
      lucas: { role: "employee", name: "Lucas Moreau" },
      emma: { role: "employee", name: "Emma Petit" },
    });
    tenantId = built.tenantId;
    staff = built.staff;
    gated = await buildWorkspace(
      h.db,
      { admin: "tenant_admin", manager: "manager", nina: "employee" },
      { managersReviewReports: true },
    );
    stranger = (await buildWorkspace(h.db, { admin: "tenant_admin" })).staff.admin;
    const { customerId } = await buildCustomer(h.db, { tenantId, name: "Aubergine Immobilier" });
    const { locationId } = await buildLocation(h.db, {
      tenantId,
      customerId,
      name: "Les Tilleuls",
      addressLine1: "12 rue des Tilleuls",
      addressLine2: "Bâtiment B",
      postalCode: "69002",
      city: "Lyon",
    });
    const { contactPersonId } = await buildContact(h.db, {
      tenantId,
      customerId,
      locationId,
      name: "Mme Roux",
    });
    place = { customerId, locationId, contactId: contactPersonId };
    gatedCustomerId = (await buildCustomer(h.db, { tenantId: gated.tenantId, name: "Gated Co" })).customerId;
  }, 180_000);
  afterAll(() => h?.destroy());

  it("runs from draft to approval, with the timeline, the outbox and the audit log", async () => {
    const lucas = await api(staff.lucas);
    const appointmentId = await visit(staff.lucas, "Annual boiler check");
    // Asking (a page's GET) starts nothing.
    expect(await lucas.reports.ofAppointment({ appointmentId })).toEqual({
      visitReportId: null,
      takesReport: true,
      canStart: true,
    });
    const none = await withTenant(h.db, tenantId, (tx) =>
      tx.select().from(schema.visitReports).where(eq(schema.visitReports.appointmentId, appointmentId)),
    );
    expect(none).toEqual([]);
    const opened = await lucas.reports.open({ appointmentId });
    expect(opened.created).toBe(true);
    // Opening again (another tab, a retry) finds the same draft.
    expect(await lucas.reports.open({ appointmentId })).toEqual({
      visitReportId: opened.visitReportId,
      created: false,
    });
    const visitReportId = opened.visitReportId!;
    expect((await lucas.reports.ofAppointment({ appointmentId })).visitReportId).toBe(visitReportId);
    const draft = await lucas.reports.detail({ visitReportId });
    expect(draft.report).toMatchObject({ title: "Annual boiler check", status: "draft", result: null });
    expect(draft.can).toEqual({ edit: true, submit: true, approve: false, return: false });
    expect(draft.context.location?.name).toBe("Les Tilleuls");

    await lucas.reports.update({ visitReportId, result: "partially_completed", summary: "Valve stuck." });
    expect((await lucas.reports.submit({ visitReportId })).status).toBe("submitted");
    expect((await outboxOf(visitReportId)).map((e) => e.payload)).toEqual([
      { tenantId, eventType: "visit_report.submitted", objectId: visitReportId, source: "workspace" },
    ]);

    const admin = await api(staff.admin);
    const queue = await admin.reports.queue({});
    expect(queue.mode).toBe("review");
    const item = queue.items.find((i) => i.report.id === visitReportId)!;
    expect(item.can).toMatchObject({ approve: true, return: true, edit: false });
    expect(item.context.customer.name).toBe("Aubergine Immobilier");
    expect(item.context.appointment.employeeName).toBe("Lucas Moreau");

    expect((await admin.reports.approve({ visitReportId })).status).toBe("approved");
    const approved = await admin.reports.detail({ visitReportId });
    expect(approved.report).toMatchObject({ status: "approved", approvedById: staff.admin.userId });
    expect(approved.can).toEqual({ edit: false, submit: false, approve: false, return: false });
    expect((await timelineOf(visitReportId)).map((e) => [e.kind, e.actorId]).sort()).toEqual([
      ["visit_report_approved", staff.admin.userId],
      ["visit_report_submitted", staff.lucas.userId],
    ]);
    const names = (await outboxOf(visitReportId)).map(
      (e) => `${e.name} ${(e.payload as { eventType?: string }).eventType ?? ""}`,
    );
    expect(names.sort()).toEqual([
      "ordinavo/visit_report.approved ",
      "ordinavo/webhook.event_recorded visit_report.approved",
      "ordinavo/webhook.event_recorded visit_report.submitted",
    ]);
    const audit = await auditOf(visitReportId);
    expect(audit.map((a) => a.action).sort()).toEqual([
      "visit_report.approved",
      "visit_report.created",
      "visit_report.submitted",
      "visit_report.updated",
    ]);
    expect(audit.find((a) => a.action === "visit_report.updated")?.changedFields.sort()).toEqual([
      "result",
      "summary",
    ]);
    // Not billable: no trigger.
    expect(approved.billingTrigger).toBeNull();
  });

  it("lists the waiting queue oldest first, a page at a time", async () => {
    const first = await submitted(staff.lucas);
    const second = await submitted(staff.lucas);
    const admin = await api(staff.admin);
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await admin.reports.queue({ limit: 1, cursor });
      expect(page.items.length).toBeLessThanOrEqual(1);
      ids.push(...page.items.map((i) => i.report.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(ids.indexOf(first)).toBeLessThan(ids.indexOf(second));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("returns a report with a reason, which the author edits and submits again", async () => {
    const visitReportId = await submitted(staff.lucas);
    const admin = await api(staff.admin);
    expect(await fieldErrorsOf(admin.reports.return({ visitReportId, reason: "  " }))).toHaveProperty(
      "reason",
    );
    await admin.reports.return({ visitReportId, reason: "Say which valve you replaced." });
    const lucas = await api(staff.lucas);
    const returned = await lucas.reports.detail({ visitReportId });
    expect(returned.report).toMatchObject({
      status: "returned",
      returnedReason: "Say which valve you replaced.",
    });
    expect(returned.can.edit).toBe(true);
    // Who returned it is for the office: employees and dispatchers get neither the id nor the name.
    expect(returned.report).not.toHaveProperty("returnedById");
    expect(returned.returnedByName).toBeNull();
    const dispatcherView = await (await api(staff.dispatcher)).reports.detail({ visitReportId });
    expect(dispatcherView.report).not.toHaveProperty("returnedById");
    expect(dispatcherView.returnedByName).toBeNull();
    const adminView = await admin.reports.detail({ visitReportId });
    expect(adminView.report.returnedById).toBe(staff.admin.userId);
    expect(adminView.returnedByName).toBe(staff.admin.name);
    await lucas.reports.update({ visitReportId, summary: "Replaced the left pressure valve." });
    expect((await lucas.reports.submit({ visitReportId })).status).toBe("submitted");
    const row = await withTenant(h.db, tenantId, (tx) =>
      tx.select().from(schema.visitReports).where(eq(schema.visitReports.id, visitReportId)),
    );
    expect(row[0]).toMatchObject({ returnedById: staff.admin.userId, status: "submitted" });
    expect((await timelineOf(visitReportId)).map((e) => e.kind)).toContain("visit_report_returned");
    expect((await admin.reports.approve({ visitReportId })).status).toBe("approved");
  });

  it("keeps approved and submitted reports read-only for their author", async () => {
    const visitReportId = await submitted(staff.lucas);
    const lucas = await api(staff.lucas);
    expect(await refusal(lucas.reports.update({ visitReportId, summary: "Changed my mind" }))).toBe(
      "FORBIDDEN",
    );
    await (await api(staff.admin)).reports.approve({ visitReportId });
    expect(await refusal(lucas.reports.update({ visitReportId, summary: "Too late" }))).toBe("FORBIDDEN");
    expect(await refusal(lucas.reports.submit({ visitReportId }))).toBe("FORBIDDEN");
    const admin = await api(staff.admin);
    expect(await refusal(admin.reports.return({ visitReportId, reason: "Again" }))).toBe("FORBIDDEN");
    expect(await refusal(admin.reports.approve({ visitReportId }))).toBe("FORBIDDEN");
  });

  it("lets nobody approve their own report, not even an admin", async () => {
    const visitReportId = await submitted(staff.admin, { billable: true, billingNote: "2 filters" });
    const admin = await api(staff.admin);
    expect((await admin.reports.detail({ visitReportId })).can.approve).toBe(false);
    expect(await refusal(admin.reports.approve({ visitReportId }))).toBe("FORBIDDEN");
    expect(await refusal(admin.reports.return({ visitReportId, reason: "Mine" }))).toBe("FORBIDDEN");
    expect((await (await api(staff.admin2)).reports.approve({ visitReportId })).status).toBe("approved");
  });

  it("lets managers review only where the tenant allows it", async () => {
    const visitReportId = await submitted(staff.lucas, { billable: true });
    const manager = await api(staff.manager);
    expect((await manager.reports.queue({})).mode).toBe("readOnly");
    expect((await manager.reports.detail({ visitReportId })).can).toMatchObject({
      approve: false,
      return: false,
    });
    expect(await refusal(manager.reports.approve({ visitReportId }))).toBe("FORBIDDEN");
    expect(await refusal(manager.reports.return({ visitReportId, reason: "No" }))).toBe("FORBIDDEN");

    const gatedReport = await submitted(gated.staff.nina, {}, gated.tenantId);
    const gatedManager = await api(gated.staff.manager);
    expect((await gatedManager.reports.queue({})).mode).toBe("review");
    expect((await gatedManager.reports.approve({ visitReportId: gatedReport })).status).toBe("approved");
  });

  it("refuses approval to employees and dispatchers", async () => {
    const visitReportId = await submitted(staff.lucas);
    expect(await refusal((await api(staff.lucas)).reports.approve({ visitReportId }))).toBe("FORBIDDEN");
    expect(await refusal((await api(staff.dispatcher)).reports.approve({ visitReportId }))).toBe("FORBIDDEN");
    const dispatcherView = await (await api(staff.dispatcher)).reports.detail({ visitReportId });
    // Dispatchers plan follow-up work: status and result, not the report's text.
    expect(dispatcherView.report.result).toBe("completed");
    expect(dispatcherView.report).not.toHaveProperty("summary");
    expect(dispatcherView.attachments).toEqual([]);
  });

  it("answers NOT_FOUND for another tenant's report and an employee's unassigned work", async () => {
    const appointmentId = await visit(staff.lucas);
    const lucas = await api(staff.lucas);
    const visitReportId = (await lucas.reports.open({ appointmentId })).visitReportId!;
    const outsider = await api(stranger);
    const emma = await api(staff.emma);
    for (const who of [outsider, emma]) {
      expect(await refusal(who.reports.detail({ visitReportId }))).toBe("NOT_FOUND");
      expect(await refusal(who.reports.open({ appointmentId }))).toBe("NOT_FOUND");
      expect(await refusal(who.reports.ofAppointment({ appointmentId }))).toBe("NOT_FOUND");
      expect(await refusal(who.reports.update({ visitReportId, summary: "x" }))).toBe("NOT_FOUND");
      expect(await refusal(who.reports.submit({ visitReportId }))).toBe("NOT_FOUND");
    }
    expect(await refusal(outsider.reports.approve({ visitReportId }))).toBe("NOT_FOUND");
    expect(await refusal(outsider.reports.return({ visitReportId, reason: "x" }))).toBe("NOT_FOUND");
    expect((await emma.reports.queue({})).items.map((i) => i.report.id)).not.toContain(visitReportId);
    expect((await outsider.reports.queue({ status: "draft" })).items).toEqual([]);
    // Someone who sees the visit but may not start its report gets no draft.
    const manager = await api(staff.manager);
    const unstarted = await visit(staff.lucas);
    expect(await manager.reports.ofAppointment({ appointmentId: unstarted })).toEqual({
      visitReportId: null,
      takesReport: true,
      canStart: false,
    });
    expect(await manager.reports.open({ appointmentId: unstarted })).toEqual({
      visitReportId: null,
      created: false,
    });
    // A cancelled visit takes no report, not even from its employee.
    await withTenant(h.db, tenantId, (tx) =>
      tx
        .update(schema.appointments)
        .set({ status: "cancelled" })
        .where(eq(schema.appointments.id, unstarted)),
    );
    expect(await lucas.reports.ofAppointment({ appointmentId: unstarted })).toEqual({
      visitReportId: null,
      takesReport: false,
      canStart: false,
    });
    expect(await refusal(lucas.reports.open({ appointmentId: unstarted }))).toBe("FORBIDDEN");
  });

  it("shows employees their own reports, newest first", async () => {
    const older = await submitted(staff.lucas);
    const newer = await submitted(staff.lucas);
    const mine = await (await api(staff.lucas)).reports.queue({});
    expect(mine.mode).toBe("mine");
    const ids = mine.items.map((i) => i.report.id);
    expect(ids.indexOf(newer)).toBeLessThan(ids.indexOf(older));
    expect(mine.items.every((i) => i.report.authorId === staff.lucas.userId)).toBe(true);
    expect(mine.items[0]!.report).not.toHaveProperty("billingNote");
  });

  it("names staff only to readers who may see them", async () => {
    const visitReportId = await submitted(staff.lucas);
    // The office: the author and the visit's employee by name.
    const item = async (who: StaffIds) =>
      (await (await api(who)).reports.queue({})).items.find((i) => i.report.id === visitReportId)!;
    const adminItem = await item(staff.admin);
    expect(adminItem.context.authorName).toBe("Lucas Moreau");
    expect(adminItem.context.appointment.employeeName).toBe("Lucas Moreau");
    // The whole address, its second line included.
    expect(adminItem.context.location?.address).toBe("12 rue des Tilleuls, Bâtiment B, 69002 Lyon");
    // Dispatchers do not receive the author's id, so not the author's name either.
    const dispatcherItem = await item(staff.dispatcher);
    expect(dispatcherItem.report).not.toHaveProperty("authorId");
    expect(dispatcherItem.context.authorName).toBeNull();
    expect(dispatcherItem.context.appointment.employeeName).toBe("Lucas Moreau");
    const dispatcherDetail = await (await api(staff.dispatcher)).reports.detail({ visitReportId });
    expect(dispatcherDetail.context.authorName).toBeNull();
  });

  it("lists a reassigned visit's report for its author and its new employee, naming neither to the other", async () => {
    const lucas = await api(staff.lucas);
    const appointmentId = await visit(staff.lucas);
    const visitReportId = (await lucas.reports.open({ appointmentId })).visitReportId!;
    await withTenant(h.db, tenantId, (tx) =>
      tx
        .update(schema.appointments)
        .set({ assignedEmployeeId: staff.emma.userId })
        .where(eq(schema.appointments.id, appointmentId)),
    );
    const emma = await api(staff.emma);
    const emmaItem = (await emma.reports.queue({})).items.find((i) => i.report.id === visitReportId);
    expect(emmaItem, "the new assignee sees the report in her list").toBeDefined();
    expect(emmaItem!.context.authorName).toBeNull();
    expect(emmaItem!.context.appointment.employeeName).toBe("Emma Petit");
    const lucasItem = (await lucas.reports.queue({})).items.find((i) => i.report.id === visitReportId);
    expect(lucasItem, "the author still sees it").toBeDefined();
    expect(lucasItem!.context.authorName).toBe("Lucas Moreau");
    expect(lucasItem!.context.appointment.employeeName).toBeNull();
    for (const [who, colleague] of [
      [emma, "Lucas Moreau"],
      [lucas, "Emma Petit"],
    ] as const) {
      const { context } = await who.reports.detail({ visitReportId });
      expect(JSON.stringify(context)).not.toContain(colleague);
    }
    expect((await (await api(staff.admin)).reports.detail({ visitReportId })).context).toMatchObject({
      authorName: "Lucas Moreau",
      appointment: { employeeName: "Emma Petit" },
    });
  });

  it("checks each field, and refuses fields the role may not write", async () => {
    const lucas = await api(staff.lucas);
    const visitReportId = (await lucas.reports.open({ appointmentId: await visit(staff.lucas) }))
      .visitReportId!;
    const errors = (change: Record<string, unknown>) =>
      fieldErrorsOf(lucas.reports.update({ visitReportId, ...change } as never));
    expect(await errors({ billingNote: "Bill them double" })).toHaveProperty("billingNote");
    expect(await errors({ title: " " })).toHaveProperty("title");
    expect(await errors({ title: "x".repeat(201) })).toHaveProperty("title");
    expect(await errors({ summary: "x".repeat(5001) })).toHaveProperty("summary");
    expect(await errors({ result: "done" })).toHaveProperty("result");
    expect(await errors({ followUpRequired: true })).toHaveProperty("followUpDetails");
    expect(await errors({ followUpDueDate: "2026-02-30" })).toHaveProperty("followUpDueDate");
    expect(await errors({ followUpDueDate: "2001-01-01" })).toHaveProperty("followUpDueDate");
    const incomplete = await fieldErrorsOf(lucas.reports.submit({ visitReportId }));
    expect(incomplete).toHaveProperty("result");
    expect(incomplete.summary).toEqual(["Summarise the visit"]);
    expect(await fieldErrorsOf(lucas.reports.queue({ limit: 0 }))).toEqual({
      limit: ["Page size must be a whole number between 1 and 100"],
    });
    const [row] = await withTenant(h.db, tenantId, (tx) =>
      tx.select().from(schema.visitReports).where(eq(schema.visitReports.id, visitReportId)),
    );
    expect(row).toMatchObject({ status: "draft", billingNote: null, followUpRequired: false });
    const saved = await lucas.reports.update({
      visitReportId,
      followUpRequired: true,
      followUpDetails: "Order a new pump",
      followUpDueDate: "2099-06-30",
      billable: true,
    });
    expect(saved).toMatchObject({ followUpDueDate: "2099-06-30", billable: true });
  });

  it("writes the billing trigger and the events in the approval's transaction, or nothing", async () => {
    const billable = await submitted(staff.admin, { billable: true, billingNote: "Two filters" });
    // A trigger already there makes the approval's own insert fail, after its other writes.
    await withTenant(h.db, tenantId, (tx) =>
      tx
        .insert(schema.billingTriggers)
        .values({ tenantId, visitReportId: billable, customerId: place.customerId }),
    );
    const before = (await outboxOf(billable)).length;
    expect(await refusal((await api(staff.admin2)).reports.approve({ visitReportId: billable }))).toBe(
      "INTERNAL_SERVER_ERROR",
    );
    expect((await outboxOf(billable)).length).toBe(before);
    const [row] = await withTenant(h.db, tenantId, (tx) =>
      tx.select().from(schema.visitReports).where(eq(schema.visitReports.id, billable)),
    );
    expect(row!.status).toBe("submitted");
    expect((await auditOf(billable)).map((a) => a.action)).not.toContain("visit_report.approved");

    await withTenant(h.db, tenantId, (tx) =>
      tx.delete(schema.billingTriggers).where(eq(schema.billingTriggers.visitReportId, billable)),
    );
    await (await api(staff.admin2)).reports.approve({ visitReportId: billable });
    const [trigger] = await withTenant(h.db, tenantId, (tx) =>
      tx
        .select()
        .from(schema.billingTriggers)
        .where(
          and(
            eq(schema.billingTriggers.tenantId, tenantId),
            eq(schema.billingTriggers.visitReportId, billable),
          ),
        ),
    );
    expect(trigger).toMatchObject({ status: "pending", note: "Two filters" });
    expect((await outboxOf(trigger!.id)).map((e) => e.payload)).toEqual([
      { tenantId, eventType: "billing_trigger.created", objectId: trigger!.id, source: "workspace" },
    ]);
  });
});
