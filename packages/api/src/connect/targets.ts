import { z } from "zod";
import { connectT, permitted } from "../realms/connect";
import { getTarget, listTargets, ZListTargetsInput } from "../services/connect/reads";
import { connectPage, ZConnectTarget } from "../services/connect/views";

export { ZConnectTarget };

export const connectTargetsRouter = connectT.router({
  /** Work (targets), least recently changed first; keyset paged, with `updatedSince`. */
  list: permitted("target.read")
    .input(ZListTargetsInput)
    .output(connectPage(ZConnectTarget))
    .query(({ ctx, input }) => listTargets(ctx.service, input)),

  /** One target by id; another tenant's or a missing one is NOT_FOUND. */
  get: permitted("target.read")
    .input(z.object({ targetId: z.uuid({ error: "targetId must be a UUID" }) }))
    .output(ZConnectTarget)
    .query(({ ctx, input }) => getTarget(ctx.service, input)),
});
