import { schema, withTenant } from "@ordinavo/db";
import { testEngines } from "@ordinavo/db/testing";
import {
  buildApiKey,
  buildCustomer,
  buildLocation,
  buildPortalUser,
  buildRecurringPlan,
  buildTarget,
  buildVisit,
  createAppointment,
  createFollowUp,
  createRoute,
  createTarget,
  createTimelineEntry,
  createVisitReport,
  type StaffIds,
} from "@ordinavo/demo";
import type { TimelineKind } from "@ordinavo/domain/vocabulary";
import { generateRecurringVisits } from "@ordinavo/planning";
import { isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiHarness,
  buildWorkspace,
  fieldErrorsOf,
  openApiHarness,
  refusal,
  type WorkspaceApi,
} from "./test-support";

// The customer history: one customer's work, visits, a moved visit, a note, a report and a plan's
// generated visits, read by each role. Paging must neither skip nor repeat entries, a plan's
// generated visits come as one item wherever a page boundary falls, and every preview shows only
// what the viewer may read of the record behind it.

type Item = Awaited<ReturnType<WorkspaceApi["timeline"]["customer"]>>["items"][number];

describe.each(testEngines())("customer timeline on %s", (engine) => {
  let h: ApiHarness;
  let tenantId: string;
  let staff: Record<"admin" | "manager" | "dispatcher" | "employee" | "colleague" | "stranger", StaffIds>;
  let customerId: string;
  let siteA: string;
  let siteB: string;
  let otherCustomerId: string;
  let otherSite: string;
  let planId: string;
  let reportId: string;
  let moved: string;
  let oldTargetId: string;
  let routeId: string;
  let singleGenerated: string;
  const missingTarget = "00000000-0000-4000-8000-000000000001";
  const GENERATED = 12;

  const api = (who: keyof typeof staff) => h.staff(staff[who].email);
  /** Every item of the history, page by page. */
  async function allPages(who: keyof typeof staff, limit: number, filter: object = {}) {
    const pages: Item[][] = [];
    let after: string | undefined;
    do {
      const page = await (await api(who)).timeline.customer({ customerId, limit, after, ...filter });
      pages.push(page.items);
      after = page.nextCursor ?? undefined;
    } while (after && pages.length < 100);
    return pages;
  }
  const kindsOf = (items: Item[]) => items.map((item) => item.kind);

  beforeAll(async () => {
    h = await openApiHarness(engine);
    const workspace = await buildWorkspace(h.db, {
      admin: { role: "tenant_admin", name: "Alice Admin" },
      manager: { role: "manager", name: "Marc Manager" },
      dispatcher: { role: "dispatcher", name: "Dora Dispatch" },
      employee: { role: "employee", name: "Lucas Moreau" },
      colleague: { role: "employee", name: "Inès Petit" },
      stranger: { role: "employee", name: "Hugo Blanc" },
    });
    tenantId = workspace.tenantId;
    staff = workspace.staff;
    ({ customerId } = await buildCustomer(h.db, { tenantId, name: "Aubergine" }));
    ({ locationId: siteA } = await buildLocation(h.db, { tenantId, customerId, name: "Site A" }));
    ({ locationId: siteB } = await buildLocation(h.db, { tenantId, customerId, name: "Site B" }));
    ({ customerId: otherCustomerId } = await buildCustomer(h.db, { tenantId, name: "Other customer" }));
    ({ locationId: otherSite } = await buildLocation(h.db, { tenantId, customerId: otherCustomerId }));

    // Oldest: work created before the history kept its actor (the target names its creator), and
    // an entry whose record is gone.
    ({ targetId: oldTargetId } = await buildTarget(h.db, {
      tenantId,
      customerId,
      locationId: siteA,
      title: "Old work",
      createdById: staff.manager.userId,
    }));
    await withTenant(h.db, tenantId, async (tx) => {
      await createTimelineEntry(tx, {
        tenantId,
        customerId,
        locationId: siteA,
        kind: "target_created",
        objectType: "target",
        objectId: oldTargetId,
        occurredAt: new Date("2026-01-05T08:00:00Z"),
      });
      await createTimelineEntry(tx, {
        tenantId,
        customerId,
        kind: "target_created",
        objectType: "target",
        objectId: missingTarget,
        occurredAt: new Date("2026-01-04T08:00:00Z"),
      });
    });

    // A report with text, submitted by the employee in March.
    const visit = await buildVisit(h.db, {
      tenantId,
      customerId,
      locationId: siteA,
      assignedEmployeeId: staff.employee.userId,
      target: { title: "Leak check" },
    });
    const { targetId: followUpTarget } = await buildTarget(h.db, {
      tenantId,
      customerId,
      locationId: siteA,
      title: "Order a new tap",
      source: "follow_up",
    });
    await withTenant(h.db, tenantId, async (tx) => {
      const report = await createVisitReport(tx, {
        tenantId,
        appointmentId: visit.appointmentId,
        targetId: visit.targetId,
        customerId,
        locationId: siteA,
        authorId: staff.employee.userId,
        title: "Leak under the sink",
        summary: "Replaced the seal under the kitchen sink.",
        status: "submitted",
        submittedAt: new Date("2026-03-02T10:00:00Z"),
        followUpRequired: true,
        followUpDetails: "Order a new tap",
      });
      reportId = report.id;
      await createTimelineEntry(tx, {
        tenantId,
        customerId,
        locationId: siteA,
        kind: "visit_report_submitted",
        objectType: "visit_report",
        objectId: report.id,
        occurredAt: new Date("2026-03-02T10:00:00Z"),
        actorType: "staff",
        actorId: staff.employee.userId,
      });
      const route = await createRoute(tx, { tenantId, employeeId: staff.employee.userId, day: "2026-03-03" });
      routeId = route.id;
      await createTimelineEntry(tx, {
        tenantId,
        customerId,
        locationId: siteA,
        kind: "route_stop_visited",
        objectType: "route",
        objectId: route.id,
        occurredAt: new Date("2026-03-03T10:00:00Z"),
        actorType: "staff",
        actorId: staff.employee.userId,
      });
      await createFollowUp(tx, {
        tenantId,
        visitReportId: report.id,
        customerId,
        locationId: siteA,
        details: "Order a new tap",
        dueDate: "2026-04-01",
        targetId: followUpTarget,
      });
    });

    // Through the API (the history records who did it): new work, a visit, a move, a note.
    const dispatcher = await api("dispatcher");
    const target = await dispatcher.targets.create({
      customerId,
      locationId: siteA,
      title: "Boiler service",
    });
    const planned = await dispatcher.appointments.create({
      targetId: target.id,
      plannedStart: new Date("2027-02-01T09:00:00Z"),
      plannedEnd: new Date("2027-02-01T10:00:00Z"),
      assignedEmployeeId: staff.employee.userId,
    });
    moved = planned.appointment!.id;
    await dispatcher.appointments.reschedule({
      appointmentId: moved,
      plannedStart: new Date("2027-02-02T09:00:00Z"),
      plannedEnd: new Date("2027-02-02T10:00:00Z"),
    });
    await (await api("manager")).internalNotes.add({
      objectType: "customer",
      objectId: customerId,
      body: "Contract renewal at risk",
    });

    // Newest: a weekly plan at site B generates its visits (two entries per visit).
    ({ recurringPlanId: planId } = await buildRecurringPlan(h.db, {
      tenantId,
      customerId,
      locationId: siteB,
      title: "Weekly filter check",
      rrule: "FREQ=WEEKLY;BYDAY=MO",
      startsOn: "2026-01-05",
      startTime: "09:00",
      timeZone: "Europe/Paris",
      durationMinutes: 30,
      horizonDays: GENERATED * 7,
    }));
    const outcome = await generateRecurringVisits(h.db, { tenantId, planId });
    expect(outcome).toMatchObject({ created: GENERATED });
    // One generated visit told twice, hours apart (as older data has it): one entry, not a group.
    const [one] = await withTenant(h.db, tenantId, (tx) =>
      tx
        .select({ id: schema.appointments.id })
        .from(schema.appointments)
        .where(isNotNull(schema.appointments.recurringOccurrenceId))
        .limit(1),
    );
    singleGenerated = one!.id;
    await withTenant(h.db, tenantId, async (tx) => {
      for (const [kind, at] of [
        ["recurring_visit_generated", "2026-02-01T10:00:00Z"],
        ["appointment_planned", "2026-02-01T13:45:00Z"],
      ] as const) {
        await createTimelineEntry(tx, {
          tenantId,
          customerId,
          locationId: siteB,
          kind,
          objectType: "appointment",
          objectId: singleGenerated,
          occurredAt: new Date(at),
        });
      }
    });
  });
  afterAll(() => h?.destroy());

  it("tells the story newest first, a plan's generated visits as one item", async () => {
    const [items] = await allPages("admin", 100);
    expect(kindsOf(items!)).toEqual([
      "recurring_visit_generated",
      "internal_note_added",
      "appointment_moved",
      "appointment_planned",
      "target_created",
      "route_stop_visited",
      "visit_report_submitted",
      "recurring_visit_generated",
      "target_created",
      "target_created",
    ]);
    expect(items!.at(-3)).toMatchObject({
      group: null,
      actor: { name: "System" },
      object: { type: "appointment", id: singleGenerated, title: "Weekly filter check" },
    });
    const generated = items![0]!;
    expect(generated.group).toMatchObject({
      visits: GENERATED,
      entries: GENERATED * 2,
      plan: { id: planId, title: "Weekly filter check", href: `/recurring/${planId}` },
    });
    expect(generated.group!.firstVisit!.getTime()).toBeLessThan(generated.group!.lastVisit!.getTime());
    expect(generated.location).toMatchObject({ id: siteB, name: "Site B" });
    expect(generated.actor).toMatchObject({ type: "system", name: "System" });
    const times = items!.map((item) => item.occurredAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("names who did it, links the record and shows its state", async () => {
    const [items] = await allPages("admin", 100);
    const byKind = (kind: TimelineKind) => items!.filter((item) => item.kind === kind);
    const move = byKind("appointment_moved")[0]!;
    expect(move.actor).toMatchObject({ type: "staff", name: "Dora Dispatch" });
    expect(move.object).toMatchObject({
      type: "appointment",
      id: moved,
      title: "Boiler service",
      status: "Scheduled",
      start: new Date("2027-02-02T09:00:00Z"),
      assignee: "Lucas Moreau",
      href: `/appointments/${moved}`,
    });
    expect(byKind("internal_note_added")[0]).toMatchObject({
      actor: { name: "Marc Manager" },
      object: { type: "internal_note", excerpt: "Contract renewal at risk" },
    });
    expect(byKind("visit_report_submitted")[0]).toMatchObject({
      actor: { name: "Lucas Moreau" },
      object: {
        id: reportId,
        title: "Leak under the sink",
        status: "Submitted",
        excerpt: "Replaced the seal under the kitchen sink.",
        href: `/reports/${reportId}`,
      },
    });
    expect(byKind("route_stop_visited")[0]).toMatchObject({
      actor: { name: "Lucas Moreau" },
      object: {
        type: "route",
        id: routeId,
        title: "Route of Tue, 3 Mar 2026",
        assignee: "Lucas Moreau",
        href: `/routes?day=2026-03-03&employee=${staff.employee.userId}`,
      },
    });
    const [created, old, gone] = byKind("target_created");
    expect(created).toMatchObject({ actor: { name: "Dora Dispatch" }, object: { title: "Boiler service" } });
    // Written before entries kept their actor: the work names its creator.
    expect(old).toMatchObject({
      actor: { name: "Marc Manager" },
      object: { id: oldTargetId, title: "Old work" },
    });
    // The record is gone: what happened and when stay, nothing else.
    expect(gone).toMatchObject({ object: null, actor: null, kind: "target_created" });
  });

  it.each([1, 2, 3, 5, 7])(
    "pages of %i entries neither skip nor repeat, and keep the group whole",
    async (limit) => {
      const [everything] = await allPages("admin", 100);
      const pages = await allPages("admin", limit);
      const ids = pages.flat().map((item) => item.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(everything!.map((item) => item.id));
      const groups = pages.flat().filter((item) => item.group);
      expect(pages.flat().filter((item) => item.object?.id === singleGenerated && !item.group)).toHaveLength(
        1,
      );
      expect(groups).toHaveLength(1);
      expect(groups[0]!.group!.visits).toBe(GENERATED);
      // No page is empty except when the history is.
      expect(pages.every((page) => page.length > 0)).toBe(true);
    },
  );

  it("filters by location, kind group, kinds and local days", async () => {
    const admin = await api("admin");
    const atB = await admin.timeline.customer({ customerId, locationId: siteB });
    // At site B only, the single visit's entries follow the plan's others: one group of the plan.
    expect(kindsOf(atB.items)).toEqual(["recurring_visit_generated"]);
    expect(atB.items[0]!.group).toMatchObject({ visits: GENERATED, entries: GENERATED * 2 + 2 });
    const notes = await admin.timeline.customer({ customerId, groups: ["notes"] });
    expect(kindsOf(notes.items)).toEqual(["internal_note_added"]);
    const work = await admin.timeline.customer({ customerId, groups: ["work", "reports"] });
    expect(kindsOf(work.items)).toEqual([
      "target_created",
      "visit_report_submitted",
      "target_created",
      "target_created",
    ]);
    const moves = await admin.timeline.customer({ customerId, kinds: ["appointment_moved"] });
    expect(kindsOf(moves.items)).toEqual(["appointment_moved"]);
    // 2 March 10:00 UTC is 11:00 in Paris (the tenant's default zone or UTC: the same day).
    const march = await admin.timeline.customer({ customerId, from: "2026-03-01", to: "2026-03-02" });
    expect(kindsOf(march.items)).toEqual(["visit_report_submitted"]);
    const visits = await admin.timeline.customer({ customerId, groups: ["visits"], to: "2026-12-31" });
    expect(kindsOf(visits.items)).toContain("route_stop_visited");
    const january = await admin.timeline.customer({ customerId, from: "2026-01-01", to: "2026-01-31" });
    expect(kindsOf(january.items)).toEqual(["target_created", "target_created"]);
    const empty = await admin.timeline.customer({ customerId, from: "2025-01-01", to: "2025-01-31" });
    expect(empty).toMatchObject({ items: [], nextCursor: null });
  });

  it("refuses filters that do not fit, changing nothing", async () => {
    const admin = await api("admin");
    expect(
      Object.keys(await fieldErrorsOf(admin.timeline.customer({ customerId, locationId: otherSite }))),
    ).toEqual(["locationId"]);
    expect(
      Object.keys(
        await fieldErrorsOf(admin.timeline.customer({ customerId, from: "2026-03-02", to: "2026-03-01" })),
      ),
    ).toEqual(["to"]);
    expect(
      Object.keys(await fieldErrorsOf(admin.timeline.customer({ customerId, after: "not-a-cursor" }))),
    ).toEqual(["after"]);
    // A kind typed into the address: a plain message, not the list of codes.
    const unknownKind = { customerId, groups: ["gossip"] } as unknown as Parameters<
      WorkspaceApi["timeline"]["customer"]
    >[0];
    expect(await fieldErrorsOf(admin.timeline.customer(unknownKind))).toEqual({
      "groups.0": ["Choose one of the listed kinds of entry"],
    });
  });

  it("dispatchers get a report's state but not its text or author, and no notes at all", async () => {
    const dispatcher = await api("dispatcher");
    const page = await dispatcher.timeline.customer({ customerId });
    expect(kindsOf(page.items)).not.toContain("internal_note_added");
    expect(page.groups.map((group) => group.id)).not.toContain("notes");
    const report = page.items.find((item) => item.kind === "visit_report_submitted")!;
    expect(report.object).toMatchObject({ title: "Leak under the sink", status: "Submitted", excerpt: null });
    // The entry records its author, but a dispatcher's report has no author field: nobody is named.
    expect(report.actor).toBeNull();
    // People the dispatcher's view of the record does carry are still named.
    expect(page.items.find((item) => item.kind === "appointment_moved")!.actor).toMatchObject({
      name: "Dora Dispatch",
    });
    // Asking for notes alone gives nothing rather than an error: the filter never offered it.
    expect((await dispatcher.timeline.customer({ customerId, groups: ["notes"] })).items).toEqual([]);
    // A page is still full when notes are filtered out in SQL (the first page is the plan's group).
    const pages = await allPages("dispatcher", 3);
    expect(kindsOf(pages[1]!)).toEqual(["appointment_moved", "appointment_planned", "target_created"]);
  });

  it("managers read the report's text, its author and the note", async () => {
    const manager = await api("manager");
    const page = await manager.timeline.customer({ customerId });
    expect(page.groups.map((group) => group.id)).toContain("notes");
    const report = page.items.find((item) => item.kind === "visit_report_submitted")!;
    expect(report.object!.excerpt).toBe("Replaced the seal under the kitchen sink.");
    expect(report.actor).toMatchObject({ type: "staff", name: "Lucas Moreau" });
    expect(page.items.find((item) => item.kind === "internal_note_added")!.object!.excerpt).toBe(
      "Contract renewal at risk",
    );
  });

  it("is not for employees, and another tenant's customer does not exist", async () => {
    expect(await refusal((await api("employee")).timeline.customer({ customerId }))).toBe("FORBIDDEN");
    const other = await buildWorkspace(h.db, { admin: "tenant_admin" });
    const { customerId: foreign } = await buildCustomer(h.db, { tenantId: other.tenantId });
    expect(await refusal((await api("admin")).timeline.customer({ customerId: foreign }))).toBe("NOT_FOUND");
    const outsider = await h.staff(other.staff.admin.email);
    expect(await refusal(outsider.timeline.customer({ customerId }))).toBe("NOT_FOUND");
    expect(await refusal(outsider.timeline.followUps({ customerId }))).toBe("NOT_FOUND");
  });

  it("records a note and a move with who did it", async () => {
    const rows = await withTenant(h.db, tenantId, (tx) => tx.select().from(schema.timelineEntries));
    expect(rows.find((row) => row.kind === "internal_note_added")).toMatchObject({
      actorType: "staff",
      actorId: staff.manager.userId,
      portalVisible: false,
    });
    expect(rows.find((row) => row.kind === "appointment_moved")).toMatchObject({
      objectId: moved,
      actorType: "staff",
      actorId: staff.dispatcher.userId,
      // A moved visit is a milestone the portal's reduced timeline shows.
      portalVisible: true,
    });
  });

  it("names API keys and portal users to admins only; others read what kind of actor it was", async () => {
    const { apiKeyId } = await buildApiKey(h.db, { tenantId, scopes: ["customers:write"], name: "ERP sync" });
    const { portalUserId } = await buildPortalUser(h.db, {
      tenantId,
      customerId: otherCustomerId,
      name: "Paula Portal",
    });
    await withTenant(h.db, tenantId, async (tx) => {
      await createTimelineEntry(tx, {
        tenantId,
        customerId: otherCustomerId,
        kind: "imported_job",
        objectType: "target",
        objectId: missingTarget,
        occurredAt: new Date("2026-05-02T08:00:00Z"),
        actorType: "integration",
        actorId: apiKeyId,
      });
      await createTimelineEntry(tx, {
        tenantId,
        customerId: otherCustomerId,
        kind: "portal_request_submitted",
        objectType: "portal_request",
        objectId: missingTarget,
        occurredAt: new Date("2026-05-01T08:00:00Z"),
        actorType: "portal_user",
        actorId: portalUserId,
      });
    });
    const actors = async (who: keyof typeof staff) =>
      (await (await api(who)).timeline.customer({ customerId: otherCustomerId })).items.map(
        (item) => item.actor,
      );
    expect(await actors("admin")).toEqual([
      { type: "integration", id: apiKeyId, name: "ERP sync" },
      { type: "portal_user", id: portalUserId, name: "Paula Portal" },
    ]);
    for (const who of ["manager", "dispatcher"] as const) {
      expect(await actors(who)).toEqual([
        { type: "integration", id: null, name: "An integration" },
        { type: "portal_user", id: null, name: "A portal user" },
      ]);
    }
  });

  describe("follow-ups", () => {
    it("lists them with status, due date, the report and the work", async () => {
      const [followUp] = await (await api("manager")).timeline.followUps({ customerId });
      expect(followUp).toMatchObject({
        status: "open",
        statusLabel: "Open",
        details: "Order a new tap",
        dueDate: "2026-04-01",
        report: { id: reportId, title: "Leak under the sink", href: `/reports/${reportId}` },
        target: { title: "Order a new tap" },
      });
    });

    describe("with a colleague's reports at the same customer", () => {
      /** More than a page's worth, all newer than the employee's own follow-up. */
      const COLLEAGUE_FOLLOW_UPS = 50;

      beforeAll(async () => {
        // One follow-up per report and one report per visit: the colleague's visits of one work.
        await withTenant(h.db, tenantId, async (tx) => {
          const work = await createTarget(tx, { tenantId, customerId, locationId: siteA, title: "Filters" });
          for (let i = 0; i < COLLEAGUE_FOLLOW_UPS; i++) {
            const visit = await createAppointment(tx, {
              tenantId,
              targetId: work.id,
              customerId,
              locationId: siteA,
              assignedEmployeeId: staff.colleague.userId,
            });
            const report = await createVisitReport(tx, {
              tenantId,
              appointmentId: visit.id,
              targetId: work.id,
              customerId,
              locationId: siteA,
              authorId: staff.colleague.userId,
              title: `Filter ${i}`,
              status: "submitted",
              followUpRequired: true,
            });
            await createFollowUp(tx, {
              tenantId,
              visitReportId: report.id,
              customerId,
              locationId: siteA,
              details: `Spare filter ${i}`,
              createdAt: new Date(Date.now() + 60_000 + i),
            });
          }
        });
      });

      it("shows each employee those of their own reports only, whatever the colleague has", async () => {
        const mine = await (await api("employee")).timeline.followUps({ customerId });
        expect(mine.map((f) => f.report.id)).toEqual([reportId]);
        const theirs = await (await api("colleague")).timeline.followUps({ customerId });
        expect(theirs).toHaveLength(COLLEAGUE_FOLLOW_UPS);
        expect(theirs.map((f) => f.report.id)).not.toContain(reportId);
        // An employee without work at this customer: the customer does not exist for them.
        expect(await refusal((await api("stranger")).timeline.followUps({ customerId }))).toBe("NOT_FOUND");
      });
    });
  });
});
