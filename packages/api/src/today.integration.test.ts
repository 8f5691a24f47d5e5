import { withTenant } from "@ordinavo/db";
import { testEngines } from "@ordinavo/db/testing";
import {
  buildCustomer,
  buildLocation,
  buildVisit,
  createFollowUp,
  createVisitReport,
  type StaffIds,
} from "@ordinavo/demo";
import { addDays, localDay, zonedInstant } from "@ordinavo/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, buildWorkspace, openApiHarness } from "./test-support";

// The Today page per role: what the policy lets each viewer do decides what their Today holds
// (planners: today's board; reviewers and report readers who do not plan: the review queue; both:
// open follow-ups; field staff: their own day). Counts are the tenant's own, for today only.

const TZ = "Europe/Paris";

describe.each(testEngines())("today on %s", (engine) => {
  let h: ApiHarness;
  let tenantId: string;
  let staff: Record<"admin" | "manager" | "dispatcher" | "employee", StaffIds>;
  let lateId: string;
  let unassignedId: string;
  let oldestReport: string;
  let reviewingManager: StaffIds;

  const api = (who: keyof typeof staff) => h.staff(staff[who].email);

  beforeAll(async () => {
    h = await openApiHarness(engine);
    ({ tenantId, staff } = await buildWorkspace(
      h.db,
      { admin: "tenant_admin", manager: "manager", dispatcher: "dispatcher", employee: "employee" },
      { timeZone: TZ },
    ));
    // Moments inside today (in the tenant's zone), before and after now.
    const now = new Date();
    const day = localDay(now, TZ);
    const dayStart = zonedInstant(day, 0, TZ).getTime();
    const dayEnd = zonedInstant(addDays(day, 1), 0, TZ).getTime();
    const before = new Date(dayStart + (now.getTime() - dayStart) / 2);
    const after = new Date(now.getTime() + (dayEnd - now.getTime()) / 2);
    const slot = (start: Date) => ({ plannedStart: start, plannedEnd: new Date(start.getTime() + 60_000) });

    const { customerId } = await buildCustomer(h.db, { tenantId, name: "Aubergine" });
    const { locationId } = await buildLocation(h.db, { tenantId, customerId });
    const visit = (input: object) => buildVisit(h.db, { tenantId, customerId, locationId, ...input });
    const employeeId = staff.employee.userId;
    const late = await visit({
      ...slot(before),
      assignedEmployeeId: employeeId,
      target: { title: "Late one" },
    });
    lateId = late.appointmentId;
    ({ appointmentId: unassignedId } = await visit({ ...slot(after), target: { title: "Nobody yet" } }));
    await visit({ ...slot(before), assignedEmployeeId: employeeId, status: "en_route" });
    await visit({ ...slot(after), assignedEmployeeId: employeeId, status: "cancelled" });
    await visit({ ...slot(new Date(dayEnd + 3_600_000)), assignedEmployeeId: employeeId });

    // Three earlier visits with a report each (one report per visit).
    const earlier: { appointmentId: string; targetId: string }[] = [];
    for (let i = 0; i < 3; i++) {
      earlier.push(
        await visit({
          ...slot(new Date(dayStart - (i + 2) * 86_400_000)),
          assignedEmployeeId: employeeId,
          status: "completed",
        }),
      );
    }
    await withTenant(h.db, tenantId, async (tx) => {
      const report = (title: string, status: "submitted" | "draft", submittedAt: Date | null) =>
        createVisitReport(tx, {
          tenantId,
          appointmentId: earlier.at(-1)!.appointmentId,
          targetId: earlier.pop()!.targetId,
          customerId,
          title,
          status,
          submittedAt,
          authorId: employeeId,
        });
      oldestReport = (await report("Oldest", "submitted", new Date("2026-01-02T08:00:00Z"))).id;
      const newer = await report("Newer", "submitted", new Date("2026-01-03T08:00:00Z"));
      const draft = await report("Draft", "draft", null);
      for (const [source, status] of [
        [oldestReport, "open"],
        [newer.id, "planned"],
        [draft.id, "done"],
      ] as const) {
        await createFollowUp(tx, {
          tenantId,
          visitReportId: source,
          customerId,
          status,
          details: `Follow-up (${status})`,
          dueDate: "2026-02-01",
        });
      }
    });

    // Another tenant's day and queue count for nobody here; its manager may review reports.
    const other = await buildWorkspace(
      h.db,
      { manager: "manager" },
      { timeZone: TZ, managersReviewReports: true },
    );
    reviewingManager = other.staff.manager;
    const { customerId: theirs } = await buildCustomer(h.db, { tenantId: other.tenantId });
    await buildVisit(h.db, { tenantId: other.tenantId, customerId: theirs, ...slot(before) });
  });
  afterAll(() => h?.destroy());

  it("gives planners today's board: by status, unassigned and late, linking the board", async () => {
    const view = await (await api("dispatcher")).today.view();
    expect(view.board).toMatchObject({
      total: 3,
      unassigned: { count: 1, first: [{ id: unassignedId, title: "Nobody yet", assigneeName: null }] },
      late: { count: 1, first: [{ id: lateId, title: "Late one", href: `/appointments/${lateId}` }] },
      href: `/board?day=${view.day}&span=day`,
    });
    expect(view.board!.byStatus).toEqual([
      { status: "scheduled", label: "Scheduled", count: 2 },
      { status: "en_route", label: "En route", count: 1 },
      { status: "cancelled", label: "Cancelled", count: 1 },
    ]);
    // Dispatchers plan follow-up work; the review queue is not theirs.
    expect(view.reviews).toBeNull();
    expect(view.followUps).toMatchObject({ open: 1, planned: 1, oldest: [{ details: "Follow-up (open)" }] });
    expect(view.myDay).toBe(false);
  });

  it("gives managers the reports waiting for review, oldest first, and the follow-ups", async () => {
    const view = await (await api("manager")).today.view();
    expect(view.board).toBeNull();
    expect(view.reviews).toMatchObject({
      waiting: 2,
      canReview: false,
      href: "/reports",
      oldest: [
        { id: oldestReport, title: "Oldest", customerName: "Aubergine", href: `/reports/${oldestReport}` },
        { title: "Newer" },
      ],
    });
    expect(view.followUps).toMatchObject({ open: 1, planned: 1 });
    expect(view.myDay).toBe(false);
  });

  it("lets a manager who may review know it, with nothing of another tenant", async () => {
    const view = await (await h.staff(reviewingManager.email)).today.view();
    expect(view.reviews).toMatchObject({ waiting: 0, canReview: true, oldest: [] });
    expect(view.followUps).toMatchObject({ open: 0, planned: 0, oldest: [] });
  });

  it("gives admins everything they plan and review", async () => {
    const view = await (await api("admin")).today.view();
    expect(view.board).toMatchObject({ total: 3 });
    expect(view.reviews).toMatchObject({ waiting: 2, canReview: true });
    expect(view.followUps).toMatchObject({ open: 1 });
    expect(view.myDay).toBe(false);
  });

  it("gives employees their own day, nothing of the office", async () => {
    const employee = await api("employee");
    const view = await employee.today.view();
    expect(view).toMatchObject({ board: null, reviews: null, followUps: null, myDay: true });
    const day = await employee.execution.myDay({});
    expect(day.visits.map((v) => v.appointmentId)).toContain(lateId);
    expect(day.visits.map((v) => v.appointmentId)).not.toContain(unassignedId);
  });
});
