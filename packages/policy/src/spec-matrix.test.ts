// The spec's "Who can see what?" table, one test per cell. Each cell says which actions the
// column's actor has and lacks, which fields of the row's object it receives and lacks, and the
// object-level facts that decide it ("Assigned", "Own/assigned", "scoped", "Optional").
import { describe, expect, it } from "vitest";
import type { Actor, TenantGates } from "./actors";
import { type FieldKind, project, projectWebhookPayload } from "./fields";
import {
  canEditInternalNote,
  canPublishVisitReport,
  canReviewVisitReport,
  canSeeBillingTrigger,
  canSeeContactPerson,
  canSeeCustomer,
  canSeeExternalReference,
  canSeeInternalNote,
  canSeeLocation,
  canSeeVisitReport,
  canWriteExternalReference,
  type VisitReportFacts,
} from "./objects";
import { type Action, can } from "./permissions";
import {
  allScopes,
  assignedToColleague,
  assignedToMe,
  closedGates,
  gatesWith,
  ids,
  integration,
  openGates,
  sampleRow,
  sourceLimited,
  staff,
} from "./test-support";

type Column = "Tenant Admin" | "Manager" | "Employee" | "Integration";

type Cell = {
  row: string;
  column: Column;
  /** The cell's text in the spec. */
  spec: string;
  actor: Actor;
  gates?: TenantGates;
  allowed?: Action[];
  denied?: Action[];
  /** What `project` hands over: `receives: null` means nothing at all. */
  fields?: { kind: FieldKind; receives: string[] | null; withheld?: string[] };
  /** Object-level and other facts, evaluated with the cell's actor: [what, result, expected]. */
  facts?: [string, boolean, boolean][];
};

const admin = staff("tenant_admin");
const manager = staff("manager");
const employee = staff("employee");

const inTenant = { tenantId: ids.tenant };
const customer = (assigned: { assignedEmployeeIds: readonly string[] }) => ({
  ...inTenant,
  customerId: ids.customer,
  ...assigned,
});
const location = (
  assigned: { assignedEmployeeIds: readonly string[] },
  locationId: string = ids.location,
) => ({
  ...inTenant,
  customerId: ids.customer,
  locationId,
  ...assigned,
});
const report = (change: Partial<VisitReportFacts> = {}): VisitReportFacts => ({
  ...inTenant,
  customerId: ids.customer,
  locationId: ids.location,
  authorId: ids.colleague,
  assignedEmployeeId: ids.colleague,
  status: "submitted",
  publishedAt: null,
  ...change,
});
const note = (authorId: string) => ({ ...inTenant, customerId: ids.customer, authorId, ...assignedToMe });
const reference = (objectType: "customer" | "location" | "visit_report") => ({ ...inTenant, objectType });

const cells: Cell[] = [
  // ---- Customer profile -----------------------------------------------------------------------
  {
    row: "Customer profile",
    column: "Tenant Admin",
    spec: "Full",
    actor: admin,
    allowed: ["customer.read", "customer.write", "customer.archive"],
    fields: {
      kind: "customer",
      receives: ["id", "number", "name", "status", "type", "industry", "email", "phone", "website", "notes"],
      withheld: ["tenantId"],
    },
  },
  {
    row: "Customer profile",
    column: "Manager",
    spec: "View",
    actor: manager,
    allowed: ["customer.read"],
    denied: ["customer.write", "customer.archive"],
    fields: { kind: "customer", receives: ["name", "number", "status", "type", "industry", "notes"] },
  },
  {
    row: "Customer profile",
    column: "Employee",
    spec: "Limited",
    actor: employee,
    gates: openGates,
    allowed: ["customer.read"],
    denied: ["customer.write", "customer.archive"],
    fields: {
      kind: "customer",
      receives: ["id", "number", "name", "email", "phone"],
      withheld: ["status", "type", "industry", "website", "notes", "createdById", "archivedAt"],
    },
    facts: [
      ["customer with my appointments", canSeeCustomer(employee, customer(assignedToMe)), true],
      ["customer without my appointments", canSeeCustomer(employee, customer(assignedToColleague)), false],
    ],
  },
  {
    row: "Customer profile",
    column: "Integration",
    spec: "No direct UI",
    actor: integration("customers:read", "customers:write"),
    allowed: ["customer.read", "customer.write"],
    denied: ["customer.archive", "timeline.read"],
    fields: {
      kind: "customer",
      receives: ["id", "number", "name", "status", "email", "phone"],
      withheld: ["notes", "createdById"],
    },
    facts: [
      ["without a customer scope", can(integration("locations:read"), "customer.read"), false],
      [
        "any customer of the tenant",
        canSeeCustomer(integration("customers:read"), customer(assignedToColleague)),
        true,
      ],
    ],
  },

  // ---- Location/address -----------------------------------------------------------------------
  {
    row: "Location/address",
    column: "Tenant Admin",
    spec: "Full",
    actor: admin,
    allowed: ["location.read", "location.write"],
    fields: {
      kind: "location",
      receives: [
        "name",
        "addressLine1",
        "city",
        "accessNotes",
        "parkingNotes",
        "defaultPriority",
        "latitude",
      ],
      withheld: ["tenantId"],
    },
  },
  {
    row: "Location/address",
    column: "Manager",
    spec: "View",
    actor: manager,
    allowed: ["location.read"],
    denied: ["location.write"],
    fields: { kind: "location", receives: ["addressLine1", "city", "accessNotes", "defaultPriority"] },
    facts: [["any location of the tenant", canSeeLocation(manager, location(assignedToColleague)), true]],
  },
  {
    row: "Location/address",
    column: "Employee",
    spec: "Assigned",
    actor: employee,
    allowed: ["location.read"],
    denied: ["location.write"],
    fields: {
      kind: "location",
      receives: [
        "addressLine1",
        "postalCode",
        "city",
        "country",
        "accessNotes",
        "parkingNotes",
        "defaultWorkMinutes",
      ],
      withheld: ["defaultPriority", "createdAt", "archivedAt"],
    },
    facts: [
      ["location of my appointment", canSeeLocation(employee, location(assignedToMe)), true],
      [
        "location of a colleague's appointment",
        canSeeLocation(employee, location(assignedToColleague)),
        false,
      ],
    ],
  },
  {
    row: "Location/address",
    column: "Integration",
    spec: "Via API if scoped",
    actor: integration("locations:read", "locations:write"),
    allowed: ["location.read", "location.write"],
    fields: {
      kind: "location",
      receives: ["addressLine1", "city", "country", "latitude", "longitude"],
      withheld: ["accessNotes", "parkingNotes"],
    },
    facts: [
      ["without a location scope", can(integration("customers:read"), "location.read"), false],
      ["read scope only cannot write", can(integration("locations:read"), "location.write"), false],
    ],
  },

  // ---- Contact details ------------------------------------------------------------------------
  {
    row: "Contact details",
    column: "Tenant Admin",
    spec: "Full",
    actor: admin,
    allowed: ["contact.read", "contact.write"],
    fields: { kind: "contact_person", receives: ["name", "department", "email", "phone", "mobile"] },
  },
  {
    row: "Contact details",
    column: "Manager",
    spec: "View",
    actor: manager,
    allowed: ["contact.read"],
    denied: ["contact.write"],
    fields: { kind: "contact_person", receives: ["name", "role", "department", "email", "phone", "mobile"] },
  },
  {
    row: "Contact details",
    column: "Employee",
    spec: "Assigned",
    actor: employee,
    allowed: ["contact.read"],
    denied: ["contact.write"],
    fields: {
      kind: "contact_person",
      receives: ["name", "role", "email", "phone", "mobile", "preferredContactMethod"],
      withheld: ["department", "createdAt"],
    },
    facts: [
      ["contact at my location", canSeeContactPerson(employee, location(assignedToMe)), true],
      [
        "contact at a colleague's location",
        canSeeContactPerson(employee, location(assignedToColleague)),
        false,
      ],
    ],
  },
  {
    row: "Contact details",
    column: "Integration",
    spec: "Optional in webhooks",
    // "Optional in webhooks" is about webhook payloads. Through the API the key's scope decides:
    // with `contacts:read` the contacts, whatever the webhook setting says; without it, none.
    actor: integration("contacts:read"),
    gates: gatesWith({ webhookIncludeContacts: false }),
    allowed: ["contact.read"],
    denied: ["contact.write"],
    fields: {
      kind: "contact_person",
      receives: ["name", "email", "phone", "mobile"],
      withheld: ["tenantId", "archivedAt"],
    },
    facts: [
      [
        "scope, webhook setting off: sees a contact",
        canSeeContactPerson(integration("contacts:read"), location(assignedToColleague), closedGates),
        true,
      ],
      [
        "no contacts scope, webhook setting on: no contacts",
        can(integration("customers:read", "locations:read"), "contact.read", openGates),
        false,
      ],
      [
        "no contacts scope, webhook setting on: no contact fields",
        project(
          integration("customers:read", "locations:read"),
          "contact_person",
          sampleRow("contact_person"),
          openGates,
        ) !== null,
        false,
      ],
      [
        "tenant opted in, subscription asks: in webhook",
        projectWebhookPayload("contact_person", sampleRow("contact_person"), {
          gates: gatesWith({ webhookIncludeContacts: true }),
          subscription: { includeContacts: true },
        }) !== null,
        true,
      ],
      [
        "tenant not opted in: not in webhook",
        projectWebhookPayload("contact_person", sampleRow("contact_person"), {
          gates: gatesWith({ webhookIncludeContacts: false }),
          subscription: { includeContacts: true },
        }) !== null,
        false,
      ],
      [
        "subscription does not ask: not in webhook",
        projectWebhookPayload("contact_person", sampleRow("contact_person"), {
          gates: gatesWith({ webhookIncludeContacts: true }),
          subscription: { includeContacts: false },
        }) !== null,
        false,
      ],
    ],
  },

  // ---- External references --------------------------------------------------------------------
  {
    row: "External references",
    column: "Tenant Admin",
    spec: "Full",
    actor: admin,
    allowed: ["external_reference.read", "external_reference.write"],
    fields: {
      kind: "external_reference",
      receives: ["sourceSystem", "externalId", "objectType", "objectId"],
    },
  },
  {
    row: "External references",
    column: "Manager",
    spec: "Limited",
    actor: manager,
    allowed: ["external_reference.read"],
    denied: ["external_reference.write"],
    fields: { kind: "external_reference", receives: ["sourceSystem", "externalId"] },
    facts: [
      ["sees a reference", canSeeExternalReference(manager, reference("customer")), true],
      ["cannot write one", canWriteExternalReference(manager, reference("customer")), false],
    ],
  },
  {
    row: "External references",
    column: "Employee",
    spec: "No",
    actor: employee,
    gates: openGates,
    denied: ["external_reference.read", "external_reference.write"],
    fields: { kind: "external_reference", receives: null },
    facts: [["object level too", canSeeExternalReference(employee, reference("customer"), openGates), false]],
  },
  {
    row: "External references",
    column: "Integration",
    spec: "API/source scoped",
    actor: integration("customers:read"),
    allowed: ["external_reference.read"],
    denied: ["external_reference.write"],
    fields: {
      kind: "external_reference",
      receives: ["sourceSystem", "externalId", "objectType", "objectId"],
    },
    facts: [
      [
        "reference of a scoped kind",
        canSeeExternalReference(integration("customers:read"), reference("customer")),
        true,
      ],
      [
        "reference of an unscoped kind",
        canSeeExternalReference(integration("customers:read"), reference("location")),
        false,
      ],
      [
        "key limited to a source: that source's reference",
        canSeeExternalReference(sourceLimited("sap", "customers:read"), {
          ...reference("customer"),
          sourceSystem: "sap",
        }),
        true,
      ],
      [
        "key limited to a source: not another source's",
        canSeeExternalReference(sourceLimited("sap", "customers:read"), {
          ...reference("customer"),
          sourceSystem: "crm",
        }),
        false,
      ],
      ["no scopes, no references", can(integration(), "external_reference.read"), false],
      [
        "writes for a kind it writes",
        canWriteExternalReference(integration("customers:write"), reference("customer")),
        true,
      ],
      [
        "not for a kind it does not",
        canWriteExternalReference(integration("customers:write"), reference("location")),
        false,
      ],
    ],
  },

  // ---- Visit reports --------------------------------------------------------------------------
  {
    row: "Visit reports",
    column: "Tenant Admin",
    spec: "Full",
    actor: admin,
    allowed: ["visit_report.read", "visit_report.write", "visit_report.review", "visit_report.publish"],
    fields: {
      kind: "visit_report",
      receives: [
        "title",
        "summary",
        "problems",
        "billable",
        "billingNote",
        "approvedById",
        "portalTitle",
        "authorId",
      ],
    },
  },
  {
    row: "Visit reports",
    column: "Manager",
    spec: "View",
    // Reading. Approving and publishing are the admin's unless the tenant lets managers review.
    actor: manager,
    allowed: ["visit_report.read"],
    denied: ["visit_report.write", "visit_report.review", "visit_report.publish"],
    fields: {
      kind: "visit_report",
      receives: ["title", "summary", "problems", "followUpRequired", "billable", "authorId"],
      withheld: ["billingNote"],
    },
    facts: [
      ["anyone's report", canSeeVisitReport(manager, report()), true],
      ["does not review by default", canReviewVisitReport(manager, report()), false],
      ["does not publish by default", canPublishVisitReport(manager, report({ status: "approved" })), false],
      [
        "reviews where the tenant lets managers review",
        canReviewVisitReport(manager, report(), gatesWith({ managersReviewReports: true })),
        true,
      ],
      [
        "publishes where the tenant lets managers review",
        canPublishVisitReport(
          manager,
          report({ status: "approved" }),
          gatesWith({ managersReviewReports: true }),
        ),
        true,
      ],
    ],
  },
  {
    row: "Visit reports",
    column: "Employee",
    spec: "Own/assigned",
    actor: employee,
    allowed: ["visit_report.read", "visit_report.write"],
    denied: ["visit_report.review", "visit_report.publish"],
    fields: {
      kind: "visit_report",
      receives: ["title", "result", "summary", "problems", "followUpRequired", "returnedReason"],
      withheld: ["billingNote", "approvedById", "portalTitle", "portalSummary", "publishedById"],
    },
    facts: [
      ["report I wrote", canSeeVisitReport(employee, report({ authorId: ids.me })), true],
      ["report of my appointment", canSeeVisitReport(employee, report({ assignedEmployeeId: ids.me })), true],
      ["a colleague's report", canSeeVisitReport(employee, report()), false],
    ],
  },
  {
    row: "Visit reports",
    column: "Integration",
    spec: "Event-based",
    actor: integration("visit_reports:read"),
    allowed: ["visit_report.read"],
    denied: ["visit_report.write", "visit_report.review", "visit_report.publish"],
    fields: {
      kind: "visit_report",
      receives: ["title", "status", "result", "summary", "followUpRequired"],
      withheld: ["billable", "billingNote", "authorId", "returnedReason", "portalTitle"],
    },
    facts: [
      ["submitted (announced)", canSeeVisitReport(integration("visit_reports:read"), report()), true],
      [
        "approved (announced)",
        canSeeVisitReport(integration("visit_reports:read"), report({ status: "approved" })),
        true,
      ],
      [
        "draft (no event)",
        canSeeVisitReport(integration("visit_reports:read"), report({ status: "draft" })),
        false,
      ],
      [
        "returned (being reworked)",
        canSeeVisitReport(integration("visit_reports:read"), report({ status: "returned" })),
        false,
      ],
      ["without the scope", can(integration("appointments:read"), "visit_report.read"), false],
    ],
  },

  // ---- Internal notes -------------------------------------------------------------------------
  {
    row: "Internal notes",
    column: "Tenant Admin",
    spec: "Full/Manager",
    actor: admin,
    allowed: ["internal_note.read", "internal_note.write"],
    fields: { kind: "internal_note", receives: ["body", "authorId", "objectType", "objectId"] },
    facts: [["edits anyone's note", canEditInternalNote(admin, note(ids.colleague)), true]],
  },
  {
    row: "Internal notes",
    column: "Manager",
    spec: "Manager",
    actor: manager,
    allowed: ["internal_note.read", "internal_note.write"],
    fields: { kind: "internal_note", receives: ["body", "authorId"] },
    facts: [
      [
        "sees any note of the tenant",
        canSeeInternalNote(manager, { ...note(ids.colleague), ...assignedToColleague }),
        true,
      ],
      ["edits own note", canEditInternalNote(manager, note(ids.me)), true],
      ["not a colleague's", canEditInternalNote(manager, note(ids.colleague)), false],
    ],
  },
  {
    row: "Internal notes",
    column: "Employee",
    spec: "No",
    actor: employee,
    gates: gatesWith({ employeesSeeInternalNotes: false }),
    denied: ["internal_note.read", "internal_note.write"],
    fields: { kind: "internal_note", receives: null },
    facts: [
      ["not by default", can(employee, "internal_note.read"), false],
      ["not on assigned work either", canSeeInternalNote(employee, note(ids.colleague), closedGates), false],
      [
        "configured: notes of assigned work",
        canSeeInternalNote(employee, note(ids.colleague), gatesWith({ employeesSeeInternalNotes: true })),
        true,
      ],
      [
        "configured: the note's text",
        "body" in
          (project(
            employee,
            "internal_note",
            sampleRow("internal_note"),
            gatesWith({ employeesSeeInternalNotes: true }),
          ) ?? {}),
        true,
      ],
      [
        "configured: not who wrote it",
        "authorId" in
          (project(
            employee,
            "internal_note",
            sampleRow("internal_note"),
            gatesWith({ employeesSeeInternalNotes: true }),
          ) ?? {}),
        false,
      ],
    ],
  },
  {
    row: "Internal notes",
    column: "Integration",
    spec: "No",
    actor: allScopes(),
    gates: openGates,
    denied: ["internal_note.read", "internal_note.write"],
    fields: { kind: "internal_note", receives: null },
  },

  // ---- Billing trigger details ----------------------------------------------------------------
  {
    row: "Billing trigger details",
    column: "Tenant Admin",
    spec: "Full",
    actor: admin,
    allowed: ["billing_trigger.read_summary", "billing_trigger.read_details"],
    fields: { kind: "billing_trigger", receives: ["status", "visitReportId", "note"] },
  },
  {
    row: "Billing trigger details",
    column: "Manager",
    spec: "Limited",
    actor: manager,
    allowed: ["billing_trigger.read_summary"],
    denied: ["billing_trigger.read_details"],
    fields: {
      kind: "billing_trigger",
      receives: ["status", "visitReportId", "createdAt"],
      withheld: ["note"],
    },
    facts: [
      ["sees that a trigger exists", canSeeBillingTrigger(manager, inTenant), true],
      [
        "no billing note on the report",
        "billingNote" in (project(manager, "visit_report", sampleRow("visit_report")) ?? {}),
        false,
      ],
    ],
  },
  {
    row: "Billing trigger details",
    column: "Employee",
    spec: "No",
    actor: employee,
    gates: openGates,
    denied: ["billing_trigger.read_summary", "billing_trigger.read_details"],
    fields: { kind: "billing_trigger", receives: null },
    facts: [["object level too", canSeeBillingTrigger(employee, inTenant, openGates), false]],
  },
  {
    row: "Billing trigger details",
    column: "Integration",
    spec: "Optional webhook",
    actor: allScopes(),
    gates: openGates,
    denied: ["billing_trigger.read_summary", "billing_trigger.read_details"],
    fields: { kind: "billing_trigger", receives: null },
    facts: [
      // Optional: the note only with the tenant's gate and the subscription's choice; the trigger
      // itself (ids, status) in every case.
      ...[false, true].flatMap((gate) =>
        [false, true].map((includeBilling): [string, boolean, boolean] => [
          `billing_trigger webhook, gate ${gate}, subscription ${includeBilling}: note`,
          "note" in
            (projectWebhookPayload("billing_trigger", sampleRow("billing_trigger"), {
              gates: gatesWith({ webhookIncludeBilling: gate }),
              subscription: { includeContacts: false, includeBilling },
            }) ?? {}),
          gate && includeBilling,
        ]),
      ),
      [
        "billing_trigger webhook without details still has ids and status",
        Object.keys(
          projectWebhookPayload("billing_trigger", sampleRow("billing_trigger"), {
            gates: closedGates,
            subscription: { includeContacts: false },
          }) ?? {},
        )
          .sort()
          .join(",") === "createdAt,customerId,id,status,visitReportId",
        true,
      ],
      [
        "not on the report's API view",
        "billable" in (project(allScopes(), "visit_report", sampleRow("visit_report"), openGates) ?? {}),
        false,
      ],
    ],
  },

  // ---- Webhook settings -----------------------------------------------------------------------
  {
    row: "Webhook settings",
    column: "Tenant Admin",
    spec: "Full",
    actor: admin,
    allowed: ["webhook.manage"],
    fields: {
      kind: "webhook_subscription",
      receives: ["url", "eventTypes", "includeContacts", "active"],
      withheld: ["secret"],
    },
  },
  {
    row: "Webhook settings",
    column: "Manager",
    spec: "No",
    actor: manager,
    gates: openGates,
    denied: ["webhook.manage"],
    fields: { kind: "webhook_subscription", receives: null },
  },
  {
    row: "Webhook settings",
    column: "Employee",
    spec: "No",
    actor: employee,
    gates: openGates,
    denied: ["webhook.manage"],
    fields: { kind: "webhook_subscription", receives: null },
  },
  {
    row: "Webhook settings",
    column: "Integration",
    spec: "No",
    actor: allScopes(),
    gates: openGates,
    denied: ["webhook.manage"],
    fields: { kind: "webhook_subscription", receives: null },
  },

  // ---- API keys -------------------------------------------------------------------------------
  {
    row: "API keys",
    column: "Tenant Admin",
    spec: "Full",
    actor: admin,
    allowed: ["api_key.manage"],
    fields: {
      kind: "api_key",
      receives: ["name", "prefix", "scopes", "sourceSystem", "lastUsedAt"],
      withheld: ["secretHash"],
    },
  },
  {
    row: "API keys",
    column: "Manager",
    spec: "No",
    actor: manager,
    gates: openGates,
    denied: ["api_key.manage"],
    fields: { kind: "api_key", receives: null },
  },
  {
    row: "API keys",
    column: "Employee",
    spec: "No",
    actor: employee,
    gates: openGates,
    denied: ["api_key.manage"],
    fields: { kind: "api_key", receives: null },
  },
  {
    // The integration holds its own secret; it manages and lists no keys, its own included.
    row: "API keys",
    column: "Integration",
    spec: "Secret",
    actor: allScopes(),
    gates: openGates,
    denied: ["api_key.manage"],
    fields: { kind: "api_key", receives: null },
  },
];

describe("the spec's table, cell by cell", () => {
  it("has every cell once", () => {
    const rows = new Set(cells.map((cell) => cell.row));
    expect(rows.size).toBe(9);
    expect(new Set(cells.map((cell) => `${cell.row}|${cell.column}`)).size).toBe(9 * 4);
  });

  it.each(cells)("$row × $column: $spec", (cell) => {
    const gates = cell.gates ?? closedGates;
    for (const action of cell.allowed ?? []) expect(can(cell.actor, action, gates), action).toBe(true);
    for (const action of cell.denied ?? []) expect(can(cell.actor, action, gates), action).toBe(false);
    if (cell.fields) {
      const projected = project(cell.actor, cell.fields.kind, sampleRow(cell.fields.kind), gates);
      if (cell.fields.receives === null) {
        expect(projected).toBeNull();
      } else {
        expect(projected).not.toBeNull();
        const received = Object.keys(projected ?? {});
        for (const field of cell.fields.receives) expect(received, `receives ${field}`).toContain(field);
        for (const field of cell.fields.withheld ?? [])
          expect(received, `withholds ${field}`).not.toContain(field);
      }
    }
    for (const [what, result, expected] of cell.facts ?? []) expect(result, what).toBe(expected);
  });
});
