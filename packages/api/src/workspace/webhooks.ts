import { ZCreateWebhookSubscriptionInput, ZUpdateWebhookSubscriptionInput } from "@ordinavo/domain";
import { z } from "zod";
import { permitted, workspaceT } from "../realms/workspace";
import {
  createWebhookSubscription,
  getWebhookSubscription,
  listWebhookDeliveries,
  listWebhookSubscriptions,
  replayWebhookDelivery,
  rotateWebhookSecret,
  sendWebhookTest,
  updateWebhookSubscription,
  ZWebhookDeliveries,
  ZWebhookDeliveriesInput,
  ZWebhookSubscriptionView,
} from "../services/webhooks";

const ZId = z.object({ webhookSubscriptionId: z.uuid({ error: "Choose a webhook" }) });
const ZWithSecret = z.object({ secret: z.string(), subscription: ZWebhookSubscriptionView });

/**
 * Webhook settings, tenant admins only ("Webhook settings: Full / No / No / No"). The signing
 * secret is in the answers of create and rotate, and nowhere else.
 */
export const webhooksRouter = workspaceT.router({
  list: permitted("webhook.manage")
    .output(z.array(ZWebhookSubscriptionView))
    .query(({ ctx }) => listWebhookSubscriptions(ctx.service)),

  get: permitted("webhook.manage")
    .input(ZId)
    .output(ZWebhookSubscriptionView)
    .query(({ ctx, input }) => getWebhookSubscription(ctx.service, input.webhookSubscriptionId)),

  create: permitted("webhook.manage")
    .input(ZCreateWebhookSubscriptionInput)
    .output(ZWithSecret)
    .mutation(({ ctx, input }) => createWebhookSubscription(ctx.service, input)),

  /** Edits, and enable/disable (`active`); enabling clears Ordinavo's reason for disabling it. */
  update: permitted("webhook.manage")
    .input(ZUpdateWebhookSubscriptionInput)
    .output(ZWebhookSubscriptionView)
    .mutation(({ ctx, input }) => updateWebhookSubscription(ctx.service, input)),

  rotateSecret: permitted("webhook.manage")
    .input(ZId)
    .output(ZWithSecret)
    .mutation(({ ctx, input }) => rotateWebhookSecret(ctx.service, input.webhookSubscriptionId)),

  sendTest: permitted("webhook.manage")
    .input(ZId)
    .output(z.object({ deliveryId: z.string() }))
    .mutation(({ ctx, input }) => sendWebhookTest(ctx.service, input.webhookSubscriptionId)),

  deliveries: permitted("webhook.manage")
    .input(ZWebhookDeliveriesInput)
    .output(ZWebhookDeliveries)
    .query(({ ctx, input }) => listWebhookDeliveries(ctx.service, input)),

  replay: permitted("webhook.manage")
    .input(z.object({ deliveryId: z.uuid({ error: "Choose a delivery" }) }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => replayWebhookDelivery(ctx.service, input.deliveryId)),
});
