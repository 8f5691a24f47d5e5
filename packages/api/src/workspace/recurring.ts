import { ZCreateRecurringPlanInput, ZUpdateRecurringPlanInput } from "@ordinavo/domain";
import { z } from "zod";
import { permitted, workspaceT } from "../realms/workspace";
import {
  createPlan,
  getPlan,
  listPlans,
  previewPlan,
  setPlanArchived,
  updatePlan,
  ZListPlansInput,
  ZPlanDetail,
  ZPlanView,
  ZPreviewInput,
} from "../services/recurring";

const ZPlanId = z.object({ recurringPlanId: z.uuid({ error: "Choose a recurring plan" }) });

export const recurringRouter = workspaceT.router({
  list: permitted("recurring_plan.read")
    .input(ZListPlansInput)
    .output(z.array(ZPlanView))
    .query(({ ctx, input }) => listPlans(ctx.service, input)),

  get: permitted("recurring_plan.read")
    .input(ZPlanId)
    .output(ZPlanDetail)
    .query(({ ctx, input }) => getPlan(ctx.service, input)),

  /** The next occurrences a rule would give, for the plan form (nothing is saved). */
  preview: permitted("recurring_plan.read")
    .input(ZPreviewInput)
    .output(
      z.object({
        description: z.string(),
        occurrences: z.array(z.object({ start: z.date(), end: z.date() })),
      }),
    )
    .query(({ input }) => previewPlan(input)),

  create: permitted("recurring_plan.write")
    .input(ZCreateRecurringPlanInput)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => createPlan(ctx.service, input)),

  /** Changes apply to future occurrences nobody has touched; the plan's version goes up. */
  update: permitted("recurring_plan.write")
    .input(ZUpdateRecurringPlanInput)
    .output(z.object({ id: z.string(), version: z.number() }))
    .mutation(({ ctx, input }) => updatePlan(ctx.service, input)),

  /** Archiving stops the plan; its future untouched visits are removed by the generator. */
  setArchived: permitted("recurring_plan.write")
    .input(ZPlanId.extend({ archived: z.boolean() }))
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => setPlanArchived(ctx.service, input)),
});
