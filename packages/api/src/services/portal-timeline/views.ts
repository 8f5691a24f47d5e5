import { timelineKinds } from "@ordinavo/domain";
import { z } from "zod";
import { ZCursorInput } from "../cursor";
import { portalTimelineGroupIds, portalTimelineLabels } from "./kinds";

// The portal timeline's input and output. An entry says what happened, when and where, in words
// the portal owns (a label key): never a record's free text, never who did it internally.

export const ZPortalTimelineInput = z.object({
  /** One filter group (requests, appointments, reports, follow-ups); all of them when left out. */
  group: z.enum(portalTimelineGroupIds, { error: "Choose one of the listed kinds of entry" }).optional(),
  after: ZCursorInput,
  limit: z.number().int().min(1).max(50).default(20),
});
export type PortalTimelineInput = z.input<typeof ZPortalTimelineInput>;

/** Where an entry leads inside the portal, when the contact may open that record. */
export const ZPortalTimelineLink = z.object({
  to: z.enum(["request", "report"]),
  id: z.string(),
});
export type PortalTimelineLink = z.infer<typeof ZPortalTimelineLink>;

export const ZPortalTimelineEntry = z.object({
  id: z.string(),
  kind: z.enum(timelineKinds),
  occurredAt: z.date(),
  /** A key of the portal's timeline words ("requestSubmitted"). */
  label: z.enum(portalTimelineLabels),
  /** The site's name; null for something that concerns the whole customer. */
  locationName: z.string().nullable(),
  link: ZPortalTimelineLink.nullable(),
});
export type PortalTimelineEntry = z.infer<typeof ZPortalTimelineEntry>;

export const ZPortalTimeline = z.object({
  entries: z.array(ZPortalTimelineEntry),
  nextCursor: z.string().nullable(),
  /** The filter's groups, in order. */
  groups: z.array(z.enum(portalTimelineGroupIds)),
});
export type PortalTimeline = z.infer<typeof ZPortalTimeline>;
