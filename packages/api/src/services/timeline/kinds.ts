import type { ObjectType, TimelineKind } from "@ordinavo/domain/vocabulary";
import { type Action, can } from "@ordinavo/policy";
import type { StaffContext } from "../context";

// Which kinds of history entry exist, how the History filter groups them, and which a viewer may
// receive at all. An entry is an index into another record: a viewer who may not read that kind of
// record gets none of its entries, and the query leaves them out in SQL so a page stays full.

/** The History filter's groups, in the order the filter offers them. */
export const timelineGroups = {
  work: { label: "Work", kinds: ["target_created", "target_completed", "imported_job"] },
  visits: {
    label: "Visits",
    kinds: [
      "appointment_planned",
      "appointment_moved",
      "appointment_completed",
      "appointment_not_completed",
      "appointment_cancelled",
      "problem_reported",
      "route_stop_visited",
      "recurring_visit_generated",
    ],
  },
  reports: {
    label: "Visit reports",
    kinds: [
      "visit_report_submitted",
      "visit_report_approved",
      "visit_report_returned",
      "visit_report_published",
    ],
  },
  follow_ups: { label: "Follow-ups", kinds: ["follow_up_created", "follow_up_planned", "follow_up_done"] },
  notes: { label: "Internal notes", kinds: ["internal_note_added"] },
  portal: { label: "Portal requests", kinds: ["portal_request_submitted", "portal_request_reviewed"] },
} as const satisfies Record<string, { label: string; kinds: readonly TimelineKind[] }>;

export type TimelineGroup = keyof typeof timelineGroups;
export const timelineGroupIds = Object.keys(timelineGroups) as [TimelineGroup, ...TimelineGroup[]];

/** The read action of the records behind each group's entries. */
const groupReadAction: Record<TimelineGroup, Action> = {
  work: "target.read",
  visits: "appointment.read",
  // A follow-up is what a report asked for: it is read with the report.
  reports: "visit_report.read",
  follow_ups: "visit_report.read",
  notes: "internal_note.read",
  portal: "portal_request.read",
};

/** The groups whose records the viewer may read (the others never reach them). */
export function readableGroups(ctx: StaffContext): TimelineGroup[] {
  return timelineGroupIds.filter((group) => can(ctx.actor, groupReadAction[group], ctx.gates));
}

/**
 * The kinds a query may return: the readable ones, narrowed to the groups and kinds asked for.
 * `null` means every kind (no condition needed).
 */
export function queryKinds(
  ctx: StaffContext,
  asked: { groups?: readonly TimelineGroup[]; kinds?: readonly TimelineKind[] },
): TimelineKind[] | null {
  const readable = readableGroups(ctx);
  let kinds: TimelineKind[] = readable.flatMap((group) => [...timelineGroups[group].kinds]);
  const everything = readable.length === timelineGroupIds.length;
  if (asked.groups?.length) {
    const wanted = new Set<TimelineKind>(asked.groups.flatMap((group) => [...timelineGroups[group].kinds]));
    kinds = kinds.filter((kind) => wanted.has(kind));
  }
  if (asked.kinds?.length) kinds = kinds.filter((kind) => asked.kinds!.includes(kind));
  return everything && !asked.groups?.length && !asked.kinds?.length ? null : kinds;
}

/** Entries a recurring plan's generation writes, one or two per generated visit. */
export const generatedKinds: readonly TimelineKind[] = ["recurring_visit_generated", "appointment_planned"];

/**
 * Who did it, for entries written before the timeline kept its actor: the person the record
 * itself names for that step (read from the viewer's projection of the record, so a viewer who
 * may not see a report's reviewer does not learn it here either).
 */
export const recordedBy: Partial<
  Record<TimelineKind, "createdBy" | "author" | "approvedBy" | "returnedBy" | "publishedBy">
> = {
  target_created: "createdBy",
  appointment_planned: "createdBy",
  visit_report_submitted: "author",
  visit_report_approved: "approvedBy",
  visit_report_returned: "returnedBy",
  visit_report_published: "publishedBy",
  internal_note_added: "author",
};

/** Object types whose entries the History links and describes (anything else: kind and time). */
export const describedTypes: readonly ObjectType[] = [
  "customer",
  "location",
  "target",
  "appointment",
  "recurring_plan",
  "visit_report",
  "follow_up",
  "internal_note",
  "portal_request",
  "billing_trigger",
];
