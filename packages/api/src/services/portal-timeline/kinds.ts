import type { TimelineKind } from "@ordinavo/domain/vocabulary";
import { portalTimelineKinds } from "@ordinavo/policy";

// The portal's reduced timeline: which kinds of entry it groups under which filter, and the
// customer-safe label each entry is shown with. Only kinds the policy lets the portal show at all
// (`portalTimelineKinds`) appear here; a test keeps the two lists in step.

/** The portal timeline's filter groups, in the order the filter offers them. */
export const portalTimelineGroups = {
  requests: [
    "portal_request_submitted",
    "portal_request_reviewed",
    "portal_request_planned",
    "portal_request_completed",
  ],
  appointments: [
    "appointment_planned",
    "appointment_moved",
    "appointment_completed",
    "appointment_cancelled",
  ],
  reports: ["visit_report_published"],
  follow_ups: ["follow_up_created", "follow_up_planned"],
} as const satisfies Record<string, readonly TimelineKind[]>;

export type PortalTimelineGroup = keyof typeof portalTimelineGroups;
export const portalTimelineGroupIds = Object.keys(portalTimelineGroups) as [
  PortalTimelineGroup,
  ...PortalTimelineGroup[],
];

/** The kinds the portal timeline reads: grouped kinds the policy allows in the portal. */
export function portalKindsOf(group?: PortalTimelineGroup): TimelineKind[] {
  const grouped: readonly TimelineKind[] = group
    ? portalTimelineGroups[group]
    : Object.values(portalTimelineGroups).flat();
  return grouped.filter((kind) => portalTimelineKinds.includes(kind));
}

/**
 * The labels an entry may carry (keys of the portal's "timeline" words). A review is told as its
 * outcome when the request says it (accepted or declined); every other kind has one label.
 */
export const portalTimelineLabels = [
  "requestSubmitted",
  "requestReviewed",
  "requestAccepted",
  "requestDeclined",
  "requestPlanned",
  "requestCompleted",
  "appointmentPlanned",
  "appointmentMoved",
  "appointmentCompleted",
  "appointmentCancelled",
  "reportShared",
  "followUpNeeded",
  "followUpPlanned",
] as const;
export type PortalTimelineLabel = (typeof portalTimelineLabels)[number];

/** The label of each kind (a review's outcome is decided with the request, see list.ts). */
export const labelOfKind: Partial<Record<TimelineKind, PortalTimelineLabel>> = {
  portal_request_submitted: "requestSubmitted",
  portal_request_reviewed: "requestReviewed",
  portal_request_planned: "requestPlanned",
  portal_request_completed: "requestCompleted",
  appointment_planned: "appointmentPlanned",
  appointment_moved: "appointmentMoved",
  appointment_completed: "appointmentCompleted",
  appointment_cancelled: "appointmentCancelled",
  visit_report_published: "reportShared",
  follow_up_created: "followUpNeeded",
  follow_up_planned: "followUpPlanned",
};
