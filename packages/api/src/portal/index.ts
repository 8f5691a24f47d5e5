import { portalT } from "../realms/portal";
import { portalAccountRouter, portalAuthRouter, portalSessionRouter } from "./account";
import { portalAppointmentsRouter } from "./appointments";
import { portalHomeRouter } from "./home";
import { portalInvitationsRouter } from "./invitations";
import { portalReportsRouter } from "./reports";
import { portalRequestsRouter } from "./requests";
import { portalTimelineRouter } from "./timeline";

export const portalRouter = portalT.router({
  auth: portalAuthRouter,
  session: portalSessionRouter,
  account: portalAccountRouter,
  invitations: portalInvitationsRouter,
  requests: portalRequestsRouter,
  appointments: portalAppointmentsRouter,
  reports: portalReportsRouter,
  timeline: portalTimelineRouter,
  home: portalHomeRouter,
});

export type PortalRouter = typeof portalRouter;
