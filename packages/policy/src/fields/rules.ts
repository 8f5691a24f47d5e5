// Property level: which fields of an object an actor receives. Every list is an allow-list: a
// field that is not named is dropped, so a column added to the schema stays internal until
// someone adds it here on purpose.
//
// Fields that no audience ever receives: `tenantId` (implied by the session), an attachment's
// `storageKey` (files are streamed by the server), an API key's `secretHash` and a webhook
// subscription's `secret` and `previousSecret` (shown once, when created or rotated).
//
// Joined values (a location's name next to an appointment) are not fields of the row: project the
// joined object with its own kind, e.g. `project(actor, "location", locationRow, gates)`.

import type { StaffRole } from "@ordinavo/domain/vocabulary";
import type { GateName } from "../actors";
import type { Action } from "../permissions";
import { columns, type FieldKind, type FieldOf } from "./columns";

/** Who receives a projection. Staff by role; `webhook` is an outgoing event payload. */
export type Audience = StaffRole | "integration" | "portal" | "webhook";

export type FieldRule<K extends FieldKind> = {
  readonly fields: readonly FieldOf<K>[];
  /** Tenant gates that must be open, or the audience receives nothing of this kind. */
  readonly requires?: readonly GateName[];
};

type FieldTable = { readonly [K in FieldKind]: { readonly [A in Audience]?: FieldRule<K> } };

/** Never sent to anyone (see the top of this file). */
const neverSent: readonly string[] = ["tenantId", "storageKey", "secretHash", "secret", "previousSecret"];

/** Every column a tenant admin may receive: all of them except the never-sent ones. */
function full<K extends FieldKind>(kind: K): FieldRule<K> {
  const all: readonly FieldOf<K>[] = columns[kind];
  return { fields: all.filter((field) => !neverSent.includes(field)) };
}

/** The same columns, less some. */
function fullExcept<K extends FieldKind>(kind: K, ...left: readonly FieldOf<K>[]): FieldRule<K> {
  return { fields: full(kind).fields.filter((field) => !left.includes(field)) };
}

const fields = <K extends FieldKind>(...list: FieldOf<K>[]): FieldRule<K> => ({ fields: list });

// Lists shared by two audiences, so they cannot drift apart.
const integrationCustomer = fields<"customer">(
  "id",
  "number",
  "name",
  "status",
  "type",
  "industry",
  "email",
  "phone",
  "website",
  "createdAt",
  "updatedAt",
  "archivedAt",
);
// Access and parking notes are on-site hints, not integration data.
const integrationLocation = fullExcept("location", "accessNotes", "parkingNotes");
const integrationTarget = fullExcept("target", "createdById");
// Employee identities stay inside Ordinavo.
const integrationAppointment = fullExcept("appointment", "assignedEmployeeId", "createdById");
// The report as an event announces it: no billing (billing triggers are their own event), no
// internal review trail, no portal texts.
const integrationVisitReport = fields<"visit_report">(
  "id",
  "appointmentId",
  "targetId",
  "customerId",
  "locationId",
  "title",
  "status",
  "result",
  "summary",
  "problems",
  "followUpRequired",
  "followUpDetails",
  "followUpDueDate",
  "submittedAt",
  "approvedAt",
  "createdAt",
  "updatedAt",
);
// Erased contacts never reach an integration (the Connect reads leave them out), so neither does
// the moment of erasure.
const integrationContact = fullExcept("contact_person", "archivedAt", "erasedAt");
const externalReferenceView = fields<"external_reference">(
  "id",
  "objectType",
  "objectId",
  "sourceSystem",
  "externalId",
  "createdAt",
);

export const fieldRules: FieldTable = {
  customer: {
    tenant_admin: full("customer"),
    manager: full("customer"),
    dispatcher: full("customer"),
    // Customer profile "Limited": who the customer is and how to reach them for the visit.
    employee: fields("id", "number", "name", "email", "phone"),
    integration: integrationCustomer,
    webhook: integrationCustomer,
    portal: fields("id", "name"),
  },
  location: {
    tenant_admin: full("location"),
    manager: full("location"),
    dispatcher: full("location"),
    // Location and address, access and parking notes, and how long the work usually takes.
    employee: fields(
      "id",
      "customerId",
      "name",
      "addressLine1",
      "addressLine2",
      "postalCode",
      "city",
      "country",
      "latitude",
      "longitude",
      "accessNotes",
      "parkingNotes",
      "defaultWorkMinutes",
    ),
    integration: integrationLocation,
    webhook: integrationLocation,
    portal: fields(
      "id",
      "customerId",
      "name",
      "addressLine1",
      "addressLine2",
      "postalCode",
      "city",
      "country",
    ),
  },
  contact_person: {
    tenant_admin: full("contact_person"),
    manager: full("contact_person"),
    dispatcher: full("contact_person"),
    // "Contact person and contact channel if needed for execution".
    employee: fields(
      "id",
      "customerId",
      "locationId",
      "name",
      "role",
      "email",
      "phone",
      "mobile",
      "preferredContactMethod",
    ),
    // Read through the API with the `contacts:read` scope (permissions.ts); no tenant gate.
    integration: integrationContact,
    // "Optional in webhooks": only when the tenant opted in, and the subscription must ask for
    // contacts too (projectWebhookPayload).
    webhook: { ...integrationContact, requires: ["webhookIncludeContacts"] },
  },
  external_reference: {
    tenant_admin: full("external_reference"),
    // "Limited": read-only (permissions.ts), same fields.
    manager: externalReferenceView,
    integration: externalReferenceView,
    webhook: externalReferenceView,
  },
  internal_note: {
    tenant_admin: full("internal_note"),
    manager: full("internal_note"),
    // "Internal manager notes unless explicitly configured": with the tenant's setting on, what a
    // note says and when — not who wrote it (the spec gives employees no view of staff records).
    employee: {
      fields: ["id", "customerId", "objectType", "objectId", "body", "createdAt", "updatedAt"],
      requires: ["employeesSeeInternalNotes"],
    },
  },
  target: {
    tenant_admin: full("target"),
    manager: full("target"),
    dispatcher: full("target"),
    employee: fields(
      "id",
      "customerId",
      "locationId",
      "contactId",
      "title",
      "description",
      "status",
      "priority",
      "dueDate",
    ),
    integration: integrationTarget,
    webhook: integrationTarget,
  },
  appointment: {
    tenant_admin: full("appointment"),
    manager: full("appointment"),
    dispatcher: full("appointment"),
    employee: fullExcept("appointment", "recurringOccurrenceId", "createdById", "createdAt", "updatedAt"),
    integration: integrationAppointment,
    webhook: integrationAppointment,
    // Date, time, status (shown through portalLabel) and the place; no assignee, no planning data.
    portal: fields("id", "locationId", "plannedStart", "plannedEnd", "status"),
  },
  route: {
    tenant_admin: full("route"),
    manager: full("route"),
    dispatcher: full("route"),
    employee: fields("id", "employeeId", "day"),
  },
  route_stop: {
    tenant_admin: full("route_stop"),
    manager: full("route_stop"),
    dispatcher: full("route_stop"),
    employee: fullExcept("route_stop", "createdAt"),
  },
  recurring_plan: {
    tenant_admin: full("recurring_plan"),
    manager: full("recurring_plan"),
    dispatcher: full("recurring_plan"),
  },
  mobile_update: {
    tenant_admin: full("mobile_update"),
    manager: full("mobile_update"),
    dispatcher: full("mobile_update"),
    employee: full("mobile_update"),
  },
  visit_report: {
    tenant_admin: full("visit_report"),
    // Billing "Limited": whether the visit is billable, not the billing note.
    manager: fullExcept("visit_report", "billingNote"),
    // Enough to plan follow-up work: status, result, follow-up. No report text, no billing.
    dispatcher: fields(
      "id",
      "appointmentId",
      "targetId",
      "customerId",
      "locationId",
      "title",
      "status",
      "result",
      "followUpRequired",
      "followUpDetails",
      "followUpDueDate",
      "submittedAt",
      "approvedAt",
      "publishedAt",
    ),
    // The visit report form: what they write, the billable signal they set on site, and why a
    // report came back. No billing note, no reviewer or portal fields.
    employee: fields(
      "id",
      "appointmentId",
      "targetId",
      "customerId",
      "locationId",
      "authorId",
      "title",
      "status",
      "result",
      "summary",
      "problems",
      "followUpRequired",
      "followUpDetails",
      "followUpDueDate",
      "billable",
      "submittedAt",
      "approvedAt",
      "returnedAt",
      "returnedReason",
      "createdAt",
      "updatedAt",
    ),
    integration: integrationVisitReport,
    webhook: integrationVisitReport,
    // The portal texts written when publishing, never the internal title, summary or problems.
    portal: fields(
      "id",
      "appointmentId",
      "locationId",
      "result",
      "followUpRequired",
      "portalTitle",
      "portalSummary",
      "portalMessage",
      "publishedAt",
    ),
  },
  attachment: {
    tenant_admin: full("attachment"),
    manager: full("attachment"),
    dispatcher: fields(
      "id",
      "customerId",
      "ownerType",
      "ownerId",
      "fileName",
      "sizeBytes",
      "contentType",
      "createdAt",
    ),
    employee: fields(
      "id",
      "customerId",
      "ownerType",
      "ownerId",
      "fileName",
      "sizeBytes",
      "contentType",
      "uploadedById",
      "createdAt",
    ),
    portal: {
      fields: ["id", "ownerType", "ownerId", "fileName", "sizeBytes", "contentType", "portalReleasedAt"],
      requires: ["portalAttachmentDownloads"],
    },
  },
  billing_trigger: {
    // "Full": the note included.
    tenant_admin: full("billing_trigger"),
    // "Limited": that a trigger exists and its state, not its note.
    manager: fullExcept("billing_trigger", "note"),
    // "Optional webhook": the subscriber chose `billing_trigger.created` and hears that a trigger
    // exists and its state; the details (the note) only as `webhookBillingDetails` allows.
    webhook: fields("id", "visitReportId", "customerId", "status", "createdAt"),
  },
  portal_request: {
    tenant_admin: full("portal_request"),
    manager: full("portal_request"),
    dispatcher: full("portal_request"),
    // What they asked and what they were told; not who reviewed it or what it became internally.
    portal: fields(
      "id",
      "customerId",
      "locationId",
      "type",
      "title",
      "description",
      "preferredDates",
      "status",
      "customerMessage",
      "reviewedAt",
      "createdAt",
      "updatedAt",
    ),
  },
  timeline_entry: {
    tenant_admin: full("timeline_entry"),
    manager: full("timeline_entry"),
    dispatcher: full("timeline_entry"),
    portal: fields("id", "locationId", "kind", "objectType", "objectId", "occurredAt"),
  },
  api_key: {
    // "Secret": the integration holds its secret; here only its hash exists, and nobody gets it.
    tenant_admin: full("api_key"),
  },
  webhook_subscription: {
    tenant_admin: full("webhook_subscription"),
  },
};

/** The function-level actions that let an actor read a kind at all (any one of them). */
export const readActions: { readonly [K in FieldKind]: readonly Action[] } = {
  customer: ["customer.read", "portal.customer.read"],
  location: ["location.read", "portal.location.read"],
  contact_person: ["contact.read"],
  external_reference: ["external_reference.read"],
  internal_note: ["internal_note.read"],
  target: ["target.read"],
  appointment: ["appointment.read", "portal.appointment.read"],
  route: ["route.read"],
  route_stop: ["route.read"],
  recurring_plan: ["recurring_plan.read"],
  mobile_update: ["mobile_update.read"],
  visit_report: ["visit_report.read", "portal.visit_report.read"],
  attachment: ["attachment.read", "portal.attachment.download"],
  billing_trigger: ["billing_trigger.read_summary", "billing_trigger.read_details"],
  portal_request: ["portal_request.read"],
  timeline_entry: ["timeline.read", "portal.timeline.read"],
  api_key: ["api_key.manage"],
  webhook_subscription: ["webhook.manage"],
};

/**
 * Billing trigger details in webhook payloads ("Optional webhook" in the spec): added to the
 * billing trigger's webhook list only when the tenant's `webhookIncludeBilling` gate is on AND
 * the subscription asks for them (`includeBilling`) — see projectWebhookPayload.
 */
export const webhookBillingDetails: FieldRule<"billing_trigger"> = {
  fields: ["note"],
  requires: ["webhookIncludeBilling"],
};
