import { z } from "zod";
import { connectT, permitted, permittedWrite } from "../realms/connect";
import { getTarget, listTargets, ZListTargetsInput } from "../services/connect/reads";
import { upsertForConnect, ZUpsertResult, ZUpsertTargetsInput } from "../services/connect/upserts";
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

  /**
   * Upserts 1–100 pieces of external work (targets; each names its customer, and maybe location and contact, by external id) by (source system, external id): each item is created, updated or
   * left unchanged, or fails with field errors (by its index). Send an `Idempotency-Key` header so
   * a retried call does nothing twice.
   */
  upsert: permittedWrite("target.write")
    .input(ZUpsertTargetsInput)
    .output(ZUpsertResult)
    .mutation(({ ctx, input }) =>
      upsertForConnect(ctx.service, "target", input, {
        key: ctx.idempotencyKey,
        procedure: "targets.upsert",
      }),
    ),
});
