import { recordAudit, schema, type Transaction, withTenant } from "@ordinavo/db";
import { type CreateLocationInput, checkCoordinates, type UpdateLocationInput } from "@ordinavo/domain";
import { can, canSeeContactPerson } from "@ordinavo/policy";
import { and, asc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../errors";
import type { StaffContext } from "./context";
import {
  contactView,
  customerView,
  locationView,
  ZContactView,
  ZCustomerView,
  ZLocationView,
} from "./customers/views";
import { changedFields, givenFields, staffAuditActor } from "./records";
import { seesAll } from "./scope";
import { upcomingVisits, ZUpcomingVisit } from "./upcoming";
import { visibleCustomer, visibleLocation } from "./visibility";

/** An audit entry about a location, contact person or note. */
export const auditRecord = (
  tx: Transaction,
  ctx: StaffContext,
  action: string,
  objectType: "location" | "contact_person",
  objectId: string,
  changed: string[],
  metadata?: Record<string, string>,
) =>
  recordAudit(tx, {
    tenantId: ctx.tenantId,
    actor: staffAuditActor(ctx.actor),
    action,
    objectType,
    objectId,
    changedFields: changed,
    metadata,
  });

export const ZLocationDetail = z.object({
  location: ZLocationView,
  customer: ZCustomerView,
  contacts: z.array(ZContactView),
  upcomingAppointments: z.array(ZUpcomingVisit),
  can: z.object({ edit: z.boolean(), planRecurring: z.boolean(), writeContacts: z.boolean() }),
});

/** A location with its customer, contacts and upcoming visits. */
export function getLocation(ctx: StaffContext, input: { locationId: string }) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const location = await visibleLocation(tx, ctx, input.locationId);
    const { customers: c, contactPersons: p } = schema;
    const [customer] = await tx
      .select()
      .from(c)
      .where(and(eq(c.tenantId, ctx.tenantId), eq(c.id, location.customerId)));
    const contactRows = await tx
      .select()
      .from(p)
      .where(and(eq(p.tenantId, ctx.tenantId), eq(p.locationId, location.id), isNull(p.archivedAt)))
      .orderBy(asc(p.name));
    // visibleLocation proved the actor's work here when their scope is their own work.
    const assignedEmployeeIds = seesAll(ctx, "contact_person") ? [] : [ctx.actor.userId];
    const contacts = contactRows.filter((row) =>
      canSeeContactPerson(
        ctx.actor,
        {
          tenantId: row.tenantId,
          customerId: row.customerId,
          locationId: row.locationId,
          assignedEmployeeIds,
        },
        ctx.gates,
      ),
    );
    const appointments = await upcomingVisits(tx, ctx, { locationId: location.id });
    return {
      location: locationView(ctx.actor, location, ctx.gates),
      customer: customerView(ctx.actor, customer!, ctx.gates),
      contacts: contacts.map((row) => contactView(ctx.actor, row, ctx.gates)),
      upcomingAppointments: appointments,
      can: {
        edit: can(ctx.actor, "location.write", ctx.gates),
        planRecurring: can(ctx.actor, "recurring_plan.write", ctx.gates),
        writeContacts: can(ctx.actor, "contact.write", ctx.gates),
      },
    };
  });
}

export function createLocation(ctx: StaffContext, input: CreateLocationInput) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const customer = await visibleCustomer(tx, ctx, input.customerId);
    if (customer.archivedAt)
      throw AppError.field("customerId", "Restore the customer before adding locations");
    const [row] = await tx
      .insert(schema.locations)
      .values({ ...input, tenantId: ctx.tenantId })
      .returning();
    await auditRecord(tx, ctx, "location.created", "location", row!.id, givenFields(input), {
      customerId: customer.id,
    });
    return locationView(ctx.actor, row!, ctx.gates);
  });
}

export function updateLocation(ctx: StaffContext, input: UpdateLocationInput) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const { locationId, ...change } = input;
    const before = await visibleLocation(tx, ctx, locationId);
    const issue = checkCoordinates({ ...before, ...change });
    if (issue) throw AppError.field(issue.path, issue.message);
    const changed = changedFields(before, change);
    if (!changed.length) return locationView(ctx.actor, before, ctx.gates);
    const l = schema.locations;
    const [row] = await tx
      .update(l)
      .set(change)
      .where(and(eq(l.tenantId, ctx.tenantId), eq(l.id, locationId)))
      .returning();
    await auditRecord(tx, ctx, "location.updated", "location", locationId, changed);
    return locationView(ctx.actor, row!, ctx.gates);
  });
}

export function setLocationArchived(ctx: StaffContext, input: { locationId: string; archived: boolean }) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const before = await visibleLocation(tx, ctx, input.locationId);
    if ((before.archivedAt !== null) === input.archived) return locationView(ctx.actor, before, ctx.gates);
    const l = schema.locations;
    const [row] = await tx
      .update(l)
      .set({ archivedAt: input.archived ? new Date() : null })
      .where(and(eq(l.tenantId, ctx.tenantId), eq(l.id, input.locationId)))
      .returning();
    const action = input.archived ? "location.archived" : "location.restored";
    await auditRecord(tx, ctx, action, "location", row!.id, ["archivedAt"]);
    return locationView(ctx.actor, row!, ctx.gates);
  });
}
