import type { ApiKeyScope, WebhookEventType } from "@ordinavo/domain/vocabulary";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { at, createdAt, id, sameTenant, tenantId, tenantKey, updatedAt } from "./columns";
import { allowedValues, importJobStatus, importRowStatus, objectType, webhookDeliveryStatus } from "./enums";
import { staffUsers } from "./identity";

/** An integration's key. Only a hash of the secret is stored; the prefix identifies it in lists. */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: id(),
    tenantId: tenantId(),
    name: text().notNull(),
    prefix: varchar({ length: 16 }).notNull(),
    secretHash: text().notNull().unique(),
    scopes: text().array().$type<ApiKeyScope[]>().notNull(),
    /**
     * The one source system whose external references the key may see and write (as stored in
     * external_references.source_system); null: every source its scopes reach.
     */
    sourceSystem: varchar({ length: 64 }),
    expiresAt: at(),
    revokedAt: at(),
    lastUsedAt: at(),
    createdById: uuid().references(() => staffUsers.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [tenantKey("api_keys", t), index("api_keys_tenant_idx").on(t.tenantId, t.createdAt)],
);

/**
 * A Connect write made with an `Idempotency-Key`: the first call's answer, kept 24 hours, is what
 * a retry with the same key gets back; the same key with a different request is refused.
 */
export const connectIdempotencyKeys = pgTable(
  "connect_idempotency_keys",
  {
    id: id(),
    tenantId: tenantId(),
    apiKeyId: uuid().notNull(),
    key: varchar({ length: 255 }).notNull(),
    /** The procedure's path and a SHA-256 of its input: a reused key with other input is refused. */
    procedure: varchar({ length: 100 }).notNull(),
    requestHash: varchar({ length: 64 }).notNull(),
    response: jsonb().$type<unknown>(),
    createdAt: createdAt(),
  },
  (t) => [
    tenantKey("connect_idempotency_keys", t),
    sameTenant("connect_idempotency_keys_api_key_fk", t, t.apiKeyId, apiKeys, "cascade"),
    uniqueIndex("connect_idempotency_keys_key").on(t.tenantId, t.apiKeyId, t.key),
    index("connect_idempotency_keys_created_idx").on(t.createdAt),
  ],
);

/** A batch of external work brought in through Ordinavo Connect. */
export const importJobs = pgTable(
  "import_jobs",
  {
    id: id(),
    tenantId: tenantId(),
    sourceSystem: varchar({ length: 64 }).notNull(),
    kind: varchar({ length: 32 }).notNull(),
    status: importJobStatus().notNull().default("pending"),
    /** Where the rows came from: "csv" or "jsonl" (a stored file) or "rows" (sent through the API). */
    format: varchar({ length: 16 }).notNull().default("rows"),
    /** Column (or JSON key) → field of `kind`. Columns it does not name are reported, not guessed. */
    mapping: jsonb().$type<Record<string, string>>().notNull().default({}),
    /** Validate every row and write nothing. */
    dryRun: boolean().notNull().default(false),
    /** The uploaded file in the file store, and its name as the user gave it. */
    fileKey: text(),
    fileName: text(),
    totalRows: integer().notNull().default(0),
    processedRows: integer().notNull().default(0),
    failedRows: integer().notNull().default(0),
    /** Rows by outcome: created, updated, unchanged (counts only). */
    summary: jsonb().$type<Record<string, number>>().notNull().default({}),
    warningCount: integer().notNull().default(0),
    apiKeyId: uuid(),
    createdById: uuid().references(() => staffUsers.id, { onDelete: "set null" }),
    error: text(),
    createdAt: createdAt(),
    startedAt: at(),
    finishedAt: at(),
  },
  (t) => [
    tenantKey("import_jobs", t),
    sameTenant("import_jobs_api_key_fk", t, t.apiKeyId, apiKeys),
    index("import_jobs_tenant_idx").on(t.tenantId, t.createdAt),
    allowedValues("import_jobs_status_check", t.status, importJobStatus),
  ],
);

export const importRows = pgTable(
  "import_rows",
  {
    id: id(),
    tenantId: tenantId(),
    importJobId: uuid().notNull(),
    rowNumber: integer().notNull(),
    /** The row's external id in the job's source system, when it has one. */
    externalId: varchar({ length: 200 }),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    status: importRowStatus().notNull().default("pending"),
    /** What importing the row did: "created", "updated" or "unchanged". */
    outcome: varchar({ length: 16 }),
    objectType: objectType(),
    objectId: uuid(),
    error: text(),
    /** Field-level problems of an invalid row: which field, and what is wrong with it. */
    errors: jsonb().$type<{ field: string; message: string }[]>().notNull().default([]),
  },
  (t) => [
    tenantKey("import_rows", t),
    sameTenant("import_rows_job_fk", t, t.importJobId, importJobs, "cascade"),
    uniqueIndex("import_rows_number_key").on(t.tenantId, t.importJobId, t.rowNumber),
    allowedValues("import_rows_status_check", t.status, importRowStatus),
    allowedValues("import_rows_object_type_check", t.objectType, objectType),
  ],
);

/** A field of an imported row that could not be mapped cleanly. Internal only. */
export const mappingWarnings = pgTable(
  "mapping_warnings",
  {
    id: id(),
    tenantId: tenantId(),
    importJobId: uuid().notNull(),
    importRowId: uuid(),
    field: varchar({ length: 100 }).notNull(),
    code: varchar({ length: 64 }).notNull(),
    message: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    tenantKey("mapping_warnings", t),
    sameTenant("mapping_warnings_job_fk", t, t.importJobId, importJobs, "cascade"),
    sameTenant("mapping_warnings_row_fk", t, t.importRowId, importRows, "cascade"),
    index("mapping_warnings_job_idx").on(t.tenantId, t.importJobId),
  ],
);

/** An external endpoint that receives signed event payloads. */
export const webhookSubscriptions = pgTable(
  "webhook_subscriptions",
  {
    id: id(),
    tenantId: tenantId(),
    url: text().notNull(),
    description: text(),
    eventTypes: text().array().$type<WebhookEventType[]>().notNull(),
    /** Signing secret; needed in clear to sign payloads, shown to admins once. */
    secret: text().notNull(),
    /** After a rotation the previous secret signs too, until it expires (24 h). */
    previousSecret: text(),
    previousSecretExpiresAt: at(),
    includeContacts: boolean().notNull().default(false),
    /** Billing trigger details in payloads; honoured only while the tenant's billing gate is on. */
    includeBilling: boolean().notNull().default(false),
    active: boolean().notNull().default(true),
    /** Why Ordinavo turned the endpoint off: "gone" (it answered 410) or "failing" (days of failures). */
    disabledReason: varchar({ length: 16 }),
    disabledAt: at(),
    createdById: uuid().references(() => staffUsers.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [tenantKey("webhook_subscriptions", t), index("webhook_subscriptions_tenant_idx").on(t.tenantId)],
);

/** One event for one subscription. (subscription, event) is unique, so fan-out is idempotent. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: id(),
    tenantId: tenantId(),
    subscriptionId: uuid().notNull(),
    eventId: uuid().notNull(),
    eventType: varchar({ length: 64 }).notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    status: webhookDeliveryStatus().notNull().default("pending"),
    attemptCount: integer().notNull().default(0),
    nextAttemptAt: at(),
    lastStatusCode: integer(),
    createdAt: createdAt(),
    completedAt: at(),
  },
  (t) => [
    tenantKey("webhook_deliveries", t),
    sameTenant("webhook_deliveries_subscription_fk", t, t.subscriptionId, webhookSubscriptions, "cascade"),
    uniqueIndex("webhook_deliveries_event_key").on(t.tenantId, t.subscriptionId, t.eventId),
    index("webhook_deliveries_status_idx").on(t.tenantId, t.status, t.nextAttemptAt),
    allowedValues("webhook_deliveries_status_check", t.status, webhookDeliveryStatus),
  ],
);

export const webhookDeliveryAttempts = pgTable(
  "webhook_delivery_attempts",
  {
    id: id(),
    tenantId: tenantId(),
    deliveryId: uuid().notNull(),
    attemptNumber: integer().notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    durationMs: integer().notNull(),
    statusCode: integer(),
    error: text(),
    /** At most the first 1 KiB of the response body, for diagnosis. */
    responseExcerpt: text(),
  },
  (t) => [
    tenantKey("webhook_delivery_attempts", t),
    sameTenant("webhook_delivery_attempts_delivery_fk", t, t.deliveryId, webhookDeliveries, "cascade"),
    uniqueIndex("webhook_delivery_attempts_number_key").on(t.tenantId, t.deliveryId, t.attemptNumber),
  ],
);
