import { z } from "zod";
import { webhookEventTypes } from "../vocabulary";
import { choice, flag, noDuplicates, optionalText, reference } from "./fields";

const loopbackHosts = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Webhooks leave over HTTPS. Plain HTTP is accepted only for this machine (localhost, 127.0.0.1,
 * ::1) and only when `allowHttpLoopback` is set, for local development. URLs that carry a user name
 * or password are refused: secrets belong in the signing secret, not in the URL.
 */
export function isAllowedWebhookUrl(url: string, options: { allowHttpLoopback: boolean }): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username !== "" || parsed.password !== "") return false;
  if (parsed.hostname === "") return false;
  if (parsed.protocol === "https:") return true;
  return parsed.protocol === "http:" && options.allowHttpLoopback && loopbackHosts.has(parsed.hostname);
}

const webhookUrl = z
  .string({ error: "Enter the address to send events to" })
  .trim()
  .min(1, { error: "Enter the address to send events to" })
  .max(2000, { error: "The address must be at most 2000 characters" })
  .refine((url) => isAllowedWebhookUrl(url, { allowHttpLoopback: true }), {
    error: "Enter an https:// address (http:// is only accepted for localhost)",
  });

const subscriptionFields = {
  url: webhookUrl,
  eventTypes: z
    .array(choice(webhookEventTypes, "Choose an event from the list"), { error: "Choose at least one event" })
    .min(1, { error: "Choose at least one event" })
    .superRefine(noDuplicates((eventType) => eventType, "This event is listed twice")),
  description: optionalText("Description", 500),
  /** Payloads carry contact person details (also needs the tenant's webhookIncludeContacts gate). */
  includeContacts: flag("Include contacts"),
  /** Billing trigger payloads carry their details (also needs the tenant's webhookIncludeBilling gate). */
  includeBilling: flag("Include billing details"),
  active: flag("Active"),
};

export const ZCreateWebhookSubscriptionInput = z.object({
  ...subscriptionFields,
  includeContacts: subscriptionFields.includeContacts.default(false),
  includeBilling: subscriptionFields.includeBilling.default(false),
  active: subscriptionFields.active.default(true),
});
export type CreateWebhookSubscriptionInput = z.infer<typeof ZCreateWebhookSubscriptionInput>;

/** Keys left out stay as they are. */
export const ZUpdateWebhookSubscriptionInput = z
  .object(subscriptionFields)
  .partial()
  .extend({ webhookSubscriptionId: reference("Choose a webhook subscription") });
export type UpdateWebhookSubscriptionInput = z.infer<typeof ZUpdateWebhookSubscriptionInput>;
