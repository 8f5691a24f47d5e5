import { z } from "zod";
import { optionalText, reference, requiredText } from "./fields";

// The visit report's own inputs (draft, submit, review) are the report procedures' business
// (packages/api/src/services/reports/inputs.ts). Publishing to the portal comes with the portal.

/** Shares an approved report in the portal, with texts written for the customer. */
export const ZPublishVisitReportInput = z.object({
  visitReportId: reference("Choose a visit report"),
  portalTitle: requiredText("Portal title", 200, "Enter a title for the customer"),
  portalSummary: requiredText("Portal summary", 5000, "Write a summary for the customer"),
  portalMessage: optionalText("Message", 2000),
});
export type PublishVisitReportInput = z.infer<typeof ZPublishVisitReportInput>;
