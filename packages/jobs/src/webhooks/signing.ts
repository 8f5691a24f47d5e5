import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// Signatures as the Standard Webhooks specification defines them: each endpoint has a secret
// "whsec_<base64 key>"; a delivery carries `webhook-id`, `webhook-timestamp` (Unix seconds) and
// `webhook-signature`, a space-separated list of "v1,<base64 HMAC-SHA256 of id.timestamp.body>".
// While a secret is being rotated both the new and the old one sign, so receivers that still hold
// the old secret keep verifying.

const PREFIX = "whsec_";

/** A new endpoint secret: 32 random bytes, in the specification's text form. */
export function newWebhookSecret(): string {
  return `${PREFIX}${randomBytes(32).toString("base64")}`;
}

function keyOf(secret: string): Buffer {
  if (!secret.startsWith(PREFIX)) throw new Error("A webhook secret starts with whsec_.");
  const key = Buffer.from(secret.slice(PREFIX.length), "base64");
  if (key.length < 24) throw new Error("A webhook secret holds at least 24 bytes.");
  return key;
}

/** The headers one delivery attempt sends; the body must be sent exactly as signed. */
export interface SignedHeaders {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
}

export function signWebhook(input: {
  id: string;
  /** When the attempt is sent. */
  at: Date;
  body: string;
  /** The current secret first, then the previous one while a rotation lasts. */
  secrets: readonly string[];
}): SignedHeaders {
  if (input.secrets.length === 0) throw new Error("A webhook is signed with at least one secret.");
  const timestamp = Math.floor(input.at.getTime() / 1000).toString();
  const content = `${input.id}.${timestamp}.${input.body}`;
  const signatures = input.secrets.map(
    (secret) => `v1,${createHmac("sha256", keyOf(secret)).update(content).digest("base64")}`,
  );
  return {
    "webhook-id": input.id,
    "webhook-timestamp": timestamp,
    "webhook-signature": signatures.join(" "),
  };
}

/**
 * Our own check of a signature (for the receiver example and tests that need no library): one of
 * the listed v1 signatures matches, and the timestamp is within `toleranceSeconds` of `now`.
 */
export function verifyWebhook(input: {
  secret: string;
  headers: SignedHeaders;
  body: string;
  now: Date;
  toleranceSeconds?: number;
}): boolean {
  const timestamp = Number(input.headers["webhook-timestamp"]);
  if (!Number.isInteger(timestamp)) return false;
  const tolerance = input.toleranceSeconds ?? 300;
  if (Math.abs(input.now.getTime() / 1000 - timestamp) > tolerance) return false;
  const expected = createHmac("sha256", keyOf(input.secret))
    .update(`${input.headers["webhook-id"]}.${timestamp}.${input.body}`)
    .digest();
  return input.headers["webhook-signature"].split(" ").some((entry) => {
    const [version, signature] = entry.split(",", 2);
    if (version !== "v1" || !signature) return false;
    const given = Buffer.from(signature, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
