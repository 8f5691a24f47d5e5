import { connectT, permitted } from "../realms/connect";
import { listFollowUps, ZListFollowUpsInput } from "../services/connect/reads";
import { connectPage, ZConnectFollowUp } from "../services/connect/views";

export { ZConnectFollowUp };

export const connectFollowUpsRouter = connectT.router({
  /**
   * Follow-up work visit reports asked for (they become targets, so `targets:read` reads them),
   * least recently changed first; keyset paged, with `updatedSince`. Without their free text.
   */
  list: permitted("target.read")
    .input(ZListFollowUpsInput)
    .output(connectPage(ZConnectFollowUp))
    .query(({ ctx, input }) => listFollowUps(ctx.service, input)),
});
