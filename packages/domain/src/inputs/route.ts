import { z } from "zod";
import { noDuplicates, reference } from "./fields";

/** The new order of a route's stops, first stop first. */
export const ZReorderRouteInput = z.object({
  routeId: reference("Choose a route"),
  stopIds: z
    .array(reference("Each stop must be a stop of this route"), {
      error: "List the stops in their new order",
    })
    .min(1, { error: "List the stops in their new order" })
    .superRefine(noDuplicates((id) => id, "A stop can appear only once")),
});
export type ReorderRouteInput = z.infer<typeof ZReorderRouteInput>;
