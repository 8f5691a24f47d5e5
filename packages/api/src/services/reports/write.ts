import { recordAudit, recordTimeline, schema, type Transaction, withTenant } from "@ordinavo/db";
import { localDay, visitReportMachine } from "@ordinavo/domain";
import {
  canCreateVisitReport,
  canEditVisitReport,
  unwritableVisitReportFields,
  type VisitReportFacts,
} from "@ordinavo/policy";
import { and, eq } from "drizzle-orm";
import { AppError } from "../../errors";
import { visibleAppointment } from "../appointments/visible";
import { auditActor, type StaffContext } from "../context";
import { changedFields, staffAuditActor } from "../records";
import { recordWebhookEvent } from "../webhook-events";
import type { UpdateReportInput } from "./inputs";
import { type ReportRow, visibleReport } from "./load";
import { reportView } from "./views";

// The author's side of a visit report: open (or start) the draft, change it, submit it. Review
// (approve, return) is in review.ts. Every change is audited with field names only: report text is
// the tenant's free text and never goes into the audit log (spec: "Visit reports and free-text
// responsibility").

/** Appointments in these statuses take no report: the visit is not going to happen. */
const noReportStatuses = new Set(["cancelled"]);

/** Refuses a change to a report the actor may see but not change, saying why. */
function requireEditable(ctx: StaffContext, row: ReportRow, facts: VisitReportFacts) {
  if (canEditVisitReport(ctx.actor, facts, ctx.gates)) return;
  switch (row.status) {
    case "approved":
      throw new AppError("FORBIDDEN", "This report is approved and can no longer be changed.");
    case "submitted":
      throw new AppError(
        "FORBIDDEN",
        "This report is waiting for review. It can be changed again if the reviewer returns it.",
      );
    default:
      throw new AppError("FORBIDDEN", "Only the report's author or the visit's employee can change it.");
  }
}

/** The report of an appointment, if there is one. */
async function reportOfAppointment(tx: Transaction, ctx: StaffContext, appointmentId: string) {
  const r = schema.visitReports;
  const [row] = await tx
    .select({ id: r.id })
    .from(r)
    .where(and(eq(r.tenantId, ctx.tenantId), eq(r.appointmentId, appointmentId)));
  return row?.id ?? null;
}

/**
 * Where the appointment's report stands for this actor, without changing anything: its id when
 * there is one (and the actor may see it), else whether the actor may start it. The visit's
 * "Write the report" page asks this on GET and starts the draft only on POST (openReport).
 */
async function reportStart(tx: Transaction, ctx: StaffContext, appointmentId: string) {
  const existing = await reportOfAppointment(tx, ctx, appointmentId);
  if (existing) {
    // The author still sees a report whose visit has since gone to someone else.
    await visibleReport(tx, ctx, existing);
    return { visitReportId: existing, appointment: null, takesReport: true, canStart: false };
  }
  const appointment = await visibleAppointment(tx, ctx, appointmentId);
  const takesReport = !noReportStatuses.has(appointment.status);
  const canStart = takesReport && canCreateVisitReport(ctx.actor, appointment, ctx.gates);
  return { visitReportId: null, appointment, takesReport, canStart };
}

export function findReport(ctx: StaffContext, input: { appointmentId: string }) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const { visitReportId, takesReport, canStart } = await reportStart(tx, ctx, input.appointmentId);
    return { visitReportId, takesReport, canStart };
  });
}

/**
 * The appointment's report, or a new draft when there is none and the actor may start it (the
 * visit's assignee). One report per appointment: two phones opening it at once meet at the unique
 * index, and the one that loses the race gets the winner's report. `visitReportId` is null when
 * there is no report and the actor may not start one.
 */
export function openReport(ctx: StaffContext, input: { appointmentId: string }) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const { visitReportId, appointment } = await reportStart(tx, ctx, input.appointmentId);
    if (visitReportId) return { visitReportId, created: false };
    if (!appointment || !canCreateVisitReport(ctx.actor, appointment, ctx.gates)) {
      return { visitReportId: null, created: false };
    }
    if (noReportStatuses.has(appointment.status)) {
      throw new AppError("FORBIDDEN", "This visit was cancelled; it takes no report.");
    }
    const t = schema.targets;
    const [target] = await tx
      .select({ title: t.title })
      .from(t)
      .where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, appointment.targetId)));
    const [row] = await tx
      .insert(schema.visitReports)
      .values({
        tenantId: ctx.tenantId,
        appointmentId: appointment.id,
        targetId: appointment.targetId,
        customerId: appointment.customerId,
        locationId: appointment.locationId,
        authorId: ctx.actor.userId,
        title: (target?.title ?? "Visit report").slice(0, 200),
      })
      .onConflictDoNothing()
      .returning({ id: schema.visitReports.id });
    if (!row) {
      const winner = await reportOfAppointment(tx, ctx, input.appointmentId);
      if (!winner) throw AppError.notFound("This appointment");
      return { visitReportId: winner, created: false };
    }
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actor: staffAuditActor(ctx.actor),
      action: "visit_report.created",
      objectType: "visit_report",
      objectId: row.id,
      changedFields: ["title"],
      metadata: { appointmentId: appointment.id },
    });
    return { visitReportId: row.id, created: true };
  });
}

/** Keys of a change that were given (undefined means "leave as it is"). */
function given<T extends object>(change: T): Partial<T> {
  return Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/**
 * Changes the fields the actor's role may write, while the report is a draft or returned. A field
 * the role may not write is a field error on it, and nothing changes.
 */
export function updateReport(ctx: StaffContext, input: UpdateReportInput) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const { visitReportId, ...rest } = input;
    const change = given(rest);
    const { row: before, facts } = await visibleReport(tx, ctx, visitReportId, true);
    const refused = unwritableVisitReportFields(ctx.actor, change);
    if (refused.length) {
      const message = "Your role cannot change this field.";
      throw new AppError(
        "VALIDATION",
        refused.length === 1 ? message : "Your role cannot change some of these fields.",
        Object.fromEntries(refused.map((field) => [field, [message]])),
      );
    }
    requireEditable(ctx, before, facts);

    const merged = { ...before, ...change };
    if (merged.followUpRequired && !merged.followUpDetails) {
      throw AppError.field("followUpDetails", "Describe the follow-up that is needed");
    }
    const changed = changedFields(before, change);
    if (changed.includes("followUpDueDate") && merged.followUpDueDate) {
      if (merged.followUpDueDate < localDay(new Date(), ctx.timeZone)) {
        throw AppError.field("followUpDueDate", "Choose today or a later day");
      }
    }
    if (!changed.length) return reportView(ctx.actor, before, ctx.gates);
    const r = schema.visitReports;
    const [row] = await tx
      .update(r)
      .set(Object.fromEntries(changed.map((key) => [key, change[key as keyof typeof change]])))
      .where(and(eq(r.tenantId, ctx.tenantId), eq(r.id, visitReportId)))
      .returning();
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actor: staffAuditActor(ctx.actor),
      action: "visit_report.updated",
      objectType: "visit_report",
      objectId: visitReportId,
      changedFields: changed,
    });
    return reportView(ctx.actor, row!, ctx.gates);
  });
}

/** Draft or returned → submitted: the report goes to the review queue. */
export function submitReport(ctx: StaffContext, input: { visitReportId: string }) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const { row: before, facts } = await visibleReport(tx, ctx, input.visitReportId, true);
    requireEditable(ctx, before, facts);
    visitReportMachine.assertTransition(before.status, "submitted");
    const missing: Record<string, string[]> = {};
    if (!before.title.trim()) missing.title = ["Enter a title"];
    if (!before.result) missing.result = ["Choose the result of the visit"];
    // A draft may be saved without it; a reviewer needs to read what was done.
    if (!before.summary?.trim()) missing.summary = ["Summarise the visit"];
    if (before.followUpRequired && !before.followUpDetails) {
      missing.followUpDetails = ["Describe the follow-up that is needed"];
    }
    if (Object.keys(missing).length) {
      throw new AppError("VALIDATION", "Complete the report before submitting it.", missing);
    }
    const now = new Date();
    const r = schema.visitReports;
    const [row] = await tx
      .update(r)
      .set({ status: "submitted", submittedAt: now })
      .where(and(eq(r.tenantId, ctx.tenantId), eq(r.id, before.id)))
      .returning();
    await statusRecorded(tx, ctx, before, {
      action: "visit_report.submitted",
      kind: "visit_report_submitted",
      at: now,
    });
    await recordWebhookEvent(tx, ctx, "visit_report.submitted", before.id);
    return reportView(ctx.actor, row!, ctx.gates);
  });
}

/** The audit entry and the timeline line of a report's status change (names and ids only). */
export async function statusRecorded(
  tx: Transaction,
  ctx: StaffContext,
  before: ReportRow,
  change: {
    action: string;
    kind: "visit_report_submitted" | "visit_report_approved" | "visit_report_returned";
    at: Date;
    fields?: string[];
    to?: string;
  },
) {
  const to = change.to ?? change.kind.replace("visit_report_", "");
  await recordAudit(tx, {
    tenantId: ctx.tenantId,
    actor: staffAuditActor(ctx.actor),
    action: change.action,
    objectType: "visit_report",
    objectId: before.id,
    changedFields: change.fields ?? ["status"],
    metadata: { from: before.status, to },
  });
  await recordTimeline(tx, {
    tenantId: ctx.tenantId,
    customerId: before.customerId,
    locationId: before.locationId,
    kind: change.kind,
    objectType: "visit_report",
    objectId: before.id,
    occurredAt: change.at,
    actor: auditActor(ctx.actor),
  });
}
