import { recordAudit, schema, withTenant } from "@ordinavo/db";
import { visitReportMachine } from "@ordinavo/domain";
import { recordEvent } from "@ordinavo/jobs";
import { canReviewVisitReport, type VisitReportFacts } from "@ordinavo/policy";
import { and, eq } from "drizzle-orm";
import { AppError } from "../../errors";
import type { StaffContext } from "../context";
import { staffAuditActor } from "../records";
import { recordWebhookEvent } from "../webhook-events";
import { type ReportRow, visibleReport } from "./load";
import { reportView } from "./views";
import { statusRecorded } from "./write";

// The reviewer's side: approve a submitted report or return it with a reason. Who reviews is the
// policy's canReviewVisitReport: a tenant admin, a manager where the tenant lets managers review,
// never the report's own author. Everything an approval sets off (the follow-up job, the billing
// trigger, the webhook events) is written in the approval's own transaction, so a failed approval
// leaves none of it behind.

/** Refuses a review the actor may not make, saying why. */
function requireReviewable(ctx: StaffContext, row: ReportRow, facts: VisitReportFacts) {
  if (canReviewVisitReport(ctx.actor, facts, ctx.gates)) return;
  if (row.status !== "submitted") {
    throw new AppError(
      "FORBIDDEN",
      row.status === "approved"
        ? "This report is already approved."
        : "Only submitted reports can be reviewed; this one is with its author.",
    );
  }
  if (row.authorId === ctx.actor.userId) {
    throw new AppError("FORBIDDEN", "You wrote this report; someone else has to review it.");
  }
  throw new AppError("FORBIDDEN", "Your role does not review visit reports in this workspace.");
}

/**
 * Submitted → approved. Records `visit_report.approved` for the follow-up job (which creates the
 * follow-up when the report asks for one) and, for a billable report, the billing trigger.
 */
export function approveReport(ctx: StaffContext, input: { visitReportId: string }) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const { row: before, facts } = await visibleReport(tx, ctx, input.visitReportId, true);
    requireReviewable(ctx, before, facts);
    visitReportMachine.assertTransition(before.status, "approved");
    const now = new Date();
    const r = schema.visitReports;
    const [row] = await tx
      .update(r)
      .set({ status: "approved", approvedAt: now, approvedById: ctx.actor.userId })
      .where(and(eq(r.tenantId, ctx.tenantId), eq(r.id, before.id)))
      .returning();
    await statusRecorded(tx, ctx, before, {
      action: "visit_report.approved",
      kind: "visit_report_approved",
      at: now,
    });
    await recordEvent(tx, "ordinavo/visit_report.approved", {
      tenantId: ctx.tenantId,
      visitReportId: before.id,
    });
    await recordWebhookEvent(tx, ctx, "visit_report.approved", before.id);
    if (before.billable) {
      // One trigger per report (a unique index): approval happens once, and a second trigger
      // would bill the visit twice, so a clash fails the whole approval.
      const [trigger] = await tx
        .insert(schema.billingTriggers)
        .values({
          tenantId: ctx.tenantId,
          visitReportId: before.id,
          customerId: before.customerId,
          status: "pending",
          note: before.billingNote,
        })
        .returning({ id: schema.billingTriggers.id });
      await recordAudit(tx, {
        tenantId: ctx.tenantId,
        actor: staffAuditActor(ctx.actor),
        action: "billing_trigger.created",
        objectType: "billing_trigger",
        objectId: trigger!.id,
        changedFields: before.billingNote ? ["status", "note"] : ["status"],
        metadata: { visitReportId: before.id },
      });
      await recordWebhookEvent(tx, ctx, "billing_trigger.created", trigger!.id);
    }
    return reportView(ctx.actor, row!, ctx.gates);
  });
}

/** Submitted → returned, with the reason the author reads. */
export function returnReport(ctx: StaffContext, input: { visitReportId: string; reason: string }) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const { row: before, facts } = await visibleReport(tx, ctx, input.visitReportId, true);
    requireReviewable(ctx, before, facts);
    visitReportMachine.assertTransition(before.status, "returned");
    const now = new Date();
    const r = schema.visitReports;
    const [row] = await tx
      .update(r)
      .set({
        status: "returned",
        returnedAt: now,
        returnedById: ctx.actor.userId,
        returnedReason: input.reason,
      })
      .where(and(eq(r.tenantId, ctx.tenantId), eq(r.id, before.id)))
      .returning();
    await statusRecorded(tx, ctx, before, {
      action: "visit_report.returned",
      kind: "visit_report_returned",
      at: now,
      fields: ["status", "returnedReason"],
    });
    await recordWebhookEvent(tx, ctx, "visit_report.returned", before.id);
    return reportView(ctx.actor, row!, ctx.gates);
  });
}
