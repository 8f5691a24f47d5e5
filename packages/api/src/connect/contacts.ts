import { z } from "zod";
import { connectT, permitted } from "../realms/connect";
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
});
