// Object level: may this actor see or change this particular object? Each function takes the
// object's facts — plain values the server reads with the object (or in one query beside it) —
// and starts from the function-level decision (`can`), which it only narrows.
//
// How the server uses the answers:
// - a `canSee…` that is false means NOT_FOUND, exactly like a missing row (another tenant's,
//   another customer's or unassigned work are not acknowledged to exist);
// - a `canEdit…`/`canReview…`/… that is false for an object the actor can see means FORBIDDEN.
//
// "Assigned work" facts. An employee sees a customer, location, contact, target or file only when
// it is tied to an appointment assigned to them. The server passes `assignedEmployeeIds`: the
// distinct assignees of the appointments that count as assigned work there, e.g. for a customer
//
//   select distinct assigned_employee_id from appointments
//   where customer_id = $customer and assigned_employee_id is not null
//     and status <> all($assignedWorkExcludedStatuses)
//
// (for a location add `and location_id = $location`; the per-kind comments say what to match).
// The list does not depend on who asks, so one query serves every actor and the UI alike.

import {
  type AppointmentStatus,
  type AttachmentOwnerType,
  type ObjectType,
  objectTypes,
  type PortalRequestStatus,
  type StaffRole,
  type TimelineKind,
  type VisitReportStatus,
} from "@ordinavo/domain/vocabulary";
import {
  type Actor,
  closedGates,
  type IntegrationActor,
  inTenant,
  type PortalActor,
  portalCovers,
  portalKnowsCustomer,
  type StaffActor,
  type TenantGates,
} from "./actors";
import { type Action, can, canAny } from "./permissions";

// ---- Data ---------------------------------------------------------------------------------------

/** Roles that see every object of a kind in their tenant. Any other role sees assigned work only. */
export const tenantWideRoles: readonly StaffRole[] = ["tenant_admin", "manager", "dispatcher"];

/** Appointments in these statuses do not count as assigned work (for `assignedEmployeeIds`). */
export const assignedWorkExcludedStatuses: readonly AppointmentStatus[] = ["cancelled"];

/** Report statuses in which the author may still change (and submit) the report. */
export const editableVisitReportStatuses: readonly VisitReportStatus[] = ["draft", "returned"];

/**
 * Visit reports reach integrations "event-based": only in a status a webhook event has announced
 * (`visit_report.submitted`, `visit_report.approved`), never as drafts or while being reworked.
 */
export const integrationVisitReportStatuses: readonly VisitReportStatus[] = ["submitted", "approved"];

/** Portal requests that still wait for a decision. */
export const reviewablePortalRequestStatuses: readonly PortalRequestStatus[] = ["submitted", "in_review"];

/**
 * Timeline kinds that may ever appear in the portal's reduced timeline: requests, appointments,
 * shared reports and follow-ups. Internal milestones (targets, routes, recurring generation,
 * review steps, imports) never do, even if an entry's `portalVisible` flag says otherwise.
 */
export const portalTimelineKinds: readonly TimelineKind[] = [
  "portal_request_submitted",
  "portal_request_reviewed",
  "portal_request_planned",
  "portal_request_completed",
  "appointment_planned",
  "appointment_moved",
  "appointment_completed",
  "appointment_cancelled",
  "visit_report_published",
  "follow_up_created",
  "follow_up_planned",
];

/**
 * What staff can ever add files to. Portal requests keep what the customer sent; nobody adds to
 * them. The upload forms, the upload procedure's input and the per-role lists below use this one.
 */
export const uploadableOwnerTypes = [
  "visit_report",
  "mobile_update",
  "target",
] as const satisfies readonly AttachmentOwnerType[];
export type UploadableOwnerType = (typeof uploadableOwnerTypes)[number];

/** Which attachments each staff role may open and add to, by what the file belongs to. */
export const staffAttachmentOwners: {
  readonly [R in StaffRole]: {
    readonly read: readonly AttachmentOwnerType[];
    readonly upload: readonly UploadableOwnerType[];
  };
} = {
  tenant_admin: {
    read: ["visit_report", "mobile_update", "target", "portal_request"],
    upload: ["visit_report", "mobile_update", "target"],
  },
  manager: { read: ["visit_report", "mobile_update", "target", "portal_request"], upload: [] },
  // Planning material only: files of targets and of the requests they come from. Report and
  // mobile-update files belong with the report text the dispatcher does not read either.
  dispatcher: { read: ["target", "portal_request"], upload: ["target"] },
  // Files of own work: the report they write, their updates, the task they were sent to do.
  employee: { read: ["visit_report", "mobile_update", "target"], upload: ["visit_report", "mobile_update"] },
};

/** The action that reads an object of this type, for the types integrations can reach. */
const objectReadActions: Partial<Record<ObjectType, Action>> = {
  customer: "customer.read",
  location: "location.read",
  contact_person: "contact.read",
  target: "target.read",
  appointment: "appointment.read",
  visit_report: "visit_report.read",
};

/** The action that writes an object of this type, for the types integrations can reach. */
const objectWriteActions: Partial<Record<ObjectType, Action>> = {
  customer: "customer.write",
  location: "location.write",
  contact_person: "contact.write",
  target: "target.write",
};

// ---- Facts --------------------------------------------------------------------------------------

type Tenanted = { readonly tenantId: string };
/** Employees with assigned work at the object (see the top of this file). */
type Assigned = { readonly assignedEmployeeIds: readonly string[] };
/** A timestamp column: set (not null) or not. */
type Moment = Date | string | null;

/** Assigned work: appointments of the customer. */
export type CustomerFacts = Tenanted & Assigned & { readonly customerId: string };

/** Assigned work: appointments at this location. `customerId` is the location's own customer. */
export type LocationFacts = Tenanted &
  Assigned & {
    readonly customerId: string;
    readonly locationId: string;
  };

/**
 * Assigned work: appointments at the contact's location, or of the contact's customer when the
 * contact belongs to no location (add the assignees of targets naming this contact if needed).
 */
export type ContactPersonFacts = Tenanted &
  Assigned & {
    readonly customerId: string;
    readonly locationId: string | null;
  };

/** Assigned work: appointments of this target. */
export type TargetFacts = Tenanted &
  Assigned & {
    readonly customerId: string;
    readonly locationId: string | null;
  };

export type AppointmentFacts = Tenanted & {
  readonly customerId: string;
  readonly locationId: string | null;
  readonly assignedEmployeeId: string | null;
};

export type RouteFacts = Tenanted & { readonly employeeId: string };

/** `assignedEmployeeId`: the current assignee of the report's appointment. */
export type MobileUpdateFacts = Tenanted & {
  readonly employeeId: string | null;
  readonly assignedEmployeeId: string | null;
};

/** `assignedEmployeeId`: the current assignee of the report's appointment. */
export type VisitReportFacts = Tenanted & {
  readonly customerId: string;
  readonly locationId: string | null;
  readonly authorId: string | null;
  readonly assignedEmployeeId: string | null;
  readonly status: VisitReportStatus;
  readonly publishedAt: Moment;
};

/**
 * A file and what it belongs to. `locationId` is the owner's location (attachments have none of
 * their own). Assigned work: the assignee of the owner's appointment (and a report's author).
 * `ownerPublished`: the owner is a visit report that is approved and published to the portal.
 */
export type AttachmentFacts = Tenanted &
  Assigned & {
    readonly customerId: string;
    readonly locationId: string | null;
    readonly ownerType: AttachmentOwnerType;
    readonly portalReleasedAt: Moment;
    readonly ownerPublished: boolean;
  };

/** Where a file would be added. Assigned work as for `AttachmentFacts`. */
export type AttachmentOwnerFacts = Tenanted & Assigned & { readonly ownerType: AttachmentOwnerType };

/**
 * A file someone wants to remove: what it belongs to, who added it, and — when it belongs to a
 * visit report — the report's facts (its files change only while the report can).
 */
export type AttachmentRemovalFacts = AttachmentOwnerFacts & {
  readonly uploadedById: string | null;
  readonly report: VisitReportFacts | null;
};

/** Assigned work: appointments of the note's customer. */
export type InternalNoteFacts = Tenanted &
  Assigned & {
    readonly customerId: string;
    readonly authorId: string | null;
  };

/**
 * `sourceSystem`: the reference's source system. Leave it out only to ask about references of a
 * kind in general; a key limited to one source is then refused, since it may see single
 * references of its own source only (lists filter with `externalReferenceListScope`).
 */
export type ExternalReferenceFacts = Tenanted & {
  readonly objectType: ObjectType;
  readonly sourceSystem?: string;
};

export type BillingTriggerFacts = Tenanted;

/** Read `customerId` from the location row, never from what the portal user sent. */
export type PortalRequestFacts = Tenanted & {
  readonly customerId: string;
  readonly locationId: string;
  readonly status: PortalRequestStatus;
};

/** A request a portal user would add a file to: its facts and who filed it. */
export type PortalRequestFileFacts = PortalRequestFacts & { readonly portalUserId: string | null };

/** Where a portal user wants to file a request; `customerId` read from the location row. */
export type PortalRequestPlace = Tenanted & {
  readonly customerId: string;
  readonly locationId: string;
};

export type TimelineEntryFacts = Tenanted & {
  readonly customerId: string;
  readonly locationId: string | null;
  readonly kind: TimelineKind;
  readonly portalVisible: boolean;
};

// ---- Helpers ------------------------------------------------------------------------------------

const isSet = (moment: Moment): boolean => moment !== null && moment !== undefined && moment !== "";

const tenantWide = (actor: StaffActor): boolean => tenantWideRoles.includes(actor.role);

/** Function level allows it, and the role sees the whole tenant or this is the actor's work. */
function staffSees(actor: StaffActor, action: Action, gates: TenantGates, assigned: boolean): boolean {
  return can(actor, action, gates) && (tenantWide(actor) || assigned);
}

const noOwners = { read: [], upload: [] } as const;
const ownersFor = (actor: StaffActor) =>
  Object.hasOwn(staffAttachmentOwners, actor.role) ? staffAttachmentOwners[actor.role] : noOwners;

const assignedTo = (actor: StaffActor, facts: Assigned): boolean =>
  facts.assignedEmployeeIds.includes(actor.userId);

/** Function level, for an object of the actor's tenant (creating, or writing without finer rules). */
export function canInTenant(
  actor: Actor,
  action: Action,
  object: Tenanted,
  gates: TenantGates = closedGates,
): boolean {
  return inTenant(actor, object) && can(actor, action, gates);
}

// ---- Customers, locations, contacts -------------------------------------------------------------

export function canSeeCustomer(
  actor: Actor,
  facts: CustomerFacts,
  gates: TenantGates = closedGates,
): boolean {
  if (!inTenant(actor, facts)) return false;
  switch (actor.kind) {
    case "staff":
      return staffSees(actor, "customer.read", gates, assignedTo(actor, facts));
    case "integration":
      return can(actor, "customer.read", gates);
    case "portal":
      // Any grant for the customer, a location grant too: the portal shows whose site it is.
      return can(actor, "portal.customer.read", gates) && portalKnowsCustomer(actor, facts.customerId);
  }
}

export function canSeeLocation(
  actor: Actor,
  facts: LocationFacts,
  gates: TenantGates = closedGates,
): boolean {
  if (!inTenant(actor, facts)) return false;
  switch (actor.kind) {
    case "staff":
      return staffSees(actor, "location.read", gates, assignedTo(actor, facts));
    case "integration":
      return can(actor, "location.read", gates);
    case "portal":
      return (
        can(actor, "portal.location.read", gates) && portalCovers(actor, facts.customerId, facts.locationId)
      );
  }
}

export function canSeeContactPerson(
  actor: Actor,
  facts: ContactPersonFacts,
  gates: TenantGates = closedGates,
): boolean {
  if (!inTenant(actor, facts)) return false;
  switch (actor.kind) {
    case "staff":
      return staffSees(actor, "contact.read", gates, assignedTo(actor, facts));
    case "integration":
      return can(actor, "contact.read", gates);
    case "portal":
      return false;
  }
}

// ---- Planning -----------------------------------------------------------------------------------

export function canSeeTarget(actor: Actor, facts: TargetFacts, gates: TenantGates = closedGates): boolean {
  if (!inTenant(actor, facts)) return false;
  switch (actor.kind) {
    case "staff":
      return staffSees(actor, "target.read", gates, assignedTo(actor, facts));
    case "integration":
      return can(actor, "target.read", gates);
    case "portal":
      return false;
  }
}

export function canSeeAppointment(
  actor: Actor,
  facts: AppointmentFacts,
  gates: TenantGates = closedGates,
): boolean {
  if (!inTenant(actor, facts)) return false;
  switch (actor.kind) {
    case "staff":
      return staffSees(actor, "appointment.read", gates, facts.assignedEmployeeId === actor.userId);
    case "integration":
      return can(actor, "appointment.read", gates);
    case "portal":
      // A customer-wide appointment (no location) needs a whole-customer grant.
      return (
        can(actor, "portal.appointment.read", gates) &&
        portalCovers(actor, facts.customerId, facts.locationId)
      );
  }
}

export function canSeeRoute(actor: Actor, facts: RouteFacts, gates: TenantGates = closedGates): boolean {
  if (!inTenant(actor, facts) || actor.kind !== "staff") return false;
  return staffSees(actor, "route.read", gates, facts.employeeId === actor.userId);
}

export function canSeeRecurringPlan(
  actor: Actor,
  facts: Tenanted,
  gates: TenantGates = closedGates,
): boolean {
  if (!inTenant(actor, facts) || actor.kind !== "staff") return false;
  return staffSees(actor, "recurring_plan.read", gates, false);
}

// ---- Mobile execution ---------------------------------------------------------------------------

/** Own status updates: only on an appointment assigned to the actor, whatever the role. */
export function canRecordMobileUpdate(
  actor: Actor,
  appointment: AppointmentFacts,
  gates: TenantGates = closedGates,
): boolean {
  return (
    actor.kind === "staff" &&
    canInTenant(actor, "mobile_update.write", appointment, gates) &&
    appointment.assignedEmployeeId === actor.userId
  );
}

export function canSeeMobileUpdate(
  actor: Actor,
  facts: MobileUpdateFacts,
  gates: TenantGates = closedGates,
): boolean {
  if (!inTenant(actor, facts) || actor.kind !== "staff") return false;
  const own = facts.employeeId === actor.userId || facts.assignedEmployeeId === actor.userId;
  return staffSees(actor, "mobile_update.read", gates, own);
}

// ---- Visit reports ------------------------------------------------------------------------------

/** Approved and published: the only reports the portal ever shows. */
export function isPublishedToPortal(report: Pick<VisitReportFacts, "status" | "publishedAt">): boolean {
  return report.status === "approved" && isSet(report.publishedAt);
}

export function canSeeVisitReport(
  actor: Actor,
  facts: VisitReportFacts,
  gates: TenantGates = closedGates,
): boolean {
  if (!inTenant(actor, facts)) return false;
  switch (actor.kind) {
    case "staff": {
      const own = facts.authorId === actor.userId || facts.assignedEmployeeId === actor.userId;
      return staffSees(actor, "visit_report.read", gates, own);
    }
    case "integration":
      return can(actor, "visit_report.read", gates) && integrationVisitReportStatuses.includes(facts.status);
    case "portal":
      return (
        can(actor, "portal.visit_report.read", gates) &&
        isPublishedToPortal(facts) &&
        portalCovers(actor, facts.customerId, facts.locationId)
      );
  }
}

/** Start the report of an appointment assigned to the actor. */
export function canCreateVisitReport(
  actor: Actor,
  appointment: AppointmentFacts,
  gates: TenantGates = closedGates,
): boolean {
  return (
    actor.kind === "staff" &&
    canInTenant(actor, "visit_report.write", appointment, gates) &&
    appointment.assignedEmployeeId === actor.userId
  );
}

/** Change or submit a report: its author or the appointment's assignee, while draft or returned. */
export function canEditVisitReport(
  actor: Actor,
  facts: VisitReportFacts,
  gates: TenantGates = closedGates,
): boolean {
  return (
    actor.kind === "staff" &&
    canInTenant(actor, "visit_report.write", facts, gates) &&
    editableVisitReportStatuses.includes(facts.status) &&
    (facts.authorId === actor.userId || facts.assignedEmployeeId === actor.userId)
  );
}

/**
 * Approve or return a submitted report: a tenant admin, or a manager where the tenant lets
 * managers review (`managersReviewReports`). Nobody reviews a report they wrote themselves.
 */
export function canReviewVisitReport(
  actor: Actor,
  facts: VisitReportFacts,
  gates: TenantGates = closedGates,
): boolean {
  return (
    actor.kind === "staff" &&
    canInTenant(actor, "visit_report.review", facts, gates) &&
    facts.status === "submitted" &&
    facts.authorId !== actor.userId
  );
}

/** Publish (or re-word) an approved report in the portal; who may is as for reviewing. */
export function canPublishVisitReport(
  actor: Actor,
  facts: VisitReportFacts,
  gates: TenantGates = closedGates,
): boolean {
  return canInTenant(actor, "visit_report.publish", facts, gates) && facts.status === "approved";
}

// ---- Attachments --------------------------------------------------------------------------------

function portalMayDownload(actor: PortalActor, facts: AttachmentFacts, gates: TenantGates): boolean {
  return (
    can(actor, "portal.attachment.download", gates) &&
    facts.ownerType === "visit_report" &&
    facts.ownerPublished &&
    isSet(facts.portalReleasedAt) &&
    portalCovers(actor, facts.customerId, facts.locationId)
  );
}

/**
 * What a customer sent with a request: everyone who sees the request (the same grants) sees and
 * opens its files. They are the customer's own files, not shared ones, so no release is needed.
 */
function portalSeesRequestFile(actor: PortalActor, facts: AttachmentFacts, gates: TenantGates): boolean {
  return can(actor, "portal_request.read", gates) && portalCovers(actor, facts.customerId, facts.locationId);
}

/**
 * See a file (in a list) and open it. Portal users: released one by one, on a published report,
 * with downloads enabled for the tenant — listing a file they could not open would be pointless;
 * and the files sent with a request they see.
 */
export function canSeeAttachment(
  actor: Actor,
  facts: AttachmentFacts,
  gates: TenantGates = closedGates,
): boolean {
  if (!inTenant(actor, facts)) return false;
  switch (actor.kind) {
    case "staff": {
      const owners = ownersFor(actor).read;
      return (
        owners.includes(facts.ownerType) &&
        staffSees(actor, "attachment.read", gates, assignedTo(actor, facts))
      );
    }
    case "integration":
      return false;
    case "portal":
      return facts.ownerType === "portal_request"
        ? portalSeesRequestFile(actor, facts, gates)
        : portalMayDownload(actor, facts, gates);
  }
}

/** The download endpoint's check; the same rule as seeing the file. */
export function canDownloadAttachment(
  actor: Actor,
  facts: AttachmentFacts,
  gates: TenantGates = closedGates,
): boolean {
  return canSeeAttachment(actor, facts, gates);
}

/**
 * Add a file. For a visit report the server also requires `canEditVisitReport` (files are added
 * while the report can still change).
 */
export function canUploadAttachment(
  actor: Actor,
  facts: AttachmentOwnerFacts,
  gates: TenantGates = closedGates,
): boolean {
  if (!inTenant(actor, facts) || actor.kind !== "staff") return false;
  const owners: readonly AttachmentOwnerType[] = ownersFor(actor).upload;
  return (
    owners.includes(facts.ownerType) && staffSees(actor, "attachment.upload", gates, assignedTo(actor, facts))
  );
}

/**
 * Remove a file. Its uploader may, while they could still add files to the owner (for a report:
 * while they may edit it). A tenant admin may remove any file of an owner of a kind they add files
 * to — a wrong photo or one showing more than it should must not wait for the uploader — but a
 * report's files only while the report is a draft or returned: once submitted, its files are part
 * of what is reviewed (and may be published), and stay.
 */
export function canRemoveAttachment(
  actor: Actor,
  facts: AttachmentRemovalFacts,
  gates: TenantGates = closedGates,
): boolean {
  if (!inTenant(actor, facts) || actor.kind !== "staff") return false;
  // A report's files without the report's facts: fail closed.
  if (facts.ownerType === "visit_report" && facts.report === null) return false;
  if (facts.report && !editableVisitReportStatuses.includes(facts.report.status)) return false;
  if (actor.role === "tenant_admin") {
    const owners: readonly AttachmentOwnerType[] = ownersFor(actor).upload;
    return can(actor, "attachment.upload", gates) && owners.includes(facts.ownerType);
  }
  return (
    facts.uploadedById !== null &&
    facts.uploadedById === actor.userId &&
    canUploadAttachment(actor, facts, gates) &&
    (facts.report === null || canEditVisitReport(actor, facts.report, gates))
  );
}

/** Release one file of a visit report for the portal. Files of anything else are never shared. */
export function canReleaseAttachment(
  actor: Actor,
  facts: Tenanted & { readonly ownerType: AttachmentOwnerType },
  gates: TenantGates = closedGates,
): boolean {
  return canInTenant(actor, "attachment.release", facts, gates) && facts.ownerType === "visit_report";
}

// ---- Internal notes, external references, billing ----------------------------------------------

export function canSeeInternalNote(
  actor: Actor,
  facts: InternalNoteFacts,
  gates: TenantGates = closedGates,
): boolean {
  if (!inTenant(actor, facts) || actor.kind !== "staff") return false;
  return staffSees(actor, "internal_note.read", gates, assignedTo(actor, facts));
}

/** Change or delete a note: an admin any note, a manager their own. */
export function canEditInternalNote(
  actor: Actor,
  facts: InternalNoteFacts,
  gates: TenantGates = closedGates,
): boolean {
  return (
    actor.kind === "staff" &&
    canInTenant(actor, "internal_note.write", facts, gates) &&
    (actor.role === "tenant_admin" || facts.authorId === actor.userId)
  );
}

/** A key limited to one source system handles references of that source only. */
function withinKeySource(actor: IntegrationActor, facts: ExternalReferenceFacts): boolean {
  return actor.sourceSystem === null || facts.sourceSystem === actor.sourceSystem;
}

/**
 * Staff with the action see every reference of the tenant. An integration sees references of the
 * object kinds its scopes let it read and, when its key is limited to a source system, of that
 * source only ("API/source scoped").
 */
export function canSeeExternalReference(
  actor: Actor,
  facts: ExternalReferenceFacts,
  gates: TenantGates = closedGates,
): boolean {
  if (!canInTenant(actor, "external_reference.read", facts, gates)) return false;
  if (actor.kind !== "integration") return actor.kind === "staff";
  const read = objectReadActions[facts.objectType];
  return read !== undefined && can(actor, read, gates) && withinKeySource(actor, facts);
}

/**
 * An integration writes references for the kinds it may write, or imports — of its own source
 * when its key is limited to one.
 */
export function canWriteExternalReference(
  actor: Actor,
  facts: ExternalReferenceFacts,
  gates: TenantGates = closedGates,
): boolean {
  if (!canInTenant(actor, "external_reference.write", facts, gates)) return false;
  if (actor.kind !== "integration") return actor.kind === "staff";
  const write = objectWriteActions[facts.objectType];
  const kindAllowed = (write !== undefined && can(actor, write, gates)) || can(actor, "import.write", gates);
  return kindAllowed && withinKeySource(actor, facts);
}

/** Which references a list may hold: these object kinds and, when not null, this one source. */
export type ExternalReferenceListScope = {
  readonly objectTypes: readonly ObjectType[];
  readonly sourceSystem: string | null;
};

/**
 * The rows an actor's list of external references may hold (the SQL condition of a list, where
 * `canSeeExternalReference` answers for one row). Null when the actor lists none at all.
 */
export function externalReferenceListScope(
  actor: Actor,
  gates: TenantGates = closedGates,
): ExternalReferenceListScope | null {
  if (actor.tenantId === "" || !can(actor, "external_reference.read", gates)) return null;
  if (actor.kind === "staff") return { objectTypes: objectTypes, sourceSystem: null };
  if (actor.kind !== "integration") return null;
  const readable = (Object.keys(objectReadActions) as ObjectType[]).filter((type) => {
    const read = objectReadActions[type];
    return read !== undefined && can(actor, read, gates);
  });
  return readable.length === 0 ? null : { objectTypes: readable, sourceSystem: actor.sourceSystem };
}

/** Seeing a trigger at all; which of its fields is fields.ts's business (summary or details). */
export function canSeeBillingTrigger(
  actor: Actor,
  facts: BillingTriggerFacts,
  gates: TenantGates = closedGates,
): boolean {
  return (
    inTenant(actor, facts) &&
    canAny(actor, ["billing_trigger.read_summary", "billing_trigger.read_details"], gates)
  );
}

// ---- Portal requests and the timeline -----------------------------------------------------------

/** Staff with the action see all requests; portal users the requests of their granted places. */
export function canSeePortalRequest(
  actor: Actor,
  facts: PortalRequestFacts,
  gates: TenantGates = closedGates,
): boolean {
  if (!inTenant(actor, facts)) return false;
  switch (actor.kind) {
    case "staff":
      return staffSees(actor, "portal_request.read", gates, false);
    case "integration":
      return false;
    case "portal":
      return (
        can(actor, "portal_request.read", gates) && portalCovers(actor, facts.customerId, facts.locationId)
      );
  }
}

/** A portal user files a request for a location their grants cover. */
export function canCreatePortalRequest(
  actor: Actor,
  place: PortalRequestPlace,
  gates: TenantGates = closedGates,
): boolean {
  return (
    actor.kind === "portal" &&
    canInTenant(actor, "portal_request.create", place, gates) &&
    portalCovers(actor, place.customerId, place.locationId)
  );
}

/** Accept or decline a request still waiting for a decision. */
export function canReviewPortalRequest(
  actor: Actor,
  facts: PortalRequestFacts,
  gates: TenantGates = closedGates,
): boolean {
  return (
    canInTenant(actor, "portal_request.review", facts, gates) &&
    reviewablePortalRequestStatuses.includes(facts.status)
  );
}

/**
 * A portal user adds files to a request they filed themselves, while it still waits for review
 * (submitted). Nobody else adds to a request: staff read what the customer sent.
 */
export function canAddPortalRequestFile(
  actor: Actor,
  facts: PortalRequestFileFacts,
  gates: TenantGates = closedGates,
): boolean {
  return (
    actor.kind === "portal" &&
    canInTenant(actor, "portal_request.create", facts, gates) &&
    portalCovers(actor, facts.customerId, facts.locationId) &&
    facts.portalUserId === actor.portalUserId &&
    facts.status === "submitted"
  );
}

/**
 * Seeing an entry of the customer timeline. The entry is an index: details shown with it still
 * need the referenced object's own check.
 */
export function canSeeTimelineEntry(
  actor: Actor,
  facts: TimelineEntryFacts,
  gates: TenantGates = closedGates,
): boolean {
  if (!inTenant(actor, facts)) return false;
  switch (actor.kind) {
    case "staff":
      return staffSees(actor, "timeline.read", gates, false);
    case "integration":
      return false;
    case "portal":
      return (
        can(actor, "portal.timeline.read", gates) &&
        facts.portalVisible &&
        portalTimelineKinds.includes(facts.kind) &&
        portalCovers(actor, facts.customerId, facts.locationId)
      );
  }
}
