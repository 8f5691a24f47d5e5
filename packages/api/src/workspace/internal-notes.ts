import { ZCreateInternalNoteInput, ZUpdateInternalNoteInput } from "@ordinavo/domain";
import { z } from "zod";
import { permitted, workspaceT } from "../realms/workspace";
import { addNote, removeNote, updateNote } from "../services/notes";

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
    .mutation(({ ctx, input }) => addNote(ctx.service, input)),

  update: permitted("internal_note.write")
    .input(ZUpdateInternalNoteInput)
    .output(ZNoteDone)
    .mutation(({ ctx, input }) => updateNote(ctx.service, input)),

  remove: permitted("internal_note.write")
    .input(z.object({ internalNoteId: z.uuid({ error: "Choose a note" }) }))
    .output(ZNoteDone)
    .mutation(({ ctx, input }) => removeNote(ctx.service, input)),
});
