import { hasNoNul, NUL_MESSAGE, planningDay, visitReportStatuses, visitResults } from "@ordinavo/domain";
import { z } from "zod";
import { ZCursorInput } from "../cursor";

// What the visit report procedures accept. Text is trimmed; a blank optional text becomes null
// ("no value") while a missing key stays undefined ("leave as it is"). Whether the author may set
// a field at all is the policy's question (unwritableVisitReportFields), asked by the service.

const tooLong = (field: string, max: number) => `${field} must be at most ${max} characters`;

function text(field: string, max: number) {
  return z
    .string({ error: `${field} must be text` })
    .trim()
    .max(max, { error: tooLong(field, max) })
    .refine(hasNoNul, { error: NUL_MESSAGE });
}

/** Optional text: blank becomes null. */
const optionalText = (field: string, max: number) =>
  text(field, max)
    .transform((value) => (value === "" ? null : value))
    .nullish();

const reportId = z.uuid({ error: "Choose a visit report" });

export const REPORT_TEXT_MAX = 5000;

export const ZOpenReportInput = z.object({ appointmentId: z.uuid({ error: "Choose an appointment" }) });

export const ZUpdateReportInput = z.object({
  visitReportId: reportId,
  title: text("Title", 200).min(1, { error: "Enter a title" }).optional(),
  result: z.enum(visitResults, { error: "Choose the result of the visit" }).nullish(),
  summary: optionalText("Summary", REPORT_TEXT_MAX),
  problems: optionalText("Problems", REPORT_TEXT_MAX),
  followUpRequired: z.boolean({ error: "Follow-up required must be yes or no" }).optional(),
  followUpDetails: optionalText("Follow-up details", REPORT_TEXT_MAX),
  followUpDueDate: z
    .string({ error: "Enter the due date as YYYY-MM-DD" })
    .trim()
    .transform((value) => (value === "" ? null : value))
    .pipe(planningDay("Enter the due date as YYYY-MM-DD").nullable())
    .nullish(),
  billable: z.boolean({ error: "Billable must be yes or no" }).optional(),
  billingNote: optionalText("Billing note", 2000),
});
export type UpdateReportInput = z.output<typeof ZUpdateReportInput>;

export const ZReportIdInput = z.object({ visitReportId: reportId });

export const ZReturnReportInput = z.object({
  visitReportId: reportId,
  reason: text("Reason", 2000).min(1, { error: "Say what needs to change" }),
});

const PAGE_SIZE = "Page size must be a whole number between 1 and 100";

export const ZReportQueueInput = z.object({
  status: z.enum(visitReportStatuses, { error: "Choose a report status" }).optional(),
  cursor: ZCursorInput,
  limit: z
    .number({ error: PAGE_SIZE })
    .int({ error: PAGE_SIZE })
    .min(1, { error: PAGE_SIZE })
    .max(100, { error: PAGE_SIZE })
    .default(25),
});
export type ReportQueueInput = z.output<typeof ZReportQueueInput>;

/**
 * What the customer reads when a report is published: a title and a summary written for them
 * (required), and an optional message. These are a copy: the portal never reads the internal text.
 */
export const ZPublishReportInput = z.object({
  visitReportId: reportId,
  portalTitle: text("Title", 200).min(1, { error: "Enter a title for the customer" }),
  portalSummary: text("Summary", REPORT_TEXT_MAX).min(1, { error: "Write a summary for the customer" }),
  portalMessage: optionalText("Message", 2000),
});
export type PublishReportInput = z.output<typeof ZPublishReportInput>;
