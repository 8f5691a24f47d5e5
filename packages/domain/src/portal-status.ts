import type { AppointmentStatus, TargetSource, TargetStatus } from "./vocabulary";

// What a customer reads about the work done for them. The portal never shows an internal status
// as it is: nine appointment statuses become six plain states, and open work becomes three. The
// portal translates each state by its key (apps/portal/app/locales/<language>/appointments.json,
// "status.<state>" and "work.<state>").

/** The states a customer sees for an appointment. */
export const portalAppointmentStatuses = [
  "scheduled",
  "on_the_way",
  "in_progress",
  "done",
  "not_completed",
  "cancelled",
  "missed",
] as const;
export type PortalAppointmentStatus = (typeof portalAppointmentStatuses)[number];

const appointmentStates: Readonly<Record<AppointmentStatus, PortalAppointmentStatus>> = {
  // Whether the office has confirmed the slot with the crew is internal: both are "Scheduled".
  scheduled: "scheduled",
  confirmed: "scheduled",
  en_route: "on_the_way",
  // Arrived or working: the customer sees one state, "In progress".
  on_site: "in_progress",
  in_progress: "in_progress",
  completed: "done",
  not_completed: "not_completed",
  cancelled: "cancelled",
  no_show: "missed",
};

/** An appointment's status as the portal names it: `portalAppointmentStatus("confirmed")` → "scheduled". */
export function portalAppointmentStatus(status: AppointmentStatus): PortalAppointmentStatus {
  return appointmentStates[status];
}

/** The states a customer sees for open work (a target that is not finished or cancelled). */
export const portalWorkStatuses = ["waiting", "planned", "in_progress"] as const;
export type PortalWorkStatus = (typeof portalWorkStatuses)[number];

const workStates: Readonly<Record<TargetStatus, PortalWorkStatus | null>> = {
  open: "waiting",
  planned: "planned",
  in_progress: "in_progress",
  done: null,
  cancelled: null,
};

/** Target statuses that count as open work in the portal. */
export const portalOpenTargetStatuses = (Object.keys(workStates) as TargetStatus[]).filter(
  (status) => workStates[status] !== null,
);

/** Open work's state in the portal, or null when the work is no longer open (done, cancelled). */
export function portalWorkStatus(status: TargetStatus): PortalWorkStatus | null {
  return workStates[status];
}

/**
 * The first name of a person, for the portal's "Technician: Lucas" (only where the tenant shows
 * technicians): the first word of the name, never the rest. Null for a blank name.
 */
export function firstNameOf(name: string | null | undefined): string | null {
  const first = name?.trim().split(/\s+/)[0];
  return first ? first : null;
}

/**
 * What a customer reads as the name of a visit or of open work. The office's titles are internal
 * text (a follow-up is named after the internal report, an import after another system's job), so
 * the portal shows the customer's own request title when the work came from one, else the kind of
 * work by its key ("kind.<kind>" in the portal's appointments words).
 */
export const portalWorkKinds = ["request", "follow_up", "regular", "service"] as const;
export type PortalWorkKind = (typeof portalWorkKinds)[number];

const workKinds: Readonly<Record<TargetSource, PortalWorkKind>> = {
  portal_request: "request",
  follow_up: "follow_up",
  recurring: "regular",
  manual: "service",
  import: "service",
};

/** The kind of work the portal names a target by: `portalWorkKind("recurring")` → "regular". */
export function portalWorkKind(source: TargetSource): PortalWorkKind {
  return workKinds[source];
}
