import { type AppointmentStatus, appointmentStatuses } from "../vocabulary";
import { defineMachine, type TransitionTable } from "./machine";

// An appointment is one planned visit.
// - scheduled → confirmed when the customer confirms; confirmed → scheduled when it is moved and the
//   new slot is not confirmed yet.
// - scheduled or confirmed → en_route → on_site → completed is the day of the visit. Employees do not
//   always tap "on my way", so on_site may follow scheduled or confirmed directly.
// - en_route → scheduled when the employee is called off on the way and the visit must be re-planned.
// - Until the employee is on site the visit can be cancelled, or marked no_show when the customer
//   was not there or could not be reached.
// - On site, work starts (in_progress) and ends completed, or not_completed with a reason (no
//   access, missing part, unsafe). A short job may be completed straight from on_site.
// - completed, not_completed, cancelled and no_show are final: another visit is another appointment.
export const appointmentTransitions: TransitionTable<AppointmentStatus> = {
  scheduled: ["confirmed", "en_route", "on_site", "cancelled", "no_show"],
  confirmed: ["scheduled", "en_route", "on_site", "cancelled", "no_show"],
  en_route: ["on_site", "scheduled", "cancelled", "no_show"],
  on_site: ["in_progress", "completed", "not_completed"],
  in_progress: ["completed", "not_completed"],
  completed: [],
  not_completed: [],
  cancelled: [],
  no_show: [],
};

export const appointmentMachine = defineMachine("appointment", appointmentStatuses, appointmentTransitions);

/**
 * Named sets of appointment statuses, the one place the API, the jobs and the screens ask:
 * - `movable`: a dispatcher may still move or reassign it (nobody has set off yet);
 * - `holdsTime`: it occupies its employee's time (double-booking checks, routes);
 * - `setInWorkspace`: statuses the office may set; on-site progress is the assigned employee's;
 * - `setOnSite`: statuses the assigned employee records from the visit (the field's own progress);
 * - `underway`: the employee has set off and the visit has not ended (live on the board);
 * - `needsReason`: the status is recorded with a reason the employee gives;
 * - `terminal`: nothing may follow (the machine's final statuses).
 */
export const appointmentStatusSets = {
  movable: ["scheduled", "confirmed"],
  holdsTime: ["scheduled", "confirmed", "en_route", "on_site", "in_progress", "completed", "not_completed"],
  setInWorkspace: ["scheduled", "confirmed", "cancelled", "no_show"],
  setOnSite: ["en_route", "on_site", "in_progress", "completed", "not_completed"],
  underway: ["en_route", "on_site", "in_progress"],
  needsReason: ["not_completed"],
  terminal: appointmentStatuses.filter((status) => appointmentTransitions[status].length === 0),
} as const satisfies Record<string, readonly AppointmentStatus[]>;

/** True when the status is in the named set (a status read from storage may be unknown: false). */
export function appointmentIs(set: keyof typeof appointmentStatusSets, status: string): boolean {
  return (appointmentStatusSets[set] as readonly string[]).includes(status);
}
