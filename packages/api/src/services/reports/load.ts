import { schema, type Transaction } from "@ordinavo/db";
import { canSeeVisitReport, type VisitReportFacts } from "@ordinavo/policy";
import { and, eq } from "drizzle-orm";
import { AppError } from "../../errors";
import type { StaffContext } from "../context";

// Loading one visit report for an actor: the row and the facts the policy asks about it, or
// NOT_FOUND when the actor may not see it (another tenant's report, or an employee's report of
// work that is neither theirs nor written by them looks exactly like a missing one).

export type ReportRow = typeof schema.visitReports.$inferSelect;

/** The policy's facts of a report: its place, its author and its appointment's current assignee. */
export function reportFacts(row: ReportRow, assignedEmployeeId: string | null): VisitReportFacts {
  return {
    tenantId: row.tenantId,
    customerId: row.customerId,
    locationId: row.locationId,
    authorId: row.authorId,
    assignedEmployeeId,
    status: row.status,
    publishedAt: row.publishedAt,
  };
}

/** The report and its facts if the actor may see it; `lock` holds the row for a change. */
export async function visibleReport(tx: Transaction, ctx: StaffContext, visitReportId: string, lock = false) {
  const { visitReports: r, appointments: a } = schema;
  const query = tx
    .select({ row: r, assignedEmployeeId: a.assignedEmployeeId })
    .from(r)
    .leftJoin(a, and(eq(a.tenantId, r.tenantId), eq(a.id, r.appointmentId)))
    .where(and(eq(r.tenantId, ctx.tenantId), eq(r.id, visitReportId)));
  const [found] = lock ? await query.for("update", { of: r }) : await query;
  if (!found) throw AppError.notFound("This visit report");
  const facts = reportFacts(found.row, found.assignedEmployeeId);
  if (!canSeeVisitReport(ctx.actor, facts, ctx.gates)) throw AppError.notFound("This visit report");
  return { row: found.row, facts };
}
