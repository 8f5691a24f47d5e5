import { type TargetStatus, targetStatuses } from "../vocabulary";
import { defineMachine, type TransitionTable } from "./machine";

// A target is a piece of work for a customer.
// - open → planned when an appointment is made; planned → open when its appointments are all called
//   off, so it goes back to the planning backlog.
// - planned → in_progress when the employee heads out or arrives; in_progress → done when the work is
//   finished, or → open when it stopped short and needs another visit.
// - open → done for work settled without a visit (by phone, remotely).
// - open or planned → cancelled; a cancelled target may be reopened (→ open), say after a mistake.
//   Work that has started is not cancelled: stop it first (→ open).
// - done is final: further work becomes a new target (a follow-up), which keeps history honest.
export const targetTransitions: TransitionTable<TargetStatus> = {
  open: ["planned", "done", "cancelled"],
  planned: ["open", "in_progress", "cancelled"],
  in_progress: ["done", "open"],
  done: [],
  cancelled: ["open"],
};

export const targetMachine = defineMachine("target", targetStatuses, targetTransitions);

/**
 * Named sets of target statuses: `open` work still waits for someone (the backlog, a customer's
 * open work); `terminal` statuses end it (a cancelled target may be reopened, so it is not final for
 * the machine, but it is no longer work).
 */
export const targetStatusSets = {
  open: ["open", "planned", "in_progress"],
  terminal: ["done", "cancelled"],
} as const satisfies Record<string, readonly TargetStatus[]>;
