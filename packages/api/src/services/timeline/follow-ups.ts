import { schema, withTenant } from "@ordinavo/db";
import { followUpStatuses, statusLabel } from "@ordinavo/domain";
import { assignedWorkExcludedStatuses, canSeeTarget, canSeeVisitReport, project } from "@ordinavo/policy";
import { and, desc, eq, inArray, isNotNull, notInArray, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { StaffContext } from "../context";
import { reportFacts } from "../reports/load";
import { seesAll } from "../scope";
import { visibleCustomer } from "../visibility";
import { excerpt, hrefOf } from "./preview";

// A customer's follow-ups: what earlier visits said is still needed, with the work that meets it.
// A follow-up is read with its report (the report's object check and field list decide), and its
// work with the work's own check.

export const ZCustomerFollowUp = z.object({
  id: z.string(),
  status: z.enum(followUpStatuses),
  statusLabel: z.string(),
  /** What is needed, for those who may read the report's follow-up text. */
  details: z.string().nullable(),
  dueDate: z.string().nullable(),
  createdAt: z.date(),
  report: z.object({ id: z.string(), title: z.string().nullable(), href: z.string() }),
  target: z.object({ id: z.string(), title: z.string().nullable(), href: z.string() }).nullable(),
});

/**
 * The reports an actor's lists hold, in SQL (`r`: visit reports, `a`: their appointments). Reports go
 * with their visits: whoever sees every appointment sees every report; anyone else their own (the
 * policy's "own": written by them, or of a visit assigned to them), as the report queue reads them.
 */
function ownReports(ctx: StaffContext): SQL | undefined {
  if (seesAll(ctx, "appointment")) return undefined;
  const { visitReports: r, appointments: a } = schema;
  return or(eq(r.authorId, ctx.actor.userId), eq(a.assignedEmployeeId, ctx.actor.userId));
}

/** The customer's follow-ups that the actor may see (50 at most): open, planned, then done. */
export function followUpsOfCustomer(ctx: StaffContext, input: { customerId: string }) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const customer = await visibleCustomer(tx, ctx, input.customerId);
    const { followUps: f, visitReports: r, appointments: a, targets: t } = schema;
    const rows = await tx
      .select({ followUp: f, report: r, assignedEmployeeId: a.assignedEmployeeId, target: t })
      .from(f)
      .innerJoin(r, and(eq(r.tenantId, f.tenantId), eq(r.id, f.visitReportId)))
      .leftJoin(a, and(eq(a.tenantId, r.tenantId), eq(a.id, r.appointmentId)))
      .leftJoin(t, and(eq(t.tenantId, f.tenantId), eq(t.id, f.targetId)))
      .where(and(eq(f.tenantId, ctx.tenantId), eq(f.customerId, customer.id), ownReports(ctx)))
      // What still needs doing first (open, then planned), then what is done; newest first in each.
      .orderBy(
        sql`case ${f.status} when 'open' then 0 when 'planned' then 1 when 'done' then 2 else 3 end`,
        desc(f.createdAt),
        desc(f.id),
      )
      .limit(50);

    // Assigned-work facts of the follow-up targets, for actors whose scope is their own work.
    const targetIds = rows.flatMap((row) => (row.target ? [row.target.id] : []));
    const assignees = new Map<string, string[]>();
    if (!seesAll(ctx, "target") && targetIds.length) {
      const work = await tx
        .selectDistinct({ targetId: a.targetId, employeeId: a.assignedEmployeeId })
        .from(a)
        .where(
          and(
            eq(a.tenantId, ctx.tenantId),
            inArray(a.targetId, targetIds),
            isNotNull(a.assignedEmployeeId),
            notInArray(a.status, [...assignedWorkExcludedStatuses]),
          ),
        );
      for (const { targetId, employeeId } of work) {
        assignees.set(targetId, [...(assignees.get(targetId) ?? []), employeeId!]);
      }
    }

    return rows.flatMap(({ followUp, report, assignedEmployeeId, target }) => {
      // The object check still decides each row; the condition above only keeps the page full.
      if (!canSeeVisitReport(ctx.actor, reportFacts(report, assignedEmployeeId), ctx.gates)) return [];
      const seen = project(ctx.actor, "visit_report", report, ctx.gates) ?? {};
      const work =
        target &&
        canSeeTarget(ctx.actor, { ...target, assignedEmployeeIds: assignees.get(target.id) ?? [] }, ctx.gates)
          ? project(ctx.actor, "target", target, ctx.gates)
          : null;
      return [
        {
          id: followUp.id,
          status: followUp.status,
          statusLabel: statusLabel("follow_up", followUp.status),
          details: seen.followUpDetails !== undefined ? excerpt(followUp.details, 200) : null,
          dueDate: followUp.dueDate,
          createdAt: followUp.createdAt,
          report: { id: report.id, title: seen.title ?? null, href: hrefOf.visit_report!(report.id) },
          target:
            work && target
              ? { id: target.id, title: work.title ?? null, href: hrefOf.target!(target.id) }
              : null,
        },
      ];
    });
  });
}
