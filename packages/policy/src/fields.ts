// Property level: which fields of an object an actor receives. Every list is an allow-list: a
// field that is not named is dropped, so a column added to the schema stays internal until
// someone adds it here on purpose.
//
// Fields that no audience ever receives: `tenantId` (implied by the session), an attachment's
// `storageKey` (files are streamed by the server), an API key's `secretHash` and a webhook
// subscription's `secret` (shown once, when created).
//
// Joined values (a location's name next to an appointment) are not fields of the row: project the
// joined object with its own kind, e.g. `project(actor, "location", locationRow, gates)`.

import type { StaffRole } from "@ordinavo/domain/vocabulary";
import { type Actor, closedGates, type GateName, gatesOpen, type TenantGates } from "./actors";
import { type Action, canAny } from "./permissions";

/** The columns of each object, named as in the drizzle tables. Lists below must pick from these. */
export const columns = {
  customer: [
    "id",
    "tenantId",
    "number",
    "name",
    "status",
    "type",
    "industry",
    "email",
    "phone",
    "website",
    "notes",
    "createdById",
    "createdAt",
    "updatedAt",
    "archivedAt",
  ],
  location: [
    "id",
    "tenantId",
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
    "defaultPriority",
    "createdAt",
    "updatedAt",
    "archivedAt",
  ],
  contact_person: [
    "id",
    "tenantId",
    "customerId",
    "locationId",
    "name",
    "role",
    "department",
    "email",
    "phone",
    "mobile",
    "preferredContactMethod",
    "createdAt",
    "updatedAt",
    "archivedAt",
  ],
  external_reference: ["id", "tenantId", "objectType", "objectId", "sourceSystem", "externalId", "createdAt"],
  internal_note: [
    "id",
    "tenantId",
    "customerId",
    "objectType",
    "objectId",
    "body",
    "authorId",
    "createdAt",
    "updatedAt",
  ],
  target: [
    "id",
    "tenantId",
    "customerId",
    "locationId",
    "contactId",
    "title",
    "description",
    "status",
    "priority",
    "dueDate",
    "source",
    "createdById",
    "completedAt",
    "createdAt",
    "updatedAt",
  ],
  appointment: [
    "id",
    "tenantId",
    "targetId",
    "customerId",
    "locationId",
    "assignedEmployeeId",
    "plannedStart",
    "plannedEnd",
    "fixedTime",
    "status",
    "recurringOccurrenceId",
    "createdById",
    "startedAt",
    "completedAt",
    "createdAt",
    "updatedAt",
  ],
  route: ["id", "tenantId", "employeeId", "day", "optimisedAt", "createdAt", "updatedAt"],
  route_stop: [
    "id",
    "tenantId",
    "routeId",
    "appointmentId",
    "position",
    "workMinutes",
    "travelMinutesFromPrevious",
    "travelKmFromPrevious",
    "visitedAt",
    "createdAt",
  ],
  recurring_plan: [
    "id",
    "tenantId",
    "customerId",
    "locationId",
    "title",
    "rrule",
    "startsOn",
    "startTime",
    "timeZone",
    "durationMinutes",
    "defaultAssigneeId",
    "horizonDays",
    "active",
    "version",
    "generatedUntil",
    "createdById",
    "createdAt",
    "updatedAt",
    "archivedAt",
  ],
  mobile_update: [
    "id",
    "tenantId",
    "appointmentId",
    "employeeId",
    "kind",
    "status",
    "body",
    "clientId",
    "latitude",
    "longitude",
    "accuracyMeters",
    "recordedAt",
    "receivedAt",
  ],
  visit_report: [
    "id",
    "tenantId",
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
    "billingNote",
    "submittedAt",
    "approvedAt",
    "approvedById",
    "returnedAt",
    "returnedById",
    "returnedReason",
    "portalTitle",
    "portalSummary",
    "portalMessage",
    "publishedAt",
    "publishedById",
    "createdAt",
    "updatedAt",
  ],
  attachment: [
    "id",
    "tenantId",
    "customerId",
    "ownerType",
    "ownerId",
    "storageKey",
    "fileName",
    "sizeBytes",
    "contentType",
    "checksumSha256",
    "uploadedById",
    "portalReleasedAt",
    "portalReleasedById",
    "createdAt",
  ],
  billing_trigger: [
    "id",
    "tenantId",
    "visitReportId",
    "customerId",
    "status",
    "note",
    "createdAt",
    "updatedAt",
  ],
  portal_request: [
    "id",
    "tenantId",
    "portalUserId",
    "customerId",
    "locationId",
    "type",
    "title",
    "description",
    "preferredDates",
    "status",
    "customerMessage",
    "reviewedById",
    "reviewedAt",
    "resultingTargetId",
    "firstPreferredDate",
    "createdAt",
    "updatedAt",
  ],
  timeline_entry: [
    "id",
    "tenantId",
    "customerId",
    "locationId",
    "kind",
    "objectType",
    "objectId",
    "occurredAt",
    "actorType",
    "actorId",
    "portalVisible",
    "createdAt",
  ],
  api_key: [
    "id",
    "tenantId",
    "name",
    "prefix",
    "secretHash",
    "scopes",
    "sourceSystem",
    "expiresAt",
    "revokedAt",
    "lastUsedAt",
    "createdById",
    "createdAt",
  ],
  webhook_subscription: [
    "id",
    "tenantId",
    "url",
    "description",
    "eventTypes",
    "secret",
    "includeContacts",
    "active",
    "createdById",
    "createdAt",
    "updatedAt",
  ],
} as const;

export type FieldKind = keyof typeof columns;
export type FieldOf<K extends FieldKind> = (typeof columns)[K][number];
export const fieldKinds = Object.keys(columns) as FieldKind[];

/** Who receives a projection. Staff by role; `webhook` is an outgoing event payload. */
export type Audience = StaffRole | "integration" | "portal" | "webhook";

export type FieldRule<K extends FieldKind> = {
  readonly fields: readonly FieldOf<K>[];
  /** Tenant gates that must be open, or the audience receives nothing of this kind. */
  readonly requires?: readonly GateName[];
};

type FieldTable = { readonly [K in FieldKind]: { readonly [A in Audience]?: FieldRule<K> } };

/** Never sent to anyone (see the top of this file). */
const neverSent: readonly string[] = ["tenantId", "storageKey", "secretHash", "secret"];

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
const integrationContact = fullExcept("contact_person", "archivedAt");
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
    // "Optional webhook": the subscriber chose `billing_trigger.created`.
    webhook: fullExcept("billing_trigger", "updatedAt"),
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

export function audienceOf(actor: Actor): Audience {
  return actor.kind === "staff" ? actor.role : actor.kind;
}

function pick<R extends object>(row: R, list: readonly string[]): Partial<R> {
  const source = row as Readonly<Record<string, unknown>>;
  const out: Record<string, unknown> = {};
  for (const field of list) {
    if (Object.hasOwn(source, field)) out[field] = source[field];
  }
  return out as Partial<R>;
}

function ruleFor(kind: FieldKind, audience: Audience, gates: TenantGates): readonly string[] | null {
  const rules: { readonly [A in Audience]?: FieldRule<FieldKind> } = fieldRules[kind];
  const rule = Object.hasOwn(rules, audience) ? rules[audience] : undefined;
  if (rule === undefined || !gatesOpen(gates, rule.requires)) return null;
  return rule.fields;
}

/**
 * The fields of a kind this actor receives, or null when it receives nothing of that kind (no
 * read action, no list for its audience, or a gate is shut). The UI can use it to hide columns.
 */
export function fieldsFor(
  actor: Actor,
  kind: FieldKind,
  gates: TenantGates = closedGates,
): readonly string[] | null {
  if (!canAny(actor, readActions[kind], gates)) return null;
  return ruleFor(kind, audienceOf(actor), gates);
}

/**
 * A new object with only the fields the actor may receive; anything else in the row, including
 * fields this package has never heard of, is dropped. Null when the actor receives nothing of
 * this kind — the caller should not have got this far (object-level checks come first).
 */
export function project<R extends object>(
  actor: Actor,
  kind: FieldKind,
  row: R,
  gates: TenantGates = closedGates,
): Partial<R> | null {
  const list = fieldsFor(actor, kind, gates);
  return list === null ? null : pick(row, list);
}

/** Kinds that may travel in a webhook payload. */
export const webhookKinds = fieldKinds.filter((kind) => fieldRules[kind].webhook !== undefined);

/**
 * The part of an outgoing webhook payload about one object. Contact persons go out only when the
 * tenant allows it (`webhookIncludeContacts`) and the subscription asks for them
 * (`includeContacts`). Null when this kind never travels in webhooks.
 */
export function projectWebhookPayload<R extends object>(
  kind: FieldKind,
  row: R,
  options: { readonly gates: TenantGates; readonly subscription: { readonly includeContacts: boolean } },
): Partial<R> | null {
  if (kind === "contact_person" && !options.subscription.includeContacts) return null;
  const list = ruleFor(kind, "webhook", options.gates);
  return list === null ? null : pick(row, list);
}

// ---- Writes -------------------------------------------------------------------------------------

/**
 * Fields an author may set on a visit report. Everything else (status, review, portal and
 * billing-note fields) changes only through its own action. An admin authoring their own report
 * may add the billing note; an employee sets the billable signal only.
 */
export const visitReportWritableFields: { readonly [R in StaffRole]?: readonly FieldOf<"visit_report">[] } = {
  tenant_admin: [
    "title",
    "result",
    "summary",
    "problems",
    "followUpRequired",
    "followUpDetails",
    "followUpDueDate",
    "billable",
    "billingNote",
  ],
  employee: [
    "title",
    "result",
    "summary",
    "problems",
    "followUpRequired",
    "followUpDetails",
    "followUpDueDate",
    "billable",
  ],
};

/**
 * The keys of a visit-report change that this actor may not set (empty when all are allowed).
 * The server rejects the change when the list is not empty.
 */
export function unwritableVisitReportFields(actor: Actor, change: object): string[] {
  const allowed: readonly string[] =
    actor.kind === "staff" && Object.hasOwn(visitReportWritableFields, actor.role)
      ? (visitReportWritableFields[actor.role] ?? [])
      : [];
  // The id naming the report is not a field being written.
  return Object.keys(change).filter((key) => key !== "visitReportId" && !allowed.includes(key));
}
