import { z } from "zod";
import { connectT, permitted, permittedWrite } from "../realms/connect";
import { upsertForConnect, ZUpsertContactsInput, ZUpsertResult } from "../services/connect/upserts";
import { listContactsSince, ZConnectContact, ZListContactsSinceInput } from "../services/contact-sync";

export { ZConnectContact };

export const connectContactsRouter = connectT.router({
  /**
   * Contact persons, least recently changed first, 1–100 at a time; pass `nextCursor` back as
   * `after`. `updatedSince` keeps those changed at or after that moment (for incremental syncs).
   */
  list: permitted("contact.read")
    .input(ZListContactsSinceInput)
    .output(z.object({ items: z.array(ZConnectContact), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => listContactsSince(ctx.service, input)),

  /**
   * Upserts 1–100 contact persons (each names its customer, and maybe its location, by external id) by (source system, external id): each item is created, updated or
   * left unchanged, or fails with field errors (by its index). Send an `Idempotency-Key` header so
   * a retried call does nothing twice.
   */
  upsert: permittedWrite("contact.write")
    .input(ZUpsertContactsInput)
    .output(ZUpsertResult)
    .mutation(({ ctx, input }) =>
      upsertForConnect(ctx.service, "contact", input, {
        key: ctx.idempotencyKey,
        procedure: "contacts.upsert",
      }),
    ),
});
