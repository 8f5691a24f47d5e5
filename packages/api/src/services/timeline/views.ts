import { objectTypes, planningDay, timelineKinds } from "@ordinavo/domain";
import { z } from "zod";
import { ZCursorInput } from "../cursor";
import { timelineGroupIds } from "./kinds";
import { ZActorName } from "./people";

// The History's input and output. Every text in an entry comes from the record it points at, as
// the viewer may read that record; the entry itself only says what happened, when and by whom.

export const ZCustomerTimelineInput = z.object({
  customerId: z.uuid({ error: "Choose a customer" }),
  locationId: z.uuid({ error: "Choose one of this customer's locations" }).optional(),
  /** Groups of kinds, as the History filter offers them. */
  groups: z
    .array(z.enum(timelineGroupIds, { error: "Choose one of the listed kinds of entry" }))
    .max(timelineGroupIds.length)
    .optional(),
  kinds: z
    .array(z.enum(timelineKinds, { error: "Choose one of the listed kinds of entry" }))
    .max(timelineKinds.length)
    .optional(),
  /** Local days (the tenant's time zone), both included. */
  from: planningDay("Enter the first day as YYYY-MM-DD").optional(),
  to: planningDay("Enter the last day as YYYY-MM-DD").optional(),
  after: ZCursorInput,
  /** Entries read per page; repeated generated entries shown as one still count one each. */
  limit: z.number().int().min(1).max(100).default(30),
});
export type CustomerTimelineInput = z.input<typeof ZCustomerTimelineInput>;

export const ZTimelineObject = z.object({
  type: z.enum(objectTypes),
  id: z.string(),
  title: z.string().nullable(),
  status: z.string().nullable(),
  start: z.date().nullable(),
  end: z.date().nullable(),
  due: z.string().nullable(),
  excerpt: z.string().nullable(),
  /** Who the visit is assigned to, when the viewer may know. */
  assignee: z.string().nullable(),
  href: z.string().nullable(),
});

export const ZTimelineItem = z.object({
  /** The entry's id (a group's newest entry). */
  id: z.string(),
  kind: z.enum(timelineKinds),
  occurredAt: z.date(),
  location: z.object({ id: z.string(), name: z.string().nullable(), href: z.string() }).nullable(),
  actor: ZActorName.nullable(),
  /** The record behind the entry; null when it no longer exists (the entry keeps kind, time and who). */
  object: ZTimelineObject.nullable(),
  /** Repeated generated entries shown as one: how many visits, and when they take place. */
  group: z
    .object({
      visits: z.number().int(),
      entries: z.number().int(),
      firstVisit: z.date().nullable(),
      lastVisit: z.date().nullable(),
      /** When the oldest entry of the group happened (the item's time is the newest). */
      since: z.date(),
      plan: z
        .object({ id: z.string(), title: z.string().nullable(), href: z.string().nullable() })
        .nullable(),
    })
    .nullable(),
});
export type TimelineItem = z.infer<typeof ZTimelineItem>;

export const ZCustomerTimeline = z.object({
  items: z.array(ZTimelineItem),
  nextCursor: z.string().nullable(),
  /** The filter groups this viewer may use (notes only for those who read notes). */
  groups: z.array(z.object({ id: z.enum(timelineGroupIds), label: z.string() })),
});
