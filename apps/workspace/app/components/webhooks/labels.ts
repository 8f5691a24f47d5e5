import { webhookEventNames } from "@ordinavo/domain/labels";

// Words for the webhook settings page: the events a subscription can choose (the domain's
// webhookEventNames, one list for every type), and short texts for the delivery log's error codes
// (the log stores codes, never free text from elsewhere).

export { webhookEventNames };

export const TEST_EVENT = "webhook.test";

export function eventName(type: string): string {
  if (type === TEST_EVENT) return "Test event";
  return (webhookEventNames as Record<string, string>)[type] ?? type;
}

const errorTexts: Record<string, string> = {
  timeout: "No answer within 15 seconds",
  refused_address: "Refused: the address is private or local",
  network: "Could not connect",
  insecure_url: "Refused: not an https:// address",
  invalid_url: "Not a valid address",
};

/** "http_503" → "Answered 503"; known codes in words; anything else as stored. */
export function attemptErrorText(code: string): string {
  const http = /^http_(\d{3})$/.exec(code);
  if (http) return `Answered ${http[1]}`;
  return errorTexts[code] ?? code;
}

export const disabledReasonText = {
  gone: "Ordinavo turned it off: the receiver answered 410 Gone.",
  failing: "Ordinavo turned it off: every delivery failed for three days.",
} as const;
