import { schema, type Transaction } from "@ordinavo/db";
import { canSeeContactPerson, canSeeCustomer, canSeeLocation } from "@ordinavo/policy";
import { and, eq, isNull } from "drizzle-orm";
import { AppError } from "../errors";
import type { ServiceContext } from "./context";
import { assigneesWhere } from "./records";
import { seesAll } from "./scope";

// Loading one customer record for an actor: the row when the policy lets the actor see it, and
// NOT_FOUND otherwise — exactly like a missing row, so nobody learns what exists elsewhere. The
// assigned-work facts are only looked up for actors whose scope is their own work.

/** The customer row if the actor may see it. */
export async function visibleCustomer(tx: Transaction, ctx: ServiceContext, customerId: string) {
  const c = schema.customers;
  const [row] = await tx
    .select()
    .from(c)
    .where(and(eq(c.tenantId, ctx.tenantId), eq(c.id, customerId)));
  if (!row) throw AppError.notFound("This customer");
  const assignedEmployeeIds = seesAll(ctx, "customer")
    ? []
    : await assigneesWhere(tx, ctx.tenantId, eq(schema.appointments.customerId, customerId));
  if (!canSeeCustomer(ctx.actor, { tenantId: row.tenantId, customerId, assignedEmployeeIds }, ctx.gates)) {
    throw AppError.notFound("This customer");
  }
  return row;
}

/** A location row if the actor may see it (assigned work at that location for employees). */
export async function visibleLocation(tx: Transaction, ctx: ServiceContext, locationId: string) {
  const l = schema.locations;
  const [row] = await tx
    .select()
    .from(l)
    .where(and(eq(l.tenantId, ctx.tenantId), eq(l.id, locationId)));
  if (!row) throw AppError.notFound("This location");
  const assignedEmployeeIds = seesAll(ctx, "location")
    ? []
    : await assigneesWhere(tx, ctx.tenantId, eq(schema.appointments.locationId, locationId));
  const facts = { tenantId: row.tenantId, customerId: row.customerId, locationId, assignedEmployeeIds };
  if (!canSeeLocation(ctx.actor, facts, ctx.gates)) throw AppError.notFound("This location");
  return row;
}

/** A contact person row if the actor may see it (work at the contact's location, or customer). */
export async function visibleContact(tx: Transaction, ctx: ServiceContext, contactPersonId: string) {
  const p = schema.contactPersons;
  const [row] = await tx
    .select()
    .from(p)
    .where(and(eq(p.tenantId, ctx.tenantId), eq(p.id, contactPersonId)));
  if (!row) throw AppError.notFound("This contact person");
  const a = schema.appointments;
  const assignedEmployeeIds = seesAll(ctx, "contact_person")
    ? []
    : await assigneesWhere(
        tx,
        ctx.tenantId,
        row.locationId ? eq(a.locationId, row.locationId) : eq(a.customerId, row.customerId),
      );
  const facts = {
    tenantId: row.tenantId,
    customerId: row.customerId,
    locationId: row.locationId,
    assignedEmployeeIds,
  };
  if (!canSeeContactPerson(ctx.actor, facts, ctx.gates)) throw AppError.notFound("This contact person");
  return row;
}

/**
 * A current (not archived) location of `customerId`, or a field error on `field`: work, contacts
 * and plans may only name one of their own customer's sites.
 */
export async function requireLocationOf(
  tx: Transaction,
  ctx: ServiceContext,
  customerId: string,
  locationId: string,
  field = "locationId",
) {
  const l = schema.locations;
  const [row] = await tx
    .select({ id: l.id })
    .from(l)
    .where(
      and(
        eq(l.tenantId, ctx.tenantId),
        eq(l.id, locationId),
        eq(l.customerId, customerId),
        isNull(l.archivedAt),
      ),
    );
  if (!row) throw AppError.field(field, "Choose one of this customer's locations");
}

/** A current contact person of `customerId`, or a field error on `field`. */
export async function requireContactOf(
  tx: Transaction,
  ctx: ServiceContext,
  customerId: string,
  contactId: string,
  field = "contactId",
) {
  const p = schema.contactPersons;
  const [row] = await tx
    .select({ id: p.id })
    .from(p)
    .where(
      and(
        eq(p.tenantId, ctx.tenantId),
        eq(p.id, contactId),
        eq(p.customerId, customerId),
        isNull(p.archivedAt),
      ),
    );
  if (!row) throw AppError.field(field, "Choose one of this customer's contact persons");
}
