import { schema, withTenant } from "@ordinavo/db";
import { priorities, targetStatuses, targetStatusSets } from "@ordinavo/domain";
import {
  assignedWorkExcludedStatuses,
  can,
  canSeeContactPerson,
  canSeeExternalReference,
  canSeeInternalNote,
} from "@ordinavo/policy";
import { and, asc, desc, eq, inArray, isNotNull, isNull, notInArray } from "drizzle-orm";
import { z } from "zod";
import type { StaffContext } from "../context";
import { customerNotes } from "../notes";
import { scopeWhere } from "../scope";
import { upcomingVisits, ZUpcomingVisit } from "../upcoming";
import { visibleCustomer } from "../visibility";
import {
  contactView,
  customerView,
  locationView,
  ZContactView,
  ZCustomerView,
  ZExternalReferenceView,
  ZLocationView,
  ZNoteView,
} from "./views";

export const ZCustomerDetail = z.object({
  customer: ZCustomerView,
  locations: z.array(ZLocationView),
  contacts: z.array(ZContactView),
  externalReferences: z.array(ZExternalReferenceView).nullable(),
  internalNotes: z.array(ZNoteView).nullable(),
  openTargets: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      status: z.enum(targetStatuses),
      priority: z.enum(priorities),
      dueDate: z.string().nullable(),
      locationId: z.string().nullable(),
    }),
  ),
  upcomingAppointments: z.array(ZUpcomingVisit),
  /** What the screen may offer: exactly what the server accepts from this actor. */
  can: z.object({
    edit: z.boolean(),
    archive: z.boolean(),
    writeLocations: z.boolean(),
    writeContacts: z.boolean(),
    writeNotes: z.boolean(),
    planWork: z.boolean(),
  }),
});

/**
 * One customer with its locations, contacts and open work, as the actor may see. Its history and
 * follow-ups are the timeline service's (services/timeline), read page by page.
 */
export function getCustomer(ctx: StaffContext, input: { customerId: string; includeArchived: boolean }) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const customer = await visibleCustomer(tx, ctx, input.customerId);
    const { locations: l, contactPersons: p, appointments: a, targets: t, externalReferences: r } = schema;

    const locations = await tx
      .select()
      .from(l)
      .where(
        and(
          eq(l.tenantId, ctx.tenantId),
          eq(l.customerId, customer.id),
          input.includeArchived ? undefined : isNull(l.archivedAt),
          scopeWhere(ctx, "location", { locationId: l.id }),
        ),
      )
      .orderBy(asc(l.name));

    const contactRows = await tx
      .select()
      .from(p)
      .where(
        and(
          eq(p.tenantId, ctx.tenantId),
          eq(p.customerId, customer.id),
          input.includeArchived ? undefined : isNull(p.archivedAt),
        ),
      )
      .orderBy(asc(p.name));
    // The assigned-work facts the policy asks for (objects.ts): assignees of the customer's
    // appointments, and of those at each location. One query, whoever asks.
    const work = await tx
      .selectDistinct({ locationId: a.locationId, employeeId: a.assignedEmployeeId })
      .from(a)
      .where(
        and(
          eq(a.tenantId, ctx.tenantId),
          eq(a.customerId, customer.id),
          isNotNull(a.assignedEmployeeId),
          notInArray(a.status, [...assignedWorkExcludedStatuses]),
        ),
      );
    const assignedAt = (locationId: string | null) => [
      ...new Set(
        work.filter((w) => locationId === null || w.locationId === locationId).map((w) => w.employeeId!),
      ),
    ];
    // Erased contact persons are gone for everyone (the anonymised row stays for references).
    const contacts = contactRows.filter(
      (row) =>
        row.erasedAt === null &&
        canSeeContactPerson(
          ctx.actor,
          {
            tenantId: row.tenantId,
            customerId: row.customerId,
            locationId: row.locationId,
            assignedEmployeeIds: assignedAt(row.locationId),
          },
          ctx.gates,
        ),
    );

    const refs = canSeeExternalReference(
      ctx.actor,
      { tenantId: ctx.tenantId, objectType: "customer" },
      ctx.gates,
    )
      ? await tx
          .select({ id: r.id, sourceSystem: r.sourceSystem, externalId: r.externalId })
          .from(r)
          .where(and(eq(r.tenantId, ctx.tenantId), eq(r.objectType, "customer"), eq(r.objectId, customer.id)))
          .orderBy(asc(r.sourceSystem))
      : null;

    const noteFacts = {
      tenantId: ctx.tenantId,
      customerId: customer.id,
      authorId: null,
      assignedEmployeeIds: assignedAt(null),
    };
    const notes = canSeeInternalNote(ctx.actor, noteFacts, ctx.gates)
      ? await customerNotes(tx, ctx, customer.id)
      : null;

    const targets = await tx
      .select({
        id: t.id,
        title: t.title,
        status: t.status,
        priority: t.priority,
        dueDate: t.dueDate,
        locationId: t.locationId,
      })
      .from(t)
      .where(
        and(
          eq(t.tenantId, ctx.tenantId),
          eq(t.customerId, customer.id),
          inArray(t.status, [...targetStatusSets.open]),
          scopeWhere(ctx, "target", { targetId: t.id }),
        ),
      )
      .orderBy(asc(t.dueDate), desc(t.createdAt))
      .limit(50);

    const appointments = await upcomingVisits(tx, ctx, { customerId: customer.id });

    return {
      customer: customerView(ctx.actor, customer, ctx.gates),
      locations: locations.map((row) => locationView(ctx.actor, row, ctx.gates)),
      contacts: contacts.map((row) => contactView(ctx.actor, row, ctx.gates)),
      externalReferences: refs,
      internalNotes: notes,
      openTargets: targets,
      upcomingAppointments: appointments,
      can: {
        edit: can(ctx.actor, "customer.write", ctx.gates),
        archive: can(ctx.actor, "customer.archive", ctx.gates),
        writeLocations: can(ctx.actor, "location.write", ctx.gates),
        writeContacts: can(ctx.actor, "contact.write", ctx.gates),
        writeNotes: can(ctx.actor, "internal_note.write", ctx.gates),
        planWork: can(ctx.actor, "target.write", ctx.gates),
      },
    };
  });
}
