import { z } from "zod";
import { connectT, permitted } from "../realms/connect";
import {
  listExternalReferences,
  ZConnectExternalReference,
  ZListExternalReferencesInput,
} from "../services/external-references";

export { ZConnectExternalReference };

export const connectExternalReferencesRouter = connectT.router({
  /**
   * The tenant's external references this key may see — "API/source scoped": references of the
   * object kinds its scopes read and, for a key limited to a source system, of that source only.
   * Oldest first, 1–100 at a time; pass `nextCursor` back as `after`.
   */
  list: permitted("external_reference.read")
    .input(ZListExternalReferencesInput)
    .output(z.object({ items: z.array(ZConnectExternalReference), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => listExternalReferences(ctx.service, input)),
});
