import { z } from "zod";
import { permitted, workspaceT } from "../realms/workspace";
import { followUpsOfCustomer, ZCustomerFollowUp } from "../services/timeline/follow-ups";
import { customerTimeline } from "../services/timeline/page";
import { ZCustomerTimeline, ZCustomerTimelineInput } from "../services/timeline/views";

/** A customer's history and follow-ups; previews follow the records' own permissions. */
export const timelineRouter = workspaceT.router({
  /** Newest first, keyset paged; repeated generated entries come as one item. */
  customer: permitted("timeline.read")
    .input(ZCustomerTimelineInput)
    .output(ZCustomerTimeline)
    .query(({ ctx, input }) => customerTimeline(ctx.service, input)),

  /** The customer's follow-ups the actor may see (read with their reports). */
  followUps: permitted("visit_report.read")
    .input(z.object({ customerId: z.uuid({ error: "Choose a customer" }) }))
    .output(z.array(ZCustomerFollowUp))
    .query(({ ctx, input }) => followUpsOfCustomer(ctx.service, input)),
});
