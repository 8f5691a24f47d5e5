import { recordAudit, schema, type Transaction, withTenant } from "@ordinavo/db";
import {
  type CreateWebhookSubscriptionInput,
  type UpdateWebhookSubscriptionInput,
  webhookEventTypes,
} from "@ordinavo/domain";
import { newWebhookSecret, recordEvent, TEST_EVENT_TYPE, testPayload } from "@ordinavo/jobs";
import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../../errors";
import { auditActor, type StaffContext } from "../context";

// Webhook subscriptions, for tenant admins only (policy `webhook.manage`, checked by the
// procedures). The signing secret leaves the server exactly twice: in the answer to create and to
// rotate. After a rotation the previous secret keeps signing for 24 hours, so receivers can switch
// without losing a delivery. Audit rows hold facts (which events, whether contacts or billing
// details), never the URL
// or the description, which may carry tokens or names.

export const ROTATION_OVERLAP_MS = 24 * 3600_000;

export const ZWebhookSubscriptionView = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string().nullable(),
  eventTypes: z.array(z.enum(webhookEventTypes)),
  includeContacts: z.boolean(),
  includeBilling: z.boolean(),
  active: z.boolean(),
  /** Why Ordinavo turned it off: the receiver answered 410, or it failed for days. */
  disabledReason: z.enum(["gone", "failing"]).nullable(),
  disabledAt: z.date().nullable(),
  /** While a rotation lasts: when the previous secret stops signing. */
  previousSecretExpiresAt: z.date().nullable(),
  createdAt: z.date(),
  /** Deliveries that gave up (the log's "failed"), for a hint in the list. */
  failedDeliveries: z.number().int(),
});
export type WebhookSubscriptionView = z.infer<typeof ZWebhookSubscriptionView>;

const subs = schema.webhookSubscriptions;

type Row = typeof subs.$inferSelect;

function view(row: Row, failedDeliveries = 0): WebhookSubscriptionView {
  const rotating = row.previousSecretExpiresAt && row.previousSecretExpiresAt > new Date();
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes,
    includeContacts: row.includeContacts,
    includeBilling: row.includeBilling,
    active: row.active,
    disabledReason:
      row.disabledReason === "gone" || row.disabledReason === "failing" ? row.disabledReason : null,
    disabledAt: row.disabledAt,
    previousSecretExpiresAt: rotating ? row.previousSecretExpiresAt : null,
    createdAt: row.createdAt,
    failedDeliveries,
  };
}

async function findRow(tx: Transaction, ctx: StaffContext, id: string): Promise<Row> {
  const [row] = await tx
    .select()
    .from(subs)
    .where(and(eq(subs.tenantId, ctx.tenantId), eq(subs.id, id)));
  if (!row) throw AppError.notFound("This webhook");
  return row;
}

/** Contacts travel only when the tenant's gate is on; asking for them otherwise is a field error. */
function checkContacts(ctx: StaffContext, includeContacts: boolean | undefined) {
  if (includeContacts && !ctx.gates.webhookIncludeContacts) {
    throw AppError.field(
      "includeContacts",
      "Contact details in webhooks are turned off for this workspace. Turn them on in the workspace settings first.",
    );
  }
}

/** Billing details likewise, behind the tenant's "billing details in webhooks" gate. */
function checkBilling(ctx: StaffContext, includeBilling: boolean | undefined) {
  if (includeBilling && !ctx.gates.webhookIncludeBilling) {
    throw AppError.field(
      "includeBilling",
      "Billing details in webhooks are turned off for this workspace. Turn them on in the workspace settings first.",
    );
  }
}

export function listWebhookSubscriptions(ctx: StaffContext): Promise<WebhookSubscriptionView[]> {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const rows = await tx
      .select({
        row: subs,
        failed: sql<number>`(select count(*)::int from webhook_deliveries d
          where d.tenant_id = ${subs.tenantId} and d.subscription_id = ${subs.id} and d.status = 'failed')`,
      })
      .from(subs)
      .where(eq(subs.tenantId, ctx.tenantId))
      .orderBy(desc(subs.createdAt), desc(subs.id))
      .limit(200);
    return rows.map(({ row, failed }) => view(row, Number(failed)));
  });
}

export function getWebhookSubscription(ctx: StaffContext, id: string): Promise<WebhookSubscriptionView> {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => view(await findRow(tx, ctx, id)));
}

function audit(tx: Transaction, ctx: StaffContext, action: string, id: string, metadata = {}) {
  return recordAudit(tx, {
    tenantId: ctx.tenantId,
    actor: auditActor(ctx.actor),
    action,
    objectType: "webhook_subscription",
    objectId: id,
    metadata,
  });
}

export function createWebhookSubscription(ctx: StaffContext, input: CreateWebhookSubscriptionInput) {
  checkContacts(ctx, input.includeContacts);
  checkBilling(ctx, input.includeBilling);
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const secret = newWebhookSecret();
    const [row] = await tx
      .insert(subs)
      .values({
        tenantId: ctx.tenantId,
        url: input.url,
        description: input.description ?? null,
        eventTypes: input.eventTypes,
        includeContacts: input.includeContacts,
        includeBilling: input.includeBilling,
        active: input.active,
        secret,
        createdById: ctx.actor.kind === "staff" ? ctx.actor.userId : null,
      })
      .returning();
    await audit(tx, ctx, "webhook_subscription.created", row!.id, {
      eventTypes: input.eventTypes.join(" "),
      includeContacts: input.includeContacts,
      includeBilling: input.includeBilling,
    });
    return { secret, subscription: view(row!) };
  });
}

export function updateWebhookSubscription(ctx: StaffContext, input: UpdateWebhookSubscriptionInput) {
  checkContacts(ctx, input.includeContacts);
  checkBilling(ctx, input.includeBilling);
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const before = await findRow(tx, ctx, input.webhookSubscriptionId);
    const changes: Partial<Row> = {};
    if (input.url !== undefined && input.url !== before.url) changes.url = input.url;
    if (input.description !== undefined && (input.description ?? null) !== before.description)
      changes.description = input.description ?? null;
    if (input.eventTypes !== undefined) changes.eventTypes = input.eventTypes;
    if (input.includeContacts !== undefined) changes.includeContacts = input.includeContacts;
    if (input.includeBilling !== undefined) changes.includeBilling = input.includeBilling;
    if (input.active !== undefined && input.active !== before.active) {
      changes.active = input.active;
      // Re-enabled by an admin: Ordinavo's reason for turning it off is history now.
      if (input.active) Object.assign(changes, { disabledReason: null, disabledAt: null });
    }
    const [row] = await tx
      .update(subs)
      .set({ ...changes, updatedAt: new Date() })
      .where(and(eq(subs.tenantId, ctx.tenantId), eq(subs.id, before.id)))
      .returning();
    const changed = Object.keys(changes).filter((key) => key !== "disabledReason" && key !== "disabledAt");
    if (changed.length) {
      const action =
        changes.active === true
          ? "webhook_subscription.enabled"
          : changes.active === false
            ? "webhook_subscription.disabled"
            : "webhook_subscription.updated";
      await recordAudit(tx, {
        tenantId: ctx.tenantId,
        actor: auditActor(ctx.actor),
        action,
        objectType: "webhook_subscription",
        objectId: before.id,
        changedFields: changed,
      });
    }
    return view(row!);
  });
}

/** A new secret, shown once; the previous one keeps signing for 24 hours. */
export function rotateWebhookSecret(ctx: StaffContext, id: string) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const before = await findRow(tx, ctx, id);
    const secret = newWebhookSecret();
    const [row] = await tx
      .update(subs)
      .set({
        secret,
        previousSecret: before.secret,
        previousSecretExpiresAt: new Date(Date.now() + ROTATION_OVERLAP_MS),
        updatedAt: new Date(),
      })
      .where(and(eq(subs.tenantId, ctx.tenantId), eq(subs.id, before.id)))
      .returning();
    await audit(tx, ctx, "webhook_subscription.secret_rotated", before.id);
    return { secret, subscription: view(row!) };
  });
}

/**
 * A `webhook.test` delivery to this one subscription, through the same path as every other
 * delivery (signed, logged, retried). The subscription must be active.
 */
export function sendWebhookTest(ctx: StaffContext, id: string) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const row = await findRow(tx, ctx, id);
    if (!row.active) {
      throw new AppError("CONFLICT", "This webhook is disabled. Enable it before sending a test event.");
    }
    const [delivery] = await tx
      .insert(schema.webhookDeliveries)
      .values({
        tenantId: ctx.tenantId,
        subscriptionId: row.id,
        eventId: crypto.randomUUID(),
        eventType: TEST_EVENT_TYPE,
        payload: testPayload(row.id, new Date()) as unknown as Record<string, unknown>,
      })
      .returning({ id: schema.webhookDeliveries.id });
    await recordEvent(tx, "ordinavo/webhook.delivery_due", {
      tenantId: ctx.tenantId,
      deliveryId: delivery!.id,
      subscriptionId: row.id,
    });
    await audit(tx, ctx, "webhook_subscription.test_sent", row.id, { deliveryId: delivery!.id });
    return { deliveryId: delivery!.id };
  });
}
