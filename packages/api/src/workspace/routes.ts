import { permitted, workspaceT } from "../realms/workspace";
import { getRouteDay, optimiseRoute, reorderRoute } from "../services/routes/order";
import { ZOptimiseResult, ZReorderInput, ZRouteInput, ZRouteView } from "../services/routes/views";

export const routesRouter = workspaceT.router({
  /** An employee's day: ordered stops, work per stop, travel between them, totals. */
  day: permitted("route.read")
    .input(ZRouteInput)
    .output(ZRouteView)
    .query(({ ctx, input }) => getRouteDay(ctx.service, input)),

  /** Saves a hand-made order (every stop of the day, once). Flexible visits take the new times. */
  reorder: permitted("route.write")
    .input(ZReorderInput)
    .output(ZRouteView)
    .mutation(({ ctx, input }) => reorderRoute(ctx.service, input)),

  /**
   * Finds a shorter order (fixed-time and started visits keep their slot) and saves it. Visits
   * whose planned start changed come back as `timeChanges`.
   */
  optimise: permitted("route.write")
    .input(ZRouteInput)
    .output(ZOptimiseResult)
    .mutation(({ ctx, input }) => optimiseRoute(ctx.service, input)),
});
