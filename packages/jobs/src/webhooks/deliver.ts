import type { LookupFunction } from "node:net";
import { type Database, recordAudit, rowsOf, schema, type Transaction, withTenant } from "@ordinavo/db";
import { and, arrayOverlaps, asc, eq, sql } from "drizzle-orm";
import { type WebhookSource, webhookDeliveryDue, webhookEndpointDisabled } from "../events";
import { recordEvent, recordEvents } from "../outbox";
import type { RelayLog } from "../relay";
import { prepareWebhookPayload, webhookGatesOf } from "./payload";
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
  /** How the tenant's admins hear that Ordinavo turned an endpoint off (functions/webhooks.ts). */
  notices?: WebhookNotices;
}

/** A mail to one person; the server passes its mailer (SMTP, or the development mailbox). */
export interface NoticeMail {
  kind: "webhook_endpoint_disabled";
  to: string;
  subject: string;
  text: string;
  link?: string;
}

export interface WebhookNotices {
  mailer: { send(message: NoticeMail): Promise<void> };
  /** The absolute address of a workspace page, for the link in the mail. */
  workspaceLink(path: string): string;
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

export interface WebhookEventToFanOut {
  /** The outbox id of the recorded event: stable across reruns, part of the deliveries' key. */
  eventId: string;
  tenantId: string;
  eventType: string;
  objectId: string;
  source: WebhookSource | null;
  occurredAt: Date;
}

/**
 * Creates the deliveries of one recorded event and records their due events. Returns how many
 * deliveries this call created.
 */
export async function fanOutWebhookEvent(
  db: Database,
  event: WebhookEventToFanOut,
): Promise<{ created: number }> {
  return withTenant(db, event.tenantId, (tx) => fanOutInTransaction(tx, event.tenantId, [event]));
}

/**
 * The fan-out of many recorded events: one transaction per tenant (its subscriptions and gates
 * read once, all deliveries and due events inserted in one statement each). Should a tenant's
 * batch fail, its events are fanned out one by one, so one bad event holds up only itself.
 * `onDone` hears each event as it is done, with the error if it failed.
 */
export async function fanOutWebhookEvents(
  db: Database,
  events: readonly WebhookEventToFanOut[],
  onDone: (event: WebhookEventToFanOut, error?: unknown) => void,
): Promise<void> {
  const byTenant = new Map<string, WebhookEventToFanOut[]>();
  for (const event of events) byTenant.set(event.tenantId, [...(byTenant.get(event.tenantId) ?? []), event]);
  for (const [tenantId, ofTenant] of byTenant) {
    try {
      await withTenant(db, tenantId, (tx) => fanOutInTransaction(tx, tenantId, ofTenant));
      for (const event of ofTenant) onDone(event);
    } catch (batchError) {
      if (ofTenant.length === 1) {
        onDone(ofTenant[0]!, batchError);
        continue;
      }
      for (const event of ofTenant) {
        try {
          await fanOutWebhookEvent(db, event);
          onDone(event);
        } catch (error) {
          onDone(event, error);
        }
      }
    }
  }
}

async function fanOutInTransaction(
  tx: Transaction,
  tenantId: string,
  events: readonly WebhookEventToFanOut[],
): Promise<{ created: number }> {
  const subs = schema.webhookSubscriptions;
  const types = [...new Set(events.map((event) => event.eventType))];
  const subscriptions = await tx
    .select({
      id: subs.id,
      eventTypes: subs.eventTypes,
      includeContacts: subs.includeContacts,
      includeBilling: subs.includeBilling,
    })
    .from(subs)
    .where(
      and(
        eq(subs.tenantId, tenantId),
        eq(subs.active, true),
        // biome-ignore lint/suspicious/noExplicitAny: the column is typed with the known event types
        arrayOverlaps(subs.eventTypes, types as any),
      ),
    )
    .orderBy(asc(subs.createdAt), asc(subs.id));
  if (subscriptions.length === 0) return { created: 0 };
  const gates = await webhookGatesOf(tx, tenantId);
  const values: Array<typeof schema.webhookDeliveries.$inferInsert> = [];
  for (const event of events) {
    const subscribed = subscriptions.filter((s) =>
      (s.eventTypes as readonly string[]).includes(event.eventType),
    );
    if (subscribed.length === 0) continue;
    const payloadFor = await prepareWebhookPayload(tx, { ...event, gates });
    for (const s of subscribed) {
      values.push({
        tenantId,
        subscriptionId: s.id,
        eventId: event.eventId,
        eventType: event.eventType,
        payload: payloadFor(s) as unknown as Record<string, unknown>,
      });
    }
  }
  if (values.length === 0) return { created: 0 };
  // The unique (subscription, event) key makes a rerun create nothing twice.
  const created = await tx.insert(schema.webhookDeliveries).values(values).onConflictDoNothing().returning({
    id: schema.webhookDeliveries.id,
    subscriptionId: schema.webhookDeliveries.subscriptionId,
  });
  await recordEvents(
    tx,
    webhookDeliveryDue.name,
    created.map((delivery) => ({
      tenantId,
      deliveryId: delivery.id,
      subscriptionId: delivery.subscriptionId,
    })),
  );
  return { created: created.length };
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
  kind: "claimed" | "stopped";
  id: string;
  subscription_id: string;
  attempt_count: number;
  payload: Record<string, unknown> | null;
  url: string | null;
  secret: string | null;
  previous_secret: string | null;
  previous_secret_expires_at: string | Date | null;
};

/** How many attempts to one endpoint one process sends at a time (matches the Inngest function's limit). */
export const ENDPOINT_CONCURRENCY = 2;

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
  const results = await attemptWebhookDeliveries(db, target.tenantId, [target.deliveryId], options);
  return results.get(target.deliveryId) ?? { outcome: "missing" };
}

/**
 * Attempts of several deliveries of one tenant, with the same guarantees as one at a time and
 * far fewer round trips: one statement claims them all (and stops those whose endpoint was
 * disabled meanwhile); each endpoint's attempts are sent ENDPOINT_CONCURRENCY at a time, endpoints
 * side by side; each endpoint's attempts are then logged and settled in one statement, so a slow
 * receiver only holds up its own deliveries. `onSettled` hears each delivery as soon as its
 * endpoint's group is recorded.
 */
export async function attemptWebhookDeliveries(
  db: Database,
  tenantId: string,
  deliveryIds: readonly string[],
  options: WebhookDeliveryOptions,
  onSettled?: (deliveryId: string, result: AttemptResult) => void,
): Promise<Map<string, AttemptResult>> {
  const results = new Map<string, AttemptResult>();
  const settle = (id: string, result: AttemptResult) => {
    results.set(id, result);
    onSettled?.(id, result);
  };
  const deliveries = schema.webhookDeliveries;
  const ids = [...new Set(deliveryIds)].filter((id) => UUID.test(id));
  for (const id of deliveryIds) if (!UUID.test(id)) settle(id, { outcome: "missing" });
  if (ids.length === 0) return results;

  const claimed = await withTenant(db, tenantId, async (tx) => {
    // One statement: the row locks make the claim atomic — of two processes, one gets each row.
    const rows = rowsOf<Claimed>(
      await tx.execute(sql`
        with wanted as (
          select d.id from webhook_deliveries d
           where d.tenant_id = ${tenantId} and d.id = any(${pgUuidArray(ids)}::uuid[])),
        stopped as (
          -- The endpoint was disabled meanwhile: the delivery stops here; a replay starts it again.
          update webhook_deliveries d
             set status = 'failed', completed_at = now(), next_attempt_at = null
            from webhook_subscriptions s
           where d.tenant_id = ${tenantId} and d.id in (select id from wanted)
             and s.tenant_id = d.tenant_id and s.id = d.subscription_id and not s.active
             and d.status in ('pending', 'retrying', 'delivering')
          returning d.id, d.subscription_id),
        claimed as (
          update webhook_deliveries d
             set status = 'delivering', attempt_count = d.attempt_count + 1,
                 next_attempt_at = now() + make_interval(secs => ${CLAIM_LEASE_SECONDS})
            from webhook_subscriptions s
           where d.tenant_id = ${tenantId} and d.id in (select id from wanted)
             and s.tenant_id = d.tenant_id and s.id = d.subscription_id and s.active
             and ((d.status in ('pending', 'retrying')
                   and (d.next_attempt_at is null or d.next_attempt_at <= now() + interval '1 second'))
               or (d.status = 'delivering' and d.next_attempt_at <= now()))
          returning d.id, d.subscription_id, d.attempt_count, d.payload, s.url, s.secret,
                    s.previous_secret, s.previous_secret_expires_at)
        select 'claimed' as kind, c.* from claimed c
        union all
        select 'stopped' as kind, st.id, st.subscription_id, 0, null, null, null, null, null from stopped st`),
    );
    const seen = new Set(rows.map((row) => row.id));
    const rest = ids.filter((id) => !seen.has(id));
    // Why the others were not claimed: rare (a rerun, a replayed event, another process), so asked apart.
    const others = rest.length
      ? await tx
          .select({ id: deliveries.id, status: deliveries.status })
          .from(deliveries)
          .where(
            and(eq(deliveries.tenantId, tenantId), sql`${deliveries.id} = any(${pgUuidArray(rest)}::uuid[])`),
          )
      : [];
    return { rows, others };
  });
  for (const row of claimed.others) {
    settle(
      row.id,
      row.status === "succeeded" || row.status === "failed"
        ? { outcome: "settled" }
        : row.status === "delivering"
          ? { outcome: "busy" }
          : { outcome: "not_due" },
    );
  }
  const known = new Set([...claimed.rows.map((row) => row.id), ...claimed.others.map((row) => row.id)]);
  for (const id of ids) if (!known.has(id)) settle(id, { outcome: "missing" });
  const byEndpoint = new Map<string, Claimed[]>();
  for (const row of claimed.rows) {
    if (row.kind === "stopped") {
      settle(row.id, { outcome: "endpoint_disabled" });
      continue;
    }
    byEndpoint.set(row.subscription_id, [...(byEndpoint.get(row.subscription_id) ?? []), row]);
  }

  await Promise.all(
    [...byEndpoint.entries()].map(async ([subscriptionId, rows]) => {
      const sent = await mapLimited(rows, ENDPOINT_CONCURRENCY, (row) => sendOne(tenantId, row, options));
      const recorded = await recordAttempts(db, tenantId, subscriptionId, sent, options);
      for (const [id, result] of recorded) settle(id, result);
    }),
  );
  return results;
}

type Sent = { row: Claimed; startedAt: Date; result: AttemptOutcome };

async function sendOne(tenantId: string, row: Claimed, options: WebhookDeliveryOptions): Promise<Sent> {
  const body = JSON.stringify(row.payload);
  const startedAt = new Date();
  const secrets = [row.secret!];
  const previousExpires = row.previous_secret_expires_at ? new Date(row.previous_secret_expires_at) : null;
  if (row.previous_secret && previousExpires && previousExpires > startedAt)
    secrets.push(row.previous_secret);
  let result: AttemptOutcome;
  try {
    result = await sendWebhook({
      url: row.url!,
      headers: { ...signWebhook({ id: row.id, at: startedAt, body, secrets }) },
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
    deliveryId: row.id,
    subscriptionId: row.subscription_id,
    attempt: row.attempt_count,
    statusCode: result.statusCode,
    durationMs: result.durationMs,
    error: result.error,
  });
  return { row, startedAt, result };
}

/**
 * Logs one endpoint's attempts and settles their deliveries in one transaction: failures first
 * decide whether the endpoint is disabled (410, or failing for days), then one statement inserts
 * every attempt and sets every delivery's new state, then the retries' due events are recorded
 * for their time.
 */
async function recordAttempts(
  db: Database,
  tenantId: string,
  subscriptionId: string,
  sent: readonly Sent[],
  options: WebhookDeliveryOptions,
): Promise<Map<string, AttemptResult>> {
  return withTenant(db, tenantId, async (tx) => {
    const results = new Map<string, AttemptResult>();
    const failures = sent.filter((s) => !s.result.ok);
    let disabled = false;
    if (failures.some((s) => s.result.gone)) {
      disabled = await disableEndpoint(tx, tenantId, subscriptionId, "gone");
    } else if (failures.length > 0) {
      const earliest = Math.min(...failures.map((s) => s.startedAt.getTime()));
      disabled =
        (await failingSince(tx, tenantId, subscriptionId)) <=
          earliest - (options.disableAfterFailingMs ?? DISABLE_AFTER_FAILING_MS) &&
        (await disableEndpoint(tx, tenantId, subscriptionId, "failing"));
    }
    const retries: Array<{ id: string; at: Date }> = [];
    const rows = sent.map(({ row, startedAt, result }) => {
      const done = { attempt: row.attempt_count, statusCode: result.statusCode, error: result.error };
      let status: "succeeded" | "retrying" | "failed";
      let next: Date | null = null;
      if (result.ok) status = "succeeded";
      else {
        const wait =
          disabled || result.gone
            ? null
            : retryDelaySeconds(
                row.attempt_count,
                result.retryAfterSeconds,
                options.retryDelaysSeconds,
                options.random,
              );
        if (wait === null) status = "failed";
        else {
          status = "retrying";
          next = new Date(Date.now() + wait * 1000);
          retries.push({ id: row.id, at: next });
        }
      }
      results.set(row.id, { outcome: status, ...done });
      return {
        id: row.id,
        attempt_number: row.attempt_count,
        started_at: startedAt.toISOString(),
        duration_ms: result.durationMs,
        status_code: result.statusCode,
        error: result.error,
        response_excerpt: result.responseExcerpt,
        status,
        next_attempt_at: next?.toISOString() ?? null,
      };
    });
    await tx.execute(sql`
      with r as (
        select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(
          id uuid, attempt_number int, started_at timestamptz, duration_ms int, status_code int,
          error text, response_excerpt text, status text, next_attempt_at timestamptz)),
      logged as (
        insert into webhook_delivery_attempts
          (tenant_id, delivery_id, attempt_number, started_at, duration_ms, status_code, error, response_excerpt)
        select ${tenantId}, r.id, r.attempt_number, r.started_at, r.duration_ms, r.status_code, r.error,
               r.response_excerpt
          from r)
      update webhook_deliveries d
         set status = r.status, next_attempt_at = r.next_attempt_at, last_status_code = r.status_code,
             completed_at = case when r.status = 'retrying' then null else now() end
        from r
       where d.tenant_id = ${tenantId} and d.id = r.id`);
    if (retries.length > 0) {
      await tx.insert(schema.outboxEvents).values(
        retries.map((retry) => ({
          tenantId,
          name: webhookDeliveryDue.name,
          payload: webhookDeliveryDue.schema.parse({ tenantId, deliveryId: retry.id, subscriptionId }),
          // The relay leaves the row alone until then.
          nextAttemptAt: retry.at,
        })),
      );
    }
    return results;
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A uuid[] parameter as PostgreSQL's array text (the ids are uuids, checked by the cast). */
function pgUuidArray(ids: readonly string[]): string {
  return `{${ids.join(",")}}`;
}

/** Runs `work` over `items`, at most `limit` at a time, keeping their order in the result. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      out[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
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
 * Turns the endpoint off and leaves the notices: an audit row by the system with the reason
 * ("gone": the receiver answered 410; "failing": three days without a success), the banner on the
 * webhook settings (the subscription's disabled reason and time) and, through the outbox, a mail
 * to each of the tenant's admins.
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
  // The admins' mail goes out from the outbox: it exists exactly when the endpoint is off.
  await recordEvent(tx, webhookEndpointDisabled.name, { tenantId, subscriptionId, reason });
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
