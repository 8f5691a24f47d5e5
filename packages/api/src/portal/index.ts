import { portalT } from "../realms/portal";
import { portalAuthRouter, portalSessionRouter } from "./account";

export const portalRouter = portalT.router({
  auth: portalAuthRouter,
  session: portalSessionRouter,
});

export type PortalRouter = typeof portalRouter;
