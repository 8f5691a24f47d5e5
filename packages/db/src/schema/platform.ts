import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { at, createdAt, id, sameTenant, tenantId, tenantKey, updatedAt } from "./columns";
import { customers, locations } from "./customers";
import { actorType, allowedValues, objectType, outboxStatus, retentionSubject, timelineKind } from "./enums";

/**
 * Who did what to which object, and which fields changed. Never the free-text content itself.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: id(),
    tenantId: tenantId(),
    actorType: actorType().notNull(),
    actorId: uuid(),
    action: varchar({ length: 64 }).notNull(),
    objectType: objectType().notNull(),
    objectId: uuid(),
    changedFields: text().array().notNull().default([]),
    /** Structured facts only (ids, counts, statuses) — no names, notes or messages. */
    metadata: jsonb().$type<Record<string, string | number | boolean | null>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_log_tenant_idx").on(t.tenantId, t.createdAt),
    index("audit_log_object_idx").on(t.tenantId, t.objectType, t.objectId, t.createdAt),
    allowedValues("audit_log_actor_type_check", t.actorType, actorType),
    allowedValues("audit_log_object_type_check", t.objectType, objectType),
  ],
);

/**
 * Work that a write must trigger, recorded in the same transaction as the write. The relay hands
 * each row to Inngest (or runs it in-process) and marks it done only after success.
 */
export const outboxEvents = pgTable(
  "outbox_events",
  {
    id: id(),
    tenantId: tenantId(),
    /** Monotonic order of recording, so the relay hands events over oldest first. */
    sequence: bigserial({ mode: "number" }).notNull(),
    name: varchar({ length: 100 }).notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    status: outboxStatus().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastError: text(),
    createdAt: createdAt(),
    processedAt: at(),
  },
  (t) => [
    index("outbox_events_due_idx").on(t.status, t.nextAttemptAt, t.sequence),
    allowedValues("outbox_events_status_check", t.status, outboxStatus),
  ],
);

/** How long a tenant keeps one kind of data. */
export const retentionPolicies = pgTable(
  "retention_policies",
  {
    id: id(),
    tenantId: tenantId(),
    subject: retentionSubject().notNull(),
    retainDays: integer().notNull(),
    active: boolean().notNull().default(true),
    lastRunAt: at(),
    lastDeletedCount: integer(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantKey("retention_policies", t),
    uniqueIndex("retention_policies_subject_key").on(t.tenantId, t.subject),
    allowedValues("retention_policies_subject_check", t.subject, retentionSubject),
  ],
);

/**
 * The customer timeline: a chronological index over existing records (kind + object reference),
 * not a separate profile. Full details always come from the referenced object and its policy.
 */
export const timelineEntries = pgTable(
  "timeline_entries",
  {
    id: id(),
    tenantId: tenantId(),
    customerId: uuid().notNull(),
    locationId: uuid(),
    kind: timelineKind().notNull(),
    objectType: objectType().notNull(),
    objectId: uuid().notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    /** Who did it (a staff member, a portal user, an integration, or the system). */
    actorType: actorType(),
    actorId: uuid(),
    /** Whether the reduced portal timeline may show it (never for internal-only kinds). */
    portalVisible: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    tenantKey("timeline_entries", t),
    sameTenant("timeline_entries_customer_fk", t, t.customerId, customers, "cascade"),
    sameTenant("timeline_entries_location_fk", t, t.locationId, locations, "cascade"),
    index("timeline_entries_customer_idx").on(t.tenantId, t.customerId, t.occurredAt, t.id),
    // One location's history (the History filter) pages along its own range, however long the
    // customer's whole history is.
    index("timeline_entries_location_idx").on(t.tenantId, t.customerId, t.locationId, t.occurredAt, t.id),
    index("timeline_entries_object_idx").on(t.tenantId, t.objectType, t.objectId),
    allowedValues("timeline_entries_kind_check", t.kind, timelineKind),
    allowedValues("timeline_entries_object_type_check", t.objectType, objectType),
    allowedValues("timeline_entries_actor_type_check", t.actorType, actorType),
  ],
);

/**
 * One row per scheduled run of a cron function without an Inngest server: the process that
 * inserts (fnId, slot) first runs it, so several processes on one database run each schedule
 * once. A run that did not finish (failed, or its process died) can be claimed again after a while.
 */
export const scheduledRuns = pgTable(
  "scheduled_runs",
  {
    fnId: varchar({ length: 200 }).notNull(),
    /** The scheduled time this run is for (the daily time it fell due). */
    slot: timestamp({ withTimezone: true }).notNull(),
    claimedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: at(),
  },
  (t) => [primaryKey({ columns: [t.fnId, t.slot] })],
);
