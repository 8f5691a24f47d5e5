import { schema, type Transaction, withTenant } from "@ordinavo/db";
import { canSeeBillingTrigger, project, writableVisitReportFields } from "@ordinavo/policy";
import { and, eq } from "drizzle-orm";
import { AppError } from "../../errors";
import { visibleTarget } from "../appointments/visible";
import { attachmentsFor } from "../attachments/list";
import type { StaffContext } from "../context";
import { actorNames } from "../timeline/people";
import { contextOf, reportsWithContext } from "./context-rows";
import { visibleReport } from "./load";
import { type ReportDetail, reportCan, reportView, ZBillingTriggerView } from "./views";

// One report for the detail page: the fields the viewer may see, its context, what the viewer may
// do with it, and what came of it (the follow-up and the billing trigger, each as far as the
// policy lets the viewer see them).

/** NOT_FOUND as "nothing to show": what came of a report links only to what the viewer may see. */
function unlessHidden(error: unknown): null {
  if (error instanceof AppError && error.code === "NOT_FOUND") return null;
  throw error;
}

/** The target's title if the actor may see the target. */
async function visibleTargetSummary(tx: Transaction, ctx: StaffContext, targetId: string | null) {
  if (!targetId) return null;
  const row = await visibleTarget(tx, ctx, targetId).catch(unlessHidden);
  return row ? { id: row.id, title: row.title } : null;
}

async function followUpOf(tx: Transaction, ctx: StaffContext, visitReportId: string) {
  const f = schema.followUps;
  const [row] = await tx
    .select()
    .from(f)
    .where(and(eq(f.tenantId, ctx.tenantId), eq(f.visitReportId, visitReportId)));
  if (!row) return null;
  return {
    id: row.id,
    status: row.status,
    details: row.details,
    dueDate: row.dueDate,
    target: await visibleTargetSummary(tx, ctx, row.targetId),
  };
}

async function billingTriggerOf(tx: Transaction, ctx: StaffContext, visitReportId: string) {
  if (!canSeeBillingTrigger(ctx.actor, { tenantId: ctx.tenantId }, ctx.gates)) return null;
  const b = schema.billingTriggers;
  const [row] = await tx
    .select()
    .from(b)
    .where(and(eq(b.tenantId, ctx.tenantId), eq(b.visitReportId, visitReportId)));
  return row ? ZBillingTriggerView.parse(project(ctx.actor, "billing_trigger", row, ctx.gates)) : null;
}

export function reportDetail(ctx: StaffContext, input: { visitReportId: string }): Promise<ReportDetail> {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const { facts } = await visibleReport(tx, ctx, input.visitReportId);
    const r = schema.visitReports;
    const [found] = await reportsWithContext(
      tx,
      and(eq(r.tenantId, ctx.tenantId), eq(r.id, input.visitReportId)),
    );
    const row = found!.row;
    const report = reportView(ctx.actor, row, ctx.gates);
    const can = reportCan(ctx, facts);
    // Reviewer names only where the viewer receives the reviewer ids (not dispatchers, employees).
    const staff = (id: string | null | undefined) => (id ? { type: "staff" as const, id } : null);
    const nameOf = await actorNames(tx, ctx, [staff(report.approvedById), staff(report.returnedById)]);
    const files = await attachmentsFor(tx, ctx, "visit_report", [row.id]);
    return {
      report,
      context: contextOf(ctx, found!, report),
      target: await visibleTargetSummary(tx, ctx, row.targetId),
      can,
      writableFields: can.edit ? [...writableVisitReportFields(ctx.actor)] : [],
      followUp: await followUpOf(tx, ctx, row.id),
      billingTrigger: await billingTriggerOf(tx, ctx, row.id),
      attachments: files.get(row.id) ?? [],
      approvedByName: nameOf(staff(report.approvedById))?.name ?? null,
      returnedByName: nameOf(staff(report.returnedById))?.name ?? null,
    };
  });
}

/**
 * The report a follow-up target comes from, for the target's page ("follow-up of …"): null when
 * the target meets no follow-up, or the viewer may not see that report.
 */
export function reportOfFollowUpTarget(ctx: StaffContext, input: { targetId: string }) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const f = schema.followUps;
    const [followUp] = await tx
      .select({ visitReportId: f.visitReportId, status: f.status })
      .from(f)
      .where(and(eq(f.tenantId, ctx.tenantId), eq(f.targetId, input.targetId)));
    if (!followUp) return null;
    const seen = await visibleReport(tx, ctx, followUp.visitReportId).catch(unlessHidden);
    if (!seen) return null;
    return { visitReportId: seen.row.id, title: seen.row.title, followUpStatus: followUp.status };
  });
}
