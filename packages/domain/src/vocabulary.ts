// The words of the domain, shared by the database enums, the zod schemas, the policy and the UI.
// Order matters where it reads naturally (priorities low → urgent).

export const staffRoles = ["tenant_admin", "manager", "dispatcher", "employee"] as const;
export type StaffRole = (typeof staffRoles)[number];

export const customerStatuses = ["prospect", "active", "inactive"] as const;
export type CustomerStatus = (typeof customerStatuses)[number];

export const customerTypes = ["business", "public_sector", "non_profit", "private_person"] as const;
export type CustomerType = (typeof customerTypes)[number];

export const priorities = ["low", "normal", "high", "urgent"] as const;
export type Priority = (typeof priorities)[number];

export const contactMethods = ["email", "phone", "mobile", "none"] as const;
export type ContactMethod = (typeof contactMethods)[number];

export const targetStatuses = ["open", "planned", "in_progress", "done", "cancelled"] as const;
export type TargetStatus = (typeof targetStatuses)[number];

export const targetSources = ["manual", "portal_request", "import", "follow_up", "recurring"] as const;
export type TargetSource = (typeof targetSources)[number];

export const appointmentStatuses = [
  "scheduled",
  "confirmed",
  "en_route",
  "on_site",
  "in_progress",
  "completed",
  "not_completed",
  "cancelled",
  "no_show",
] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];

export const mobileUpdateKinds = ["status_change", "comment", "problem_report"] as const;
export type MobileUpdateKind = (typeof mobileUpdateKinds)[number];

export const visitReportStatuses = ["draft", "submitted", "approved", "returned"] as const;
export type VisitReportStatus = (typeof visitReportStatuses)[number];

export const visitResults = ["completed", "partially_completed", "not_completed", "no_access"] as const;
export type VisitResult = (typeof visitResults)[number];

export const attachmentOwnerTypes = ["visit_report", "mobile_update", "target", "portal_request"] as const;
export type AttachmentOwnerType = (typeof attachmentOwnerTypes)[number];

export const followUpStatuses = ["open", "planned", "done", "cancelled"] as const;
export type FollowUpStatus = (typeof followUpStatuses)[number];

export const billingTriggerStatuses = ["pending", "sent", "acknowledged", "cancelled"] as const;
export type BillingTriggerStatus = (typeof billingTriggerStatuses)[number];

export const portalRequestTypes = ["service", "maintenance", "appointment", "support"] as const;
export type PortalRequestType = (typeof portalRequestTypes)[number];

export const portalRequestStatuses = [
  "submitted",
  "in_review",
  "accepted",
  "declined",
  "planned",
  "completed",
] as const;
export type PortalRequestStatus = (typeof portalRequestStatuses)[number];

export const timeWindows = ["morning", "afternoon", "all_day"] as const;
export type TimeWindow = (typeof timeWindows)[number];

export const loginRealms = ["staff", "portal"] as const;
export type LoginRealm = (typeof loginRealms)[number];

export const loginOutcomes = ["success", "failure", "lockout"] as const;
export type LoginOutcome = (typeof loginOutcomes)[number];

export const securityEventKinds = [
  "sign_in_failed",
  "password_changed",
  "password_reset_requested",
  "session_revoked",
  "grant_revoked",
  "grant_changed",
  "invitation_accepted",
  "portal_file_downloaded",
] as const;
export type SecurityEventKind = (typeof securityEventKinds)[number];

export const importJobStatuses = [
  "pending",
  "validating",
  "running",
  "completed",
  "completed_with_warnings",
  "failed",
  "cancelled",
] as const;
export type ImportJobStatus = (typeof importJobStatuses)[number];

/**
 * pending: not yet looked at; valid: checked by a dry run, nothing written; imported: created or
 * changed; unchanged: already as the row says (a file imported twice); skipped: left out on purpose
 * (a blank line); failed: invalid, with field-level errors.
 */
export const importRowStatuses = ["pending", "valid", "imported", "unchanged", "skipped", "failed"] as const;
export type ImportRowStatus = (typeof importRowStatuses)[number];

export const webhookDeliveryStatuses = ["pending", "delivering", "succeeded", "retrying", "failed"] as const;
export type WebhookDeliveryStatus = (typeof webhookDeliveryStatuses)[number];

export const outboxStatuses = ["pending", "done", "failed"] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

/** Objects that carry external references, audit entries, notes or timeline entries. */
export const objectTypes = [
  "tenant",
  "membership",
  "customer",
  "location",
  "contact_person",
  "internal_note",
  "target",
  "appointment",
  "route",
  "recurring_plan",
  "visit_report",
  "attachment",
  "follow_up",
  "billing_trigger",
  "portal_user",
  "portal_invitation",
  "portal_grant",
  "portal_request",
  "api_key",
  "import_job",
  "webhook_subscription",
  "retention_policy",
] as const;
export type ObjectType = (typeof objectTypes)[number];

export const actorTypes = ["staff", "portal_user", "integration", "system"] as const;
export type ActorType = (typeof actorTypes)[number];

export const timelineKinds = [
  "target_created",
  "target_completed",
  "appointment_planned",
  "appointment_moved",
  "appointment_completed",
  "appointment_not_completed",
  "appointment_cancelled",
  "problem_reported",
  "route_stop_visited",
  "recurring_visit_generated",
  "visit_report_submitted",
  "visit_report_approved",
  "visit_report_returned",
  "visit_report_published",
  "follow_up_created",
  "follow_up_planned",
  "follow_up_done",
  "internal_note_added",
  "portal_request_submitted",
  "portal_request_reviewed",
  "portal_request_planned",
  "portal_request_completed",
  "imported_job",
] as const;
export type TimelineKind = (typeof timelineKinds)[number];

export const retentionSubjects = [
  "archived_customers",
  "visit_reports",
  "attachments",
  "timeline_entries",
  "import_jobs",
  "webhook_deliveries",
  "audit_log",
  "login_events",
  "mobile_updates",
] as const;
export type RetentionSubject = (typeof retentionSubjects)[number];

export const apiKeyScopes = [
  "customers:read",
  "customers:write",
  "locations:read",
  "locations:write",
  "contacts:read",
  "contacts:write",
  "targets:read",
  "targets:write",
  "appointments:read",
  "visit_reports:read",
  "imports:write",
] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];

/** Events that leave Ordinavo through webhooks. */
export const webhookEventTypes = [
  "customer.created",
  "customer.updated",
  "target.created",
  "target.status_changed",
  "appointment.planned",
  "appointment.moved",
  "appointment.status_changed",
  "visit_report.submitted",
  "visit_report.approved",
  "visit_report.returned",
  "follow_up.created",
  "billing_trigger.created",
  "portal_request.created",
  "portal_request.decided",
  "import_job.finished",
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];
