import { type WebhookDeliveryStatus, webhookDeliveryStatuses } from "../vocabulary";
import { defineMachine, type TransitionTable } from "./machine";

// A delivery is attempted; the attempt succeeds, fails for good, or will be retried. A retry is
// another attempt. Succeeded and failed are final.
export const webhookDeliveryTransitions: TransitionTable<WebhookDeliveryStatus> = {
  pending: ["delivering"],
  delivering: ["succeeded", "retrying", "failed"],
  retrying: ["delivering"],
  succeeded: [],
  failed: [],
};

export const webhookDeliveryMachine = defineMachine(
  "webhook_delivery",
  webhookDeliveryStatuses,
  webhookDeliveryTransitions,
);
