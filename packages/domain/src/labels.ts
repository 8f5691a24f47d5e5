import type { Locale } from "./locale";
import type {
  AppointmentStatus,
  BillingTriggerStatus,
  CustomerStatus,
  FollowUpStatus,
  ImportJobStatus,
  ImportRowStatus,
  PortalRequestStatus,
  PortalRequestType,
  TargetStatus,
  TimeWindow,
  VisitReportStatus,
  WebhookDeliveryStatus,
} from "./vocabulary";

type Translated = Readonly<Record<Locale, string>>;

// ---- Portal: what customers read. Plain words, nothing about routing, billing or integrations.

type PortalValues = {
  target: TargetStatus;
  appointment: AppointmentStatus;
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
    completed: { en: "Visit completed", fr: "Visite terminée" },
    cancelled: { en: "Cancelled", fr: "Annulé" },
    no_show: { en: "Missed appointment", fr: "Rendez-vous manqué" },
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
    planned: { en: "Scheduled", fr: "Planifiée" },
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
    all_day: { en: "Any time of day", fr: "Toute la journée" },
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
    completed: "Completed",
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
  import_row: { pending: "Waiting", imported: "Imported", skipped: "Skipped", failed: "Failed" },
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
