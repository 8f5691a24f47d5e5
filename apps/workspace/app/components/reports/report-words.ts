import { statusLabel } from "@ordinavo/domain";
import type { VisitReportStatus, VisitResult } from "@ordinavo/domain/vocabulary";

// Words of the visit report screens. Result names belong with the domain's labels; they live here
// until domain/labels.ts has a map for visit results.

/** What the author picks as the outcome of the visit. "not_completed" reads "Not possible". */
export const resultNames: Readonly<Record<VisitResult, string>> = {
  completed: "Completed",
  partially_completed: "Partially completed",
  not_completed: "Not possible",
  no_access: "No access",
};

export const resultHints: Readonly<Record<VisitResult, string>> = {
  completed: "All the work was done.",
  partially_completed: "Some of the work was done; say what is left.",
  not_completed: "The work could not be done on site.",
  no_access: "Nobody let you in, or the site was closed.",
};

export const reportStatusText = (status: VisitReportStatus) => statusLabel("visit_report", status);

/** Badge colour per report status (the text says the same). */
export const reportStatusTone: Readonly<Record<VisitReportStatus, string>> = {
  draft: "",
  submitted: "warn",
  returned: "danger",
  approved: "ok",
};
