import { describe, expect, it } from "vitest";
import type { Actor } from "./actors";
import {
  canEditVisitReport,
  canInTenant,
  canPublishVisitReport,
  canRecordMobileUpdate,
  canReleaseAttachment,
  canRemoveAttachment,
  canReviewPortalRequest,
  canReviewVisitReport,
  canSeeAppointment,
  canSeeAttachment,
  canSeeBillingTrigger,
  canSeeContactPerson,
  canSeeCustomer,
  canSeeExternalReference,
  canSeeInternalNote,
  canSeeLocation,
  canSeeMobileUpdate,
  canSeePortalRequest,
  canSeeRecurringPlan,
  canSeeRoute,
  canSeeTarget,
  canSeeTimelineEntry,
  canSeeVisitReport,
  canUploadAttachment,
  canWriteExternalReference,
  externalReferenceListScope,
  type VisitReportFacts,
} from "./objects";
import {
  allScopes,
  assignedToMe,
  closedGates,
  gatesWith,
  ids,
  integration,
  openGates,
  sourceLimited,
  staff,
} from "./test-support";

const admin = staff("tenant_admin");
const manager = staff("manager");
const employee = staff("employee");

describe("another tenant's object is never visible", () => {
  // Everything here is visible to the tenant admin in their own tenant (checked below); moved to
  // another tenant, nothing is.
  const place = { customerId: ids.customer, locationId: ids.location, ...assignedToMe };
  const report: Omit<VisitReportFacts, "tenantId"> = {
    customerId: ids.customer,
    locationId: ids.location,
    authorId: ids.me,
    assignedEmployeeId: ids.me,
    status: "approved",
    publishedAt: "2025-01-01",
  };
  const checks: [string, (actor: Actor, tenantId: string) => boolean][] = [
    ["customer", (a, tenantId) => canSeeCustomer(a, { tenantId, ...place }, openGates)],
    ["location", (a, tenantId) => canSeeLocation(a, { tenantId, ...place }, openGates)],
    ["contact person", (a, tenantId) => canSeeContactPerson(a, { tenantId, ...place }, openGates)],
    ["target", (a, tenantId) => canSeeTarget(a, { tenantId, ...place }, openGates)],
    [
      "appointment",
      (a, tenantId) => canSeeAppointment(a, { tenantId, ...place, assignedEmployeeId: ids.me }, openGates),
    ],
    ["route", (a, tenantId) => canSeeRoute(a, { tenantId, employeeId: ids.me }, openGates)],
    ["recurring plan", (a, tenantId) => canSeeRecurringPlan(a, { tenantId }, openGates)],
    [
      "mobile update",
      (a, tenantId) =>
        canSeeMobileUpdate(a, { tenantId, employeeId: ids.me, assignedEmployeeId: ids.me }, openGates),
    ],
    ["visit report", (a, tenantId) => canSeeVisitReport(a, { tenantId, ...report }, openGates)],
    [
      "attachment",
      (a, tenantId) =>
        canSeeAttachment(
          a,
          { tenantId, ...place, ownerType: "visit_report", portalReleasedAt: "x", ownerPublished: true },
          openGates,
        ),
    ],
    [
      "internal note",
      (a, tenantId) => canSeeInternalNote(a, { tenantId, ...place, authorId: ids.me }, openGates),
    ],
    [
      "external reference",
      (a, tenantId) => canSeeExternalReference(a, { tenantId, objectType: "customer" }, openGates),
    ],
    ["billing trigger", (a, tenantId) => canSeeBillingTrigger(a, { tenantId }, openGates)],
    [
      "portal request",
      (a, tenantId) => canSeePortalRequest(a, { tenantId, ...place, status: "submitted" }, openGates),
    ],
    [
      "timeline entry",
      (a, tenantId) =>
        canSeeTimelineEntry(
          a,
          { tenantId, ...place, kind: "appointment_planned", portalVisible: true },
          openGates,
        ),
    ],
    ["a write", (a, tenantId) => canInTenant(a, "customer.write", { tenantId }, openGates)],
  ];

  it.each(checks)("%s: visible in the own tenant (control)", (_kind, check) => {
    expect(check(admin, ids.tenant)).toBe(true);
  });

  it.each(checks)("%s: hidden in another tenant, from every role", (_kind, check) => {
    for (const actor of [admin, manager, staff("dispatcher"), employee, allScopes()]) {
      expect(check(actor, ids.otherTenant)).toBe(false);
    }
  });

  it("an actor without a tenant sees nothing, not even objects without one", () => {
    const lost = { ...admin, tenantId: "" };
    expect(canSeeCustomer(lost, { tenantId: "", customerId: ids.customer, ...assignedToMe })).toBe(false);
  });
});

describe("visit report workflow", () => {
  const report = (change: Partial<VisitReportFacts>): VisitReportFacts => ({
    tenantId: ids.tenant,
    customerId: ids.customer,
    locationId: ids.location,
    authorId: ids.colleague,
    assignedEmployeeId: ids.colleague,
    status: "submitted",
    publishedAt: null,
    ...change,
  });

  // `openGates` includes `managersReviewReports`: the tenant lets managers review.
  it.each<[string, Actor, Partial<VisitReportFacts>, boolean]>([
    ["manager reviews a submitted report", manager, {}, true],
    ["manager cannot review a draft", manager, { status: "draft" }, false],
    ["manager cannot review an approved report", manager, { status: "approved" }, false],
    ["admin reviews", admin, {}, true],
    ["nobody reviews their own report", admin, { authorId: ids.me }, false],
    ["employees do not review", employee, {}, false],
    ["dispatchers do not review", staff("dispatcher"), {}, false],
  ])("review (managers allowed to): %s", (_case, actor, change, expected) => {
    expect(canReviewVisitReport(actor, report(change), openGates)).toBe(expected);
  });

  it.each<[string, Actor, Partial<VisitReportFacts>, boolean]>([
    ["manager publishes an approved report", manager, { status: "approved" }, true],
    ["not a submitted one", manager, {}, false],
    ["not a returned one", manager, { status: "returned" }, false],
    ["admin publishes", admin, { status: "approved" }, true],
    ["employees do not publish", employee, { status: "approved", authorId: ids.me }, false],
  ])("publish (managers allowed to): %s", (_case, actor, change, expected) => {
    expect(canPublishVisitReport(actor, report(change), openGates)).toBe(expected);
  });

  describe("by default only the tenant admin reviews and publishes", () => {
    const notGranted = gatesWith({ managersReviewReports: false });

    it("a manager neither reviews nor publishes, whatever the report", () => {
      expect(canReviewVisitReport(manager, report({}), notGranted)).toBe(false);
      expect(canReviewVisitReport(manager, report({}))).toBe(false);
      expect(canPublishVisitReport(manager, report({ status: "approved" }), notGranted)).toBe(false);
      expect(canPublishVisitReport(manager, report({ status: "approved" }))).toBe(false);
      expect(
        canReleaseAttachment(manager, { tenantId: ids.tenant, ownerType: "visit_report" }, notGranted),
      ).toBe(false);
    });

    it("the admin does, without any setting", () => {
      expect(canReviewVisitReport(admin, report({}), closedGates)).toBe(true);
      expect(canPublishVisitReport(admin, report({ status: "approved" }), closedGates)).toBe(true);
      expect(
        canReleaseAttachment(admin, { tenantId: ids.tenant, ownerType: "visit_report" }, closedGates),
      ).toBe(true);
    });

    it("the setting reaches managers only, never employees or dispatchers", () => {
      for (const actor of [employee, staff("dispatcher")]) {
        expect(canReviewVisitReport(actor, report({}), openGates)).toBe(false);
        expect(canPublishVisitReport(actor, report({ status: "approved" }), openGates)).toBe(false);
      }
    });
  });

  it("an admin edits only reports of their own appointments", () => {
    expect(canEditVisitReport(admin, report({ status: "draft" }))).toBe(false);
    expect(canEditVisitReport(admin, report({ status: "draft", assignedEmployeeId: ids.me }))).toBe(true);
  });

  it("managers and dispatchers do not author", () => {
    for (const actor of [manager, staff("dispatcher")]) {
      expect(canEditVisitReport(actor, report({ status: "draft", assignedEmployeeId: ids.me }))).toBe(false);
    }
  });

  it("status updates only on own appointments, whatever the role", () => {
    const appointment = { tenantId: ids.tenant, customerId: ids.customer, locationId: null };
    expect(canRecordMobileUpdate(admin, { ...appointment, assignedEmployeeId: ids.colleague })).toBe(false);
    expect(canRecordMobileUpdate(admin, { ...appointment, assignedEmployeeId: ids.me })).toBe(true);
    expect(canRecordMobileUpdate(manager, { ...appointment, assignedEmployeeId: ids.me })).toBe(false);
  });
});

describe("attachments, staff side", () => {
  const file = (
    ownerType: "visit_report" | "mobile_update" | "target" | "portal_request",
    mine: boolean,
  ) => ({
    tenantId: ids.tenant,
    customerId: ids.customer,
    locationId: ids.location,
    ownerType,
    assignedEmployeeIds: mine ? [ids.me] : [ids.colleague],
    portalReleasedAt: null,
    ownerPublished: false,
  });

  it.each<["visit_report" | "mobile_update" | "target" | "portal_request", boolean, boolean, boolean]>([
    ["visit_report", true, true, true],
    ["visit_report", false, false, false],
    ["mobile_update", true, true, true],
    ["target", true, true, false],
    ["portal_request", true, false, false],
  ])("employee, file of a %s (own work: %s): see %s, upload %s", (ownerType, mine, see, upload) => {
    expect(canSeeAttachment(employee, file(ownerType, mine))).toBe(see);
    expect(canUploadAttachment(employee, file(ownerType, mine))).toBe(upload);
  });

  it("managers see every file, upload none, release report files only (where they publish)", () => {
    expect(canSeeAttachment(manager, file("mobile_update", false))).toBe(true);
    expect(canUploadAttachment(manager, file("visit_report", false))).toBe(false);
    const release = (actor: Actor, ownerType: "visit_report" | "mobile_update") =>
      canReleaseAttachment(actor, { tenantId: ids.tenant, ownerType }, openGates);
    expect(release(manager, "visit_report")).toBe(true);
    expect(release(manager, "mobile_update")).toBe(false);
    expect(release(employee, "visit_report")).toBe(false);
  });

  it("integrations never see files", () => {
    expect(canSeeAttachment(allScopes(), file("visit_report", false), openGates)).toBe(false);
  });
});

describe("removing a file", () => {
  const report = (status: VisitReportFacts["status"], authorId: string = ids.me): VisitReportFacts => ({
    tenantId: ids.tenant,
    customerId: ids.customer,
    locationId: ids.location,
    authorId,
    assignedEmployeeId: authorId,
    status,
    publishedAt: null,
  });
  const onReport = (status: VisitReportFacts["status"], uploadedById: string, authorId?: string) => ({
    tenantId: ids.tenant,
    ownerType: "visit_report" as const,
    assignedEmployeeIds: [authorId ?? ids.me],
    uploadedById,
    report: report(status, authorId),
  });
  const on = (ownerType: "mobile_update" | "target", uploadedById: string | null, mine = true) => ({
    tenantId: ids.tenant,
    ownerType,
    assignedEmployeeIds: mine ? [ids.me] : [ids.colleague],
    uploadedById,
    report: null,
  });

  it.each<[VisitReportFacts["status"], boolean]>([
    ["draft", true],
    ["returned", true],
    ["submitted", false],
    ["approved", false],
  ])("the uploader removes their file of a %s report: %s", (status, allowed) => {
    expect(canRemoveAttachment(employee, onReport(status, ids.me))).toBe(allowed);
  });

  it("nobody but the uploader, unless a tenant admin", () => {
    // The employee writes the report, but the file is a colleague's.
    expect(canRemoveAttachment(employee, onReport("draft", ids.colleague))).toBe(false);
    expect(canRemoveAttachment(employee, on("mobile_update", ids.colleague))).toBe(false);
    expect(canRemoveAttachment(employee, on("mobile_update", null))).toBe(false);
    // Their own file of work that is no longer theirs.
    expect(canRemoveAttachment(employee, on("mobile_update", ids.me, false))).toBe(false);
    expect(canRemoveAttachment(manager, on("target", ids.me))).toBe(false);
    expect(canRemoveAttachment(staff("dispatcher"), on("target", ids.me, false))).toBe(true);
    expect(canRemoveAttachment(staff("dispatcher"), on("target", ids.colleague, false))).toBe(false);
  });

  it("a tenant admin removes anyone's file, a report's only while it is a draft or returned", () => {
    expect(canRemoveAttachment(admin, onReport("draft", ids.colleague, ids.colleague))).toBe(true);
    expect(canRemoveAttachment(admin, onReport("returned", ids.colleague, ids.colleague))).toBe(true);
    expect(canRemoveAttachment(admin, onReport("submitted", ids.colleague, ids.colleague))).toBe(false);
    expect(canRemoveAttachment(admin, onReport("approved", ids.me))).toBe(false);
    expect(canRemoveAttachment(admin, on("mobile_update", ids.colleague, false))).toBe(true);
    expect(canRemoveAttachment(admin, on("target", null, false))).toBe(true);
  });

  it("fails closed: another tenant, a report file without the report's facts, portal requests", () => {
    expect(canRemoveAttachment(staff("tenant_admin", ids.otherTenant), on("target", ids.me))).toBe(false);
    expect(canRemoveAttachment(admin, { ...onReport("draft", ids.me), report: null })).toBe(false);
    expect(
      canRemoveAttachment(admin, { ...on("target", ids.me), ownerType: "portal_request" as const }),
    ).toBe(false);
    expect(canRemoveAttachment(allScopes(), on("target", ids.me), openGates)).toBe(false);
  });
});

describe("portal requests, staff side", () => {
  const request = (status: "submitted" | "in_review" | "accepted" | "declined") => ({
    tenantId: ids.tenant,
    customerId: ids.customer,
    locationId: ids.location,
    status,
  });

  it.each<[string, Actor, "submitted" | "in_review" | "accepted" | "declined", boolean]>([
    ["manager decides on a submitted request", manager, "submitted", true],
    ["manager decides on one in review", manager, "in_review", true],
    ["not again once accepted", manager, "accepted", false],
    ["not again once declined", manager, "declined", false],
    ["dispatchers read but do not decide", staff("dispatcher"), "submitted", false],
  ])("%s", (_case, actor, status, expected) => {
    expect(canReviewPortalRequest(actor, request(status))).toBe(expected);
  });

  it("employees and integrations do not see requests", () => {
    expect(canSeePortalRequest(employee, request("submitted"), openGates)).toBe(false);
    expect(canSeePortalRequest(allScopes(), request("submitted"), openGates)).toBe(false);
    expect(canSeePortalRequest(staff("dispatcher"), request("submitted"))).toBe(true);
  });
});

describe("unknown roles fail closed at object level", () => {
  it("a role named like an object property sees no files", () => {
    const stranger = { ...staff("manager"), role: "constructor" } as unknown as Actor;
    const file = {
      tenantId: ids.tenant,
      customerId: ids.customer,
      locationId: ids.location,
      ownerType: "target" as const,
      ...assignedToMe,
      portalReleasedAt: null,
      ownerPublished: false,
    };
    expect(canSeeAttachment(stranger, file, openGates)).toBe(false);
    expect(canUploadAttachment(stranger, file, openGates)).toBe(false);
    expect(
      canSeeCustomer(stranger, { tenantId: ids.tenant, customerId: ids.customer, ...assignedToMe }),
    ).toBe(false);
  });
});

describe("external references: API/source scoped", () => {
  const ref = (objectType: "customer" | "location", sourceSystem?: string) => ({
    tenantId: ids.tenant,
    objectType,
    ...(sourceSystem === undefined ? {} : { sourceSystem }),
  });
  const sapOnly = sourceLimited("sap", "customers:read", "customers:write");
  const anySource = integration("customers:read", "customers:write");

  it("a key limited to one source sees and writes references of that source only", () => {
    expect(canSeeExternalReference(sapOnly, ref("customer", "sap"))).toBe(true);
    expect(canSeeExternalReference(sapOnly, ref("customer", "crm"))).toBe(false);
    expect(canWriteExternalReference(sapOnly, ref("customer", "sap"))).toBe(true);
    expect(canWriteExternalReference(sapOnly, ref("customer", "crm"))).toBe(false);
  });

  it("the source is compared exactly (another spelling is another source)", () => {
    expect(canSeeExternalReference(sapOnly, ref("customer", "SAP"))).toBe(false);
  });

  it("a limited key asked without the reference's source is refused", () => {
    expect(canSeeExternalReference(sapOnly, ref("customer"))).toBe(false);
  });

  it("the source limit never widens the scopes", () => {
    expect(canSeeExternalReference(sapOnly, ref("location", "sap"))).toBe(false);
  });

  it("a key without a limit sees every source of its kinds", () => {
    expect(canSeeExternalReference(anySource, ref("customer", "sap"))).toBe(true);
    expect(canSeeExternalReference(anySource, ref("customer", "crm"))).toBe(true);
    expect(canWriteExternalReference(anySource, ref("customer", "crm"))).toBe(true);
  });

  it("staff are not limited by source", () => {
    expect(canSeeExternalReference(staff("manager"), ref("customer", "crm"))).toBe(true);
  });

  it("list scope: the kinds the scopes read, and the key's source", () => {
    expect(externalReferenceListScope(sapOnly)).toEqual({ objectTypes: ["customer"], sourceSystem: "sap" });
    expect(externalReferenceListScope(integration("locations:read", "contacts:read"))).toEqual({
      objectTypes: ["location", "contact_person"],
      sourceSystem: null,
    });
    expect(externalReferenceListScope(integration("imports:write"))).toBeNull();
    expect(externalReferenceListScope(staff("employee"), openGates)).toBeNull();
    expect(externalReferenceListScope(staff("manager"))?.sourceSystem).toBeNull();
  });
});
