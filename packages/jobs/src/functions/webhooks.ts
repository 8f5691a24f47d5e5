import type { Database } from "@ordinavo/db";
import { type Inngest, NonRetriableError } from "inngest";
import { webhookDeliveryDue, webhookEventRecorded } from "../events";
import { attemptWebhookDelivery, fanOutWebhookEvent, type WebhookDeliveryOptions } from "../webhooks/deliver";

/**
 * Fan-out: a recorded webhook event becomes one delivery per subscription to its type (idempotent:
 * the event's id is part of the deliveries' unique key), each announced by a due event.
 */
export function createWebhookFanOutFunction(inngest: Inngest.Any, db: Database) {
  return inngest.createFunction(
    {
      id: "webhook-fan-out",
      name: "Webhooks: one delivery per subscription",
      triggers: [webhookEventRecorded],
    },
    async ({ event, step }) => {
      const data = webhookEventRecorded.schema.parse(event.data);
      if (!event.id) throw new NonRetriableError("A webhook event needs its id.");
      const eventId = event.id;
      const occurredAt = new Date(event.ts ?? Date.now());
      return step.run("fan-out", () =>
        fanOutWebhookEvent(db, {
          eventId,
          tenantId: data.tenantId,
          eventType: data.eventType,
          objectId: data.objectId,
          source: data.source ?? null,
          occurredAt,
        }),
      );
    },
  );
}

/**
 * One attempt of one delivery per run, in its own step. Runs are keyed by the endpoint: an
 * Inngest server runs at most two at a time per subscription, so one slow receiver only ever holds
 * up its own deliveries. A delivery another process is sending makes the step fail, to be tried
 * again after that process's claim ran out.
 */
export function createWebhookDeliveryFunction(
  inngest: Inngest.Any,
  db: Database,
  options: WebhookDeliveryOptions,
) {
  return inngest.createFunction(
    {
      id: "webhook-deliver",
      name: "Webhooks: deliver one attempt",
      triggers: [webhookDeliveryDue],
      concurrency: [{ key: "event.data.subscriptionId", limit: 2 }],
    },
    async ({ event, step }) => {
      const { tenantId, deliveryId } = webhookDeliveryDue.schema.parse(event.data);
      return step.run("attempt", async () => {
        const result = await attemptWebhookDelivery(db, { tenantId, deliveryId }, options);
        if (result.outcome === "busy") throw new Error("The delivery is being sent by another process.");
        return result;
      });
    },
  );
}
