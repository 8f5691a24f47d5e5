import { type PortalRequestStatus, portalRequestStatuses } from "../vocabulary";
import { defineMachine, type TransitionTable } from "./machine";

// A customer submits a request; a manager takes it into review and accepts or declines it. An
// accepted request becomes planned once its target has an appointment, and completed when that work
// is done. Declined and completed are final.
export const portalRequestTransitions: TransitionTable<PortalRequestStatus> = {
  submitted: ["in_review"],
  in_review: ["accepted", "declined"],
  accepted: ["planned"],
  planned: ["completed"],
  declined: [],
  completed: [],
};

export const portalRequestMachine = defineMachine(
  "portal_request",
  portalRequestStatuses,
  portalRequestTransitions,
);
