import { schema, type Transaction } from "@ordinavo/db";
import { project } from "@ordinavo/policy";
import { type AnyColumn, and, eq, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import type { StaffContext } from "../context";
import { addressLine } from "../execution/views";
import { seesAll } from "../scope";
import type { ReportView, ZReportContext } from "./views";

// The report with where and when its visit was: appointment times and employee, customer,
// location and author names. One query for the queue and the detail page alike. The joined rows
// are not fields of the report: each goes through the policy with its own kind (contextOf).

const employee = alias(schema.staffUsers, "report_employee");
const author = alias(schema.staffUsers, "report_author");

/**
 * Selects reports with their context; `where` and ordering are the caller's. `sortAt` is the
 * sort column as the database writes it (microseconds kept, which a Date would drop): a keyset
 * cursor made from a rounded time would show the last row of a page again.
 */
export function reportsWithContext(
  tx: Transaction,
  where: SQL | undefined,
  sortColumn: AnyColumn = schema.visitReports.updatedAt,
) {
  const { visitReports: r, appointments: a, customers: c, locations: l } = schema;
  return tx
    .select({
      row: r,
      sortAt: sql<string>`${sortColumn}::text`,
      assignedEmployeeId: a.assignedEmployeeId,
      plannedStart: a.plannedStart,
      plannedEnd: a.plannedEnd,
      employeeName: employee.name,
      customerName: c.name,
      locationName: l.name,
      addressLine1: l.addressLine1,
      addressLine2: l.addressLine2,
      postalCode: l.postalCode,
      city: l.city,
      authorName: author.name,
    })
    .from(r)
    .innerJoin(a, and(eq(a.tenantId, r.tenantId), eq(a.id, r.appointmentId)))
    .innerJoin(c, and(eq(c.tenantId, r.tenantId), eq(c.id, r.customerId)))
    .leftJoin(l, and(eq(l.tenantId, r.tenantId), eq(l.id, r.locationId)))
    .leftJoin(employee, eq(employee.id, a.assignedEmployeeId))
    .leftJoin(author, eq(author.id, r.authorId))
    .where(where)
    .$dynamic();
}

export type ReportWithContext = Awaited<ReturnType<typeof reportsWithContext>>[number];

/**
 * A staff member's name for a reader who received their id: the office sees everyone's, anyone
 * else their own or nothing (names of colleagues are for the office, as on the visit page).
 */
function staffName(ctx: StaffContext, id: string | null | undefined, name: string | null): string | null {
  if (!id || !name) return null;
  return seesAll(ctx, "appointment") || id === ctx.actor.userId ? name : null;
}

/** The report's context as this reader may see it; `report` is the reader's projection of the row. */
export function contextOf(
  ctx: StaffContext,
  found: ReportWithContext,
  report: ReportView,
): z.infer<typeof ZReportContext> {
  const { row } = found;
  const { actor, gates } = ctx;
  const visit = project(actor, "appointment", { assignedEmployeeId: found.assignedEmployeeId }, gates);
  const customer = project(actor, "customer", { id: row.customerId, name: found.customerName }, gates);
  const location =
    row.locationId && found.locationName
      ? project(
          actor,
          "location",
          {
            id: row.locationId,
            name: found.locationName,
            addressLine1: found.addressLine1,
            addressLine2: found.addressLine2,
            postalCode: found.postalCode,
            city: found.city,
          },
          gates,
        )
      : null;
  return {
    appointment: {
      id: row.appointmentId,
      plannedStart: found.plannedStart,
      plannedEnd: found.plannedEnd,
      employeeName: staffName(ctx, visit?.assignedEmployeeId, found.employeeName),
    },
    // Every staff role receives a customer's id and name; the word stands in should that change.
    customer: { id: row.customerId, name: customer?.name ?? "A customer" },
    location:
      location?.id && location.name
        ? { id: location.id, name: location.name, address: addressLine(location) }
        : null,
    // The author's name goes with the author's id: only to readers who receive `authorId`.
    authorName: staffName(ctx, report.authorId, found.authorName),
  };
}
