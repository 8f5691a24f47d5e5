import { z } from "zod";
import { visitResults } from "../vocabulary";
import { type FieldIssue, report } from "./field-issue";
import { choice, flag, optionalText, reference, requiredText } from "./fields";

const reportFields = {
  title: requiredText("Title", 200, "Enter a title"),
  result: choice(visitResults, "Choose the result of the visit"),
  summary: requiredText("Summary", 10000, "Summarise the visit"),
  problems: optionalText("Problems", 10000),
  followUpRequired: flag("Follow-up required"),
  followUpDetails: optionalText("Follow-up details", 5000),
  billable: flag("Billable"),
  billingNote: optionalText("Billing note", 2000),
};

type FollowUp = { followUpRequired?: boolean; followUpDetails?: string | null };

/** A report that asks for a follow-up says what it is. Checks a complete (merged) report. */
export function checkFollowUp(visitReport: FollowUp): FieldIssue | null {
  if (visitReport.followUpRequired !== true || visitReport.followUpDetails != null) return null;
  return { path: "followUpDetails", message: "Describe the follow-up that is needed" };
}

export const ZCreateVisitReportInput = z
  .object({ appointmentId: reference("Choose an appointment"), ...reportFields })
  .superRefine((visitReport, ctx) => report(ctx, checkFollowUp(visitReport)));
export type CreateVisitReportInput = z.infer<typeof ZCreateVisitReportInput>;

/**
 * Keys left out stay as they are. Here only details cleared in the same change are caught; the
 * service checks the merged report with `checkFollowUp`.
 */
export const ZUpdateVisitReportInput = z
  .object(reportFields)
  .partial()
  .extend({ visitReportId: reference("Choose a visit report") })
  .superRefine((change, ctx) => {
    if (change.followUpDetails === null) report(ctx, checkFollowUp(change));
  });
export type UpdateVisitReportInput = z.infer<typeof ZUpdateVisitReportInput>;

/** A manager sends a submitted report back to its author. */
export const ZReturnVisitReportInput = z.object({
  visitReportId: reference("Choose a visit report"),
  reason: requiredText("Reason", 2000, "Say what needs to change"),
});
export type ReturnVisitReportInput = z.infer<typeof ZReturnVisitReportInput>;

/** Shares an approved report in the portal, with texts written for the customer. */
export const ZPublishVisitReportInput = z.object({
  visitReportId: reference("Choose a visit report"),
  portalTitle: requiredText("Portal title", 200, "Enter a title for the customer"),
  portalSummary: requiredText("Portal summary", 5000, "Write a summary for the customer"),
  portalMessage: optionalText("Message", 2000),
});
export type PublishVisitReportInput = z.infer<typeof ZPublishVisitReportInput>;
