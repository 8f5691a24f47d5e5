import { schema, type Transaction } from "@ordinavo/db";
import type { AttachmentOwnerType } from "@ordinavo/domain";
import { isPublishedToPortal, type VisitReportFacts } from "@ordinavo/policy";
import { and, eq, inArray } from "drizzle-orm";
import { assigneesWhere } from "../records";
import { reportFacts } from "../reports/load";

// What a file belongs to, as the policy needs to know it: the owner's customer and location, who
// counts as having it as assigned work, and (for reports) the report's own facts. Attachments have
// no customer scope of their own beyond the row; everything here is read from the owner rows,
// never from what a client sent.

export interface AttachmentOwner {
  readonly ownerType: AttachmentOwnerType;
  readonly ownerId: string;
  readonly tenantId: string;
  readonly customerId: string;
  readonly locationId: string | null;
  /** Who has this as their work: the appointment's assignee (and a report's author / an update's employee). */
  readonly assignedEmployeeIds: readonly string[];
  /** A visit report that is approved and shared in the portal. */
  readonly ownerPublished: boolean;
  /** The report's facts, for `canEditVisitReport` (visit reports only). */
  readonly report: VisitReportFacts | null;
}

const present = (ids: (string | null | undefined)[]) => [
  ...new Set(ids.filter((id): id is string => typeof id === "string")),
];

/** The owners among `ownerIds` that exist in the tenant, by id. Missing ids are simply absent. */
export async function loadOwners(
  tx: Transaction,
  tenantId: string,
  ownerType: AttachmentOwnerType,
  ownerIds: readonly string[],
): Promise<Map<string, AttachmentOwner>> {
  const out = new Map<string, AttachmentOwner>();
  const ids = [...new Set(ownerIds)];
  if (ids.length === 0) return out;
  const a = schema.appointments;
  const base = { ownerType, tenantId, report: null, ownerPublished: false };

  switch (ownerType) {
    case "visit_report": {
      const r = schema.visitReports;
      const rows = await tx
        .select({ row: r, assignee: a.assignedEmployeeId })
        .from(r)
        .leftJoin(a, and(eq(a.tenantId, r.tenantId), eq(a.id, r.appointmentId)))
        .where(and(eq(r.tenantId, tenantId), inArray(r.id, ids)));
      for (const { row, assignee } of rows) {
        // The reports service's facts, so both agree on what "assigned" means.
        const facts = reportFacts(row, assignee);
        out.set(row.id, {
          ...base,
          ownerId: row.id,
          customerId: row.customerId,
          locationId: row.locationId,
          assignedEmployeeIds: present([assignee, row.authorId]),
          ownerPublished: isPublishedToPortal(facts),
          report: facts,
        });
      }
      return out;
    }
    case "mobile_update": {
      const m = schema.mobileUpdates;
      const rows = await tx
        .select({
          id: m.id,
          employeeId: m.employeeId,
          customerId: a.customerId,
          locationId: a.locationId,
          assignee: a.assignedEmployeeId,
        })
        .from(m)
        .innerJoin(a, and(eq(a.tenantId, m.tenantId), eq(a.id, m.appointmentId)))
        .where(and(eq(m.tenantId, tenantId), inArray(m.id, ids)));
      for (const row of rows) {
        out.set(row.id, {
          ...base,
          ownerId: row.id,
          customerId: row.customerId,
          locationId: row.locationId,
          assignedEmployeeIds: present([row.assignee, row.employeeId]),
        });
      }
      return out;
    }
    case "target": {
      const t = schema.targets;
      const rows = await tx
        .select({ id: t.id, customerId: t.customerId, locationId: t.locationId })
        .from(t)
        .where(and(eq(t.tenantId, tenantId), inArray(t.id, ids)));
      // One owner at a time in practice (a task's page); each asks the shared assigned-work query.
      for (const row of rows) {
        out.set(row.id, {
          ...base,
          ownerId: row.id,
          customerId: row.customerId,
          locationId: row.locationId,
          assignedEmployeeIds: await assigneesWhere(tx, tenantId, eq(a.targetId, row.id)),
        });
      }
      return out;
    }
    case "portal_request": {
      const p = schema.portalRequests;
      const rows = await tx
        .select({ id: p.id, customerId: p.customerId, locationId: p.locationId })
        .from(p)
        .where(and(eq(p.tenantId, tenantId), inArray(p.id, ids)));
      for (const row of rows) {
        out.set(row.id, { ...base, ownerId: row.id, ...row, assignedEmployeeIds: [] });
      }
      return out;
    }
  }
}
