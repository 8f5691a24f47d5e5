import { z } from "zod";
import { connectT, permitted } from "../realms/connect";
import { getLocation, listLocations, ZListLocationsInput } from "../services/connect/reads";
import { connectPage, ZConnectLocation } from "../services/connect/views";

export { ZConnectLocation };

export const connectLocationsRouter = connectT.router({
  /**
   * Locations ("via API if scoped": `locations:read`), least recently changed first, 1–100 at a
   * time; pass `nextCursor` back as `after`. `updatedSince` keeps those changed at or after it.
   */
  list: permitted("location.read")
    .input(ZListLocationsInput)
    .output(connectPage(ZConnectLocation))
    .query(({ ctx, input }) => listLocations(ctx.service, input)),

  /** One location by id; another tenant's or a missing one is NOT_FOUND. */
  get: permitted("location.read")
    .input(z.object({ locationId: z.uuid({ error: "locationId must be a UUID" }) }))
    .output(ZConnectLocation)
    .query(({ ctx, input }) => getLocation(ctx.service, input)),
});
