import type { Transaction } from "@ordinavo/db";
import type { WebhookEventType } from "@ordinavo/domain/vocabulary";
import { recordEvent, recordEvents, type WebhookSource } from "@ordinavo/jobs";
import type { Actor } from "@ordinavo/policy";

// Every operational event that leaves through webhooks is recorded here, in the writer's own
// transaction, with where it came from: the workspace (a staff member), the portal (a customer
// contact), the API (an integration's key), an import, or a background job. The fan-out turns each
// one into a delivery per subscribed endpoint; nothing is sent from inside the write.

/** Where a call came from, by who made it. Imports and jobs say so themselves. */
export function sourceOf(actor: Actor): WebhookSource {
  switch (actor.kind) {
    case "staff":
      return "workspace";
    case "portal":
      return "portal";
    case "integration":
      return "api";
  }
}

export interface EventWriter {
  tenantId: string;
  actor: Actor;
  /** Overrides the actor's source: "import" for rows of an import job, "job" for background work. */
  source?: WebhookSource;
}

/** One webhook event about `objectId`, recorded in `tx`. */
export function recordWebhookEvent(
  tx: Transaction,
  writer: EventWriter,
  eventType: WebhookEventType,
  objectId: string,
): Promise<string> {
  return recordEvent(tx, "ordinavo/webhook.event_recorded", {
    tenantId: writer.tenantId,
    eventType,
    objectId,
    source: writer.source ?? sourceOf(writer.actor),
  });
}

/** Many events at once (an import's batch), in one statement. */
export function recordWebhookEvents(
  tx: Transaction,
  writer: EventWriter,
  events: readonly { eventType: WebhookEventType; objectId: string }[],
): Promise<void> {
  const source = writer.source ?? sourceOf(writer.actor);
  return recordEvents(
    tx,
    "ordinavo/webhook.event_recorded",
    events.map((event) => ({ tenantId: writer.tenantId, ...event, source })),
  );
}
