// Applying the field rules: the fields an actor receives of a kind, and a row cut down to them
// (for a reader or an outgoing webhook). What the lists contain is decided in rules.ts.

import { type Actor, closedGates, gatesOpen, type TenantGates } from "../actors";
import { canAny } from "../permissions";
import { type FieldKind, fieldKinds } from "./columns";
import { type Audience, type FieldRule, fieldRules, readActions, webhookBillingDetails } from "./rules";

export function audienceOf(actor: Actor): Audience {
  return actor.kind === "staff" ? actor.role : actor.kind;
}

function pick<R extends object>(row: R, list: readonly string[]): Partial<R> {
  const source = row as Readonly<Record<string, unknown>>;
  const out: Record<string, unknown> = {};
  for (const field of list) {
    if (Object.hasOwn(source, field)) out[field] = source[field];
  }
  return out as Partial<R>;
}

function ruleFor(kind: FieldKind, audience: Audience, gates: TenantGates): readonly string[] | null {
  const rules: { readonly [A in Audience]?: FieldRule<FieldKind> } = fieldRules[kind];
  const rule = Object.hasOwn(rules, audience) ? rules[audience] : undefined;
  if (rule === undefined || !gatesOpen(gates, rule.requires)) return null;
  return rule.fields;
}

/**
 * The fields of a kind this actor receives, or null when it receives nothing of that kind (no
 * read action, no list for its audience, or a gate is shut). The UI can use it to hide columns.
 */
export function fieldsFor(
  actor: Actor,
  kind: FieldKind,
  gates: TenantGates = closedGates,
): readonly string[] | null {
  if (!canAny(actor, readActions[kind], gates)) return null;
  return ruleFor(kind, audienceOf(actor), gates);
}

/**
 * A new object with only the fields the actor may receive; anything else in the row, including
 * fields this package has never heard of, is dropped. Null when the actor receives nothing of
 * this kind — the caller should not have got this far (object-level checks come first).
 */
export function project<R extends object>(
  actor: Actor,
  kind: FieldKind,
  row: R,
  gates: TenantGates = closedGates,
): Partial<R> | null {
  const list = fieldsFor(actor, kind, gates);
  return list === null ? null : pick(row, list);
}

/** Kinds that may travel in a webhook payload. */
export const webhookKinds = fieldKinds.filter((kind) => fieldRules[kind].webhook !== undefined);

/** What a webhook subscription asked for beyond the objects themselves. */
export type WebhookSubscriptionOptions = {
  readonly includeContacts: boolean;
  /** Billing trigger details; left out means no. */
  readonly includeBilling?: boolean;
};

/**
 * The part of an outgoing webhook payload about one object. Contact persons go out only when the
 * tenant allows it (`webhookIncludeContacts`) and the subscription asks for them
 * (`includeContacts`); billing trigger details (the note) likewise only with the tenant's
 * `webhookIncludeBilling` and the subscription's `includeBilling` — without them a billing trigger
 * goes out with its ids and status. Null when this kind never travels in webhooks.
 */
export function projectWebhookPayload<R extends object>(
  kind: FieldKind,
  row: R,
  options: { readonly gates: TenantGates; readonly subscription: WebhookSubscriptionOptions },
): Partial<R> | null {
  if (kind === "contact_person" && !options.subscription.includeContacts) return null;
  const list = ruleFor(kind, "webhook", options.gates);
  if (list === null) return null;
  const billingDetails =
    kind === "billing_trigger" &&
    options.subscription.includeBilling === true &&
    gatesOpen(options.gates, webhookBillingDetails.requires);
  return pick(row, billingDetails ? [...list, ...webhookBillingDetails.fields] : list);
}
