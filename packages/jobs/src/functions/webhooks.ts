import { type Database, schema, withTenant } from "@ordinavo/db";
import { and, asc, eq, isNull } from "drizzle-orm";
import { type Inngest, NonRetriableError } from "inngest";
import { webhookDeliveryDue, webhookEndpointDisabled, webhookEventRecorded } from "../events";
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

const reasonText = {
  gone: "the receiver answered 410 Gone, asking us to stop",
  failing: "every delivery to it has failed for three days",
} as const;

/**
 * The mail to a tenant's admins when Ordinavo turned one of its webhook endpoints off: one mail
 * per active tenant admin, each its own step. It names the endpoint's host only (the path may hold
 * a token of the receiver's) and links to the webhook settings, where the banner offers re-enabling.
 * Without a mailer (a process configured without notices) there is nothing to send.
 */
export function createWebhookDisabledNoticeFunction(
  inngest: Inngest.Any,
  db: Database,
  options: WebhookDeliveryOptions,
) {
  return inngest.createFunction(
    {
      id: "webhook-disabled-notice",
      name: "Webhooks: tell the admins an endpoint was turned off",
      triggers: [webhookEndpointDisabled],
    },
    async ({ event, step }) => {
      const { tenantId, subscriptionId, reason } = webhookEndpointDisabled.schema.parse(event.data);
      const notices = options.notices;
      if (!notices) return { mailed: 0 };
      const facts = await step.run("find admins", () =>
        withTenant(db, tenantId, async (tx) => {
          const subs = schema.webhookSubscriptions;
          const [sub] = await tx
            .select({ url: subs.url })
            .from(subs)
            .where(and(eq(subs.tenantId, tenantId), eq(subs.id, subscriptionId)));
          const [tenant] = await tx
            .select({ name: schema.tenants.name })
            .from(schema.tenants)
            .where(eq(schema.tenants.id, tenantId));
          const m = schema.tenantMemberships;
          const u = schema.staffUsers;
          const admins = await tx
            .select({ email: u.email })
            .from(m)
            .innerJoin(u, eq(u.id, m.userId))
            .where(
              and(
                eq(m.tenantId, tenantId),
                eq(m.role, "tenant_admin"),
                isNull(m.disabledAt),
                isNull(u.disabledAt),
              ),
            )
            .orderBy(asc(u.email));
          let host = "";
          try {
            host = sub ? new URL(sub.url).host : "";
          } catch {}
          return { host, tenantName: tenant?.name ?? "", emails: admins.map((a) => a.email) };
        }),
      );
      const link = notices.workspaceLink("/settings/webhooks");
      for (const to of facts.emails) {
        await step.run(`mail ${to}`, () =>
          notices.mailer.send({
            kind: "webhook_endpoint_disabled",
            to,
            subject: `A webhook of ${facts.tenantName} was turned off`,
            link,
            text: [
              "Hello,",
              "",
              `Ordinavo turned off the webhook to ${facts.host || "one of your endpoints"} (${facts.tenantName}),`,
              `because ${reasonText[reason]}. No events are sent to it until it is enabled again.`,
              "",
              "Check the receiver, then re-enable the webhook and replay failed deliveries here:",
              "",
              link,
            ].join("\n"),
          }),
        );
      }
      return { mailed: facts.emails.length };
    },
  );
}
