import { type PortalRequestStatus, portalRequestStatuses } from "../vocabulary";
import { defineMachine, type TransitionTable } from "./machine";

// A customer submits a request; a manager takes it into review and accepts or declines it. From
// then on the request follows the target it became: planned once the target has an appointment,
// back to accepted when every visit was called off, completed when the work is done (also work
// settled without a visit, accepted → completed). Declined and completed are final.
export const portalRequestTransitions: TransitionTable<PortalRequestStatus> = {
  submitted: ["in_review"],
  in_review: ["accepted", "declined"],
  accepted: ["planned", "completed"],
  planned: ["accepted", "completed"],
  declined: [],
  completed: [],
};

export const portalRequestMachine = defineMachine(
  "portal_request",
  portalRequestStatuses,
  portalRequestTransitions,
);
