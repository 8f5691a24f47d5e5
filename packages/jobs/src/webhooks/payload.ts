import { schema, type Transaction } from "@ordinavo/db";
import {
  closedGates,
  type FieldKind,
  gateNames,
  projectWebhookPayload,
  type TenantGates,
  type WebhookSubscriptionOptions,
} from "@ordinavo/policy";
import { and, eq } from "drizzle-orm";
import type { WebhookSource } from "../events";

// What a webhook says about an event: the Standard Webhooks envelope (`type`, `timestamp`, `data`)
// with our `source`, and in `data` the object as the Integration column allows it — the policy's
// webhook field lists (packages/policy/src/fields/rules.ts) cut every row down, so free text a
// list does not name (internal notes, access notes, billing notes…) never leaves. Contact details
// go out only when the tenant's "contacts in webhooks" gate is on and the subscription asks;
// billing trigger details (the note) likewise with "billing details in webhooks" and the
// subscription's includeBilling — without them a billing trigger goes out with ids and status.

export const TEST_EVENT_TYPE = "webhook.test";

export interface WebhookEnvelope {
  type: string;
  timestamp: string;
  source: WebhookSource | "test" | null;
  data: Record<string, unknown>;
}

/** The kind of object an event type is about (its prefix), when the policy has a webhook list. */
const kindOfEvent: Record<string, FieldKind | undefined> = {
  customer: "customer",
  target: "target",
  appointment: "appointment",
  visit_report: "visit_report",
  billing_trigger: "billing_trigger",
};

type Loaded = { kind: FieldKind | null; row: Record<string, unknown> | null; contactId: string | null };

async function loadObject(tx: Transaction, tenantId: string, eventType: string, objectId: string) {
  const prefix = eventType.split(".")[0] ?? "";
  const byId = async <T extends { id: unknown; tenantId: unknown }>(table: T & object) => {
    // biome-ignore lint/suspicious/noExplicitAny: one lookup shape for several tables
    const t = table as any;
    const [row] = await tx
      .select()
      .from(t)
      .where(and(eq(t.tenantId, tenantId), eq(t.id, objectId)));
    return (row as Record<string, unknown> | undefined) ?? null;
  };
  const kind = kindOfEvent[prefix] ?? null;
  switch (prefix) {
    case "customer":
      return { kind, row: await byId(schema.customers), contactId: null };
    case "target": {
      const row = await byId(schema.targets);
      return { kind, row, contactId: (row?.contactId as string | null) ?? null };
    }
    case "appointment": {
      const row = await byId(schema.appointments);
      let contactId: string | null = null;
      if (row) {
        const [target] = await tx
          .select({ contactId: schema.targets.contactId })
          .from(schema.targets)
          .where(and(eq(schema.targets.tenantId, tenantId), eq(schema.targets.id, row.targetId as string)));
        contactId = target?.contactId ?? null;
      }
      return { kind, row, contactId };
    }
    case "visit_report":
      return { kind, row: await byId(schema.visitReports), contactId: null };
    case "billing_trigger":
      return { kind, row: await byId(schema.billingTriggers), contactId: null };
    case "follow_up": {
      // No free text: the follow-up's details stay inside; its ids, state and due date go out.
      const row = await byId(schema.followUps);
      const pickRow = row && {
        id: row.id,
        visitReportId: row.visitReportId,
        customerId: row.customerId,
        locationId: row.locationId,
        targetId: row.targetId,
        status: row.status,
        dueDate: row.dueDate,
        createdAt: row.createdAt,
      };
      return { kind: null, row: pickRow, contactId: null };
    }
    case "portal_request": {
      // No free text: the contact's title, description and the office's message stay inside.
      const row = await byId(schema.portalRequests);
      const pickRow = row && {
        id: row.id,
        customerId: row.customerId,
        locationId: row.locationId,
        type: row.type,
        status: row.status,
        createdAt: row.createdAt,
        decidedAt: row.status === "accepted" || row.status === "declined" ? row.reviewedAt : null,
        resultingTargetId: row.resultingTargetId,
      };
      return { kind: null, row: pickRow, contactId: null };
    }
    case "import_job": {
      const row = await byId(schema.importJobs);
      const pickRow = row && {
        id: row.id,
        sourceSystem: row.sourceSystem,
        kind: row.kind,
        status: row.status,
        totalRows: row.totalRows,
        processedRows: row.processedRows,
        failedRows: row.failedRows,
        createdAt: row.createdAt,
      };
      return { kind: null, row: pickRow, contactId: null };
    }
    default:
      return { kind: null, row: null, contactId: null } satisfies Loaded;
  }
}

/**
 * The policy's gates of a tenant from its tenant_settings row (every gate is the column of the same
 * name); all shut when the tenant has no settings row.
 */
export async function webhookGatesOf(tx: Transaction, tenantId: string): Promise<TenantGates> {
  const [settings] = await tx
    .select()
    .from(schema.tenantSettings)
    .where(eq(schema.tenantSettings.tenantId, tenantId));
  if (!settings) return closedGates;
  return Object.fromEntries(gateNames.map((gate) => [gate, settings[gate] === true])) as TenantGates;
}

/**
 * Reads the event's object once and returns the payload for a subscription, with or without the
 * contact and the billing details. An object removed since the event keeps only its id.
 */
export async function prepareWebhookPayload(
  tx: Transaction,
  input: {
    tenantId: string;
    eventType: string;
    objectId: string;
    source: WebhookSource | null;
    occurredAt: Date;
    gates: TenantGates;
  },
): Promise<(subscription: WebhookSubscriptionOptions) => WebhookEnvelope> {
  const loaded = await loadObject(tx, input.tenantId, input.eventType, input.objectId);
  let contact: Record<string, unknown> | null = null;
  if (loaded.contactId && input.gates.webhookIncludeContacts) {
    const [row] = await tx
      .select()
      .from(schema.contactPersons)
      .where(
        and(
          eq(schema.contactPersons.tenantId, input.tenantId),
          eq(schema.contactPersons.id, loaded.contactId),
        ),
      );
    contact = row ?? null;
  }
  const objectFor = (includeBilling: boolean): Record<string, unknown> =>
    loaded.row
      ? loaded.kind
        ? (projectWebhookPayload(loaded.kind, loaded.row, {
            gates: input.gates,
            subscription: { includeContacts: false, includeBilling },
          }) ?? { id: input.objectId })
        : loaded.row
      : { id: input.objectId };
  const plain = objectFor(false);
  const withBilling = loaded.kind === "billing_trigger" ? objectFor(true) : plain;
  return (subscription) => {
    const data: Record<string, unknown> = { ...(subscription.includeBilling ? withBilling : plain) };
    if (contact && subscription.includeContacts) {
      const projected = projectWebhookPayload("contact_person", contact, {
        gates: input.gates,
        subscription,
      });
      if (projected) data.contact = projected;
    }
    return {
      type: input.eventType,
      timestamp: input.occurredAt.toISOString(),
      source: input.source,
      data: JSON.parse(JSON.stringify(data)) as Record<string, unknown>,
    };
  };
}

/** The payload of a "Send test event": no data of the tenant's at all. */
export function testPayload(subscriptionId: string, at: Date): WebhookEnvelope {
  return {
    type: TEST_EVENT_TYPE,
    timestamp: at.toISOString(),
    source: "test",
    data: { subscriptionId, message: "A test event from Ordinavo." },
  };
}
