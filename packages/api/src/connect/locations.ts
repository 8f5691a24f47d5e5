import { z } from "zod";
import { connectT, permitted, permittedWrite } from "../realms/connect";
import { getLocation, listLocations, ZListLocationsInput } from "../services/connect/reads";
import { upsertForConnect, ZUpsertLocationsInput, ZUpsertResult } from "../services/connect/upserts";
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

  /**
   * Upserts 1–100 locations (each names its customer by `customerExternalId`) by (source system, external id): each item is created, updated or
   * left unchanged, or fails with field errors (by its index). Send an `Idempotency-Key` header so
   * a retried call does nothing twice.
   */
  upsert: permittedWrite("location.write")
    .input(ZUpsertLocationsInput)
    .output(ZUpsertResult)
    .mutation(({ ctx, input }) =>
      upsertForConnect(ctx.service, "location", input, {
        key: ctx.idempotencyKey,
        procedure: "locations.upsert",
      }),
    ),
});
