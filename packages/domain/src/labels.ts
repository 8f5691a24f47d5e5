import type { Locale } from "./locale";
import type { PortalAppointmentStatus, PortalWorkStatus } from "./portal-status";
import type {
  ApiKeyScope,
  AppointmentStatus,
  BillingTriggerStatus,
  ContactMethod,
  CustomerStatus,
  CustomerType,
  FollowUpStatus,
  ImportJobStatus,
  ImportRowStatus,
  LoginOutcome,
  LoginRealm,
  ObjectType,
  PortalRequestStatus,
  PortalRequestType,
  Priority,
  SecurityEventKind,
  StaffRole,
  TargetSource,
  TargetStatus,
  TimelineKind,
  TimeWindow,
  VisitReportStatus,
  VisitResult,
  WebhookDeliveryStatus,
  WebhookEventType,
} from "./vocabulary";

type Translated = Readonly<Record<Locale, string>>;

// ---- Portal: what customers read. Plain words, nothing about routing, billing or integrations.

type PortalValues = {
  target: TargetStatus;
  appointment: AppointmentStatus;
  /** The plain states the portal shows for a visit (see portalAppointmentStatus). */
  portal_appointment: PortalAppointmentStatus;
  /** The plain states the portal shows for open work (see portalWorkStatus). */
  portal_work: PortalWorkStatus;
  visit_report: VisitReportStatus;
  portal_request: PortalRequestStatus;
  portal_request_type: PortalRequestType;
  time_window: TimeWindow;
};
export type PortalLabelKind = keyof PortalValues;

const reportInPreparation = { en: "Report in preparation", fr: "Rapport en préparation" };

export const portalLabels: {
  readonly [K in PortalLabelKind]: Readonly<Record<PortalValues[K], Translated>>;
} = {
  target: {
    open: { en: "Awaiting scheduling", fr: "En attente de planification" },
    planned: { en: "Scheduled", fr: "Planifié" },
    in_progress: { en: "In progress", fr: "En cours" },
    done: { en: "Completed", fr: "Terminé" },
    cancelled: { en: "Cancelled", fr: "Annulé" },
  },
  appointment: {
    scheduled: { en: "Scheduled", fr: "Planifié" },
    confirmed: { en: "Confirmed", fr: "Confirmé" },
    en_route: { en: "Technician on the way", fr: "Technicien en route" },
    on_site: { en: "Technician on site", fr: "Technicien sur place" },
    in_progress: { en: "Work in progress", fr: "Intervention en cours" },
    completed: { en: "Visit completed", fr: "Visite terminée" },
    not_completed: { en: "Visit could not be completed", fr: "Visite non réalisée" },
    cancelled: { en: "Cancelled", fr: "Annulé" },
    no_show: { en: "Missed appointment", fr: "Rendez-vous manqué" },
  },
  portal_appointment: {
    scheduled: { en: "Scheduled", fr: "Planifié" },
    on_the_way: { en: "On the way", fr: "En route" },
    in_progress: { en: "In progress", fr: "En cours" },
    done: { en: "Done", fr: "Terminé" },
    not_completed: { en: "Could not be completed", fr: "N’a pas pu être réalisé" },
    cancelled: { en: "Cancelled", fr: "Annulé" },
    missed: { en: "Missed", fr: "Manqué" },
  },
  portal_work: {
    waiting: { en: "Waiting to be planned", fr: "En attente de planification" },
    planned: { en: "Planned", fr: "Planifié" },
    in_progress: { en: "In progress", fr: "En cours" },
  },
  // The portal only ever shows approved, published reports. Other statuses never reach it; should
  // one slip through, it reads as "in preparation" and says nothing of the internal review.
  visit_report: {
    draft: reportInPreparation,
    submitted: reportInPreparation,
    returned: reportInPreparation,
    approved: { en: "Report available", fr: "Rapport disponible" },
  },
  portal_request: {
    submitted: { en: "Submitted", fr: "Envoyée" },
    in_review: { en: "In review", fr: "En cours d'examen" },
    accepted: { en: "Accepted", fr: "Acceptée" },
    declined: { en: "Declined", fr: "Refusée" },
    planned: { en: "Planned", fr: "Planifiée" },
    completed: { en: "Completed", fr: "Terminée" },
  },
  portal_request_type: {
    service: { en: "Service", fr: "Intervention" },
    maintenance: { en: "Maintenance", fr: "Maintenance" },
    appointment: { en: "Appointment", fr: "Rendez-vous" },
    support: { en: "Support", fr: "Assistance" },
  },
  time_window: {
    morning: { en: "Morning", fr: "Matin" },
    afternoon: { en: "Afternoon", fr: "Après-midi" },
    all_day: { en: "Any time of day", fr: "À tout moment de la journée" },
  },
};

/** A customer-friendly label: `portalLabel("appointment", "en_route", "fr")` → "Technicien en route". */
export function portalLabel<K extends PortalLabelKind>(
  kind: K,
  value: PortalValues[K],
  locale: Locale,
): string {
  const labels: Readonly<Record<string, Translated>> = portalLabels[kind];
  return labels[value]?.[locale] ?? value;
}

// ---- Workspace: what staff read (English). Internal words are fine here.

type WorkspaceValues = {
  customer: CustomerStatus;
  target: TargetStatus;
  appointment: AppointmentStatus;
  visit_report: VisitReportStatus;
  follow_up: FollowUpStatus;
  billing_trigger: BillingTriggerStatus;
  portal_request: PortalRequestStatus;
  import_job: ImportJobStatus;
  import_row: ImportRowStatus;
  webhook_delivery: WebhookDeliveryStatus;
};
export type StatusLabelEntity = keyof WorkspaceValues;

export const statusLabels: {
  readonly [K in StatusLabelEntity]: Readonly<Record<WorkspaceValues[K], string>>;
} = {
  customer: { prospect: "Prospect", active: "Active", inactive: "Inactive" },
  target: {
    open: "Open",
    planned: "Planned",
    in_progress: "In progress",
    done: "Done",
    cancelled: "Cancelled",
  },
  appointment: {
    scheduled: "Scheduled",
    confirmed: "Confirmed",
    en_route: "En route",
    on_site: "On site",
    in_progress: "In progress",
    completed: "Completed",
    not_completed: "Could not complete",
    cancelled: "Cancelled",
    no_show: "No-show",
  },
  visit_report: { draft: "Draft", submitted: "Submitted", approved: "Approved", returned: "Returned" },
  follow_up: { open: "Open", planned: "Planned", done: "Done", cancelled: "Cancelled" },
  billing_trigger: { pending: "Pending", sent: "Sent", acknowledged: "Acknowledged", cancelled: "Cancelled" },
  portal_request: {
    submitted: "Submitted",
    in_review: "In review",
    accepted: "Accepted",
    declined: "Declined",
    planned: "Planned",
    completed: "Completed",
  },
  import_job: {
    pending: "Waiting",
    validating: "Validating",
    running: "Running",
    completed: "Completed",
    completed_with_warnings: "Completed with warnings",
    failed: "Failed",
    cancelled: "Cancelled",
  },
  import_row: {
    pending: "Waiting",
    valid: "Valid",
    imported: "Imported",
    unchanged: "Unchanged",
    skipped: "Skipped",
    failed: "Failed",
  },
  webhook_delivery: {
    pending: "Waiting",
    delivering: "Delivering",
    succeeded: "Delivered",
    retrying: "Will retry",
    failed: "Failed",
  },
};

/** A staff-facing label: `statusLabel("appointment", "no_show")` → "No-show". */
export function statusLabel<K extends StatusLabelEntity>(entity: K, status: WorkspaceValues[K]): string {
  const labels: Readonly<Record<string, string>> = statusLabels[entity];
  return labels[status] ?? status;
}

// ---- Workspace: the other words staff read for stored values, one map per vocabulary.

export const customerTypeNames: Readonly<Record<CustomerType, string>> = {
  business: "Business",
  public_sector: "Public sector",
  non_profit: "Non-profit",
  private_person: "Private person",
};

export const priorityNames: Readonly<Record<Priority, string>> = {
  low: "Low",
  normal: "Normal",
  high: "High",
  urgent: "Urgent",
};

export const contactMethodNames: Readonly<Record<ContactMethod, string>> = {
  email: "Email",
  phone: "Phone",
  mobile: "Mobile",
  none: "No preference",
};

/** Where a piece of work came from. */
export const targetSourceNames: Readonly<Record<TargetSource, string>> = {
  manual: "Created in the workspace",
  portal_request: "Customer portal request",
  import: "Import",
  follow_up: "Follow-up of an earlier visit",
  recurring: "Recurring plan",
};

/** What each kind of customer-history entry means. */
export const timelineKindNames: Readonly<Record<TimelineKind, string>> = {
  target_created: "Work created",
  target_completed: "Work completed",
  appointment_planned: "Appointment planned",
  appointment_moved: "Appointment moved",
  appointment_completed: "Appointment completed",
  appointment_not_completed: "Visit could not be completed",
  appointment_cancelled: "Appointment cancelled",
  problem_reported: "Problem reported on site",
  route_stop_visited: "Route stop visited",
  recurring_visit_generated: "Recurring visit generated",
  visit_report_submitted: "Visit report submitted",
  visit_report_approved: "Visit report approved",
  visit_report_returned: "Visit report returned for changes",
  visit_report_published: "Visit report published to the portal",
  follow_up_created: "Follow-up created",
  follow_up_planned: "Follow-up planned",
  follow_up_done: "Follow-up done",
  internal_note_added: "Internal note added",
  portal_request_submitted: "Portal request submitted",
  portal_request_reviewed: "Portal request reviewed",
  portal_request_planned: "Portal request planned",
  portal_request_completed: "Portal request completed",
  imported_job: "Job imported",
};

/**
 * The word for each kind of record, as the History and the audit log name a record that has no
 * title of its own (or no longer exists).
 */
export const objectTypeNames: Readonly<Record<ObjectType, string>> = {
  tenant: "Workspace",
  membership: "Member",
  customer: "Customer",
  location: "Location",
  contact_person: "Contact person",
  internal_note: "Internal note",
  target: "Work",
  appointment: "Visit",
  route: "Route",
  recurring_plan: "Recurring plan",
  visit_report: "Visit report",
  attachment: "File",
  follow_up: "Follow-up",
  billing_trigger: "Billing trigger",
  portal_user: "Portal user",
  portal_invitation: "Portal invitation",
  portal_grant: "Portal access",
  portal_request: "Portal request",
  api_key: "API key",
  import_job: "Import",
  webhook_subscription: "Webhook",
  retention_policy: "Retention rule",
};

/** What the author picks as the outcome of a visit. "not_completed" reads "Not possible". */
export const visitResultNames: Readonly<Record<VisitResult, string>> = {
  completed: "Completed",
  partially_completed: "Partially completed",
  not_completed: "Not possible",
  no_access: "No access",
};

export const roleNames: Readonly<Record<StaffRole, string>> = {
  tenant_admin: "Tenant admin",
  manager: "Manager",
  dispatcher: "Dispatcher",
  employee: "Employee",
};

/**
 * One line on what each role may do, shown beside the role picker. A summary for people, not the
 * rules: those live in the policy package.
 */
export const roleSummaries: Readonly<Record<StaffRole, string>> = {
  tenant_admin: "Everything, including users, API keys and workspace settings.",
  manager: "All customers and work, visit report approval, internal notes.",
  dispatcher: "Planning: customers, targets, appointments and routes.",
  employee: "Their own assigned appointments and visit reports.",
};

export const apiKeyScopeNames: Readonly<Record<ApiKeyScope, string>> = {
  "customers:read": "Read customers",
  "customers:write": "Create and update customers",
  "locations:read": "Read locations",
  "locations:write": "Create and update locations",
  "contacts:read": "Read contact persons",
  "contacts:write": "Create and update contact persons",
  "targets:read": "Read targets",
  "targets:write": "Create and update targets",
  "appointments:read": "Read appointments",
  "visit_reports:read": "Read visit reports",
  "imports:write": "Run imports",
};

/** API key scopes grouped the way an integrator thinks about them. */
export const apiKeyScopeGroups: readonly { title: string; scopes: readonly ApiKeyScope[] }[] = [
  {
    title: "Customer data",
    scopes: [
      "customers:read",
      "customers:write",
      "locations:read",
      "locations:write",
      "contacts:read",
      "contacts:write",
    ],
  },
  { title: "Work", scopes: ["targets:read", "targets:write", "appointments:read", "visit_reports:read"] },
  { title: "Bulk data", scopes: ["imports:write"] },
];

export const loginOutcomeNames: Readonly<Record<LoginOutcome, string>> = {
  success: "Signed in",
  failure: "Failed",
  lockout: "Locked out",
};

/** The two places people sign in to. */
export const loginRealmNames: Readonly<Record<LoginRealm, string>> = {
  staff: "Workspace",
  portal: "Portal",
};

export const securityEventNames: Readonly<Record<SecurityEventKind, string>> = {
  sign_in_failed: "Sign-in failed",
  password_changed: "Password changed",
  password_reset_requested: "Password reset requested",
  session_revoked: "Sessions ended",
  grant_revoked: "Access revoked",
  grant_changed: "Access changed",
  invitation_accepted: "Invitation accepted",
  portal_file_downloaded: "File downloaded",
};

/**
 * The word for a value that arrived as a plain string (from a view that does not narrow its type):
 * `nameOf(roleNames, "tenant_admin")` → "Tenant admin"; an unknown value reads without underscores.
 */
export function nameOf(names: Readonly<Record<string, string>>, value: string | null | undefined): string {
  if (!value) return "";
  return names[value] ?? value.replaceAll("_", " ");
}

/** The events a webhook subscription can choose, in words (the settings' checklist and delivery log). */
export const webhookEventNames: Readonly<Record<WebhookEventType, string>> = {
  "customer.created": "Customer created",
  "customer.updated": "Customer updated",
  "target.created": "Work created",
  "target.status_changed": "Work status changed",
  "appointment.planned": "Appointment planned",
  "appointment.moved": "Appointment moved",
  "appointment.status_changed": "Appointment status changed",
  "visit_report.submitted": "Visit report submitted",
  "visit_report.approved": "Visit report approved",
  "visit_report.returned": "Visit report returned",
  "follow_up.created": "Follow-up created",
  "billing_trigger.created": "Billing trigger created",
  "portal_request.created": "Portal request received",
  "portal_request.decided": "Portal request accepted or declined",
  "import_job.finished": "Import finished",
};
