import type { RetentionSubject } from "@ordinavo/domain";

/** What each kind of data is, and what deleting it means, for the retention settings. */
export const retentionSubjectText: Record<RetentionSubject, { label: string; hint: string }> = {
  archived_customers: {
    label: "Archived customers",
    hint: "Customers archived longer than this are deleted with all their records, unless under legal hold.",
  },
  visit_reports: {
    label: "Visit reports",
    hint: "Reports older than this go, with their follow-ups, billing triggers and files.",
  },
  attachments: { label: "Attachments", hint: "Uploaded photos and documents, and their stored files." },
  timeline_entries: {
    label: "Timeline entries",
    hint: "Entries of customers' history (the records they point to stay).",
  },
  import_jobs: { label: "Imports", hint: "Finished import jobs with their rows and warnings." },
  webhook_deliveries: {
    label: "Webhook delivery logs",
    hint: "Delivered or failed webhook messages and their attempts; pending ones stay.",
  },
  audit_log: { label: "Audit log", hint: "Who changed what; entries about customers under legal hold stay." },
  login_events: {
    label: "Sign-in and security events",
    hint: "Workspace and portal sign-ins and security events.",
  },
  mobile_updates: {
    label: "Field updates",
    hint: "Status updates and comments from visits, with their photos.",
  },
};

/** Suggested starting values, in days. */
export const suggestedRetainDays = 730;
