import { z } from "zod";
import { permitted, workspaceT } from "../realms/workspace";
import { myDay } from "../services/execution/my-day";
import { recordUpdate } from "../services/execution/record";
import {
  ZMyDay,
  ZMyDayInput,
  ZRecordUpdateInput,
  ZRecordUpdateResult,
  ZVisitView,
} from "../services/execution/views";
import { visitView } from "../services/execution/visit";

// Mobile execution: the employee's day, one visit, and what they record on site.

export const executionRouter = workspaceT.router({
  /** The signed-in person's own visits of a local day (today by default), in route order. */
  myDay: permitted("appointment.read")
    .input(ZMyDayInput.default({}))
    .output(ZMyDay)
    .query(({ ctx, input }) => myDay(ctx.service, input)),

  /** One visit for the execution page: context, updates, the statuses its assignee may record. */
  visit: permitted("appointment.read")
    .input(z.object({ appointmentId: z.uuid({ error: "Choose an appointment" }) }))
    .output(ZVisitView)
    .query(({ ctx, input }) => visitView(ctx.service, input)),

  /**
   * A status change, comment or problem report from the assignee. Idempotent by `clientId`: the
   * same update sent again returns what the first stored and writes nothing.
   */
  record: permitted("mobile_update.write")
    .input(ZRecordUpdateInput)
    .output(ZRecordUpdateResult)
    .mutation(({ ctx, input }) => recordUpdate(ctx.service, input)),
});
