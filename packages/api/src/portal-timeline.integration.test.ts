import { schema, withTenant } from "@ordinavo/db";
import { testEngines } from "@ordinavo/db/testing";
import {
  buildCustomer,
  buildLocation,
  buildPortalUser,
  buildTarget,
  buildVisit,
  createFollowUp,
  createPortalRequest,
  createTimelineEntry,
  createVisitReport,
  type StaffIds,
} from "@ordinavo/demo";
import type { TimelineKind } from "@ordinavo/domain/vocabulary";
import { portalTimelineKinds } from "@ordinavo/policy";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PortalApi, portalAs } from "./portal.test-support";
import { portalKindsOf, portalTimelineGroupIds } from "./services/portal-timeline/kinds";
import {
  type ApiHarness,
  buildWorkspace,
  fieldErrorsOf,
  openApiHarness,
  TEST_PASSWORD,
} from "./test-support";

// The portal's reduced timeline, read by a whole-customer contact and a one-site contact. Entries
// come from the real writers where they exist (planning, moving, cancelling, a follow-up's work
// being planned) and from rows for the rest; internal kinds, entries not marked for the portal,
// other places, other customers and other tenants never appear, and a report links only while it
// is published.

type Entry = Awaited<ReturnType<PortalApi["timeline"]["list"]>>["entries"][number];

describe.each(testEngines())("portal timeline on %s", (engine) => {
  let h: ApiHarness;
  let tenantId: string;
  let staff: Record<"admin" | "dispatcher" | "lucas", StaffIds>;
  let customerId: string;
  let siteA: string;
  let siteB: string;
  let whole: PortalApi;
  let siteOnly: PortalApi;
  const ids: Record<string, string> = {};
  // Rows before the writers' entries (written "now") are in the past; rows after them ahead.
  let clock = Date.now() - 10 * 86_400_000;
  /** Entries written by rows get increasing times, so their order is known. */
  const nextTime = () => {
    clock += 60_000;
    return new Date(clock);
  };

  async function entry(
    kind: TimelineKind,
    objectType: Parameters<typeof createTimelineEntry>[1]["objectType"],
    objectId: string,
    place: { customerId?: string; locationId: string | null; tenantId?: string },
    portalVisible = true,
  ) {
    const tenant = place.tenantId ?? tenantId;
    return withTenant(h.db, tenant, (tx) =>
      createTimelineEntry(tx, {
        tenantId: tenant,
        customerId: place.customerId ?? customerId,
        locationId: place.locationId,
        kind,
        objectType,
        objectId,
        occurredAt: nextTime(),
        portalVisible,
      }),
    );
  }

  /** Entries of one moment (a write that records two) in label order; the rest as listed. */
  const tiesSorted = (entries: Entry[]) =>
    [...entries].sort(
      (a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || a.label.localeCompare(b.label),
    );

  async function allPages(api: PortalApi, limit: number, group?: (typeof portalTimelineGroupIds)[number]) {
    const pages: Entry[][] = [];
    let after: string | undefined;
    do {
      const page = await api.timeline.list({ limit, after, group });
      pages.push(page.entries);
      after = page.nextCursor ?? undefined;
    } while (after && pages.length < 50);
    return pages;
  }

  beforeAll(async () => {
    h = await openApiHarness(engine);
    const workspace = await buildWorkspace(h.db, {
      admin: "tenant_admin",
      dispatcher: "dispatcher",
      lucas: "employee",
    });
    tenantId = workspace.tenantId;
    staff = workspace.staff;
    ({ customerId } = await buildCustomer(h.db, { tenantId, name: "Boulangerie Vernay" }));
    ({ locationId: siteA } = await buildLocation(h.db, { tenantId, customerId, name: "Site Alpha" }));
    ({ locationId: siteB } = await buildLocation(h.db, { tenantId, customerId, name: "Site Beta" }));
    const { customerId: otherCustomer } = await buildCustomer(h.db, { tenantId, name: "Other customer" });
    const { locationId: otherSite } = await buildLocation(h.db, { tenantId, customerId: otherCustomer });
    const wholeUser = await buildPortalUser(h.db, { tenantId, customerId, password: TEST_PASSWORD });
    const siteUser = await buildPortalUser(h.db, {
      tenantId,
      customerId,
      locationIds: [siteA],
      password: TEST_PASSWORD,
    });
    whole = await portalAs(h, wholeUser.email);
    siteOnly = await portalAs(h, siteUser.email);

    // Requests: one per site, submitted; the one at A accepted, the one at B declined.
    await withTenant(h.db, tenantId, async (tx) => {
      const a = await createPortalRequest(tx, {
        tenantId,
        customerId,
        locationId: siteA,
        title: "LEAK-request-title",
        status: "accepted",
      });
      const b = await createPortalRequest(tx, {
        tenantId,
        customerId,
        locationId: siteB,
        status: "declined",
      });
      // Waiting for a decision (no history of its own here).
      const waiting = await createPortalRequest(tx, { tenantId, customerId, locationId: siteA });
      ids.requestA = a.id;
      ids.requestB = b.id;
      ids.requestWaiting = waiting.id;
    });
    await entry("portal_request_submitted", "portal_request", ids.requestA!, { locationId: siteA });
    await entry("portal_request_submitted", "portal_request", ids.requestB!, { locationId: siteB });
    await entry("portal_request_reviewed", "portal_request", ids.requestA!, { locationId: siteA });
    await entry("portal_request_reviewed", "portal_request", ids.requestB!, { locationId: siteB });

    // Appointments through the real writers: planned, moved, cancelled.
    const dispatcher = await h.staff(staff.dispatcher.email);
    const { targetId: workA } = await buildTarget(h.db, {
      tenantId,
      customerId,
      locationId: siteA,
      title: "LEAK-target-title",
      description: "LEAK-target-description",
    });
    const planned = await dispatcher.appointments.create({
      targetId: workA,
      plannedStart: new Date("2027-02-01T09:00:00Z"),
      plannedEnd: new Date("2027-02-01T10:00:00Z"),
      assignedEmployeeId: staff.lucas.userId,
    });
    ids.appointmentA = planned.appointment!.id;
    await dispatcher.appointments.reschedule({
      appointmentId: ids.appointmentA,
      plannedStart: new Date("2027-02-02T09:00:00Z"),
      plannedEnd: new Date("2027-02-02T10:00:00Z"),
    });
    const { targetId: workB } = await buildTarget(h.db, { tenantId, customerId, locationId: siteB });
    const plannedB = await dispatcher.appointments.create({
      targetId: workB,
      plannedStart: new Date("2027-02-03T09:00:00Z"),
      plannedEnd: new Date("2027-02-03T10:00:00Z"),
      assignedEmployeeId: staff.lucas.userId,
    });
    ids.appointmentB = plannedB.appointment!.id;
    await dispatcher.appointments.changeStatus({ appointmentId: ids.appointmentB, status: "cancelled" });
    // Written by the writers "now": keep the rows below after them.
    clock = Date.now() + 60_000;

    // Reports at A: one published, one approved and no longer published (it was shared before).
    const visit = await buildVisit(h.db, { tenantId, customerId, locationId: siteA, status: "completed" });
    const visit2 = await buildVisit(h.db, { tenantId, customerId, locationId: siteA, status: "completed" });
    await withTenant(h.db, tenantId, async (tx) => {
      const published = await createVisitReport(tx, {
        tenantId,
        ...visit,
        customerId,
        locationId: siteA,
        title: "LEAK-report-title",
        summary: "LEAK-report-summary",
        status: "approved",
        approvedAt: new Date(),
        publishedAt: new Date(),
        portalTitle: "Quarterly check",
      });
      const withdrawn = await createVisitReport(tx, {
        tenantId,
        ...visit2,
        customerId,
        locationId: siteA,
        status: "approved",
        approvedAt: new Date(),
      });
      ids.published = published.id;
      ids.withdrawn = withdrawn.id;
    });
    await entry("visit_report_published", "visit_report", ids.published!, { locationId: siteA });
    await entry("visit_report_published", "visit_report", ids.withdrawn!, { locationId: siteA });
    // Internal steps of the same report, even if wrongly marked for the portal.
    await entry("visit_report_approved", "visit_report", ids.published!, { locationId: siteA });
    await entry("visit_report_submitted", "visit_report", ids.published!, { locationId: siteA }, false);

    // A follow-up of the published report, whose work gets planned by the real writer.
    const { targetId: followUpWork } = await buildTarget(h.db, { tenantId, customerId, locationId: siteA });
    await withTenant(h.db, tenantId, async (tx) => {
      const followUp = await createFollowUp(tx, {
        tenantId,
        visitReportId: ids.published!,
        customerId,
        locationId: siteA,
        details: "LEAK-follow-up-details",
        targetId: followUpWork,
      });
      ids.followUp = followUp.id;
    });
    await entry("follow_up_created", "follow_up", ids.followUp!, { locationId: siteA });
    await dispatcher.appointments.create({
      targetId: followUpWork,
      plannedStart: new Date("2027-02-04T09:00:00Z"),
      plannedEnd: new Date("2027-02-04T10:00:00Z"),
      assignedEmployeeId: staff.lucas.userId,
    });
    clock = Date.now() + 120_000;

    // Things that must never show: internal kinds marked for the portal, unmarked portal kinds,
    // customer-wide entries (the whole-customer contact only), other customers and tenants.
    await entry("route_stop_visited", "appointment", ids.appointmentA!, { locationId: siteA });
    await entry("internal_note_added", "customer", customerId, { locationId: null });
    await entry("appointment_completed", "appointment", ids.appointmentA!, { locationId: siteA }, false);
    await entry("appointment_planned", "appointment", ids.appointmentA!, {
      customerId: otherCustomer,
      locationId: otherSite,
    });
    const other = await buildWorkspace(h.db, { admin: "tenant_admin" });
    const { customerId: foreignCustomer } = await buildCustomer(h.db, { tenantId: other.tenantId });
    await entry("appointment_planned", "appointment", ids.appointmentA!, {
      tenantId: other.tenantId,
      customerId: foreignCustomer,
      locationId: null,
    });
    await entry("appointment_completed", "appointment", ids.appointmentA!, { locationId: siteA });
    // A visit for the whole customer (no location): only a whole-customer grant covers it.
    const customerWide = await buildVisit(h.db, { tenantId, customerId, locationId: null });
    await entry("appointment_planned", "appointment", customerWide.appointmentId, { locationId: null });
  }, 120_000);

  afterAll(async () => {
    await h?.destroy();
  });

  it("shows the customer's milestones newest first, with labels, place and links only", async () => {
    const { entries, groups } = await whole.timeline.list({});
    expect(groups).toEqual(["requests", "appointments", "reports", "follow_ups"]);
    expect(tiesSorted(entries).map((e) => [e.label, e.locationName, e.link?.to ?? null])).toEqual([
      ["appointmentPlanned", null, null],
      ["appointmentCompleted", "Site Alpha", null],
      ["followUpNeeded", "Site Alpha", "report"],
      ["reportShared", "Site Alpha", null],
      ["reportShared", "Site Alpha", "report"],
      // One write (planning the follow-up's work): the same moment.
      ["appointmentPlanned", "Site Alpha", null],
      ["followUpPlanned", "Site Alpha", "report"],
      ["appointmentCancelled", "Site Beta", null],
      ["appointmentPlanned", "Site Beta", null],
      ["appointmentMoved", "Site Alpha", null],
      ["appointmentPlanned", "Site Alpha", null],
      ["requestDeclined", "Site Beta", "request"],
      ["requestAccepted", "Site Alpha", "request"],
      ["requestSubmitted", "Site Beta", "request"],
      ["requestSubmitted", "Site Alpha", "request"],
    ]);
    const shared = entries.filter((e) => e.label === "reportShared");
    expect(shared.map((e) => e.link)).toEqual([null, { to: "report", id: ids.published }]);
    // Nothing but the listed fields: no titles, texts, people or object ids beyond the link.
    for (const e of entries) {
      expect(Object.keys(e).sort()).toEqual(["id", "kind", "label", "link", "locationName", "occurredAt"]);
      expect(portalTimelineKinds).toContain(e.kind);
    }
    expect(JSON.stringify(entries)).not.toContain("LEAK-");
    expect(JSON.stringify(entries)).not.toContain(staff.dispatcher.userId);
  });

  it("shows a one-site contact only that site's entries", async () => {
    const { entries } = await siteOnly.timeline.list({ limit: 50 });
    expect(new Set(entries.map((e) => e.locationName))).toEqual(new Set(["Site Alpha"]));
    expect(tiesSorted(entries).map((e) => e.label)).toEqual([
      "appointmentCompleted",
      "followUpNeeded",
      "reportShared",
      "reportShared",
      "appointmentPlanned",
      "followUpPlanned",
      "appointmentMoved",
      "appointmentPlanned",
      "requestAccepted",
      "requestSubmitted",
    ]);
  });

  it("pages without skipping or repeating, whatever the page size", async () => {
    const all = (await whole.timeline.list({ limit: 50 })).entries.map((e) => e.id);
    for (const limit of [1, 3, 5]) {
      const pages = await allPages(whole, limit);
      expect(pages.flat().map((e) => e.id)).toEqual(all);
      expect(pages.every((page) => page.length <= limit)).toBe(true);
    }
  });

  it("filters by group", async () => {
    for (const group of portalTimelineGroupIds) {
      const entries = (await allPages(whole, 4, group)).flat();
      expect(entries.length).toBeGreaterThan(0);
      expect(entries.every((e) => portalKindsOf(group).includes(e.kind))).toBe(true);
    }
    const reports = (await whole.timeline.list({ group: "reports" })).entries;
    expect(reports.map((e) => e.label)).toEqual(["reportShared", "reportShared"]);
  });

  it("refuses a cursor it did not make and an unknown group", async () => {
    expect(await fieldErrorsOf(whole.timeline.list({ after: "not-a-cursor" }))).toHaveProperty("after");
    expect(
      await fieldErrorsOf(whole.timeline.list({ group: "notes" as unknown as "requests" })),
    ).toHaveProperty("group");
  });

  it("starts the home page with the open requests and the latest milestones", async () => {
    const home = await whole.home.summary();
    // Accepted and submitted at Alpha are open (one waits for a decision); declined at Beta is not.
    expect(home.requests).toMatchObject({ open: 2, waiting: 1 });
    expect(home.requests!.latest.map((r) => r.id).sort()).toEqual(
      [ids.requestA, ids.requestB, ids.requestWaiting].sort(),
    );
    expect(home.recent!.map((e) => e.id)).toEqual(
      (await whole.timeline.list({ limit: 5 })).entries.map((e) => e.id),
    );
    const site = await siteOnly.home.summary();
    expect(site.requests).toMatchObject({ open: 2, waiting: 1 });
    expect(site.requests!.latest.map((r) => r.id).sort()).toEqual([ids.requestA, ids.requestWaiting].sort());
    expect(site.recent!.every((e) => e.locationName === "Site Alpha")).toBe(true);
  });

  it("marks the real writers' portal milestones for the portal, and only those", async () => {
    const rows = await withTenant(h.db, tenantId, (tx) =>
      tx
        .select({ kind: schema.timelineEntries.kind, portalVisible: schema.timelineEntries.portalVisible })
        .from(schema.timelineEntries)
        .where(
          and(
            eq(schema.timelineEntries.tenantId, tenantId),
            eq(schema.timelineEntries.objectType, "appointment"),
            eq(schema.timelineEntries.objectId, ids.appointmentA!),
          ),
        ),
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { kind: "appointment_planned", portalVisible: true },
        { kind: "appointment_moved", portalVisible: true },
      ]),
    );
    const followUp = await withTenant(h.db, tenantId, (tx) =>
      tx
        .select({ kind: schema.timelineEntries.kind, portalVisible: schema.timelineEntries.portalVisible })
        .from(schema.timelineEntries)
        .where(eq(schema.timelineEntries.objectId, ids.followUp!)),
    );
    expect(followUp).toContainEqual({ kind: "follow_up_planned", portalVisible: true });
  });
});
