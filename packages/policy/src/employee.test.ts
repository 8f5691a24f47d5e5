// The spec's "Restricted by default" and "Employee context" lists, one test per item.
import { describe, expect, it } from "vitest";
import { fieldsFor, project, unwritableVisitReportFields } from "./fields";
import {
  type AppointmentFacts,
  canCreateVisitReport,
  canEditVisitReport,
  canRecordMobileUpdate,
  canSeeAppointment,
  canSeeBillingTrigger,
  canSeeContactPerson,
  canSeeCustomer,
  canSeeExternalReference,
  canSeeInternalNote,
  canSeeLocation,
  canSeeMobileUpdate,
  canSeeRoute,
  canSeeTarget,
  type VisitReportFacts,
} from "./objects";
import { type Action, can } from "./permissions";
import {
  assignedToColleague,
  assignedToMe,
  closedGates,
  gatesWith,
  ids,
  openGates,
  sampleRow,
  staff,
} from "./test-support";

const employee = staff("employee");
const inTenant = { tenantId: ids.tenant };

const cannot = (...list: Action[]) => {
  // Every gate open: no tenant setting may hand these to an employee.
  for (const action of list) expect(can(employee, action, openGates), action).toBe(false);
};

const appointment = (assignedEmployeeId: string | null): AppointmentFacts => ({
  ...inTenant,
  customerId: ids.customer,
  locationId: ids.location,
  assignedEmployeeId,
});
const report = (change: Partial<VisitReportFacts>): VisitReportFacts => ({
  ...inTenant,
  customerId: ids.customer,
  locationId: ids.location,
  authorId: ids.me,
  assignedEmployeeId: ids.me,
  status: "draft",
  publishedAt: null,
  ...change,
});
const place = (assigned: { assignedEmployeeIds: readonly string[] }) => ({
  ...inTenant,
  customerId: ids.customer,
  locationId: ids.location,
  ...assigned,
});

describe("restricted by default, for employees", () => {
  const items: [string, () => void][] = [
    [
      "Customer external references",
      () => {
        cannot("external_reference.read", "external_reference.write");
        expect(canSeeExternalReference(employee, { ...inTenant, objectType: "customer" }, openGates)).toBe(
          false,
        );
        expect(
          project(employee, "external_reference", sampleRow("external_reference"), openGates),
        ).toBeNull();
        // Nor smuggled in with the customer row.
        const customer = project(employee, "customer", { ...sampleRow("customer"), externalReferences: [] });
        expect(customer).not.toHaveProperty("externalReferences");
      },
    ],
    [
      "Billing configuration",
      () => {
        // The schema keeps no billing configuration of its own: the tenant settings and a report's
        // billing note are what exists.
        cannot("tenant_settings.manage");
        expect(fieldsFor(employee, "visit_report", openGates)).not.toContain("billingNote");
        expect(unwritableVisitReportFields(employee, { billingNote: "bill twice" })).toEqual(["billingNote"]);
      },
    ],
    [
      "Billing trigger details",
      () => {
        cannot("billing_trigger.read_details", "billing_trigger.read_summary");
        expect(canSeeBillingTrigger(employee, inTenant, openGates)).toBe(false);
        expect(project(employee, "billing_trigger", sampleRow("billing_trigger"), openGates)).toBeNull();
      },
    ],
    [
      "Integration settings",
      () => {
        cannot("import.read", "import.write", "api_key.manage", "webhook.manage");
      },
    ],
    [
      "API keys",
      () => {
        cannot("api_key.manage");
        expect(project(employee, "api_key", sampleRow("api_key"), openGates)).toBeNull();
      },
    ],
    [
      "Webhook subscriptions",
      () => {
        cannot("webhook.manage");
        expect(
          project(employee, "webhook_subscription", sampleRow("webhook_subscription"), openGates),
        ).toBeNull();
      },
    ],
    [
      "Tenant administration",
      () => {
        cannot(
          "user.manage",
          "tenant_settings.manage",
          "retention.manage",
          "audit_log.read",
          "login_events.read",
          "portal_user.manage",
          "customer.archive",
          "customer.write",
          "location.write",
          "contact.write",
        );
      },
    ],
    [
      "Internal manager notes unless explicitly configured",
      () => {
        const note = { ...inTenant, customerId: ids.customer, authorId: ids.colleague };
        const configured = gatesWith({ employeesSeeInternalNotes: true });
        const notConfigured = gatesWith({ employeesSeeInternalNotes: false });
        // Not configured: nothing, even for their own customers.
        expect(can(employee, "internal_note.read", notConfigured)).toBe(false);
        expect(canSeeInternalNote(employee, { ...note, ...assignedToMe }, notConfigured)).toBe(false);
        expect(project(employee, "internal_note", sampleRow("internal_note"), notConfigured)).toBeNull();
        // Configured: read the notes of customers they work for; never write them.
        expect(canSeeInternalNote(employee, { ...note, ...assignedToMe }, configured)).toBe(true);
        expect(canSeeInternalNote(employee, { ...note, ...assignedToColleague }, configured)).toBe(false);
        const received = project(employee, "internal_note", sampleRow("internal_note"), configured);
        expect(received).toHaveProperty("body");
        expect(received).toHaveProperty("createdAt");
        // What the note says, not which colleague wrote it.
        expect(received).not.toHaveProperty("authorId");
        expect(can(employee, "internal_note.write", configured)).toBe(false);
      },
    ],
  ];

  it.each(items)("%s", (_item, check) => check());
});

describe("employee context, for assigned work", () => {
  const items: [string, () => void][] = [
    [
      "Assigned work",
      () => {
        expect(canSeeAppointment(employee, appointment(ids.me))).toBe(true);
        expect(canSeeAppointment(employee, appointment(ids.colleague))).toBe(false);
        expect(canSeeAppointment(employee, appointment(null))).toBe(false);
        expect(canSeeTarget(employee, place(assignedToMe))).toBe(true);
        expect(canSeeTarget(employee, place(assignedToColleague))).toBe(false);
        expect(canSeeRoute(employee, { ...inTenant, employeeId: ids.me })).toBe(true);
        expect(canSeeRoute(employee, { ...inTenant, employeeId: ids.colleague })).toBe(false);
        // Appointment views keep planning internals out.
        const view = project(employee, "appointment", sampleRow("appointment"));
        expect(view).toHaveProperty("plannedStart");
        expect(view).not.toHaveProperty("recurringOccurrenceId");
      },
    ],
    [
      "Customer name",
      () => {
        expect(canSeeCustomer(employee, { ...inTenant, customerId: ids.customer, ...assignedToMe })).toBe(
          true,
        );
        expect(
          canSeeCustomer(employee, { ...inTenant, customerId: ids.customer, ...assignedToColleague }),
        ).toBe(false);
        expect(project(employee, "customer", sampleRow("customer"))).toHaveProperty("name", "customer.name");
      },
    ],
    [
      "Location and address",
      () => {
        expect(canSeeLocation(employee, place(assignedToMe))).toBe(true);
        expect(canSeeLocation(employee, place(assignedToColleague))).toBe(false);
        expect(fieldsFor(employee, "location")).toEqual(
          expect.arrayContaining([
            "name",
            "addressLine1",
            "addressLine2",
            "postalCode",
            "city",
            "country",
            "latitude",
            "longitude",
          ]),
        );
      },
    ],
    [
      "Contact person and contact channel if needed for execution",
      () => {
        expect(canSeeContactPerson(employee, place(assignedToMe))).toBe(true);
        expect(canSeeContactPerson(employee, place(assignedToColleague))).toBe(false);
        expect(fieldsFor(employee, "contact_person")).toEqual(
          expect.arrayContaining(["name", "role", "email", "phone", "mobile", "preferredContactMethod"]),
        );
      },
    ],
    [
      "Access notes and parking notes",
      () => {
        const view = project(employee, "location", sampleRow("location"));
        expect(view).toHaveProperty("accessNotes", "location.accessNotes");
        expect(view).toHaveProperty("parkingNotes", "location.parkingNotes");
      },
    ],
    [
      "Visit report form",
      () => {
        expect(canCreateVisitReport(employee, appointment(ids.me))).toBe(true);
        expect(canCreateVisitReport(employee, appointment(ids.colleague))).toBe(false);
        expect(canEditVisitReport(employee, report({ status: "draft" }))).toBe(true);
        expect(canEditVisitReport(employee, report({ status: "returned" }))).toBe(true);
        expect(canEditVisitReport(employee, report({ status: "submitted" }))).toBe(false);
        expect(canEditVisitReport(employee, report({ status: "approved" }))).toBe(false);
        expect(
          canEditVisitReport(
            employee,
            report({ authorId: ids.colleague, assignedEmployeeId: ids.colleague }),
          ),
        ).toBe(false);
        const form = {
          title: "Quarterly check",
          result: "completed",
          summary: "All filters replaced",
          problems: null,
          followUpRequired: false,
          followUpDetails: null,
          billable: true,
        };
        expect(unwritableVisitReportFields(employee, { visitReportId: "r-1", ...form })).toEqual([]);
        expect(unwritableVisitReportFields(employee, { status: "approved", approvedById: ids.me })).toEqual([
          "status",
          "approvedById",
        ]);
      },
    ],
    [
      "Own status updates",
      () => {
        expect(canRecordMobileUpdate(employee, appointment(ids.me))).toBe(true);
        expect(canRecordMobileUpdate(employee, appointment(ids.colleague))).toBe(false);
        expect(
          canSeeMobileUpdate(employee, { ...inTenant, employeeId: ids.me, assignedEmployeeId: ids.me }),
        ).toBe(true);
        expect(
          canSeeMobileUpdate(employee, {
            ...inTenant,
            employeeId: ids.colleague,
            assignedEmployeeId: ids.colleague,
          }),
        ).toBe(false);
      },
    ],
  ];

  it.each(items)("%s", (_item, check) => check());

  it("none of it reaches another tenant's employee", () => {
    const outsider = staff("employee", ids.otherTenant);
    expect(canSeeAppointment(outsider, appointment(ids.me))).toBe(false);
    expect(canSeeLocation(outsider, place(assignedToMe))).toBe(false);
    expect(canRecordMobileUpdate(outsider, appointment(ids.me))).toBe(false);
    expect(canEditVisitReport(outsider, report({}))).toBe(false);
  });

  it("gates do not change what an employee sees of their work", () => {
    for (const gates of [closedGates, openGates]) {
      expect(canSeeLocation(employee, place(assignedToMe), gates)).toBe(true);
      expect(canSeeLocation(employee, place(assignedToColleague), gates)).toBe(false);
    }
  });
});
