import { type ObjectType, type TimelineKind, timelineKinds } from "@ordinavo/domain/vocabulary";
import { type Action, can, canSeeTimelineEntry, fieldKinds, fieldsFor } from "@ordinavo/policy";
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
  portal: {
    label: "Portal requests",
    kinds: [
      "portal_request_submitted",
      "portal_request_reviewed",
      "portal_request_planned",
      "portal_request_completed",
    ],
  },
} as const satisfies Record<string, { label: string; kinds: readonly TimelineKind[] }>;

export type TimelineGroup = keyof typeof timelineGroups;
export const timelineGroupIds = Object.keys(timelineGroups) as [TimelineGroup, ...TimelineGroup[]];

/**
 * The read action of the records behind each group's entries. An entry is an index into another
 * record, and every record still passes its own object check when the page is shaped (hydrate.ts):
 * this only lets the query leave out in SQL the kinds whose records the viewer may not read at all,
 * so a page stays full. A follow-up is what a report asked for: it is read with the report.
 */
const groupReadAction: Record<TimelineGroup, Action> = {
  work: "target.read",
  visits: "appointment.read",
  reports: "visit_report.read",
  follow_ups: "visit_report.read",
  notes: "internal_note.read",
  portal: "portal_request.read",
};

/** Where the entries are: the customer's history, or one of its locations'. */
export interface TimelinePlace {
  customerId: string;
  locationId: string | null;
}

/**
 * The kinds of entry the viewer receives here: entries the policy lets them see
 * (`canSeeTimelineEntry`) whose records they may read at all.
 */
export function visibleKinds(ctx: StaffContext, place: TimelinePlace): TimelineKind[] {
  return timelineGroupIds.flatMap((group) =>
    can(ctx.actor, groupReadAction[group], ctx.gates)
      ? timelineGroups[group].kinds.filter((kind) =>
          canSeeTimelineEntry(
            ctx.actor,
            { tenantId: ctx.tenantId, ...place, kind, portalVisible: false },
            ctx.gates,
          ),
        )
      : [],
  );
}

/** The filter's groups with at least one kind the viewer receives (the others never reach them). */
export function readableGroups(visible: readonly TimelineKind[]): TimelineGroup[] {
  return timelineGroupIds.filter((group) =>
    timelineGroups[group].kinds.some((kind: TimelineKind) => visible.includes(kind)),
  );
}

/**
 * The kinds a query may return: the visible ones, narrowed to the groups and kinds asked for.
 * `null` means every kind (no condition needed).
 */
export function queryKinds(
  visible: readonly TimelineKind[],
  asked: { groups?: readonly TimelineGroup[]; kinds?: readonly TimelineKind[] },
): TimelineKind[] | null {
  let kinds = [...visible];
  if (asked.groups?.length) {
    const wanted = new Set<TimelineKind>(asked.groups.flatMap((group) => [...timelineGroups[group].kinds]));
    kinds = kinds.filter((kind) => wanted.has(kind));
  }
  if (asked.kinds?.length) kinds = kinds.filter((kind) => asked.kinds!.includes(kind));
  const everything = visible.length === timelineKinds.length;
  return everything && !asked.groups?.length && !asked.kinds?.length ? null : kinds;
}

/** Entries a recurring plan's generation writes, one or two per generated visit. */
export const generatedKinds: readonly TimelineKind[] = ["recurring_visit_generated", "appointment_planned"];

/** The people a record names for a step, and the record's field that holds each. */
export const stepFields = {
  createdBy: "createdById",
  author: "authorId",
  approvedBy: "approvedById",
  returnedBy: "returnedById",
  publishedBy: "publishedById",
  reviewedBy: "reviewedById",
} as const;
export type Step = keyof typeof stepFields;

/**
 * The step an entry tells, where the record itself names the person who took it: a report's author
 * and reviewers, a note's author, whoever created work or a visit, a portal request's reviewer.
 * Such a person is named only to viewers whose field list of that record carries the field (the
 * policy's visit-report fields give dispatchers no author or reviewer, so neither does the History),
 * whether the name comes from the entry's own actor or, for older entries, from the record.
 */
export const recordedBy: Partial<Record<TimelineKind, Step>> = {
  target_created: "createdBy",
  appointment_planned: "createdBy",
  visit_report_submitted: "author",
  visit_report_approved: "approvedBy",
  visit_report_returned: "returnedBy",
  visit_report_published: "publishedBy",
  internal_note_added: "author",
  portal_request_reviewed: "reviewedBy",
};

/** True unless the entry tells a step whose person the viewer may not see on that record. */
export function stepPersonShown(
  ctx: StaffContext,
  entry: { kind: TimelineKind; objectType: ObjectType },
): boolean {
  const step = recordedBy[entry.kind];
  if (!step) return true;
  const kind = fieldKinds.find((known) => known === entry.objectType);
  const fields = kind ? fieldsFor(ctx.actor, kind, ctx.gates) : null;
  return fields?.includes(stepFields[step]) ?? false;
}
