import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { at, createdAt, id, sameTenant, tenantId, tenantKey, updatedAt } from "./columns";
import { customers, locations } from "./customers";
import {
  allowedValues,
  appointmentStatus,
  attachmentOwnerType,
  billingTriggerStatus,
  followUpStatus,
  mobileUpdateKind,
  visitReportStatus,
  visitResult,
} from "./enums";
import { staffUsers } from "./identity";
import { appointments, targets } from "./planning";

/** What an employee records on site: a status change, a comment or a problem report. */
export const mobileUpdates = pgTable(
  "mobile_updates",
  {
    id: id(),
    tenantId: tenantId(),
    appointmentId: uuid().notNull(),
    employeeId: uuid().references(() => staffUsers.id, { onDelete: "set null" }),
    kind: mobileUpdateKind().notNull(),
    status: appointmentStatus(),
    body: text(),
    /**
     * Made by the phone when the employee taps: a retried or replayed update carries the same id
     * and is applied once. Null for updates recorded before ids existed.
     */
    clientId: uuid(),
    /** Captured only where the tenant enables it and the device allows it. */
    latitude: doublePrecision(),
    longitude: doublePrecision(),
    accuracyMeters: doublePrecision(),
    recordedAt: timestamp({ withTimezone: true }).notNull(),
    receivedAt: createdAt(),
  },
  (t) => [
    tenantKey("mobile_updates", t),
    sameTenant("mobile_updates_appointment_fk", t, t.appointmentId, appointments, "cascade"),
    index("mobile_updates_appointment_idx").on(t.tenantId, t.appointmentId, t.recordedAt),
    uniqueIndex("mobile_updates_client_key").on(t.tenantId, t.clientId),
    allowedValues("mobile_updates_kind_check", t.kind, mobileUpdateKind),
    allowedValues("mobile_updates_status_check", t.status, appointmentStatus),
  ],
);

/** The structured record of a visit, reviewed before it counts (and before any portal release). */
export const visitReports = pgTable(
  "visit_reports",
  {
    id: id(),
    tenantId: tenantId(),
    appointmentId: uuid().notNull(),
    targetId: uuid().notNull(),
    customerId: uuid().notNull(),
    locationId: uuid(),
    authorId: uuid().references(() => staffUsers.id, { onDelete: "set null" }),
    title: text().notNull(),
    status: visitReportStatus().notNull().default("draft"),
    result: visitResult(),
    summary: text(),
    problems: text(),
    followUpRequired: boolean().notNull().default(false),
    followUpDetails: text(),
    /** By when the follow-up should happen (a local day), if the author said. */
    followUpDueDate: date({ mode: "string" }),
    billable: boolean().notNull().default(false),
    billingNote: text(),
    submittedAt: at(),
    approvedAt: at(),
    approvedById: uuid().references(() => staffUsers.id, { onDelete: "set null" }),
    returnedAt: at(),
    returnedById: uuid().references(() => staffUsers.id, { onDelete: "set null" }),
    returnedReason: text(),
    // What the portal shows instead of the internal text, set when publishing.
    portalTitle: text(),
    portalSummary: text(),
    portalMessage: text(),
    publishedAt: at(),
    publishedById: uuid().references(() => staffUsers.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantKey("visit_reports", t),
    sameTenant("visit_reports_appointment_fk", t, t.appointmentId, appointments),
    sameTenant("visit_reports_target_fk", t, t.targetId, targets),
    sameTenant("visit_reports_customer_fk", t, t.customerId, customers),
    sameTenant("visit_reports_location_fk", t, t.locationId, locations),
    uniqueIndex("visit_reports_appointment_key").on(t.tenantId, t.appointmentId),
    index("visit_reports_status_idx").on(t.tenantId, t.status, t.updatedAt),
    index("visit_reports_customer_idx").on(t.tenantId, t.customerId, t.createdAt),
    check(
      "visit_reports_publish_requires_approval",
      sql`${t.publishedAt} is null or (${t.status} = 'approved' and ${t.portalTitle} is not null)`,
    ),
    allowedValues("visit_reports_status_check", t.status, visitReportStatus),
    allowedValues("visit_reports_result_check", t.result, visitResult),
  ],
);

/** A file attached to a report, an update, a target or a portal request. */
export const attachments = pgTable(
  "attachments",
  {
    id: id(),
    tenantId: tenantId(),
    customerId: uuid().notNull(),
    ownerType: attachmentOwnerType().notNull(),
    ownerId: uuid().notNull(),
    storageKey: text().notNull(),
    fileName: varchar({ length: 255 }).notNull(),
    sizeBytes: bigint({ mode: "number" }).notNull(),
    contentType: varchar({ length: 255 }).notNull(),
    checksumSha256: varchar({ length: 64 }).notNull(),
    uploadedById: uuid().references(() => staffUsers.id, { onDelete: "set null" }),
    /** Released one by one for the portal; never by default. */
    portalReleasedAt: at(),
    portalReleasedById: uuid().references(() => staffUsers.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    tenantKey("attachments", t),
    sameTenant("attachments_customer_fk", t, t.customerId, customers),
    uniqueIndex("attachments_storage_key").on(t.storageKey),
    index("attachments_owner_idx").on(t.tenantId, t.ownerType, t.ownerId),
    allowedValues("attachments_owner_type_check", t.ownerType, attachmentOwnerType),
  ],
);

/** Work that a visit report said is still needed; becomes a target. One per report. */
export const followUps = pgTable(
  "follow_ups",
  {
    id: id(),
    tenantId: tenantId(),
    visitReportId: uuid().notNull(),
    customerId: uuid().notNull(),
    locationId: uuid(),
    details: text().notNull(),
    dueDate: date({ mode: "string" }),
    status: followUpStatus().notNull().default("open"),
    targetId: uuid(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantKey("follow_ups", t),
    sameTenant("follow_ups_visit_report_fk", t, t.visitReportId, visitReports, "cascade"),
    sameTenant("follow_ups_customer_fk", t, t.customerId, customers),
    sameTenant("follow_ups_location_fk", t, t.locationId, locations),
    sameTenant("follow_ups_target_fk", t, t.targetId, targets),
    uniqueIndex("follow_ups_visit_report_key").on(t.tenantId, t.visitReportId),
    index("follow_ups_customer_idx").on(t.tenantId, t.customerId, t.createdAt),
    index("follow_ups_sync_idx").on(t.tenantId, t.updatedAt, t.id),
    allowedValues("follow_ups_status_check", t.status, followUpStatus),
  ],
);

/** A signal to the billing system that an approved visit is billable. Internal only. */
export const billingTriggers = pgTable(
  "billing_triggers",
  {
    id: id(),
    tenantId: tenantId(),
    visitReportId: uuid().notNull(),
    customerId: uuid().notNull(),
    status: billingTriggerStatus().notNull().default("pending"),
    note: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantKey("billing_triggers", t),
    sameTenant("billing_triggers_visit_report_fk", t, t.visitReportId, visitReports, "cascade"),
    sameTenant("billing_triggers_customer_fk", t, t.customerId, customers),
    uniqueIndex("billing_triggers_visit_report_key").on(t.tenantId, t.visitReportId),
    index("billing_triggers_status_idx").on(t.tenantId, t.status, t.createdAt),
    allowedValues("billing_triggers_status_check", t.status, billingTriggerStatus),
  ],
);
