import { ZCreateContactPersonInput, ZUpdateContactPersonInput } from "@ordinavo/domain";
import { z } from "zod";
import { permitted, workspaceT } from "../realms/workspace";
import { createContact, setContactArchived, updateContact } from "../services/contacts";
import { ZContactView } from "../services/customers/views";

export const contactsRouter = workspaceT.router({
  create: permitted("contact.write")
    .input(ZCreateContactPersonInput)
    .output(ZContactView)
    .mutation(({ ctx, input }) => createContact(ctx.service, input)),

  update: permitted("contact.write")
    .input(ZUpdateContactPersonInput)
    .output(ZContactView)
    .mutation(({ ctx, input }) => updateContact(ctx.service, input)),

  setArchived: permitted("contact.write")
    .input(z.object({ contactPersonId: z.uuid({ error: "Choose a contact person" }), archived: z.boolean() }))
    .output(ZContactView)
    .mutation(({ ctx, input }) => setContactArchived(ctx.service, input)),
});
