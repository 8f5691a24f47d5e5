import { permitted, portalT } from "../realms/portal";
import { portalTimeline } from "../services/portal-timeline/list";
import { ZPortalTimeline, ZPortalTimelineInput } from "../services/portal-timeline/views";

/** The customer's reduced timeline: customer-safe milestones at the places shared with the contact. */
export const portalTimelineRouter = portalT.router({
  /** Newest first, keyset paged, optionally one filter group. */
  list: permitted("portal.timeline.read")
    .input(ZPortalTimelineInput)
    .output(ZPortalTimeline)
    .query(({ ctx, input }) => portalTimeline(ctx.service, input)),
});
