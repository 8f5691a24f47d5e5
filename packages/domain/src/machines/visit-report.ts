import { type VisitReportStatus, visitReportStatuses } from "../vocabulary";
import { defineMachine, type TransitionTable } from "./machine";

// The author submits a draft; a manager approves it or returns it with a reason. A returned report
// is edited and submitted again. Approved is final. Publishing an approved report to the portal is
// not a status change: it sets the report's publication fields.
export const visitReportTransitions: TransitionTable<VisitReportStatus> = {
  draft: ["submitted"],
  submitted: ["approved", "returned"],
  returned: ["submitted"],
  approved: [],
};

export const visitReportMachine = defineMachine("visit_report", visitReportStatuses, visitReportTransitions);
