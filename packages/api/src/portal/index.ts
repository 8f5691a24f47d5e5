import { portalT } from "../realms/portal";
import { portalAccountRouter, portalAuthRouter, portalSessionRouter } from "./account";

export const portalRouter = portalT.router({
  auth: portalAuthRouter,
  session: portalSessionRouter,
  account: portalAccountRouter,
});

export type PortalRouter = typeof portalRouter;
