import { schema, type Transaction } from "@ordinavo/db";
import { type AnyColumn, and, eq, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import type { ZReportContext } from "./views";

// The report with where and when its visit was: appointment times and employee, customer,
// location and author names. One query for the queue and the detail page alike.

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

export function contextOf(found: ReportWithContext): z.infer<typeof ZReportContext> {
  const { row } = found;
  return {
    appointment: {
      id: row.appointmentId,
      plannedStart: found.plannedStart,
      plannedEnd: found.plannedEnd,
      employeeName: found.employeeName,
    },
    customer: { id: row.customerId, name: found.customerName },
    location:
      row.locationId && found.locationName
        ? {
            id: row.locationId,
            name: found.locationName,
            address: [found.addressLine1, [found.postalCode, found.city].filter(Boolean).join(" ")]
              .filter(Boolean)
              .join(", "),
          }
        : null,
    authorName: found.authorName,
  };
}
