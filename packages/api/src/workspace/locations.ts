import { recordAudit, schema, type Transaction, withTenant } from "@ordinavo/db";
import {
  checkCoordinates,
  checkPreferredContact,
  ZCreateContactPersonInput,
  ZCreateInternalNoteInput,
  ZCreateLocationInput,
  ZUpdateContactPersonInput,
  ZUpdateInternalNoteInput,
  ZUpdateLocationInput,
} from "@ordinavo/domain";
import { can, canEditInternalNote, canSeeContactPerson, project, tenantWideRoles } from "@ordinavo/policy";
import { and, asc, eq, gt, isNull, notInArray } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../errors";
import { permitted, workspaceT } from "../realms/workspace";
import { visibleCustomer, visibleLocation, ZContactView, ZCustomerView, ZLocationView } from "./customers";
import { assigneesWhere, changedFields, type RecordContext, staffAuditActor } from "./records";

const audit = (
  tx: Transaction,
  ctx: RecordContext,
  action: string,
  objectType: "location" | "contact_person" | "internal_note",
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

const given = (input: object) =>
  Object.entries(input)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key]) => key);

/** A location of `customerId`, or a field error on `field` (it must be one of the customer's sites). */
async function locationOfCustomer(
  tx: Transaction,
  ctx: RecordContext,
  customerId: string,
  locationId: string,
  field: string,
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

export const locationsRouter = workspaceT.router({
  /** A location with its customer, contacts and upcoming visits. */
  get: permitted("location.read")
    .input(z.object({ locationId: z.uuid({ error: "Choose a location" }) }))
    .output(
      z.object({
        location: ZLocationView,
        customer: ZCustomerView,
        contacts: z.array(ZContactView),
        upcomingAppointments: z.array(
          z.object({
            id: z.string(),
            targetTitle: z.string(),
            plannedStart: z.date(),
            plannedEnd: z.date(),
            status: z.string(),
            assigneeName: z.string().nullable(),
          }),
        ),
        can: z.object({ edit: z.boolean(), planRecurring: z.boolean(), writeContacts: z.boolean() }),
      }),
    )
    .query(({ ctx, input }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const location = await visibleLocation(tx, ctx, input.locationId);
        const { customers: c, contactPersons: p, appointments: a, targets: t, staffUsers: u } = schema;
        const [customer] = await tx
          .select()
          .from(c)
          .where(and(eq(c.tenantId, ctx.tenantId), eq(c.id, location.customerId)));
        const tenantWide = tenantWideRoles.includes(ctx.actor.role);
        const contactRows = await tx
          .select()
          .from(p)
          .where(and(eq(p.tenantId, ctx.tenantId), eq(p.locationId, location.id), isNull(p.archivedAt)))
          .orderBy(asc(p.name));
        const contacts = contactRows.filter((row) =>
          canSeeContactPerson(
            ctx.actor,
            {
              tenantId: row.tenantId,
              customerId: row.customerId,
              locationId: row.locationId,
              assignedEmployeeIds: tenantWide ? [] : [ctx.actor.userId],
            },
            ctx.gates,
          ),
        );
        const appointments = await tx
          .select({
            id: a.id,
            targetTitle: t.title,
            plannedStart: a.plannedStart,
            plannedEnd: a.plannedEnd,
            status: a.status,
            assigneeName: u.name,
          })
          .from(a)
          .innerJoin(t, and(eq(t.tenantId, a.tenantId), eq(t.id, a.targetId)))
          .leftJoin(u, eq(u.id, a.assignedEmployeeId))
          .where(
            and(
              eq(a.tenantId, ctx.tenantId),
              eq(a.locationId, location.id),
              gt(a.plannedEnd, new Date()),
              notInArray(a.status, ["cancelled", "completed", "no_show"]),
              tenantWide ? undefined : eq(a.assignedEmployeeId, ctx.actor.userId),
            ),
          )
          .orderBy(asc(a.plannedStart))
          .limit(20);
        return {
          location: ZLocationView.parse(project(ctx.actor, "location", location, ctx.gates)),
          customer: ZCustomerView.parse(project(ctx.actor, "customer", customer!, ctx.gates)),
          contacts: contacts.map((row) =>
            ZContactView.parse(project(ctx.actor, "contact_person", row, ctx.gates)),
          ),
          upcomingAppointments: appointments,
          can: {
            edit: can(ctx.actor, "location.write", ctx.gates),
            planRecurring: can(ctx.actor, "recurring_plan.write", ctx.gates),
            writeContacts: can(ctx.actor, "contact.write", ctx.gates),
          },
        };
      }),
    ),

  create: permitted("location.write")
    .input(ZCreateLocationInput)
    .output(ZLocationView)
    .mutation(({ ctx, input }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const customer = await visibleCustomer(tx, ctx, input.customerId);
        if (customer.archivedAt)
          throw AppError.field("customerId", "Restore the customer before adding locations");
        const [row] = await tx
          .insert(schema.locations)
          .values({ ...input, tenantId: ctx.tenantId })
          .returning();
        await audit(tx, ctx, "location.created", "location", row!.id, given(input), {
          customerId: customer.id,
        });
        return ZLocationView.parse(project(ctx.actor, "location", row!, ctx.gates));
      }),
    ),

  update: permitted("location.write")
    .input(ZUpdateLocationInput)
    .output(ZLocationView)
    .mutation(({ ctx, input }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const { locationId, ...change } = input;
        const before = await visibleLocation(tx, ctx, locationId);
        const merged = { ...before, ...change };
        const issue = checkCoordinates(merged);
        if (issue) throw AppError.field(issue.path, issue.message);
        const changed = changedFields(before, change);
        if (!changed.length) return ZLocationView.parse(project(ctx.actor, "location", before, ctx.gates));
        const l = schema.locations;
        const [row] = await tx
          .update(l)
          .set(change)
          .where(and(eq(l.tenantId, ctx.tenantId), eq(l.id, locationId)))
          .returning();
        await audit(tx, ctx, "location.updated", "location", locationId, changed);
        return ZLocationView.parse(project(ctx.actor, "location", row!, ctx.gates));
      }),
    ),

  setArchived: permitted("location.write")
    .input(z.object({ locationId: z.uuid({ error: "Choose a location" }), archived: z.boolean() }))
    .output(ZLocationView)
    .mutation(({ ctx, input }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const before = await visibleLocation(tx, ctx, input.locationId);
        if ((before.archivedAt !== null) === input.archived) {
          return ZLocationView.parse(project(ctx.actor, "location", before, ctx.gates));
        }
        const l = schema.locations;
        const [row] = await tx
          .update(l)
          .set({ archivedAt: input.archived ? new Date() : null })
          .where(and(eq(l.tenantId, ctx.tenantId), eq(l.id, input.locationId)))
          .returning();
        await audit(
          tx,
          ctx,
          input.archived ? "location.archived" : "location.restored",
          "location",
          row!.id,
          ["archivedAt"],
        );
        return ZLocationView.parse(project(ctx.actor, "location", row!, ctx.gates));
      }),
    ),
});

/** A contact row the actor may see. */
async function visibleContact(tx: Transaction, ctx: RecordContext, contactPersonId: string) {
  const p = schema.contactPersons;
  const [row] = await tx
    .select()
    .from(p)
    .where(and(eq(p.tenantId, ctx.tenantId), eq(p.id, contactPersonId)));
  if (!row) throw AppError.notFound("This contact person");
  const tenantWide = tenantWideRoles.includes(ctx.actor.role);
  const assignedEmployeeIds = tenantWide
    ? []
    : await assigneesWhere(
        tx,
        ctx.tenantId,
        row.locationId
          ? eq(schema.appointments.locationId, row.locationId)
          : eq(schema.appointments.customerId, row.customerId),
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

export const contactsRouter = workspaceT.router({
  create: permitted("contact.write")
    .input(ZCreateContactPersonInput)
    .output(ZContactView)
    .mutation(({ ctx, input }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const customer = await visibleCustomer(tx, ctx, input.customerId);
        if (customer.archivedAt) {
          throw AppError.field("customerId", "Restore the customer before adding contact persons");
        }
        if (input.locationId)
          await locationOfCustomer(tx, ctx, input.customerId, input.locationId, "locationId");
        const [row] = await tx
          .insert(schema.contactPersons)
          .values({ ...input, tenantId: ctx.tenantId })
          .returning();
        await audit(tx, ctx, "contact_person.created", "contact_person", row!.id, given(input), {
          customerId: input.customerId,
        });
        return ZContactView.parse(project(ctx.actor, "contact_person", row!, ctx.gates));
      }),
    ),

  update: permitted("contact.write")
    .input(ZUpdateContactPersonInput)
    .output(ZContactView)
    .mutation(({ ctx, input }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const { contactPersonId, ...change } = input;
        const before = await visibleContact(tx, ctx, contactPersonId);
        if (change.locationId)
          await locationOfCustomer(tx, ctx, before.customerId, change.locationId, "locationId");
        const issue = checkPreferredContact({ ...before, ...change });
        if (issue) throw AppError.field(issue.path, issue.message);
        const changed = changedFields(before, change);
        if (!changed.length)
          return ZContactView.parse(project(ctx.actor, "contact_person", before, ctx.gates));
        const p = schema.contactPersons;
        const [row] = await tx
          .update(p)
          .set(change)
          .where(and(eq(p.tenantId, ctx.tenantId), eq(p.id, contactPersonId)))
          .returning();
        await audit(tx, ctx, "contact_person.updated", "contact_person", contactPersonId, changed);
        return ZContactView.parse(project(ctx.actor, "contact_person", row!, ctx.gates));
      }),
    ),

  setArchived: permitted("contact.write")
    .input(z.object({ contactPersonId: z.uuid({ error: "Choose a contact person" }), archived: z.boolean() }))
    .output(ZContactView)
    .mutation(({ ctx, input }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const before = await visibleContact(tx, ctx, input.contactPersonId);
        if ((before.archivedAt !== null) === input.archived) {
          return ZContactView.parse(project(ctx.actor, "contact_person", before, ctx.gates));
        }
        const p = schema.contactPersons;
        const [row] = await tx
          .update(p)
          .set({ archivedAt: input.archived ? new Date() : null })
          .where(and(eq(p.tenantId, ctx.tenantId), eq(p.id, input.contactPersonId)))
          .returning();
        await audit(
          tx,
          ctx,
          input.archived ? "contact_person.archived" : "contact_person.restored",
          "contact_person",
          row!.id,
          ["archivedAt"],
        );
        return ZContactView.parse(project(ctx.actor, "contact_person", row!, ctx.gates));
      }),
    ),
});

const ZNoteDone = z.object({ id: z.string() });

/** Manager-only notes about a customer. The body never reaches the audit log: only that it changed. */
export const internalNotesRouter = workspaceT.router({
  add: permitted("internal_note.write")
    .input(
      ZCreateInternalNoteInput.extend({
        objectType: z.literal("customer", { error: "Notes are kept on customers" }),
      }),
    )
    .output(ZNoteDone)
    .mutation(({ ctx, input }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const customer = await visibleCustomer(tx, ctx, input.objectId);
        const [row] = await tx
          .insert(schema.internalNotes)
          .values({
            tenantId: ctx.tenantId,
            customerId: customer.id,
            objectType: "customer",
            objectId: customer.id,
            body: input.body,
            authorId: ctx.actor.userId,
          })
          .returning({ id: schema.internalNotes.id });
        await audit(tx, ctx, "internal_note.created", "internal_note", row!.id, ["body"], {
          customerId: customer.id,
        });
        return { id: row!.id };
      }),
    ),

  update: permitted("internal_note.write")
    .input(ZUpdateInternalNoteInput)
    .output(ZNoteDone)
    .mutation(({ ctx, input }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const note = await editableNote(tx, ctx, input.internalNoteId);
        const n = schema.internalNotes;
        await tx
          .update(n)
          .set({ body: input.body })
          .where(and(eq(n.tenantId, ctx.tenantId), eq(n.id, note.id)));
        await audit(tx, ctx, "internal_note.updated", "internal_note", note.id, ["body"]);
        return { id: note.id };
      }),
    ),

  remove: permitted("internal_note.write")
    .input(z.object({ internalNoteId: z.uuid({ error: "Choose a note" }) }))
    .output(ZNoteDone)
    .mutation(({ ctx, input }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const note = await editableNote(tx, ctx, input.internalNoteId);
        const n = schema.internalNotes;
        await tx.delete(n).where(and(eq(n.tenantId, ctx.tenantId), eq(n.id, note.id)));
        await audit(tx, ctx, "internal_note.deleted", "internal_note", note.id, ["body"], {
          customerId: note.customerId,
        });
        return { id: note.id };
      }),
    ),
});

async function editableNote(tx: Transaction, ctx: RecordContext, noteId: string) {
  const n = schema.internalNotes;
  const [note] = await tx
    .select()
    .from(n)
    .where(and(eq(n.tenantId, ctx.tenantId), eq(n.id, noteId)));
  if (!note) throw AppError.notFound("This note");
  const facts = {
    tenantId: note.tenantId,
    customerId: note.customerId,
    authorId: note.authorId,
    assignedEmployeeIds: [],
  };
  if (!canEditInternalNote(ctx.actor, facts, ctx.gates)) {
    throw new AppError("FORBIDDEN", "Only the author or a tenant admin can change this note.");
  }
  return note;
}
