import { eventType } from "inngest";
import { z } from "zod";

// Every event a write can trigger. Payloads carry ids only — never names, notes or other free
// text — so the outbox and Inngest's logs hold no personal content. Functions re-parse them.

const ids = { tenantId: z.uuid() };

export const visitReportApproved = eventType("ordinavo/visit_report.approved", {
  schema: z.object({ ...ids, visitReportId: z.uuid() }),
});

export const recurringPlanChanged = eventType("ordinavo/recurring_plan.changed", {
  schema: z.object({ ...ids, planId: z.uuid() }),
});

/** Where a webhook event came from; carried in the payload's `source`. */
export const webhookSources = ["workspace", "portal", "api", "import", "job"] as const;
export type WebhookSource = (typeof webhookSources)[number];

export const webhookEventRecorded = eventType("ordinavo/webhook.event_recorded", {
  schema: z.object({
    ...ids,
    eventType: z.string().min(1),
    objectId: z.uuid(),
    /** Left out by writers that predate it: the payload then says `null`. */
    source: z.enum(webhookSources).optional(),
  }),
});

/**
 * One delivery (of one event to one subscription) is due: its next attempt runs. Recorded by the
 * fan-out, by a failed attempt (for the retry, not before its time) and by a replay. The
 * subscription id keys the per-endpoint concurrency.
 */
export const webhookDeliveryDue = eventType("ordinavo/webhook.delivery_due", {
  schema: z.object({ ...ids, deliveryId: z.uuid(), subscriptionId: z.uuid() }),
});

/** One tenant's retention policies are due (recorded per tenant by the nightly schedule). */
export const retentionDue = eventType("ordinavo/retention.due", { schema: z.object(ids) });

/**
 * Ordinavo turned a webhook endpoint off (410 from the receiver, or failing for days): its tenant's
 * admins are told by mail. Recorded in the disabling transaction.
 */
export const webhookEndpointDisabled = eventType("ordinavo/webhook.endpoint_disabled", {
  schema: z.object({ ...ids, subscriptionId: z.uuid(), reason: z.enum(["gone", "failing"]) }),
});

/** An import job was started (or run for real after its dry run): its rows are processed. */
export const importJobRequested = eventType("ordinavo/import_job.requested", {
  schema: z.object({ ...ids, importJobId: z.uuid() }),
});

/** The events the outbox may carry, by name, with their payload schemas. */
export const outboxEventSchemas = {
  [visitReportApproved.name]: visitReportApproved.schema,
  [recurringPlanChanged.name]: recurringPlanChanged.schema,
  [webhookEventRecorded.name]: webhookEventRecorded.schema,
  [webhookDeliveryDue.name]: webhookDeliveryDue.schema,
  [importJobRequested.name]: importJobRequested.schema,
  [webhookEndpointDisabled.name]: webhookEndpointDisabled.schema,
  [retentionDue.name]: retentionDue.schema,
} as const;

export type OutboxEventName = keyof typeof outboxEventSchemas;
export type OutboxEventData<N extends OutboxEventName> = z.infer<(typeof outboxEventSchemas)[N]>;
