import { recordAudit, recordTimeline, schema, type Transaction, withTenant } from "@ordinavo/db";
import type { VisitResult } from "@ordinavo/domain";
import {
  can,
  canPublishVisitReport,
  canReleaseAttachment,
  isPublishedToPortal,
  type VisitReportFacts,
} from "@ordinavo/policy";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../../errors";
import { loadOwners } from "../attachments/owners";
import { maySee } from "../attachments/rules";
import { auditActor, type StaffContext } from "../context";
import { changedFields, staffAuditActor } from "../records";
import type { PublishReportInput } from "./inputs";
import { type ReportRow, visibleReport } from "./load";

// Sharing an approved report in the Customer Portal. Publishing copies texts written for the
// customer into the report (portalTitle, portalSummary, portalMessage): the portal reads only that
// copy, so what was published stays as it was even if the internal report is corrected later, until
// someone publishes again. Unpublishing takes the report out of the portal at once (its files with
// it: a file is downloadable only while its report is published). Who may publish is the policy's
// canPublishVisitReport (as for reviewing: a tenant admin, a manager where managers review).
// Audit entries carry field names only, never the texts.

/** The prefilled summary's first line: what came of the visit, in words for a customer. */
const resultSentences: Readonly<Record<VisitResult, string>> = {
  completed: "The work was completed.",
  partially_completed: "Part of the work was completed.",
  not_completed: "The work could not be completed during this visit.",
  no_access: "We could not get access to the site.",
};

const followUpSentence = "Some work remains: we will contact you to plan a follow-up visit.";

/**
 * What the publish form starts from when nothing was published yet: the report's title, and a
 * summary made of the result and the author's summary. Never the problems, the follow-up details,
 * the billing fields or anything else written for the office; the message only says whether a
 * follow-up is coming.
 */
export function portalDraftOf(row: Pick<ReportRow, "title" | "result" | "summary" | "followUpRequired">) {
  const summary = [row.result ? resultSentences[row.result] : null, row.summary?.trim() || null]
    .filter(Boolean)
    .join("\n\n");
  return {
    title: row.title,
    summary,
    message: row.followUpRequired ? followUpSentence : "",
  };
}

export const ZReportPublication = z.object({
  /** What the portal shows now; null while the report is not published. */
  published: z
    .object({
      title: z.string(),
      summary: z.string(),
      message: z.string().nullable(),
      publishedAt: z.date(),
      publishedByName: z.string().nullable(),
    })
    .nullable(),
  /** The form's starting texts: the published ones, the last published ones, or a prefill. */
  draft: z.object({ title: z.string(), summary: z.string(), message: z.string() }),
  can: z.object({ publish: z.boolean(), unpublish: z.boolean(), release: z.boolean() }),
  /** The tenant's portal switch: while off, nobody sees what is published. */
  portalEnabled: z.boolean(),
  /** The tenant's "attachments in the portal": while off, released files are not downloadable. */
  downloadsEnabled: z.boolean(),
  /** The report's files, each with whether it is released for the portal. */
  files: z.array(
    z.object({
      id: z.string(),
      fileName: z.string(),
      contentType: z.string(),
      sizeBytes: z.number(),
      releasedAt: z.date().nullable(),
    }),
  ),
});
export type ReportPublication = z.infer<typeof ZReportPublication>;

/** The report's files the viewer may see, with their release state, oldest first. */
export async function reportFilesForRelease(tx: Transaction, ctx: StaffContext, visitReportId: string) {
  const owner = (await loadOwners(tx, ctx.tenantId, "visit_report", [visitReportId])).get(visitReportId);
  if (!owner) return [];
  const f = schema.attachments;
  const rows = await tx
    .select()
    .from(f)
    .where(and(eq(f.tenantId, ctx.tenantId), eq(f.ownerType, "visit_report"), eq(f.ownerId, visitReportId)))
    .orderBy(asc(f.createdAt), asc(f.id));
  return rows
    .filter((row) => maySee(ctx, owner, row))
    .map((row) => ({
      id: row.id,
      fileName: row.fileName,
      contentType: row.contentType,
      sizeBytes: row.sizeBytes,
      releasedAt: row.portalReleasedAt,
    }));
}

async function staffName(tx: Transaction, ctx: StaffContext, userId: string | null) {
  if (!userId) return null;
  const { staffUsers: u, tenantMemberships: m } = schema;
  const [row] = await tx
    .select({ name: u.name })
    .from(u)
    .innerJoin(m, and(eq(m.userId, u.id), eq(m.tenantId, ctx.tenantId)))
    .where(eq(u.id, userId));
  return row?.name ?? null;
}

async function publicationOf(
  tx: Transaction,
  ctx: StaffContext,
  row: ReportRow,
  facts: VisitReportFacts,
): Promise<ReportPublication> {
  const published = isPublishedToPortal(row) && row.publishedAt !== null;
  const mayPublish = canPublishVisitReport(ctx.actor, facts, ctx.gates);
  return {
    published:
      published && row.portalTitle
        ? {
            title: row.portalTitle,
            summary: row.portalSummary ?? "",
            message: row.portalMessage,
            publishedAt: row.publishedAt!,
            publishedByName: await staffName(tx, ctx, row.publishedById),
          }
        : null,
    draft: row.portalTitle
      ? { title: row.portalTitle, summary: row.portalSummary ?? "", message: row.portalMessage ?? "" }
      : portalDraftOf(row),
    can: {
      publish: mayPublish,
      unpublish: mayPublish && published,
      release:
        mayPublish && canReleaseAttachment(ctx.actor, { tenantId: ctx.tenantId, ownerType: "visit_report" }),
    },
    portalEnabled: ctx.gates.portalEnabled,
    downloadsEnabled: ctx.gates.portalAttachmentDownloads,
    files: await reportFilesForRelease(tx, ctx, row.id),
  };
}

/**
 * The report's place in the portal for its detail page: null unless the viewer publishes reports
 * and this one is approved (only approved reports can be shared).
 */
export function reportPublication(ctx: StaffContext, input: { visitReportId: string }) {
  return withTenant(ctx.db, ctx.tenantId, async (tx): Promise<ReportPublication | null> => {
    const { row, facts } = await visibleReport(tx, ctx, input.visitReportId);
    if (!can(ctx.actor, "visit_report.publish", ctx.gates) || row.status !== "approved") return null;
    return publicationOf(tx, ctx, row, facts);
  });
}

/** Refuses a publication change the actor may not make, saying why. */
export function requirePublishable(ctx: StaffContext, row: ReportRow, facts: VisitReportFacts) {
  if (canPublishVisitReport(ctx.actor, facts, ctx.gates)) return;
  if (row.status !== "approved") {
    throw new AppError("FORBIDDEN", "Only approved reports can be shared in the customer portal.");
  }
  throw new AppError("FORBIDDEN", "Your role does not publish visit reports in this workspace.");
}

/**
 * Publishes the report with the customer's texts, or re-words what is published. The first
 * publication (and the first after unpublishing) adds `visit_report_published` to the customer's
 * timeline, visible in the portal; re-wording changes the texts and the date without a new entry.
 */
export function publishReport(ctx: StaffContext, input: PublishReportInput) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const { row: before, facts } = await visibleReport(tx, ctx, input.visitReportId, true);
    requirePublishable(ctx, before, facts);
    const wasPublished = isPublishedToPortal(before);
    const texts = {
      portalTitle: input.portalTitle,
      portalSummary: input.portalSummary,
      portalMessage: input.portalMessage ?? null,
    };
    const now = new Date();
    const r = schema.visitReports;
    const [row] = await tx
      .update(r)
      .set({ ...texts, publishedAt: now, publishedById: ctx.actor.userId })
      .where(and(eq(r.tenantId, ctx.tenantId), eq(r.id, before.id)))
      .returning();
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actor: staffAuditActor(ctx.actor),
      action: wasPublished ? "visit_report.portal_text_changed" : "visit_report.published",
      objectType: "visit_report",
      objectId: before.id,
      changedFields: [...changedFields(before, texts), "publishedAt"],
      metadata: { customerId: before.customerId },
    });
    if (!wasPublished) {
      await recordTimeline(tx, {
        tenantId: ctx.tenantId,
        customerId: before.customerId,
        locationId: before.locationId,
        kind: "visit_report_published",
        objectType: "visit_report",
        objectId: before.id,
        occurredAt: now,
        actor: auditActor(ctx.actor),
        portalVisible: true,
      });
    }
    return publicationOf(tx, ctx, row!, { ...facts, publishedAt: now });
  });
}

/**
 * Takes the report out of the portal at once. The texts stay (publishing again starts from them);
 * the portal timeline stops showing the publication; released files stay released but cannot be
 * downloaded while the report is not published.
 */
export function unpublishReport(ctx: StaffContext, input: { visitReportId: string }) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const { row: before, facts } = await visibleReport(tx, ctx, input.visitReportId, true);
    requirePublishable(ctx, before, facts);
    if (!isPublishedToPortal(before)) return publicationOf(tx, ctx, before, facts);
    const r = schema.visitReports;
    const [row] = await tx
      .update(r)
      .set({ publishedAt: null, publishedById: null })
      .where(and(eq(r.tenantId, ctx.tenantId), eq(r.id, before.id)))
      .returning();
    const t = schema.timelineEntries;
    await tx
      .update(t)
      .set({ portalVisible: false })
      .where(
        and(
          eq(t.tenantId, ctx.tenantId),
          eq(t.objectType, "visit_report"),
          eq(t.objectId, before.id),
          eq(t.kind, "visit_report_published"),
        ),
      );
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actor: staffAuditActor(ctx.actor),
      action: "visit_report.unpublished",
      objectType: "visit_report",
      objectId: before.id,
      changedFields: ["publishedAt"],
      metadata: { customerId: before.customerId },
    });
    return publicationOf(tx, ctx, row!, { ...facts, publishedAt: null });
  });
}
