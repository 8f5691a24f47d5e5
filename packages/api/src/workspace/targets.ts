import { ZChangeTargetStatusInput, ZCreateTargetInput, ZUpdateTargetInput } from "@ordinavo/domain";
import { z } from "zod";
import { permitted, workspaceT } from "../realms/workspace";
import { getTarget } from "../services/targets/detail";
import { listTargets, ZListTargetsInput } from "../services/targets/list";
import { ZTargetDetail, ZTargetRow, ZTargetView } from "../services/targets/views";
import { changeTargetStatus, createTarget, updateTarget } from "../services/targets/write";

export const targetsRouter = workspaceT.router({
  /** Newest first, keyset paged. Employees see the targets of their assigned appointments. */
  list: permitted("target.read")
    .input(ZListTargetsInput)
    .output(z.object({ items: z.array(ZTargetRow), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => listTargets(ctx.service, input)),

  get: permitted("target.read")
    .input(z.object({ targetId: z.uuid({ error: "Choose a target" }) }))
    .output(ZTargetDetail)
    .query(({ ctx, input }) => getTarget(ctx.service, input)),

  create: permitted("target.write")
    .input(ZCreateTargetInput)
    .output(ZTargetView)
    .mutation(({ ctx, input }) => createTarget(ctx.service, input)),

  update: permitted("target.write")
    .input(ZUpdateTargetInput)
    .output(ZTargetView)
    .mutation(({ ctx, input }) => updateTarget(ctx.service, input)),

  /** Follows the target machine; an illegal step is a field error on `status`, and nothing changes. */
  changeStatus: permitted("target.write")
    .input(ZChangeTargetStatusInput)
    .output(ZTargetView)
    .mutation(({ ctx, input }) => changeTargetStatus(ctx.service, input)),
});
