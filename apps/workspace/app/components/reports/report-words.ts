import { statusLabel, visitResultNames } from "@ordinavo/domain/labels";
import type { VisitReportStatus, VisitResult } from "@ordinavo/domain/vocabulary";

// Words of the visit report screens; the result names are the domain's.

export const resultNames = visitResultNames;

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
