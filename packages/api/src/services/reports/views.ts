import {
  billingTriggerStatuses,
  followUpStatuses,
  visitReportStatuses,
  visitResults,
} from "@ordinavo/domain";
import {
  type Actor,
  can,
  canEditVisitReport,
  canReviewVisitReport,
  project,
  type TenantGates,
  type VisitReportFacts,
} from "@ordinavo/policy";
import { z } from "zod";
import { ZAttachmentView } from "../attachments/views";
import type { StaffContext } from "../context";
import { projected } from "../records";

// What the report services return: the report's fields as the policy lets the viewer see them
// (project()), and the flags the pages need, from the same policy functions the writes check.

export const ZReportView = projected({
  id: z.string(),
  appointmentId: z.string(),
  targetId: z.string(),
  customerId: z.string(),
  locationId: z.string().nullable(),
  authorId: z.string().nullable(),
  title: z.string(),
  status: z.enum(visitReportStatuses),
  result: z.enum(visitResults).nullable(),
  summary: z.string().nullable(),
  problems: z.string().nullable(),
  followUpRequired: z.boolean(),
  followUpDetails: z.string().nullable(),
  followUpDueDate: z.string().nullable(),
  billable: z.boolean(),
  billingNote: z.string().nullable(),
  submittedAt: z.date().nullable(),
  approvedAt: z.date().nullable(),
  approvedById: z.string().nullable(),
  returnedAt: z.date().nullable(),
  returnedById: z.string().nullable(),
  returnedReason: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
}).required({ id: true, title: true, status: true, appointmentId: true, customerId: true });
export type ReportView = z.infer<typeof ZReportView>;

export const reportView = (actor: Actor, row: object, gates: TenantGates) =>
  ZReportView.parse(project(actor, "visit_report", row, gates));

export const ZReportCan = z.object({
  /** Change the report's fields (its author or the visit's assignee, while draft or returned). */
  edit: z.boolean(),
  /** Send it for review (as edit). */
  submit: z.boolean(),
  approve: z.boolean(),
  /** Send it back to its author with a reason. */
  return: z.boolean(),
});
export type ReportCan = z.infer<typeof ZReportCan>;

export function reportCan(ctx: StaffContext, facts: VisitReportFacts): ReportCan {
  const edit = canEditVisitReport(ctx.actor, facts, ctx.gates);
  const review = canReviewVisitReport(ctx.actor, facts, ctx.gates);
  return { edit, submit: edit, approve: review, return: review };
}

/** True when the viewer's role reviews reports at all (the queue offers approve and return). */
export const reviewsReports = (ctx: StaffContext) => can(ctx.actor, "visit_report.review", ctx.gates);

/** Where and when the visit was, for the queue and the detail page. */
export const ZReportContext = z.object({
  appointment: z.object({
    id: z.string(),
    plannedStart: z.date(),
    plannedEnd: z.date(),
    employeeName: z.string().nullable(),
  }),
  customer: z.object({ id: z.string(), name: z.string() }),
  location: z
    .object({
      id: z.string(),
      name: z.string(),
      address: z.string().nullable(),
    })
    .nullable(),
  authorName: z.string().nullable(),
});

export const ZReportQueueItem = z.object({
  report: ZReportView,
  context: ZReportContext,
  /** The report's image files the viewer may see (thumbnails in the queue). */
  photos: z.array(ZAttachmentView),
  can: ZReportCan,
});

export const ZReportQueue = z.object({
  /** review: a reviewer's queue; readOnly: the same list without review rights; mine: own reports. */
  mode: z.enum(["review", "readOnly", "mine"]),
  status: z.enum(visitReportStatuses).nullable(),
  items: z.array(ZReportQueueItem),
  nextCursor: z.string().nullable(),
});

export const ZFollowUpView = z.object({
  id: z.string(),
  status: z.enum(followUpStatuses),
  details: z.string(),
  dueDate: z.string().nullable(),
  /** The work that meets the follow-up; null until the job created it, or when the viewer may not see it. */
  target: z.object({ id: z.string(), title: z.string() }).nullable(),
});

/** A billing trigger: the summary for managers, with the note for admins (fields.ts decides). */
export const ZBillingTriggerView = projected({
  id: z.string(),
  status: z.enum(billingTriggerStatuses),
  note: z.string().nullable(),
  createdAt: z.date(),
}).required({ id: true, status: true });

export const ZReportDetail = z.object({
  report: ZReportView,
  context: ZReportContext,
  target: z.object({ id: z.string(), title: z.string() }).nullable(),
  can: ZReportCan,
  /** The viewer may set the billing note (admins writing their own report). */
  writableFields: z.array(z.string()),
  followUp: ZFollowUpView.nullable(),
  billingTrigger: ZBillingTriggerView.nullable(),
  /** All the report's files the viewer may see. */
  attachments: z.array(ZAttachmentView),
  approvedByName: z.string().nullable(),
  returnedByName: z.string().nullable(),
});
export type ReportDetail = z.infer<typeof ZReportDetail>;
