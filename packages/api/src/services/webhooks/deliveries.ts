import { recordAudit, schema, withTenant } from "@ordinavo/db";
import { webhookDeliveryStatuses } from "@ordinavo/domain";
import { recordEvent } from "@ordinavo/jobs";
import { and, asc, desc, eq, gte, inArray, lt, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../../errors";
import { auditActor, type StaffContext } from "../context";
import { cursorCodec, keysetPage, ZCursorInput } from "../cursor";

// The delivery log of one subscription (filtered by status, event type and creation time, paged
// newest first): each delivery (one event to this endpoint) with its attempts — time, status code, duration, the start of the receiver's answer and a short error
// code. Never the secret, the signature or the payload's contents beyond its type.

export const ZWebhookDeliveriesInput = z.object({
  webhookSubscriptionId: z.uuid({ error: "Choose a webhook" }),
  status: z.enum(webhookDeliveryStatuses, { error: "Choose a status from the list" }).optional(),
  eventType: z
    .string()
    .trim()
    .max(64)
    .regex(/^[a-z_.]*$/, { error: "Choose an event type from the list" })
    .optional(),
  /** Deliveries created at or after this moment… */
  since: z.coerce.date({ error: "Enter a valid date" }).optional(),
  /** …and before this one. */
  until: z.coerce.date({ error: "Enter a valid date" }).optional(),
  after: ZCursorInput,
  limit: z.number().int().min(1).max(100).default(20),
});
export type WebhookDeliveriesInput = z.output<typeof ZWebhookDeliveriesInput>;

const ZAttempt = z.object({
  attemptNumber: z.number().int(),
  startedAt: z.date(),
  durationMs: z.number().int(),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  responseExcerpt: z.string().nullable(),
});

export const ZWebhookDelivery = z.object({
  id: z.string(),
  eventType: z.string(),
  status: z.enum(webhookDeliveryStatuses),
  attemptCount: z.number().int(),
  nextAttemptAt: z.date().nullable(),
  lastStatusCode: z.number().int().nullable(),
  createdAt: z.date(),
  completedAt: z.date().nullable(),
  /** Newest first, at most ten. */
  attempts: z.array(ZAttempt),
});

export const ZWebhookDeliveries = z.object({
  items: z.array(ZWebhookDelivery),
  nextCursor: z.string().nullable(),
});

/** Newest first: creation time and id. */
const byTime = cursorCodec("timestamp", "uuid");
const ATTEMPTS_SHOWN = 10;
/** The log keeps a short excerpt; the page shows at most this much of it. */
const EXCERPT_SHOWN = 500;

export function listWebhookDeliveries(ctx: StaffContext, input: WebhookDeliveriesInput) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const subs = schema.webhookSubscriptions;
    const [sub] = await tx
      .select({ id: subs.id })
      .from(subs)
      .where(and(eq(subs.tenantId, ctx.tenantId), eq(subs.id, input.webhookSubscriptionId)));
    if (!sub) throw AppError.notFound("This webhook");
    const after = input.after ? byTime.decode(input.after) : null;
    const d = schema.webhookDeliveries;
    const where: SQL = and(
      eq(d.tenantId, ctx.tenantId),
      eq(d.subscriptionId, sub.id),
      input.status ? eq(d.status, input.status) : undefined,
      input.eventType ? eq(d.eventType, input.eventType) : undefined,
      input.since ? gte(d.createdAt, input.since) : undefined,
      input.until ? lt(d.createdAt, input.until) : undefined,
      after ? sql`(${d.createdAt}, ${d.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined,
    )!;
    const rows = await tx
      .select({
        id: d.id,
        eventType: d.eventType,
        status: d.status,
        attemptCount: d.attemptCount,
        nextAttemptAt: d.nextAttemptAt,
        lastStatusCode: d.lastStatusCode,
        createdAt: d.createdAt,
        completedAt: d.completedAt,
        // The exact stored time, for the cursor (a Date keeps milliseconds only).
        cursorAt: sql<string>`${d.createdAt}::text`,
      })
      .from(d)
      .where(where)
      .orderBy(desc(d.createdAt), desc(d.id))
      .limit(input.limit + 1);
    const { page, nextCursor } = keysetPage(rows, input.limit, (row) =>
      byTime.encode([row.cursorAt, row.id]),
    );
    const a = schema.webhookDeliveryAttempts;
    const attempts = page.length
      ? await tx
          .select()
          .from(a)
          .where(
            and(
              eq(a.tenantId, ctx.tenantId),
              inArray(
                a.deliveryId,
                page.map((row) => row.id),
              ),
            ),
          )
          .orderBy(asc(a.deliveryId), desc(a.attemptNumber))
      : [];
    return {
      items: page.map(({ cursorAt: _, ...row }) => ({
        ...row,
        status: row.status as (typeof webhookDeliveryStatuses)[number],
        attempts: attempts
          .filter((attempt) => attempt.deliveryId === row.id)
          .slice(0, ATTEMPTS_SHOWN)
          .map((attempt) => ({
            attemptNumber: attempt.attemptNumber,
            startedAt: attempt.startedAt,
            durationMs: attempt.durationMs,
            statusCode: attempt.statusCode,
            error: attempt.error,
            responseExcerpt: attempt.responseExcerpt?.slice(0, EXCERPT_SHOWN) ?? null,
          })),
      })),
      nextCursor,
    };
  });
}

/**
 * Sends a delivery that gave up once more, with the same webhook-id, as soon as the job runner
 * picks it up. Only failed deliveries can be replayed, and only to an active endpoint.
 */
export function replayWebhookDelivery(ctx: StaffContext, deliveryId: string) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const d = schema.webhookDeliveries;
    const subs = schema.webhookSubscriptions;
    const [row] = await tx
      .select({ id: d.id, status: d.status, subscriptionId: d.subscriptionId, active: subs.active })
      .from(d)
      .innerJoin(subs, and(eq(subs.tenantId, d.tenantId), eq(subs.id, d.subscriptionId)))
      .where(and(eq(d.tenantId, ctx.tenantId), eq(d.id, deliveryId)));
    if (!row) throw AppError.notFound("This delivery");
    if (!row.active) {
      throw new AppError("CONFLICT", "This webhook is disabled. Enable it before replaying deliveries.");
    }
    const [replayed] = await tx
      .update(d)
      .set({ status: "pending", nextAttemptAt: null, completedAt: null })
      .where(and(eq(d.tenantId, ctx.tenantId), eq(d.id, row.id), eq(d.status, "failed")))
      .returning({ id: d.id });
    if (!replayed) throw new AppError("CONFLICT", "Only failed deliveries can be replayed.");
    await recordEvent(tx, "ordinavo/webhook.delivery_due", {
      tenantId: ctx.tenantId,
      deliveryId: row.id,
      subscriptionId: row.subscriptionId,
    });
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actor: auditActor(ctx.actor),
      action: "webhook_subscription.delivery_replayed",
      objectType: "webhook_subscription",
      objectId: row.subscriptionId,
      metadata: { deliveryId: row.id },
    });
    return { ok: true as const };
  });
}
