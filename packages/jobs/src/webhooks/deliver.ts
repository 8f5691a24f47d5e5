import type { LookupFunction } from "node:net";
import { type Database, recordAudit, rowsOf, schema, type Transaction, withTenant } from "@ordinavo/db";
import { closedGates } from "@ordinavo/policy";
import { and, arrayContains, asc, eq, sql } from "drizzle-orm";
import type { WebhookSource } from "../events";
import { recordEvent } from "../outbox";
import type { RelayLog } from "../relay";
import { prepareWebhookPayload } from "./payload";
import { type AttemptOutcome, sendWebhook } from "./send";
import { signWebhook } from "./signing";

// Webhook fan-out and delivery, as plain functions the Inngest functions (functions/webhooks.ts)
// call in their steps.
//
// One event becomes one delivery per active subscription to its type; the unique index on
// (subscription, event) makes the fan-out idempotent, and each new delivery records a
// `webhook.delivery_due` outbox event in the same transaction. Each run of the delivery function
// makes one attempt. A failed attempt schedules the next one by recording another due event that
// the relay holds back until its time, so retries wait in PostgreSQL — the same with an Inngest
// server as in-process — and survive restarts. The delivery id is the `webhook-id`: the same on
// every attempt, so receivers can drop duplicates.

export interface WebhookDeliveryOptions {
  /** WEBHOOK_ALLOW_PRIVATE=true: deliver to loopback and private addresses (development, tests). */
  allowPrivate: boolean;
  /** Outside development only https:// endpoints are delivered to. */
  requireHttps: boolean;
  timeoutMs?: number;
  /** Name resolution (tests). */
  lookup?: LookupFunction;
  log?: RelayLog;
  /** Waits after the 1st, 2nd… failed attempt, in seconds (tests shorten them). */
  retryDelaysSeconds?: readonly number[];
  /** An endpoint failing this long, with no success in between, is disabled. */
  disableAfterFailingMs?: number;
  /** Jitter source, 0 ≤ x < 1 (tests). */
  random?: () => number;
}

/** 30 s, 2 min, 10 min, 1 h, 6 h, then daily: ten attempts over three and a half days. */
export const RETRY_DELAYS_SECONDS: readonly number[] = [
  30,
  120,
  600,
  3600,
  6 * 3600,
  86_400,
  86_400,
  86_400,
  86_400,
];
export const DISABLE_AFTER_FAILING_MS = 3 * 86_400_000;
/** How long a claimed attempt keeps others away (well over the 15 s timeout). */
const CLAIM_LEASE_SECONDS = 90;

/** The wait before the next attempt: the schedule's, ±20 % jitter, never less than Retry-After. */
export function retryDelaySeconds(
  failedAttempts: number,
  retryAfter: number | null,
  delays: readonly number[] = RETRY_DELAYS_SECONDS,
  random: () => number = Math.random,
): number | null {
  const base = delays[failedAttempts - 1];
  if (base === undefined) return null;
  const jittered = base * (0.8 + 0.4 * random());
  const wanted = Math.max(jittered, retryAfter ?? 0);
  // A Retry-After beyond a day is not honoured past a day.
  return Math.round(Math.min(wanted, Math.max(base, 86_400)) * 1000) / 1000;
}

async function gatesOf(tx: Transaction, tenantId: string) {
  const [settings] = await tx
    .select({ webhookIncludeContacts: schema.tenantSettings.webhookIncludeContacts })
    .from(schema.tenantSettings)
    .where(eq(schema.tenantSettings.tenantId, tenantId));
  return { ...closedGates, webhookIncludeContacts: settings?.webhookIncludeContacts ?? false };
}

/**
 * Creates the deliveries of one recorded event (`eventId`: the outbox id, stable across reruns)
 * and records their due events. Returns how many deliveries this call created.
 */
export async function fanOutWebhookEvent(
  db: Database,
  event: {
    eventId: string;
    tenantId: string;
    eventType: string;
    objectId: string;
    source: WebhookSource | null;
    occurredAt: Date;
  },
): Promise<{ created: number }> {
  return withTenant(db, event.tenantId, async (tx) => {
    const subs = schema.webhookSubscriptions;
    const subscriptions = await tx
      .select({ id: subs.id, includeContacts: subs.includeContacts })
      .from(subs)
      .where(
        and(
          eq(subs.tenantId, event.tenantId),
          eq(subs.active, true),
          // biome-ignore lint/suspicious/noExplicitAny: the column is typed with the known event types
          arrayContains(subs.eventTypes, [event.eventType as any]),
        ),
      )
      .orderBy(asc(subs.createdAt), asc(subs.id));
    if (subscriptions.length === 0) return { created: 0 };
    const payloadFor = await prepareWebhookPayload(tx, {
      ...event,
      gates: await gatesOf(tx, event.tenantId),
    });
    const created = await tx
      .insert(schema.webhookDeliveries)
      .values(
        subscriptions.map((s) => ({
          tenantId: event.tenantId,
          subscriptionId: s.id,
          eventId: event.eventId,
          eventType: event.eventType,
          payload: payloadFor(s) as unknown as Record<string, unknown>,
        })),
      )
      .onConflictDoNothing()
      .returning({
        id: schema.webhookDeliveries.id,
        subscriptionId: schema.webhookDeliveries.subscriptionId,
      });
    for (const delivery of created) {
      await recordEvent(tx, "ordinavo/webhook.delivery_due", {
        tenantId: event.tenantId,
        deliveryId: delivery.id,
        subscriptionId: delivery.subscriptionId,
      });
    }
    return { created: created.length };
  });
}

export type AttemptResult =
  | {
      outcome: "succeeded" | "retrying" | "failed";
      attempt: number;
      statusCode: number | null;
      error: string | null;
    }
  | { outcome: "missing" | "settled" | "not_due" | "endpoint_disabled" }
  /** Another process is sending this delivery right now; try again after its lease. */
  | { outcome: "busy" };

type Claimed = {
  id: string;
  subscription_id: string;
  attempt_count: number;
  payload: Record<string, unknown>;
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: string | Date | null;
};

/**
 * One attempt of one delivery: claim it (one process at a time, only when due), send it signed,
 * log the attempt, then settle it: succeeded, retrying (the next due event recorded for later) or
 * failed. A 410 disables the endpoint; so does failing for three days without a success.
 */
export async function attemptWebhookDelivery(
  db: Database,
  target: { tenantId: string; deliveryId: string },
  options: WebhookDeliveryOptions,
): Promise<AttemptResult> {
  const { tenantId, deliveryId } = target;
  const deliveries = schema.webhookDeliveries;

  const claim = await withTenant(db, tenantId, async (tx): Promise<AttemptResult | Claimed> => {
    const [current] = await tx
      .select({ status: deliveries.status, active: schema.webhookSubscriptions.active })
      .from(deliveries)
      .innerJoin(schema.webhookSubscriptions, eq(schema.webhookSubscriptions.id, deliveries.subscriptionId))
      .where(and(eq(deliveries.tenantId, tenantId), eq(deliveries.id, deliveryId)));
    if (!current) return { outcome: "missing" };
    if (current.status === "succeeded" || current.status === "failed") return { outcome: "settled" };
    if (!current.active) {
      // The endpoint was disabled meanwhile: the delivery stops here; a replay starts it again.
      await tx
        .update(deliveries)
        .set({ status: "failed", completedAt: new Date(), nextAttemptAt: null })
        .where(and(eq(deliveries.tenantId, tenantId), eq(deliveries.id, deliveryId)));
      return { outcome: "endpoint_disabled" };
    }
    // The row lock makes the claim atomic: of two processes, one gets the row.
    const [row] = rowsOf<Claimed>(
      await tx.execute(sql`
        update webhook_deliveries d
           set status = 'delivering', attempt_count = d.attempt_count + 1,
               next_attempt_at = now() + make_interval(secs => ${CLAIM_LEASE_SECONDS})
          from webhook_subscriptions s
         where d.tenant_id = ${tenantId} and d.id = ${deliveryId}
           and s.tenant_id = d.tenant_id and s.id = d.subscription_id
           and ((d.status in ('pending', 'retrying')
                 and (d.next_attempt_at is null or d.next_attempt_at <= now() + interval '1 second'))
             or (d.status = 'delivering' and d.next_attempt_at <= now()))
        returning d.id, d.subscription_id, d.attempt_count, d.payload, s.url, s.secret,
                  s.previous_secret, s.previous_secret_expires_at`),
    );
    if (row) return row;
    const [after] = await tx
      .select({ status: deliveries.status })
      .from(deliveries)
      .where(and(eq(deliveries.tenantId, tenantId), eq(deliveries.id, deliveryId)));
    return after?.status === "delivering" ? { outcome: "busy" } : { outcome: "not_due" };
  });
  if ("outcome" in claim) return claim;

  const attemptNumber = claim.attempt_count;
  const body = JSON.stringify(claim.payload);
  const startedAt = new Date();
  const secrets = [claim.secret];
  const previousExpires = claim.previous_secret_expires_at
    ? new Date(claim.previous_secret_expires_at)
    : null;
  if (claim.previous_secret && previousExpires && previousExpires > startedAt)
    secrets.push(claim.previous_secret);
  let result: AttemptOutcome;
  try {
    result = await sendWebhook({
      url: claim.url,
      headers: { ...signWebhook({ id: deliveryId, at: startedAt, body, secrets }) },
      body,
      allowPrivate: options.allowPrivate,
      requireHttps: options.requireHttps,
      timeoutMs: options.timeoutMs,
      lookup: options.lookup,
    });
  } catch {
    result = {
      ok: false,
      statusCode: null,
      durationMs: Date.now() - startedAt.getTime(),
      responseExcerpt: null,
      error: "network",
      retryAfterSeconds: null,
      gone: false,
    };
  }
  // Ids, numbers and short codes only: never the secret, the signature, the body or the answer.
  options.log?.info("Webhook attempt", {
    tenantId,
    deliveryId,
    subscriptionId: claim.subscription_id,
    attempt: attemptNumber,
    statusCode: result.statusCode,
    durationMs: result.durationMs,
    error: result.error,
  });

  return withTenant(db, tenantId, async (tx) => {
    await tx.insert(schema.webhookDeliveryAttempts).values({
      tenantId,
      deliveryId,
      attemptNumber,
      startedAt,
      durationMs: result.durationMs,
      statusCode: result.statusCode,
      error: result.error,
      responseExcerpt: result.responseExcerpt,
    });
    const where = and(eq(deliveries.tenantId, tenantId), eq(deliveries.id, deliveryId));
    const done = { attempt: attemptNumber, statusCode: result.statusCode, error: result.error };
    if (result.ok) {
      await tx
        .update(deliveries)
        .set({
          status: "succeeded",
          completedAt: new Date(),
          nextAttemptAt: null,
          lastStatusCode: result.statusCode,
        })
        .where(where);
      return { outcome: "succeeded", ...done };
    }
    const disabled = result.gone
      ? await disableEndpoint(tx, tenantId, claim.subscription_id, "gone")
      : (await failingSince(tx, tenantId, claim.subscription_id)) <=
          startedAt.getTime() - (options.disableAfterFailingMs ?? DISABLE_AFTER_FAILING_MS) &&
        (await disableEndpoint(tx, tenantId, claim.subscription_id, "failing"));
    const wait = result.gone
      ? null
      : retryDelaySeconds(
          attemptNumber,
          result.retryAfterSeconds,
          options.retryDelaysSeconds,
          options.random,
        );
    if (disabled || result.gone || wait === null) {
      await tx
        .update(deliveries)
        .set({
          status: "failed",
          completedAt: new Date(),
          nextAttemptAt: null,
          lastStatusCode: result.statusCode,
        })
        .where(where);
      return { outcome: "failed", ...done };
    }
    const next = new Date(Date.now() + wait * 1000);
    await tx
      .update(deliveries)
      .set({ status: "retrying", nextAttemptAt: next, lastStatusCode: result.statusCode })
      .where(where);
    await recordEvent(
      tx,
      "ordinavo/webhook.delivery_due",
      { tenantId, deliveryId, subscriptionId: claim.subscription_id },
      { notBefore: next },
    );
    return { outcome: "retrying", ...done };
  });
}

/** When the endpoint's current run of failures began: its first failed attempt since its last success. */
async function failingSince(tx: Transaction, tenantId: string, subscriptionId: string): Promise<number> {
  const [row] = rowsOf<{ since: string | Date | null }>(
    await tx.execute(sql`
      select min(a.started_at) as since
        from webhook_delivery_attempts a
        join webhook_deliveries d on d.tenant_id = a.tenant_id and d.id = a.delivery_id
       where d.tenant_id = ${tenantId} and d.subscription_id = ${subscriptionId}
         and (a.status_code is null or a.status_code < 200 or a.status_code >= 300)
         and a.started_at > coalesce((
           select max(a2.started_at)
             from webhook_delivery_attempts a2
             join webhook_deliveries d2 on d2.tenant_id = a2.tenant_id and d2.id = a2.delivery_id
            where d2.tenant_id = ${tenantId} and d2.subscription_id = ${subscriptionId}
              and a2.status_code between 200 and 299), '-infinity'::timestamptz)`),
  );
  return row?.since ? new Date(row.since).getTime() : Number.POSITIVE_INFINITY;
}

/**
 * Turns the endpoint off and leaves the notice admins see: an audit row by the system with the
 * reason ("gone": the receiver answered 410; "failing": three days without a success).
 */
async function disableEndpoint(
  tx: Transaction,
  tenantId: string,
  subscriptionId: string,
  reason: "gone" | "failing",
): Promise<boolean> {
  const subs = schema.webhookSubscriptions;
  const [changed] = await tx
    .update(subs)
    .set({ active: false, disabledReason: reason, disabledAt: new Date(), updatedAt: new Date() })
    .where(and(eq(subs.tenantId, tenantId), eq(subs.id, subscriptionId), eq(subs.active, true)))
    .returning({ id: subs.id });
  if (!changed) return false;
  await recordAudit(tx, {
    tenantId,
    actor: { type: "system" },
    action: "webhook_subscription.disabled",
    objectType: "webhook_subscription",
    objectId: subscriptionId,
    metadata: { reason },
  });
  return true;
}
