import { followUpStatuses } from "@ordinavo/domain";
import { z } from "zod";
import { permitted, workspaceT } from "../realms/workspace";
import { reportDetail, reportOfFollowUpTarget } from "../services/reports/detail";
import {
  ZOpenReportInput,
  ZPublishReportInput,
  ZReportIdInput,
  ZReportQueueInput,
  ZReturnReportInput,
  ZUpdateReportInput,
} from "../services/reports/inputs";
import {
  publishReport,
  reportPublication,
  unpublishReport,
  ZReportPublication,
} from "../services/reports/publish";
import { reportQueue } from "../services/reports/queue";
import { approveReport, returnReport } from "../services/reports/review";
import { ZReportDetail, ZReportQueue, ZReportView } from "../services/reports/views";
import { findReport, openReport, submitReport, updateReport } from "../services/reports/write";

export const reportsRouter = workspaceT.router({
  /**
   * The appointment's report if there is one, else whether it takes a report and whether the actor
   * may start it. Changes nothing: a page may ask on GET, and starts the draft with `open`.
   */
  ofAppointment: permitted("visit_report.read")
    .input(ZOpenReportInput)
    .output(
      z.object({ visitReportId: z.string().nullable(), takesReport: z.boolean(), canStart: z.boolean() }),
    )
    .query(({ ctx, input }) => findReport(ctx.service, input)),

  /**
   * The appointment's report, or a new draft when the actor may start one (the visit's employee).
   * `visitReportId` is null when there is no report yet and the actor may not start it.
   */
  open: permitted("visit_report.read")
    .input(ZOpenReportInput)
    .output(z.object({ visitReportId: z.string().nullable(), created: z.boolean() }))
    .mutation(({ ctx, input }) => openReport(ctx.service, input)),

  /** The author's change, while draft or returned; fields the role may not write are field errors. */
  update: permitted("visit_report.write")
    .input(ZUpdateReportInput)
    .output(ZReportView)
    .mutation(({ ctx, input }) => updateReport(ctx.service, input)),

  submit: permitted("visit_report.write")
    .input(ZReportIdInput)
    .output(ZReportView)
    .mutation(({ ctx, input }) => submitReport(ctx.service, input)),

  /** A reviewer's approval (never the author's); follow-up and billing trigger follow from it. */
  approve: permitted("visit_report.review")
    .input(ZReportIdInput)
    .output(ZReportView)
    .mutation(({ ctx, input }) => approveReport(ctx.service, input)),

  return: permitted("visit_report.review")
    .input(ZReturnReportInput)
    .output(ZReportView)
    .mutation(({ ctx, input }) => returnReport(ctx.service, input)),

  /** Reviewers: submitted reports, oldest first. Employees: their own open reports, newest first. */
  queue: permitted("visit_report.read")
    .input(ZReportQueueInput)
    .output(ZReportQueue)
    .query(({ ctx, input }) => reportQueue(ctx.service, input)),

  detail: permitted("visit_report.read")
    .input(ZReportIdInput)
    .output(ZReportDetail)
    .query(({ ctx, input }) => reportDetail(ctx.service, input)),

  /** For a follow-up target's page: the report it comes from (null: none, or not visible). */
  ofFollowUpTarget: permitted("visit_report.read")
    .input(z.object({ targetId: z.uuid({ error: "Choose a target" }) }))
    .output(
      z
        .object({ visitReportId: z.string(), title: z.string(), followUpStatus: z.enum(followUpStatuses) })
        .nullable(),
    )
    .query(({ ctx, input }) => reportOfFollowUpTarget(ctx.service, input)),

  /**
   * The report's place in the Customer Portal for its page: what is published, the texts the form
   * starts from, the files with their release state. Null unless the viewer publishes reports and
   * the report is approved.
   */
  publication: permitted("visit_report.read")
    .input(ZReportIdInput)
    .output(ZReportPublication.nullable())
    .query(({ ctx, input }) => reportPublication(ctx.service, input)),

  /** Publishes an approved report with texts for the customer (or re-words what is published). */
  publish: permitted("visit_report.publish")
    .input(ZPublishReportInput)
    .output(ZReportPublication)
    .mutation(({ ctx, input }) => publishReport(ctx.service, input)),

  /** Takes the report out of the portal at once. */
  unpublish: permitted("visit_report.publish")
    .input(ZReportIdInput)
    .output(ZReportPublication)
    .mutation(({ ctx, input }) => unpublishReport(ctx.service, input)),
});
