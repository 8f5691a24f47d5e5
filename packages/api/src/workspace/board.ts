import { permitted, workspaceT } from "../realms/workspace";
import { listAssignees, viewBoard, ZAssignees, ZBoardInput, ZBoardView } from "../services/board";

export const boardRouter = workspaceT.router({
  /**
   * The dispatch board: a day or a week (Monday to Sunday) in the tenant's time zone, per
   * person, with unassigned appointments and the open targets waiting to be planned. Employees
   * get their own row only.
   */
  view: permitted("appointment.read")
    .input(ZBoardInput)
    .output(ZBoardView)
    .query(({ ctx, input }) => viewBoard(ctx.service, input)),

  /** People work can be assigned to (`group`: field staff, who do visits, or office). */
  assignees: permitted("appointment.read")
    .output(ZAssignees)
    .query(({ ctx }) => listAssignees(ctx.service)),
});
