import { recordAudit, schema, type Transaction, withTenant } from "@ordinavo/db";
import type { CreateCustomerInput, UpdateCustomerInput } from "@ordinavo/domain";
import { can } from "@ordinavo/policy";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { AppError } from "../../errors";
import type { StaffContext } from "../context";
import { changedFields, staffAuditActor, uniqueAsField } from "../records";
import { visibleCustomer } from "../visibility";
import { recordWebhookEvent } from "../webhook-events";
import { customerView } from "./views";

const numberTaken = {
  customers_number_key: { field: "number", message: "Another customer already has this number" },
};

export function createCustomer(ctx: StaffContext, input: CreateCustomerInput) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const { externalReferences, ...fields } = input;
    if (externalReferences?.length && !can(ctx.actor, "external_reference.write", ctx.gates)) {
      throw AppError.field("externalReferences", "Your role cannot set external references.");
    }
    const [row] = await uniqueAsField(
      () =>
        tx
          .insert(schema.customers)
          .values({ ...fields, tenantId: ctx.tenantId, createdById: ctx.actor.userId })
          .returning(),
      numberTaken,
    );
    const customer = row!;
    if (externalReferences?.length) await replaceReferences(tx, ctx, customer.id, externalReferences);
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actor: staffAuditActor(ctx.actor),
      action: "customer.created",
      objectType: "customer",
      objectId: customer.id,
      changedFields: Object.keys(input).filter((k) => input[k as keyof typeof input] != null),
    });
    await recordWebhookEvent(tx, ctx, "customer.created", customer.id);
    return customerView(ctx.actor, customer, ctx.gates);
  });
}

export function updateCustomer(ctx: StaffContext, input: UpdateCustomerInput) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const { customerId, externalReferences, ...change } = input;
    const before = await visibleCustomer(tx, ctx, customerId);
    if (externalReferences !== undefined && !can(ctx.actor, "external_reference.write", ctx.gates)) {
      throw AppError.field("externalReferences", "Your role cannot change external references.");
    }
    const changed: string[] = changedFields(before, change);
    let after = before;
    if (changed.length) {
      const c = schema.customers;
      const [row] = await uniqueAsField(
        () =>
          tx
            .update(c)
            .set(change)
            .where(and(eq(c.tenantId, ctx.tenantId), eq(c.id, customerId)))
            .returning(),
        numberTaken,
      );
      after = row!;
    }
    if (
      externalReferences !== undefined &&
      (await replaceReferences(tx, ctx, customerId, externalReferences))
    ) {
      changed.push("externalReferences");
    }
    if (changed.length) {
      await recordAudit(tx, {
        tenantId: ctx.tenantId,
        actor: staffAuditActor(ctx.actor),
        action: "customer.updated",
        objectType: "customer",
        objectId: customerId,
        changedFields: changed,
      });
      await recordWebhookEvent(tx, ctx, "customer.updated", customerId);
    }
    return customerView(ctx.actor, after, ctx.gates);
  });
}

/** Archived customers leave lists and planning; nothing is deleted, and restore brings them back. */
export function setCustomerArchived(ctx: StaffContext, input: { customerId: string; archived: boolean }) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const before = await visibleCustomer(tx, ctx, input.customerId);
    if ((before.archivedAt !== null) === input.archived) return customerView(ctx.actor, before, ctx.gates);
    const c = schema.customers;
    const [row] = await tx
      .update(c)
      .set({ archivedAt: input.archived ? new Date() : null })
      .where(and(eq(c.tenantId, ctx.tenantId), eq(c.id, input.customerId)))
      .returning();
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actor: staffAuditActor(ctx.actor),
      action: input.archived ? "customer.archived" : "customer.restored",
      objectType: "customer",
      objectId: input.customerId,
      changedFields: ["archivedAt"],
    });
    // Archiving or restoring changes the customer's `archivedAt`, which integrations read.
    await recordWebhookEvent(tx, ctx, "customer.updated", input.customerId);
    return customerView(ctx.actor, row!, ctx.gates);
  });
}

/** A suggestion for the next customer number (the highest numeric suffix plus one). */
export function suggestCustomerNumber(ctx: StaffContext) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const c = schema.customers;
    const [row] = await tx
      .select({ number: c.number })
      .from(c)
      .where(and(eq(c.tenantId, ctx.tenantId), sql`${c.number} ~ '^[A-Za-z-]*[0-9]+$'`))
      .orderBy(desc(sql`length(${c.number})`), desc(c.number))
      .limit(1);
    if (!row) return { number: "C-10001" };
    const match = /^(.*?)(\d+)$/.exec(row.number)!;
    const next = String(Number(match[2]) + 1).padStart(match[2]!.length, "0");
    return { number: `${match[1]}${next}` };
  });
}

/**
 * Makes the customer's references exactly `wanted`. True when anything changed. A reference
 * another customer already uses is a field error on its row.
 */
async function replaceReferences(
  tx: Transaction,
  ctx: StaffContext,
  customerId: string,
  wanted: { sourceSystem: string; externalId: string }[],
): Promise<boolean> {
  const r = schema.externalReferences;
  const current = await tx
    .select()
    .from(r)
    .where(and(eq(r.tenantId, ctx.tenantId), eq(r.objectType, "customer"), eq(r.objectId, customerId)));
  const key = (ref: { sourceSystem: string; externalId: string }) =>
    `${ref.sourceSystem}\u0000${ref.externalId}`;
  const wantedKeys = new Set(wanted.map(key));
  const currentKeys = new Set(current.map(key));
  const gone = current.filter((ref) => !wantedKeys.has(key(ref))).map((ref) => ref.id);
  const added = wanted.filter((ref) => !currentKeys.has(key(ref)));
  if (gone.length) await tx.delete(r).where(and(eq(r.tenantId, ctx.tenantId), inArray(r.id, gone)));
  for (const ref of added) {
    const index = wanted.indexOf(ref);
    await uniqueAsField(
      () =>
        tx.insert(r).values({ tenantId: ctx.tenantId, objectType: "customer", objectId: customerId, ...ref }),
      {
        external_references_source_key: {
          field: `externalReferences.${index}.externalId`,
          message: `Another record already has this ${ref.sourceSystem} ID`,
        },
      },
    );
  }
  return gone.length > 0 || added.length > 0;
}
