import { memberProcedure, workspaceT } from "../realms/workspace";
import { today, ZToday } from "../services/today";

/** The landing page: what needs attention today, by what the viewer's role lets them do. */
export const todayRouter = workspaceT.router({
  // Every member has a Today; what it holds is decided inside by the policy.
  view: memberProcedure.output(ZToday).query(({ ctx }) => today(ctx.service)),
});
