import { schema, withTenant } from "@ordinavo/db";
import {
  type CreateContactPersonInput,
  checkPreferredContact,
  type UpdateContactPersonInput,
} from "@ordinavo/domain";
import { and, eq } from "drizzle-orm";
import { AppError } from "../errors";
import type { StaffContext } from "./context";
import { contactView } from "./customers/views";
import { auditRecord } from "./locations";
import { changedFields, givenFields } from "./records";
import { requireLocationOf, visibleContact, visibleCustomer } from "./visibility";

export function createContact(ctx: StaffContext, input: CreateContactPersonInput) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const customer = await visibleCustomer(tx, ctx, input.customerId);
    if (customer.archivedAt) {
      throw AppError.field("customerId", "Restore the customer before adding contact persons");
    }
    if (input.locationId) await requireLocationOf(tx, ctx, input.customerId, input.locationId);
    const [row] = await tx
      .insert(schema.contactPersons)
      .values({ ...input, tenantId: ctx.tenantId })
      .returning();
    await auditRecord(tx, ctx, "contact_person.created", "contact_person", row!.id, givenFields(input), {
      customerId: input.customerId,
    });
    return contactView(ctx.actor, row!, ctx.gates);
  });
}

export function updateContact(ctx: StaffContext, input: UpdateContactPersonInput) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const { contactPersonId, ...change } = input;
    const before = await visibleContact(tx, ctx, contactPersonId);
    if (change.locationId) await requireLocationOf(tx, ctx, before.customerId, change.locationId);
    const issue = checkPreferredContact({ ...before, ...change });
    if (issue) throw AppError.field(issue.path, issue.message);
    const changed = changedFields(before, change);
    if (!changed.length) return contactView(ctx.actor, before, ctx.gates);
    const p = schema.contactPersons;
    const [row] = await tx
      .update(p)
      .set(change)
      .where(and(eq(p.tenantId, ctx.tenantId), eq(p.id, contactPersonId)))
      .returning();
    await auditRecord(tx, ctx, "contact_person.updated", "contact_person", contactPersonId, changed);
    return contactView(ctx.actor, row!, ctx.gates);
  });
}

export function setContactArchived(ctx: StaffContext, input: { contactPersonId: string; archived: boolean }) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const before = await visibleContact(tx, ctx, input.contactPersonId);
    if ((before.archivedAt !== null) === input.archived) return contactView(ctx.actor, before, ctx.gates);
    const p = schema.contactPersons;
    const [row] = await tx
      .update(p)
      .set({ archivedAt: input.archived ? new Date() : null })
      .where(and(eq(p.tenantId, ctx.tenantId), eq(p.id, input.contactPersonId)))
      .returning();
    const action = input.archived ? "contact_person.archived" : "contact_person.restored";
    await auditRecord(tx, ctx, action, "contact_person", row!.id, ["archivedAt"]);
    return contactView(ctx.actor, row!, ctx.gates);
  });
}
