import { recordAudit, schema, withTenant } from "@ordinavo/db";
import { type RetentionSubject, retentionSubjects } from "@ordinavo/domain";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { auditActor, type StaffContext } from "../context";
import { visibleContact, visibleCustomer } from "../visibility";

/** The shortest and longest retention an admin may set, in days. */
export const RETAIN_DAYS_MIN = 30;
export const RETAIN_DAYS_MAX = 3650;

export const ZRetentionPolicyView = z.object({
  subject: z.enum(retentionSubjects),
  /** Null: no policy stored yet for this kind (nothing is deleted). */
  policyId: z.string().nullable(),
  retainDays: z.number().int().nullable(),
  active: z.boolean(),
  lastRunAt: z.date().nullable(),
  lastDeletedCount: z.number().int().nullable(),
});
export type RetentionPolicyView = z.infer<typeof ZRetentionPolicyView>;

export const ZSaveRetentionPolicyInput = z.object({
  subject: z.enum(retentionSubjects, { error: "Choose what this policy deletes" }),
  retainDays: z
    .number({ error: "Enter a number of days" })
    .int("Enter a whole number of days")
    .min(RETAIN_DAYS_MIN, `Keep data at least ${RETAIN_DAYS_MIN} days`)
    .max(RETAIN_DAYS_MAX, `Keep data at most ${RETAIN_DAYS_MAX} days (ten years)`),
  active: z.boolean(),
});
export type SaveRetentionPolicyInput = z.infer<typeof ZSaveRetentionPolicyInput>;

/** One row per kind of data, stored or not, in the vocabulary's order. */
export function listRetentionPolicies(ctx: StaffContext): Promise<RetentionPolicyView[]> {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const p = schema.retentionPolicies;
    const rows = await tx.select().from(p).where(eq(p.tenantId, ctx.tenantId));
    const bySubject = new Map(rows.map((row) => [row.subject, row]));
    return retentionSubjects.map((subject) => {
      const row = bySubject.get(subject);
      return {
        subject,
        policyId: row?.id ?? null,
        retainDays: row?.retainDays ?? null,
        active: row?.active ?? false,
        lastRunAt: row?.lastRunAt ?? null,
        lastDeletedCount: row?.lastDeletedCount ?? null,
      };
    });
  });
}

/** Creates or changes the policy of one kind of data; audited with the changed fields. */
export function saveRetentionPolicy(
  ctx: StaffContext,
  input: SaveRetentionPolicyInput,
): Promise<{ policy: RetentionPolicyView; shortened: boolean }> {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const p = schema.retentionPolicies;
    const [before] = await tx
      .select()
      .from(p)
      .where(and(eq(p.tenantId, ctx.tenantId), eq(p.subject, input.subject)));
    let row: typeof p.$inferSelect;
    let changed: string[];
    if (!before) {
      [row] = (await tx
        .insert(p)
        .values({
          tenantId: ctx.tenantId,
          subject: input.subject,
          retainDays: input.retainDays,
          active: input.active,
        })
        .returning()) as [typeof p.$inferSelect];
      changed = ["retainDays", "active"];
    } else {
      changed = [
        ...(before.retainDays !== input.retainDays ? ["retainDays"] : []),
        ...(before.active !== input.active ? ["active"] : []),
      ];
      if (changed.length === 0) return { policy: viewOf(before), shortened: false };
      [row] = (await tx
        .update(p)
        .set({ retainDays: input.retainDays, active: input.active })
        .where(and(eq(p.tenantId, ctx.tenantId), eq(p.id, before.id)))
        .returning()) as [typeof p.$inferSelect];
    }
    const shortened = before !== undefined && input.retainDays < before.retainDays;
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actor: auditActor(ctx.actor),
      action: before ? "retention_policy.updated" : "retention_policy.created",
      objectType: "retention_policy",
      objectId: row.id,
      changedFields: changed,
      metadata: {
        subject: input.subject,
        retainDays: input.retainDays,
        active: input.active,
        previousRetainDays: before?.retainDays ?? null,
      },
    });
    return { policy: viewOf(row), shortened };
  });
}

function viewOf(row: typeof schema.retentionPolicies.$inferSelect): RetentionPolicyView {
  return {
    subject: row.subject as RetentionSubject,
    policyId: row.id,
    retainDays: row.retainDays,
    active: row.active,
    lastRunAt: row.lastRunAt,
    lastDeletedCount: row.lastDeletedCount,
  };
}

// ---- Legal hold ---------------------------------------------------------------------------

export const ZLegalHoldInput = z.object({ customerId: z.uuid(), held: z.boolean() });

/** Sets or clears a customer's legal hold: while set, retention deletes none of its records. */
export function setLegalHold(
  ctx: StaffContext,
  input: z.infer<typeof ZLegalHoldInput>,
): Promise<{ legalHoldAt: Date | null }> {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const customer = await visibleCustomer(tx, ctx, input.customerId);
    if ((customer.legalHoldAt !== null) === input.held) return { legalHoldAt: customer.legalHoldAt };
    const c = schema.customers;
    const legalHoldAt = input.held ? new Date() : null;
    await tx
      .update(c)
      .set({ legalHoldAt })
      .where(and(eq(c.tenantId, ctx.tenantId), eq(c.id, input.customerId)));
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actor: auditActor(ctx.actor),
      action: input.held ? "customer.legal_hold_set" : "customer.legal_hold_cleared",
      objectType: "customer",
      objectId: input.customerId,
      changedFields: ["legalHoldAt"],
    });
    return { legalHoldAt };
  });
}

/** Whether the customer is under legal hold (NOT_FOUND for another tenant's or a missing one). */
export function legalHoldOf(ctx: StaffContext, customerId: string): Promise<{ legalHoldAt: Date | null }> {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const customer = await visibleCustomer(tx, ctx, customerId);
    return { legalHoldAt: customer.legalHoldAt };
  });
}

// ---- Erasing a contact person -------------------------------------------------------------

export const ERASED_CONTACT_NAME = "Erased contact";
export const ZEraseContactInput = z.object({ contactPersonId: z.uuid() });

/**
 * Erases a contact person's details everywhere the tenant holds them. The row stays, anonymised
 * and archived, so targets that name it keep a valid reference; its external references go; a
 * portal account made for the person is disabled and anonymised, with its sessions, and pending
 * invitations for the person are removed. Reports keep their own text. Audited with ids only.
 */
export function eraseContact(
  ctx: StaffContext,
  input: z.infer<typeof ZEraseContactInput>,
): Promise<{ erasedAt: Date }> {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const contact = await visibleContact(tx, ctx, input.contactPersonId);
    if (contact.erasedAt) return { erasedAt: contact.erasedAt };
    const now = new Date();
    const cp = schema.contactPersons;
    await tx
      .update(cp)
      .set({
        name: ERASED_CONTACT_NAME,
        role: null,
        department: null,
        email: null,
        phone: null,
        mobile: null,
        locationId: null,
        archivedAt: contact.archivedAt ?? now,
        erasedAt: now,
      })
      .where(and(eq(cp.tenantId, ctx.tenantId), eq(cp.id, contact.id)));

    const refs = schema.externalReferences;
    await tx
      .delete(refs)
      .where(
        and(
          eq(refs.tenantId, ctx.tenantId),
          eq(refs.objectType, "contact_person"),
          eq(refs.objectId, contact.id),
        ),
      );

    const inv = schema.portalInvitations;
    const invitations = await tx
      .delete(inv)
      .where(and(eq(inv.tenantId, ctx.tenantId), eq(inv.contactPersonId, contact.id)))
      .returning({ id: inv.id });

    const pu = schema.portalUsers;
    const users = await tx
      .select({ id: pu.id })
      .from(pu)
      .where(and(eq(pu.tenantId, ctx.tenantId), eq(pu.contactPersonId, contact.id)));
    const userIds = users.map((u) => u.id);
    if (userIds.length > 0) {
      for (const id of userIds) {
        await tx
          .update(pu)
          .set({
            name: ERASED_CONTACT_NAME,
            // Unique per tenant and never deliverable (.invalid is reserved).
            email: `erased-${id}@erased.invalid`,
            passwordHash: null,
            disabledAt: now,
          })
          .where(and(eq(pu.tenantId, ctx.tenantId), eq(pu.id, id)));
      }
      const ps = schema.portalSessions;
      await tx.delete(ps).where(and(eq(ps.tenantId, ctx.tenantId), inArray(ps.userId, userIds)));
      const pr = schema.portalPasswordResets;
      await tx.delete(pr).where(and(eq(pr.tenantId, ctx.tenantId), inArray(pr.userId, userIds)));
    }

    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actor: auditActor(ctx.actor),
      action: "contact.erased",
      objectType: "contact_person",
      objectId: contact.id,
      changedFields: ["name", "role", "department", "email", "phone", "mobile", "erasedAt"],
      metadata: {
        customerId: contact.customerId,
        portalUsers: userIds.length,
        invitations: invitations.length,
      },
    });
    return { erasedAt: now };
  });
}
