import { recordAudit, recordTimeline, schema, type Transaction, withTenant } from "@ordinavo/db";
import { can, canEditInternalNote, project } from "@ordinavo/policy";
import { and, desc, eq } from "drizzle-orm";
import { AppError } from "../errors";
import { auditActor, type StaffContext } from "./context";
import { ZNoteView } from "./customers/views";
import { staffAuditActor } from "./records";
import { visibleCustomer } from "./visibility";

// Internal notes about a customer. What a reader receives of a note is the policy's field list
// (employees get the text and times only where the tenant allows it, never who wrote it). The
// body never reaches the audit log: only that it changed.

/** The customer's notes as the actor may read them (the caller checked `canSeeInternalNote`). */
export async function customerNotes(tx: Transaction, ctx: StaffContext, customerId: string) {
  const n = schema.internalNotes;
  const u = schema.staffUsers;
  const rows = await tx
    .select({ note: n, authorName: u.name })
    .from(n)
    .leftJoin(u, eq(u.id, n.authorId))
    .where(and(eq(n.tenantId, ctx.tenantId), eq(n.customerId, customerId), eq(n.objectType, "customer")))
    .orderBy(desc(n.createdAt))
    .limit(100);
  return rows.flatMap(({ note, authorName }) => {
    const seen = project(ctx.actor, "internal_note", note, ctx.gates);
    if (!seen || seen.body === undefined || !seen.id || !seen.createdAt || !seen.updatedAt) return [];
    const facts = { tenantId: note.tenantId, customerId, authorId: note.authorId, assignedEmployeeIds: [] };
    return [
      ZNoteView.parse({
        id: seen.id,
        body: seen.body,
        // The author's name goes with the author: only to readers who receive `authorId`.
        authorName: seen.authorId !== undefined ? authorName : null,
        canEdit: canEditInternalNote(ctx.actor, facts, ctx.gates),
        createdAt: seen.createdAt,
        updatedAt: seen.updatedAt,
      }),
    ];
  });
}

async function audit(
  tx: Transaction,
  ctx: StaffContext,
  action: string,
  noteId: string,
  customerId?: string,
) {
  await recordAudit(tx, {
    tenantId: ctx.tenantId,
    actor: staffAuditActor(ctx.actor),
    action,
    objectType: "internal_note",
    objectId: noteId,
    changedFields: ["body"],
    metadata: customerId ? { customerId } : undefined,
  });
}

/** A note the actor may change: an admin any note, a manager their own. */
async function editableNote(tx: Transaction, ctx: StaffContext, noteId: string) {
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
    // A reader who may not even see notes learns nothing about this one.
    if (!can(ctx.actor, "internal_note.read", ctx.gates)) throw AppError.notFound("This note");
    throw new AppError("FORBIDDEN", "Only the author or a tenant admin can change this note.");
  }
  return note;
}

export function addNote(ctx: StaffContext, input: { objectId: string; body: string }) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
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
      .returning({ id: schema.internalNotes.id, createdAt: schema.internalNotes.createdAt });
    await audit(tx, ctx, "internal_note.created", row!.id, customer.id);
    // The history points at the note; only readers of notes ever get the entry (never the portal).
    await recordTimeline(tx, {
      tenantId: ctx.tenantId,
      customerId: customer.id,
      kind: "internal_note_added",
      objectType: "internal_note",
      objectId: row!.id,
      occurredAt: row!.createdAt,
      actor: auditActor(ctx.actor),
      portalVisible: false,
    });
    return { id: row!.id };
  });
}

export function updateNote(ctx: StaffContext, input: { internalNoteId: string; body: string }) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const note = await editableNote(tx, ctx, input.internalNoteId);
    const n = schema.internalNotes;
    await tx
      .update(n)
      .set({ body: input.body })
      .where(and(eq(n.tenantId, ctx.tenantId), eq(n.id, note.id)));
    await audit(tx, ctx, "internal_note.updated", note.id);
    return { id: note.id };
  });
}

export function removeNote(ctx: StaffContext, input: { internalNoteId: string }) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const note = await editableNote(tx, ctx, input.internalNoteId);
    const n = schema.internalNotes;
    await tx.delete(n).where(and(eq(n.tenantId, ctx.tenantId), eq(n.id, note.id)));
    await audit(tx, ctx, "internal_note.deleted", note.id, note.customerId);
    return { id: note.id };
  });
}
