import { schema, type Transaction, withTenant } from "@ordinavo/db";
import { canSeeBillingTrigger, canSeeTarget, project, visitReportWritableFields } from "@ordinavo/policy";
import { and, eq, inArray } from "drizzle-orm";
import { AppError } from "../../errors";
import { attachmentsFor } from "../attachments/list";
import type { StaffContext } from "../context";
import { assigneesWhere } from "../records";
import { seesAll } from "../scope";
import { contextOf, reportsWithContext } from "./context-rows";
import { visibleReport } from "./load";
import { type ReportDetail, reportCan, reportView, ZBillingTriggerView } from "./views";

// One report for the detail page: the fields the viewer may see, its context, what the viewer may
// do with it, and what came of it (the follow-up and the billing trigger, each as far as the
// policy lets the viewer see them).

/** The target's title if the actor may see the target (assigned work: one of its appointments). */
async function visibleTargetSummary(tx: Transaction, ctx: StaffContext, targetId: string | null) {
  if (!targetId) return null;
  const t = schema.targets;
  const [row] = await tx
    .select({ id: t.id, title: t.title, customerId: t.customerId, locationId: t.locationId })
    .from(t)
    .where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, targetId)));
  if (!row) return null;
  const assignedEmployeeIds = seesAll(ctx, "target")
    ? []
    : await assigneesWhere(tx, ctx.tenantId, eq(schema.appointments.targetId, targetId));
  const facts = {
    tenantId: ctx.tenantId,
    customerId: row.customerId,
    locationId: row.locationId,
    assignedEmployeeIds,
  };
  return canSeeTarget(ctx.actor, facts, ctx.gates) ? { id: row.id, title: row.title } : null;
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

async function namesOf(tx: Transaction, ids: (string | null | undefined)[]) {
  const wanted = ids.filter((id): id is string => Boolean(id));
  if (!wanted.length) return new Map<string, string>();
  const u = schema.staffUsers;
  const rows = await tx.select({ id: u.id, name: u.name }).from(u).where(inArray(u.id, wanted));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** The fields the viewer may write now (none unless they may edit the report). */
function writableNow(ctx: StaffContext, editable: boolean): string[] {
  if (!editable || !Object.hasOwn(visitReportWritableFields, ctx.actor.role)) return [];
  return [...(visitReportWritableFields[ctx.actor.role] ?? [])];
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
    const names = await namesOf(tx, [report.approvedById, report.returnedById]);
    const files = await attachmentsFor(tx, ctx, "visit_report", [row.id]);
    return {
      report,
      context: contextOf(found!),
      target: await visibleTargetSummary(tx, ctx, row.targetId),
      can,
      writableFields: writableNow(ctx, can.edit),
      followUp: await followUpOf(tx, ctx, row.id),
      billingTrigger: await billingTriggerOf(tx, ctx, row.id),
      attachments: files.get(row.id) ?? [],
      approvedByName: report.approvedById ? (names.get(report.approvedById) ?? null) : null,
      returnedByName: report.returnedById ? (names.get(report.returnedById) ?? null) : null,
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
    const seen = await visibleReport(tx, ctx, followUp.visitReportId).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "NOT_FOUND") return null;
      throw error;
    });
    if (!seen) return null;
    return { visitReportId: seen.row.id, title: seen.row.title, followUpStatus: followUp.status };
  });
}
