import { portalT } from "../realms/portal";
import { portalAccountRouter, portalAuthRouter, portalSessionRouter } from "./account";
import { portalTimelineRouter } from "./timeline";

export const portalRouter = portalT.router({
  auth: portalAuthRouter,
  session: portalSessionRouter,
  account: portalAccountRouter,
  timeline: portalTimelineRouter,
});

export type PortalRouter = typeof portalRouter;
