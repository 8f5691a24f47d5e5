// The dispatcher is not in the spec's table; these rows pin down the choices made in
// permissions.ts (plans the work, sees the customer context and the timeline, nothing else).
import { describe, expect, it } from "vitest";
import { fieldsFor, project } from "./fields";
import {
  type AttachmentFacts,
  canSeeAppointment,
  canSeeAttachment,
  canSeeCustomer,
  canSeeInternalNote,
  canSeeRoute,
  canSeeTimelineEntry,
  canSeeVisitReport,
  canUploadAttachment,
} from "./objects";
import { type Action, can } from "./permissions";
import { assignedToColleague, ids, openGates, sampleRow, staff } from "./test-support";

const dispatcher = staff("dispatcher");
const inTenant = { tenantId: ids.tenant };

describe("dispatcher: actions", () => {
  it.each<[string, Action, boolean]>([
    ["views customers", "customer.read", true],
    ["views locations", "location.read", true],
    ["views contacts", "contact.read", true],
    ["plans targets", "target.write", true],
    ["plans appointments", "appointment.write", true],
    ["plans routes", "route.write", true],
    ["plans recurring visits", "recurring_plan.write", true],
    ["follows mobile updates", "mobile_update.read", true],
    ["sees the timeline", "timeline.read", true],
    ["reads portal requests (input for dispatch)", "portal_request.read", true],
    ["reads reports (reduced)", "visit_report.read", true],
    ["does not edit customers", "customer.write", false],
    ["does not edit locations", "location.write", false],
    ["does not edit contacts", "contact.write", false],
    ["no internal notes", "internal_note.read", false],
    ["no billing summary", "billing_trigger.read_summary", false],
    ["no billing details", "billing_trigger.read_details", false],
    ["no external references", "external_reference.read", false],
    ["does not review reports", "visit_report.review", false],
    ["does not publish reports", "visit_report.publish", false],
    ["does not write reports", "visit_report.write", false],
    ["does not release files", "attachment.release", false],
    ["does not decide on requests", "portal_request.review", false],
    ["no user admin", "user.manage", false],
    ["no settings", "tenant_settings.manage", false],
    ["no API keys", "api_key.manage", false],
    ["no webhooks", "webhook.manage", false],
    ["no imports", "import.write", false],
    ["no portal users", "portal_user.manage", false],
    ["no audit log", "audit_log.read", false],
  ])("%s", (_what, action, allowed) => {
    expect(can(dispatcher, action, openGates)).toBe(allowed);
  });
});

describe("dispatcher: objects", () => {
  it("sees the whole tenant's planning, not only own work", () => {
    expect(
      canSeeCustomer(dispatcher, { ...inTenant, customerId: ids.customer, ...assignedToColleague }),
    ).toBe(true);
    expect(
      canSeeAppointment(dispatcher, {
        ...inTenant,
        customerId: ids.customer,
        locationId: null,
        assignedEmployeeId: ids.colleague,
      }),
    ).toBe(true);
    expect(canSeeRoute(dispatcher, { ...inTenant, employeeId: ids.colleague })).toBe(true);
    expect(
      canSeeTimelineEntry(dispatcher, {
        ...inTenant,
        customerId: ids.customer,
        locationId: null,
        kind: "imported_job",
        portalVisible: false,
      }),
    ).toBe(true);
    expect(
      canSeeVisitReport(dispatcher, {
        ...inTenant,
        customerId: ids.customer,
        locationId: ids.location,
        authorId: ids.colleague,
        assignedEmployeeId: ids.colleague,
        status: "approved",
        publishedAt: null,
      }),
    ).toBe(true);
  });

  it("never another tenant's", () => {
    expect(
      canSeeRoute(staff("dispatcher", ids.otherTenant), { ...inTenant, employeeId: ids.colleague }),
    ).toBe(false);
  });

  it("no internal notes even with employees allowed to read them", () => {
    expect(
      canSeeInternalNote(
        dispatcher,
        { ...inTenant, customerId: ids.customer, authorId: null, ...assignedToColleague },
        openGates,
      ),
    ).toBe(false);
  });

  const file = (ownerType: AttachmentFacts["ownerType"]): AttachmentFacts => ({
    ...inTenant,
    customerId: ids.customer,
    locationId: ids.location,
    ownerType,
    ...assignedToColleague,
    portalReleasedAt: null,
    ownerPublished: false,
  });

  it.each<[AttachmentFacts["ownerType"], boolean, boolean]>([
    ["target", true, true],
    ["portal_request", true, false],
    ["visit_report", false, false],
    ["mobile_update", false, false],
  ])("files of a %s: see %s, upload %s", (ownerType, see, upload) => {
    expect(canSeeAttachment(dispatcher, file(ownerType))).toBe(see);
    expect(canUploadAttachment(dispatcher, file(ownerType))).toBe(upload);
  });
});

describe("dispatcher: fields", () => {
  it("a reduced report: status, result and follow-up, no text and no billing", () => {
    const view = project(dispatcher, "visit_report", sampleRow("visit_report"));
    for (const field of ["status", "result", "followUpRequired", "followUpDetails", "title"]) {
      expect(view).toHaveProperty(field);
    }
    for (const field of [
      "summary",
      "problems",
      "billable",
      "billingNote",
      "returnedReason",
      "portalSummary",
    ]) {
      expect(view).not.toHaveProperty(field);
    }
  });

  it("the full planning picture", () => {
    expect(fieldsFor(dispatcher, "appointment")).toContain("assignedEmployeeId");
    expect(fieldsFor(dispatcher, "route_stop")).toContain("travelMinutesFromPrevious");
    expect(fieldsFor(dispatcher, "location")).toContain("defaultPriority");
    expect(fieldsFor(dispatcher, "recurring_plan")).toContain("rrule");
  });

  it("nothing of notes, billing, references or admin objects", () => {
    for (const kind of [
      "internal_note",
      "billing_trigger",
      "external_reference",
      "api_key",
      "webhook_subscription",
    ] as const) {
      expect(fieldsFor(dispatcher, kind, openGates), kind).toBeNull();
    }
  });
});
