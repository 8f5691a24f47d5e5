import {
  portalRequestStatuses,
  portalRequestTypes,
  priorities,
  targetStatuses,
  timeWindows,
} from "@ordinavo/domain";
import { z } from "zod";
import { ZAttachmentView } from "../attachments/views";
import { requestQueueFilters } from "./inputs";

// What the request services return. Portal views name every field they carry and nothing else:
// never who reviewed a request, the target it became, other contacts' names, or internal notes.

const ZPreferredDate = z.object({ date: z.string(), window: z.enum(timeWindows) });

/** A file sent with a request, as its readers in the portal see it. */
export const ZPortalRequestFile = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number(),
  isImage: z.boolean(),
  hasPreview: z.boolean(),
  createdAt: z.date(),
});
export type PortalRequestFile = z.infer<typeof ZPortalRequestFile>;

/** One row of the portal's list. */
export const ZPortalRequestSummary = z.object({
  id: z.string(),
  type: z.enum(portalRequestTypes),
  title: z.string(),
  status: z.enum(portalRequestStatuses),
  createdAt: z.date(),
  location: z.object({ name: z.string(), city: z.string().nullable() }),
  preferredDates: z.array(ZPreferredDate),
  /** The reader filed it (colleagues at the same place see each other's requests, not their names). */
  sentByYou: z.boolean(),
});
export type PortalRequestSummary = z.infer<typeof ZPortalRequestSummary>;

export const ZPortalRequestPage = z.object({
  items: z.array(ZPortalRequestSummary),
  nextCursor: z.string().nullable(),
});

/** A request as the portal shows it, with the milestones its tracker shows. */
export const ZPortalRequestDetail = ZPortalRequestSummary.extend({
  description: z.string(),
  location: z.object({ name: z.string(), city: z.string().nullable(), address: z.string().nullable() }),
  /** What the service provider told the customer with its decision (null before one). */
  customerMessage: z.string().nullable(),
  milestones: z.object({
    submitted: z.date(),
    reviewed: z.date().nullable(),
    planned: z.date().nullable(),
    completed: z.date().nullable(),
  }),
  /** The next visit of the work the request became, while one is planned. */
  nextVisit: z.object({ start: z.date(), end: z.date() }).nullable(),
  files: z.array(ZPortalRequestFile),
  can: z.object({
    /** The reader filed it and it still waits for review: more files may go with it. */
    addFiles: z.boolean(),
  }),
});
export type PortalRequestDetail = z.infer<typeof ZPortalRequestDetail>;

/** The places a portal user may file a request for: locations their grants cover. */
export const ZRequestPlace = z.object({
  locationId: z.string(),
  name: z.string(),
  customerName: z.string(),
  address: z.string().nullable(),
});

// ---- Workspace ----------------------------------------------------------------------------------

const ZNamed = z.object({ id: z.string(), name: z.string() });

export const ZRequestQueueItem = z.object({
  id: z.string(),
  type: z.enum(portalRequestTypes),
  title: z.string(),
  status: z.enum(portalRequestStatuses),
  createdAt: z.date(),
  customer: ZNamed,
  location: ZNamed.extend({ city: z.string().nullable() }),
  preferredDates: z.array(ZPreferredDate),
  /** The portal user who sent it (null when the account is gone). */
  senderName: z.string().nullable(),
  fileCount: z.number(),
});

export const ZRequestQueue = z.object({
  filter: z.enum(requestQueueFilters),
  search: z.string(),
  items: z.array(ZRequestQueueItem),
  nextCursor: z.string().nullable(),
  /** Requests waiting for a decision (submitted or in review), whatever the filter. */
  waitingCount: z.number(),
  /** The reader decides requests (others read them). */
  reviews: z.boolean(),
});
export type RequestQueue = z.infer<typeof ZRequestQueue>;

export const ZRequestReview = z.object({
  request: z.object({
    id: z.string(),
    type: z.enum(portalRequestTypes),
    title: z.string(),
    description: z.string(),
    preferredDates: z.array(ZPreferredDate),
    status: z.enum(portalRequestStatuses),
    customerMessage: z.string().nullable(),
    createdAt: z.date(),
    reviewedAt: z.date().nullable(),
  }),
  customer: ZNamed,
  location: ZNamed.extend({ address: z.string().nullable() }),
  /** The portal account that sent it. */
  sender: z.object({ name: z.string(), email: z.string() }).nullable(),
  /** The sender's contact person, attached to the target on acceptance (when still the customer's). */
  contact: z
    .object({
      id: z.string(),
      name: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
    })
    .nullable(),
  reviewedByName: z.string().nullable(),
  /** The work the request became. */
  target: z.object({ id: z.string(), title: z.string(), status: z.enum(targetStatuses) }).nullable(),
  files: z.array(ZAttachmentView),
  /** What the accept form starts with. */
  suggested: z.object({
    title: z.string(),
    description: z.string(),
    priority: z.enum(priorities),
  }),
  can: z.object({
    /** Accept or decline (a reviewer, while it waits). */
    review: z.boolean(),
    /** Mark it as being looked at (a reviewer, while submitted). */
    markInReview: z.boolean(),
  }),
});
export type RequestReview = z.infer<typeof ZRequestReview>;
