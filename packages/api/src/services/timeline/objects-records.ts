import { schema, type Transaction } from "@ordinavo/db";
import { statusLabel } from "@ordinavo/domain";
import {
  canSeeBillingTrigger,
  canSeeInternalNote,
  canSeePortalRequest,
  canSeeVisitReport,
  project,
} from "@ordinavo/policy";
import { and, eq, inArray } from "drizzle-orm";
import type { StaffContext } from "../context";
import { emptyPreview, excerpt, field, hrefOf, type PreviewLoader, type Previews } from "./preview";

// Previews of documentation records: visit reports, follow-ups, internal notes, portal requests and
// billing triggers. Texts appear only where the viewer's projection of the record carries them.

/** Reports with the current assignee of their visit (the policy's "own or assigned" fact). */
async function reportsWithAssignee(tx: Transaction, ctx: StaffContext, ids: string[]) {
  const { visitReports: r, appointments: a } = schema;
  return tx
    .select({ report: r, assignedEmployeeId: a.assignedEmployeeId })
    .from(r)
    .leftJoin(a, and(eq(a.tenantId, r.tenantId), eq(a.id, r.appointmentId)))
    .where(and(eq(r.tenantId, ctx.tenantId), inArray(r.id, ids)));
}

/** The viewer's projection of a report, or null when they may not see it. */
function seenReport(
  ctx: StaffContext,
  report: typeof schema.visitReports.$inferSelect,
  assignedEmployeeId: string | null,
) {
  const facts = { ...report, assignedEmployeeId };
  return canSeeVisitReport(ctx.actor, facts, ctx.gates)
    ? project(ctx.actor, "visit_report", report, ctx.gates)
    : null;
}

export const visitReportPreviews: PreviewLoader = async (tx, ctx, ids) => {
  const out: Previews = new Map();
  for (const { report, assignedEmployeeId } of await reportsWithAssignee(tx, ctx, ids)) {
    const seen = seenReport(ctx, report, assignedEmployeeId);
    if (!seen) {
      out.set(report.id, "hidden");
      continue;
    }
    out.set(report.id, {
      ...emptyPreview,
      title: field(seen.title),
      status: seen.status ? statusLabel("visit_report", seen.status) : null,
      // The report's own words only for those who read them (not dispatchers).
      excerpt: excerpt(seen.summary),
      href: hrefOf.visit_report!(report.id),
      people: {
        author: field(seen.authorId),
        approvedBy: field(seen.approvedById),
        returnedBy: field(seen.returnedById),
        publishedBy: field(seen.publishedById),
      },
    });
  }
  return out;
};

/** A follow-up is read with the report that asked for it, and shows what the report lets through. */
export const followUpPreviews: PreviewLoader = async (tx, ctx, ids) => {
  const f = schema.followUps;
  const followUps = await tx
    .select()
    .from(f)
    .where(and(eq(f.tenantId, ctx.tenantId), inArray(f.id, ids)));
  const reports = new Map(
    (
      await reportsWithAssignee(
        tx,
        ctx,
        followUps.map((row) => row.visitReportId),
      )
    ).map((row) => [row.report.id, row]),
  );
  const out: Previews = new Map();
  for (const followUp of followUps) {
    const source = reports.get(followUp.visitReportId);
    const seen = source ? seenReport(ctx, source.report, source.assignedEmployeeId) : null;
    if (!seen) {
      out.set(followUp.id, "hidden");
      continue;
    }
    out.set(followUp.id, {
      ...emptyPreview,
      // The follow-up's text is the report's "what is still needed": shown when that field is.
      title: seen.followUpDetails !== undefined ? excerpt(followUp.details, 90) : null,
      status: statusLabel("follow_up", followUp.status),
      due: followUp.dueDate,
      href: followUp.targetId
        ? hrefOf.target!(followUp.targetId)
        : hrefOf.visit_report!(followUp.visitReportId),
      people: {},
    });
  }
  return out;
};

export const internalNotePreviews: PreviewLoader = async (tx, ctx, ids) => {
  const n = schema.internalNotes;
  const rows = await tx
    .select()
    .from(n)
    .where(and(eq(n.tenantId, ctx.tenantId), inArray(n.id, ids)));
  const out: Previews = new Map();
  for (const note of rows) {
    const facts = { ...note, assignedEmployeeIds: [] };
    const seen = canSeeInternalNote(ctx.actor, facts, ctx.gates)
      ? project(ctx.actor, "internal_note", note, ctx.gates)
      : null;
    out.set(
      note.id,
      seen
        ? {
            ...emptyPreview,
            excerpt: excerpt(seen.body),
            href: `/customers/${note.customerId}#note-${note.id}`,
            people: { author: field(seen.authorId) },
          }
        : "hidden",
    );
  }
  return out;
};

export const portalRequestPreviews: PreviewLoader = async (tx, ctx, ids) => {
  const p = schema.portalRequests;
  const rows = await tx
    .select()
    .from(p)
    .where(and(eq(p.tenantId, ctx.tenantId), inArray(p.id, ids)));
  const out: Previews = new Map();
  for (const request of rows) {
    const seen = canSeePortalRequest(ctx.actor, request, ctx.gates)
      ? project(ctx.actor, "portal_request", request, ctx.gates)
      : null;
    out.set(
      request.id,
      seen
        ? {
            ...emptyPreview,
            title: field(seen.title),
            status: seen.status ? statusLabel("portal_request", seen.status) : null,
            href: `/requests/${request.id}`,
            people: { reviewedBy: field(seen.reviewedById) },
          }
        : "hidden",
    );
  }
  return out;
};

export const billingTriggerPreviews: PreviewLoader = async (tx, ctx, ids) => {
  const b = schema.billingTriggers;
  const rows = await tx
    .select()
    .from(b)
    .where(and(eq(b.tenantId, ctx.tenantId), inArray(b.id, ids)));
  const out: Previews = new Map();
  for (const trigger of rows) {
    const seen = canSeeBillingTrigger(ctx.actor, trigger, ctx.gates)
      ? project(ctx.actor, "billing_trigger", trigger, ctx.gates)
      : null;
    out.set(
      trigger.id,
      seen
        ? {
            ...emptyPreview,
            title: "Billing trigger",
            status: seen.status ? statusLabel("billing_trigger", seen.status) : null,
            href: hrefOf.visit_report!(trigger.visitReportId),
            people: {},
          }
        : "hidden",
    );
  }
  return out;
};
