import type { Database } from "@ordinavo/db";
import { type Inngest, NonRetriableError } from "inngest";
import { webhookDeliveryDue, webhookEventRecorded } from "../events";
import { type ExecutorEvent, FinalRunError, RetriableRunError, runsDirectly } from "../executor";
import {
  attemptWebhookDeliveries,
  attemptWebhookDelivery,
  ENDPOINT_CONCURRENCY,
  fanOutWebhookEvent,
  fanOutWebhookEvents,
  type WebhookDeliveryOptions,
  type WebhookEventToFanOut,
} from "../webhooks/deliver";

// Without an Inngest server, the local executor runs these two functions for batches of events
// (runsDirectly): the same fan-out and attempt code their steps run, one event's fan-out or one
// delivery's attempt at a time each, with the same database claims — only the per-event
// round trips through the serve handler are saved. Each attempt is still its own unit: claimed,
// sent, logged and settled on its own row, its retry a new due event.

/**
 * Fan-out: a recorded webhook event becomes one delivery per subscription to its type (idempotent:
 * the event's id is part of the deliveries' unique key), each announced by a due event.
 */
export function createWebhookFanOutFunction(inngest: Inngest.Any, db: Database) {
  const fn = inngest.createFunction(
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
  return runsDirectly(fn, async (events, done) => {
    const byEvent = new Map<WebhookEventToFanOut, ExecutorEvent>();
    for (const event of events) {
      const parsed = webhookEventRecorded.schema.safeParse(event.data);
      if (!parsed.success) {
        done(event, new FinalRunError("webhook-fan-out: invalid event data"));
        continue;
      }
      byEvent.set(
        {
          eventId: event.id,
          tenantId: parsed.data.tenantId,
          eventType: parsed.data.eventType,
          objectId: parsed.data.objectId,
          source: parsed.data.source ?? null,
          occurredAt: new Date(event.ts),
        },
        event,
      );
    }
    await fanOutWebhookEvents(db, [...byEvent.keys()], (fanOut, error) => {
      const event = byEvent.get(fanOut);
      if (event)
        done(event, error ? new RetriableRunError(`webhook-fan-out failed: ${errorName(error)}`) : undefined);
    });
  });
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
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
  const fn = inngest.createFunction(
    {
      id: "webhook-deliver",
      name: "Webhooks: deliver one attempt",
      triggers: [webhookDeliveryDue],
      concurrency: [{ key: "event.data.subscriptionId", limit: ENDPOINT_CONCURRENCY }],
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
  return runsDirectly(fn, async (events, done) => {
    // A tenant's due deliveries in one batch: claimed together, sent per endpoint with its
    // concurrency, each endpoint's attempts logged together as soon as they are back.
    const byTenant = new Map<string, Map<string, ExecutorEvent[]>>();
    for (const event of events) {
      const parsed = webhookDeliveryDue.schema.safeParse(event.data);
      if (!parsed.success) {
        done(event, new FinalRunError("webhook-deliver: invalid event data"));
        continue;
      }
      const { tenantId, deliveryId } = parsed.data;
      const ofTenant = byTenant.get(tenantId) ?? new Map<string, ExecutorEvent[]>();
      byTenant.set(tenantId, ofTenant);
      ofTenant.set(deliveryId, [...(ofTenant.get(deliveryId) ?? []), event]);
    }
    await Promise.all(
      [...byTenant.entries()].map(async ([tenantId, ofTenant]) => {
        try {
          await attemptWebhookDeliveries(
            db,
            tenantId,
            [...ofTenant.keys()],
            options,
            (deliveryId, result) => {
              for (const event of ofTenant.get(deliveryId) ?? []) {
                done(
                  event,
                  result.outcome === "busy"
                    ? new RetriableRunError("The delivery is being sent by another process.")
                    : undefined,
                );
              }
            },
          );
        } catch (error) {
          for (const list of ofTenant.values()) {
            for (const event of list)
              done(event, new RetriableRunError(`webhook-deliver failed: ${errorName(error)}`));
          }
        }
      }),
    );
  });
}
