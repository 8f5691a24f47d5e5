import { ZCreateLocationInput, ZUpdateLocationInput } from "@ordinavo/domain";
import { z } from "zod";
import { permitted, workspaceT } from "../realms/workspace";
import { ZLocationView } from "../services/customers/views";
import {
  createLocation,
  getLocation,
  setLocationArchived,
  updateLocation,
  ZLocationDetail,
} from "../services/locations";

const ZLocationId = z.object({ locationId: z.uuid({ error: "Choose a location" }) });

export const locationsRouter = workspaceT.router({
  /** A location with its customer, contacts and upcoming visits. */
  get: permitted("location.read")
    .input(ZLocationId)
    .output(ZLocationDetail)
    .query(({ ctx, input }) => getLocation(ctx.service, input)),

  create: permitted("location.write")
    .input(ZCreateLocationInput)
    .output(ZLocationView)
    .mutation(({ ctx, input }) => createLocation(ctx.service, input)),

  update: permitted("location.write")
    .input(ZUpdateLocationInput)
    .output(ZLocationView)
    .mutation(({ ctx, input }) => updateLocation(ctx.service, input)),

  setArchived: permitted("location.write")
    .input(ZLocationId.extend({ archived: z.boolean() }))
    .output(ZLocationView)
    .mutation(({ ctx, input }) => setLocationArchived(ctx.service, input)),
});
