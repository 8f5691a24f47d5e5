// Which fields of an object an actor may write (fields.ts says which they receive). Whether they
// may change the object at all is objects.ts; this is the field level of a permitted change.

import type { StaffRole } from "@ordinavo/domain/vocabulary";
import type { Actor } from "./actors";
import type { FieldOf } from "./fields/columns";

/**
 * Fields an author may set on a visit report. Everything else (status, review, portal and
 * billing-note fields) changes only through its own action. An admin authoring their own report
 * may add the billing note; an employee sets the billable signal only.
 */
export const visitReportWritableFields: { readonly [R in StaffRole]?: readonly FieldOf<"visit_report">[] } = {
  tenant_admin: [
    "title",
    "result",
    "summary",
    "problems",
    "followUpRequired",
    "followUpDetails",
    "followUpDueDate",
    "billable",
    "billingNote",
  ],
  employee: [
    "title",
    "result",
    "summary",
    "problems",
    "followUpRequired",
    "followUpDetails",
    "followUpDueDate",
    "billable",
  ],
};

/** The visit-report fields this actor may write (none for roles that write no reports). */
export function writableVisitReportFields(actor: Actor): readonly FieldOf<"visit_report">[] {
  if (actor.kind !== "staff" || !Object.hasOwn(visitReportWritableFields, actor.role)) return [];
  return visitReportWritableFields[actor.role] ?? [];
}

/**
 * The keys of a visit-report change that this actor may not set (empty when all are allowed).
 * The server rejects the change when the list is not empty.
 */
export function unwritableVisitReportFields(actor: Actor, change: object): string[] {
  const allowed: readonly string[] = writableVisitReportFields(actor);
  // The id naming the report is not a field being written.
  return Object.keys(change).filter((key) => key !== "visitReportId" && !allowed.includes(key));
}
