import { portalRequestStatuses, searchText } from "@ordinavo/domain";
import { z } from "zod";
import { ZCursorInput } from "../cursor";

// What the request lists accept. The request's own inputs (new request, accept, decline) are the
// domain's (packages/domain/src/inputs/portal-requests.ts).

const PAGE_SIZE = "Page size must be a whole number between 1 and 50";
const limit = z
  .number({ error: PAGE_SIZE })
  .int({ error: PAGE_SIZE })
  .min(1, { error: PAGE_SIZE })
  .max(50, { error: PAGE_SIZE })
  .default(20);

/** The portal's list: newest first, all statuses or one. */
export const ZPortalRequestListInput = z.object({
  status: z.enum(portalRequestStatuses, { error: "Choose a status" }).optional(),
  cursor: ZCursorInput,
  limit,
});
export type PortalRequestListInput = z.output<typeof ZPortalRequestListInput>;

/** The queue's status filters: requests waiting for a decision (the default), one status, or all. */
export const requestQueueFilters = ["waiting", ...portalRequestStatuses, "all"] as const;
export type RequestQueueFilter = (typeof requestQueueFilters)[number];

export const ZPortalRequestQueueInput = z.object({
  status: z.enum(requestQueueFilters, { error: "Choose a status" }).default("waiting"),
  /** Part of the customer's name. */
  search: searchText(100).optional(),
  cursor: ZCursorInput,
  limit,
});
export type PortalRequestQueueInput = z.output<typeof ZPortalRequestQueueInput>;

const attachmentId = z.uuid({ error: "Choose a file" });
const portalRequestId = z.uuid({ error: "Choose a request" });

/** Files sent with a request, from the portal's form (several at once). */
export const ZAddRequestFilesInput = z.object({
  portalRequestId,
  files: z.array(z.instanceof(File, { error: "Choose a file" })).min(1, { error: "Choose a file" }),
});

export const ZOpenRequestFileInput = z.object({
  portalRequestId,
  attachmentId,
  variant: z.enum(["original", "preview"]).default("original"),
});
export type OpenRequestFileInput = z.output<typeof ZOpenRequestFileInput>;
