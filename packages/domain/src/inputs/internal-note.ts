import { z } from "zod";
import { choice, reference, requiredText } from "./fields";

/** What an internal note can be attached to. */
export const internalNoteObjectTypes = ["customer", "location", "target", "visit_report"] as const;
export type InternalNoteObjectType = (typeof internalNoteObjectTypes)[number];

const body = requiredText("Note", 5000, "Write the note");

export const ZCreateInternalNoteInput = z.object({
  objectType: choice(internalNoteObjectTypes, "Choose what the note is about"),
  objectId: reference("Choose what the note is about"),
  body,
});
export type CreateInternalNoteInput = z.infer<typeof ZCreateInternalNoteInput>;

export const ZUpdateInternalNoteInput = z.object({
  internalNoteId: reference("Choose a note"),
  body,
});
export type UpdateInternalNoteInput = z.infer<typeof ZUpdateInternalNoteInput>;
