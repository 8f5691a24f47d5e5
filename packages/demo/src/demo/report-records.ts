/**
 * The written-up visit reports, with their history, photos and checklists (some released to the
 * portal), the billing triggers of approved billable work, the photo of the phone's problem
 * report, and an audit entry showing an approval.
 */
import { clock, HOUR, localMinuteOfDay } from "@ordinavo/domain";
import { attachmentValues, billingTriggerValues, visitReportValues } from "../factories";
import { PORTAL_MESSAGES, RETURN_REASONS } from "./data/words";
import type { ProblemReport } from "./field-work";
import { checksum, latest, minutesAfter, type Report, readableDay, type Story, type Team } from "./story";

export function addReportRecords(
  story: Story,
  team: Team,
  reports: Report[],
  problem: ProblemReport | undefined,
): void {
  const { tenantId, now, tz, rows, past, timeline } = story;
  const { managerId } = team;
  const approvers = [managerId, managerId, managerId, team.adminId];
  const fileRandom = story.random.fork("files");
  let cancelledOneTrigger = false;
  for (const report of reports) {
    const visit = report.visit;
    const customer = visit.site.customer;
    const updatedAt = latest(
      report.visit.completedAt ?? report.visit.statusChangedAt,
      ...[report.submittedAt, report.approvedAt, report.returnedAt, report.publishedAt].filter(
        (d): d is Date => d !== null,
      ),
    );
    const billingNote = report.billable
      ? report.result === "no_access"
        ? "Call-out fee per contract clause 7.2 (no access)."
        : fileRandom.pick([
            "Extra labour: 1 h beyond the contract visit.",
            "Parts supplied: see the delivery note in the attachments.",
            "Out-of-contract request, approved on site by the site contact.",
          ])
      : null;
    const published = report.publishedAt !== null;
    rows.visitReports.push(
      visitReportValues({
        id: report.id,
        tenantId,
        appointmentId: visit.appointmentId,
        targetId: visit.targetId,
        customerId: customer.id,
        locationId: visit.site.id,
        authorId: visit.employee.id,
        title: `${visit.title} — ${visit.site.name}`,
        status: report.status,
        result: report.result,
        summary:
          report.result === "no_access"
            ? "Visit not possible: no access to the site."
            : report.status === "draft" && fileRandom.chance(0.4)
              ? null
              : visit.service.summary,
        problems: report.problems,
        followUpRequired: report.followUpDetails !== null,
        followUpDetails: report.followUpDetails,
        billable: report.billable,
        billingNote,
        submittedAt: report.submittedAt,
        approvedAt: report.approvedAt,
        approvedById: report.approvedAt ? fileRandom.pick(approvers) : null,
        returnedAt: report.returnedAt,
        returnedReason: report.returnedAt ? fileRandom.pick(RETURN_REASONS) : null,
        portalTitle: published ? `${visit.title} on ${readableDay(visit.day)}` : null,
        portalSummary: published
          ? report.result === "completed"
            ? visit.service.portalSummary
            : `${visit.service.portalSummary} Some work remains; a follow-up visit is being planned.`
          : null,
        portalMessage: published ? fileRandom.pick([...PORTAL_MESSAGES, null]) : null,
        publishedAt: report.publishedAt,
        publishedById: published ? managerId : null,
        createdAt: past(minutesAfter(visit.completedAt ?? visit.statusChangedAt, fileRandom.int(1, 20))),
        updatedAt,
      }),
    );
    const where = { customerId: customer.id, locationId: visit.site.id, objectType: "visit_report" as const };
    if (report.submittedAt)
      timeline("visit_report_submitted", { ...where, objectId: report.id, occurredAt: report.submittedAt });
    if (report.approvedAt)
      timeline("visit_report_approved", { ...where, objectId: report.id, occurredAt: report.approvedAt });
    if (report.publishedAt)
      timeline("visit_report_published", { ...where, objectId: report.id, occurredAt: report.publishedAt });

    // Photos and checklists on about a third of the submitted reports; released one by one.
    if (report.status !== "draft" && (report.forced || fileRandom.chance(0.3))) {
      const count = report.forced ? 2 : fileRandom.int(1, 3);
      for (let n = 0; n < count; n++) {
        const photo = n > 0 || fileRandom.chance(0.8);
        const takenAt = minutesAfter(visit.startedAt ?? visit.start, 10 + n * 7);
        const fileName = photo
          ? `IMG_${visit.day.replaceAll("-", "")}_${clock(localMinuteOfDay(takenAt, tz)).replace(":", "")}${n}.jpg`
          : "checklist-signed.pdf";
        const storageKey = `demo/${fileRandom.uuid()}`;
        const released = published && (report.forced || fileRandom.chance(0.6));
        rows.attachments.push(
          attachmentValues({
            tenantId,
            customerId: customer.id,
            ownerType: "visit_report",
            ownerId: report.id,
            storageKey,
            fileName,
            sizeBytes: photo ? fileRandom.int(180_000, 3_500_000) : fileRandom.int(80_000, 400_000),
            contentType: photo ? "image/jpeg" : "application/pdf",
            checksumSha256: checksum(storageKey, fileName),
            uploadedById: visit.employee.id,
            portalReleasedAt: released ? past(minutesAfter(report.publishedAt!, 1)) : null,
            portalReleasedById: released ? managerId : null,
            createdAt: report.submittedAt ?? past(visit.completedAt ?? visit.start),
          }),
        );
      }
    }

    if (report.status === "approved" && report.billable) {
      const ageDays = (now.getTime() - report.approvedAt!.getTime()) / (24 * HOUR);
      let status: "pending" | "sent" | "acknowledged" | "cancelled" =
        ageDays > 14 ? "acknowledged" : ageDays > 3 ? "sent" : "pending";
      let note = billingNote;
      if (!cancelledOneTrigger && ageDays > 7) {
        cancelledOneTrigger = true;
        status = "cancelled";
        note = "Included in the annual flat fee after review with the customer.";
      }
      rows.billingTriggers.push(
        billingTriggerValues({
          tenantId,
          visitReportId: report.id,
          customerId: customer.id,
          status,
          note,
          createdAt: report.approvedAt!,
          updatedAt:
            status === "pending" ? report.approvedAt! : past(minutesAfter(report.approvedAt!, 24 * 60)),
        }),
      );
    }
  }
  if (problem) {
    const storageKey = `demo/${fileRandom.uuid()}`;
    rows.attachments.push(
      attachmentValues({
        tenantId,
        customerId: problem.visit.site.customer.id,
        ownerType: "mobile_update",
        ownerId: problem.updateId,
        storageKey,
        fileName: "leak-under-sink.jpg",
        sizeBytes: 2_184_310,
        contentType: "image/jpeg",
        checksumSha256: checksum(storageKey, "leak-under-sink.jpg"),
        uploadedById: problem.visit.employee.id,
        createdAt: past(minutesAfter(problem.visit.startedAt!, 21)),
      }),
    );
  }
}

/** One audit entry to show the shape: a manager approving a report. */
export function addApprovalAudit(story: Story, team: Team, reports: Report[]): void {
  const approvedExample = reports.find((r) => r.approvedAt && r.submittedAt);
  if (!approvedExample) return;
  story.rows.audit.push({
    tenantId: story.tenantId,
    actorType: "staff",
    actorId: team.managerId,
    action: "visit_report.approved",
    objectType: "visit_report",
    objectId: approvedExample.id,
    changedFields: ["status", "approved_at", "approved_by_id"],
    metadata: { from: "submitted", to: "approved" },
    createdAt: approvedExample.approvedAt!,
  });
}
