// Customer Portal: explicit sharing. Reports only when approved and published, files only when
// released one by one, downloads only when the tenant allows them, places only through a grant.
import { describe, expect, it } from "vitest";
import type { PortalActor } from "./actors";
import { fieldsFor, project } from "./fields";
import {
  type AppointmentFacts,
  type AttachmentFacts,
  canCreatePortalRequest,
  canDownloadAttachment,
  canSeeAppointment,
  canSeeAttachment,
  canSeeBillingTrigger,
  canSeeContactPerson,
  canSeeCustomer,
  canSeeExternalReference,
  canSeeInternalNote,
  canSeeLocation,
  canSeePortalRequest,
  canSeeTarget,
  canSeeTimelineEntry,
  canSeeVisitReport,
  type TimelineEntryFacts,
  type VisitReportFacts,
} from "./objects";
import { actions, allowedActions, can, portalCeiling } from "./permissions";
import {
  closedGates,
  gatesWith,
  ids,
  locationGrant,
  openGates,
  portalUser,
  sampleRow,
  wholeCustomerGrant,
} from "./test-support";

const wholeCustomer = portalUser(wholeCustomerGrant);
const oneLocation = portalUser(locationGrant);
const gates = openGates;
const inTenant = { tenantId: ids.tenant };

const report = (change: Partial<VisitReportFacts> = {}): VisitReportFacts => ({
  ...inTenant,
  customerId: ids.customer,
  locationId: ids.location,
  authorId: "u-author",
  assignedEmployeeId: "u-author",
  status: "approved",
  publishedAt: "2025-03-01T10:00:00Z",
  ...change,
});
const file = (change: Partial<AttachmentFacts> = {}): AttachmentFacts => ({
  ...inTenant,
  customerId: ids.customer,
  locationId: ids.location,
  ownerType: "visit_report",
  assignedEmployeeIds: [],
  portalReleasedAt: "2025-03-01T10:05:00Z",
  ownerPublished: true,
  ...change,
});
const appointment = (locationId: string | null): AppointmentFacts => ({
  ...inTenant,
  customerId: ids.customer,
  locationId,
  assignedEmployeeId: "u-tech",
});
const entry = (change: Partial<TimelineEntryFacts> = {}): TimelineEntryFacts => ({
  ...inTenant,
  customerId: ids.customer,
  locationId: ids.location,
  kind: "visit_report_published",
  portalVisible: true,
  ...change,
});

describe("visit reports in the portal", () => {
  it.each<[string, Partial<VisitReportFacts>, boolean]>([
    ["approved and published", {}, true],
    ["draft", { status: "draft", publishedAt: null }, false],
    ["submitted, not published", { status: "submitted", publishedAt: null }, false],
    ["returned", { status: "returned", publishedAt: null }, false],
    ["approved but not published", { publishedAt: null }, false],
    ["approved, published date empty", { publishedAt: "" }, false],
    // Should bad data ever say published without approval, the report still stays hidden.
    ["published but not approved", { status: "submitted" }, false],
  ])("%s → visible: %s", (_case, change, visible) => {
    expect(canSeeVisitReport(wholeCustomer, report(change), gates)).toBe(visible);
  });

  it("shows the portal texts, never the internal report", () => {
    const view = project(wholeCustomer, "visit_report", sampleRow("visit_report"), gates);
    expect(Object.keys(view ?? {}).sort()).toEqual(
      [
        "id",
        "appointmentId",
        "locationId",
        "result",
        "followUpRequired",
        "portalTitle",
        "portalSummary",
        "portalMessage",
        "publishedAt",
      ].sort(),
    );
    for (const internal of [
      "title",
      "summary",
      "problems",
      "followUpDetails",
      "billable",
      "billingNote",
      "authorId",
      "approvedById",
      "publishedById",
      "returnedReason",
      "targetId",
    ]) {
      expect(view).not.toHaveProperty(internal);
    }
  });
});

describe("attachments in the portal", () => {
  it.each<[string, Partial<AttachmentFacts>, boolean]>([
    ["released, report published, downloads on", {}, true],
    ["not released", { portalReleasedAt: null }, false],
    ["released, report not published", { ownerPublished: false }, false],
    ["released file of something other than a report", { ownerType: "target" }, false],
    ["released file at a location outside the grant", { locationId: ids.siblingLocation }, false],
  ])("%s → downloadable: %s", (_case, change, downloadable) => {
    expect(canDownloadAttachment(oneLocation, file(change), gates)).toBe(downloadable);
    expect(canSeeAttachment(oneLocation, file(change), gates)).toBe(downloadable);
  });

  it("released file is hidden when the tenant turned downloads off", () => {
    const off = gatesWith({ portalAttachmentDownloads: false });
    expect(canDownloadAttachment(wholeCustomer, file(), off)).toBe(false);
    expect(can(wholeCustomer, "portal.attachment.download", off)).toBe(false);
    expect(project(wholeCustomer, "attachment", sampleRow("attachment"), off)).toBeNull();
  });

  it("never hands out the storage key or who uploaded it", () => {
    const view = project(wholeCustomer, "attachment", sampleRow("attachment"), gates);
    expect(view).toHaveProperty("fileName");
    for (const internal of [
      "storageKey",
      "uploadedById",
      "portalReleasedById",
      "checksumSha256",
      "customerId",
    ]) {
      expect(view).not.toHaveProperty(internal);
    }
  });
});

describe("grants", () => {
  it("a location grant does not reveal a sibling location", () => {
    const sibling = {
      ...inTenant,
      customerId: ids.customer,
      locationId: ids.siblingLocation,
      assignedEmployeeIds: [],
    };
    expect(canSeeLocation(oneLocation, { ...sibling, locationId: ids.location }, gates)).toBe(true);
    expect(canSeeLocation(oneLocation, sibling, gates)).toBe(false);
    expect(canSeeAppointment(oneLocation, appointment(ids.siblingLocation), gates)).toBe(false);
    expect(canSeeVisitReport(oneLocation, report({ locationId: ids.siblingLocation }), gates)).toBe(false);
    expect(canSeeTimelineEntry(oneLocation, entry({ locationId: ids.siblingLocation }), gates)).toBe(false);
    expect(
      canSeePortalRequest(
        oneLocation,
        { ...inTenant, customerId: ids.customer, locationId: ids.siblingLocation, status: "submitted" },
        gates,
      ),
    ).toBe(false);
    expect(
      canCreatePortalRequest(
        oneLocation,
        { ...inTenant, customerId: ids.customer, locationId: ids.siblingLocation },
        gates,
      ),
    ).toBe(false);
  });

  it("a location grant does not reveal customer-wide things", () => {
    expect(canSeeAppointment(oneLocation, appointment(null), gates)).toBe(false);
    expect(canSeeVisitReport(oneLocation, report({ locationId: null }), gates)).toBe(false);
    expect(canSeeTimelineEntry(oneLocation, entry({ locationId: null }), gates)).toBe(false);
    expect(canDownloadAttachment(oneLocation, file({ locationId: null }), gates)).toBe(false);
  });

  it("a location grant still shows whose site it is", () => {
    expect(
      canSeeCustomer(oneLocation, { ...inTenant, customerId: ids.customer, assignedEmployeeIds: [] }, gates),
    ).toBe(true);
    expect(project(oneLocation, "customer", sampleRow("customer"), gates)).toEqual({
      id: "customer.id",
      name: "customer.name",
    });
  });

  it("a whole-customer grant covers every location and customer-wide things", () => {
    expect(
      canSeeLocation(
        wholeCustomer,
        { ...inTenant, customerId: ids.customer, locationId: ids.siblingLocation, assignedEmployeeIds: [] },
        gates,
      ),
    ).toBe(true);
    expect(canSeeAppointment(wholeCustomer, appointment(ids.siblingLocation), gates)).toBe(true);
    expect(canSeeAppointment(wholeCustomer, appointment(null), gates)).toBe(true);
    expect(canSeeVisitReport(wholeCustomer, report({ locationId: null }), gates)).toBe(true);
  });

  it("no grant for a customer, nothing of it", () => {
    const other = { customerId: ids.otherCustomer };
    expect(canSeeCustomer(wholeCustomer, { ...inTenant, ...other, assignedEmployeeIds: [] }, gates)).toBe(
      false,
    );
    expect(canSeeAppointment(wholeCustomer, { ...appointment(null), ...other }, gates)).toBe(false);
    expect(canSeeVisitReport(wholeCustomer, report(other), gates)).toBe(false);
    expect(canSeeTimelineEntry(wholeCustomer, entry(other), gates)).toBe(false);
  });

  it("a location grant does not carry over to the same location id under another customer", () => {
    expect(
      canSeeLocation(
        oneLocation,
        { ...inTenant, customerId: ids.otherCustomer, locationId: ids.location, assignedEmployeeIds: [] },
        gates,
      ),
    ).toBe(false);
  });

  it("no grants at all, nothing", () => {
    const nobody = portalUser();
    expect(
      canSeeLocation(
        nobody,
        { ...inTenant, customerId: ids.customer, locationId: ids.location, assignedEmployeeIds: [] },
        gates,
      ),
    ).toBe(false);
    expect(canSeeAppointment(nobody, appointment(ids.location), gates)).toBe(false);
  });
});

describe("another tenant, never", () => {
  // The same customer and location ids in the grant, but the objects live in another tenant.
  const elsewhere = { tenantId: ids.otherTenant };
  const checks: [string, (actor: PortalActor) => boolean][] = [
    [
      "customer",
      (a) => canSeeCustomer(a, { ...elsewhere, customerId: ids.customer, assignedEmployeeIds: [] }, gates),
    ],
    [
      "location",
      (a) =>
        canSeeLocation(
          a,
          { ...elsewhere, customerId: ids.customer, locationId: ids.location, assignedEmployeeIds: [] },
          gates,
        ),
    ],
    ["appointment", (a) => canSeeAppointment(a, { ...appointment(ids.location), ...elsewhere }, gates)],
    ["visit report", (a) => canSeeVisitReport(a, report(elsewhere), gates)],
    ["attachment", (a) => canDownloadAttachment(a, file(elsewhere), gates)],
    [
      "portal request",
      (a) =>
        canSeePortalRequest(
          a,
          { ...elsewhere, customerId: ids.customer, locationId: ids.location, status: "submitted" },
          gates,
        ),
    ],
    [
      "new request",
      (a) =>
        canCreatePortalRequest(
          a,
          { ...elsewhere, customerId: ids.customer, locationId: ids.location },
          gates,
        ),
    ],
    ["timeline entry", (a) => canSeeTimelineEntry(a, entry(elsewhere), gates)],
  ];

  it.each(checks)("%s", (_what, check) => {
    expect(check(wholeCustomer)).toBe(false);
    expect(check(oneLocation)).toBe(false);
  });

  it.each(checks)("%s is visible in the own tenant (control)", (_what, check) => {
    const own = { ...wholeCustomer, tenantId: ids.otherTenant };
    expect(check(own)).toBe(true);
  });
});

describe("the portal switch and the portal's reach", () => {
  it("portal off: nothing at all", () => {
    const off = gatesWith({ portalEnabled: false });
    expect(allowedActions(wholeCustomer, off)).toEqual([]);
    expect(canSeeVisitReport(wholeCustomer, report(), off)).toBe(false);
    expect(canSeeAppointment(wholeCustomer, appointment(ids.location), off)).toBe(false);
    expect(project(wholeCustomer, "appointment", sampleRow("appointment"), off)).toBeNull();
  });

  it("gates left out count as closed", () => {
    expect(can(wholeCustomer, "portal.appointment.read")).toBe(false);
    expect(canSeeVisitReport(wholeCustomer, report())).toBe(false);
  });

  it("only portal reads and its own requests, whatever the gates", () => {
    expect(allowedActions(wholeCustomer, openGates).sort()).toEqual(
      [
        "portal.customer.read",
        "portal.location.read",
        "portal.appointment.read",
        "portal.visit_report.read",
        "portal.attachment.download",
        "portal.timeline.read",
        "portal_request.read",
        "portal_request.create",
      ].sort(),
    );
    const workspace = actions.filter((action) => !portalCeiling.includes(action));
    for (const action of workspace) expect(can(wholeCustomer, action, openGates), action).toBe(false);
  });

  it("internal notes, billing, contacts, targets and integration data stay internal", () => {
    const place = {
      ...inTenant,
      customerId: ids.customer,
      locationId: ids.location,
      assignedEmployeeIds: [],
    };
    expect(canSeeInternalNote(wholeCustomer, { ...place, authorId: null }, gates)).toBe(false);
    expect(canSeeBillingTrigger(wholeCustomer, inTenant, gates)).toBe(false);
    expect(canSeeContactPerson(wholeCustomer, place, gates)).toBe(false);
    expect(canSeeTarget(wholeCustomer, place, gates)).toBe(false);
    expect(canSeeExternalReference(wholeCustomer, { ...inTenant, objectType: "customer" }, gates)).toBe(
      false,
    );
    for (const kind of [
      "internal_note",
      "billing_trigger",
      "contact_person",
      "target",
      "external_reference",
      "route",
      "route_stop",
      "recurring_plan",
      "mobile_update",
      "api_key",
      "webhook_subscription",
    ] as const) {
      expect(fieldsFor(wholeCustomer, kind, gates), kind).toBeNull();
    }
  });
});

describe("appointments, requests and the timeline in the portal", () => {
  it("appointment: date, time, status and place; no assignee, no routing", () => {
    const view = project(wholeCustomer, "appointment", sampleRow("appointment"), gates);
    expect(Object.keys(view ?? {}).sort()).toEqual([
      "id",
      "locationId",
      "plannedEnd",
      "plannedStart",
      "status",
    ]);
    const place = project(wholeCustomer, "location", sampleRow("location"), gates);
    expect(place).toHaveProperty("name");
    expect(place).toHaveProperty("addressLine1");
    for (const internal of ["accessNotes", "parkingNotes", "latitude", "longitude", "defaultPriority"]) {
      expect(place).not.toHaveProperty(internal);
    }
  });

  it("request: what was asked and answered, not who reviewed it or what it became", () => {
    const view = project(wholeCustomer, "portal_request", sampleRow("portal_request"), gates);
    expect(view).toHaveProperty("customerMessage");
    for (const internal of ["reviewedById", "resultingTargetId", "portalUserId", "firstPreferredDate"]) {
      expect(view).not.toHaveProperty(internal);
    }
  });

  it("requests: filed and seen for granted locations", () => {
    const here = { ...inTenant, customerId: ids.customer, locationId: ids.location };
    expect(canCreatePortalRequest(oneLocation, here, gates)).toBe(true);
    expect(canSeePortalRequest(oneLocation, { ...here, status: "in_review" }, gates)).toBe(true);
  });

  it.each<[string, Partial<TimelineEntryFacts>, boolean]>([
    ["a published report, marked for the portal", {}, true],
    ["not marked for the portal", { portalVisible: false }, false],
    ["an internal kind, even if marked", { kind: "visit_report_approved" }, false],
    ["an import, even if marked", { kind: "imported_job" }, false],
    ["a route stop, even if marked", { kind: "route_stop_visited" }, false],
  ])("timeline: %s → %s", (_case, change, visible) => {
    expect(canSeeTimelineEntry(oneLocation, entry(change), gates)).toBe(visible);
  });

  it("closed gates hide the timeline entries too", () => {
    expect(canSeeTimelineEntry(oneLocation, entry(), closedGates)).toBe(false);
  });
});
