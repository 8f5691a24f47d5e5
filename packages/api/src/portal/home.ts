import { portalT, signedInProcedure } from "../realms/portal";
import { portalHome, ZPortalHome } from "../services/portal-home";

/** The start page: open requests, next visits, latest shared reports and recent milestones. */
export const portalHomeRouter = portalT.router({
  /** Each part as its own list shows it; a part the contact may not read is null. */
  summary: signedInProcedure.output(ZPortalHome).query(({ ctx }) => portalHome(ctx.service)),
});
