import type { Readable } from "node:stream";
import { schema, type Transaction, withTenant } from "@ordinavo/db";
import {
  type AttachmentFacts,
  can,
  canDownloadAttachment,
  canSeeVisitReport,
  type VisitReportFacts,
} from "@ordinavo/policy";
import { and, desc, eq, isNotNull, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../errors";
import { openPortalDownload } from "./attachments/portal-download";
import type { PortalServiceContext } from "./context";
import { cursorCodec, keysetPage, ZCursorInput } from "./cursor";
import { addressLine } from "./execution/views";
import { portalPlaces } from "./scope";

// Published visit reports in the Customer Portal. A report reaches the portal only when it is
// approved and published, at a place the contact's grants cover; the portal reads only the texts
// written for it when it was published (portal title, summary, message), never the internal
// title, summary, problems, follow-up details or billing fields. Files reach it one by one: released,
// on a published report, and only while the tenant lets the portal offer files. Anything else —
// a draft, an unpublished report, another customer's or another location's, an unreleased file —
// answers exactly like an id that does not exist.

const notFoundReport = () => AppError.notFound("This report");
const notFoundFile = () => AppError.notFound("This file");

const PAGE_SIZE = "Page size must be a whole number between 1 and 50";

export const ZPortalReportsInput = z.object({
  cursor: ZCursorInput,
  limit: z
    .number({ error: PAGE_SIZE })
    .int({ error: PAGE_SIZE })
    .min(1, { error: PAGE_SIZE })
    .max(50, { error: PAGE_SIZE })
    .default(10),
});
export type PortalReportsInput = z.output<typeof ZPortalReportsInput>;

export const ZPortalReportIdInput = z.object({ reportId: z.uuid({ error: "Choose a report" }) });
export const ZPortalFileIdInput = z.object({ attachmentId: z.uuid({ error: "Choose a file" }) });

export const ZPortalReportCard = z.object({
  id: z.string(),
  title: z.string(),
  publishedAt: z.date(),
  /** When the visit took place (its start). */
  visitDate: z.date(),
  location: z.object({ name: z.string() }).nullable(),
  /** Files the contact can download (0 while the tenant shares no files). */
  fileCount: z.number(),
});

export const ZPortalReports = z.object({
  items: z.array(ZPortalReportCard),
  nextCursor: z.string().nullable(),
});

export const ZPortalFile = z.object({
  id: z.string(),
  fileName: z.string(),
  sizeBytes: z.number(),
  contentType: z.string(),
});

export const ZPortalReport = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  message: z.string().nullable(),
  publishedAt: z.date(),
  visitDate: z.date(),
  location: z.object({ name: z.string(), address: z.string().nullable() }).nullable(),
  /** The tenant lets the portal offer files at all; when false the page says files are not shared. */
  filesShared: z.boolean(),
  files: z.array(ZPortalFile),
});

/** The contact may download files at all (the tenant's "attachments in the portal"). */
const downloadsOpen = (ctx: PortalServiceContext) => can(ctx.actor, "portal.attachment.download", ctx.gates);

/** SQL: a report the portal may show — approved, published, with its texts, at a covered place. */
function publishedHere(ctx: PortalServiceContext): SQL {
  const r = schema.visitReports;
  return and(
    eq(r.tenantId, ctx.tenantId),
    eq(r.customerId, ctx.customerId),
    eq(r.status, "approved"),
    isNotNull(r.publishedAt),
    isNotNull(r.portalTitle),
    portalPlaces(ctx.actor, { customerId: r.customerId, locationId: r.locationId }),
  )!;
}

const reportFactsOf = (
  ctx: PortalServiceContext,
  row: { customerId: string; locationId: string | null; publishedAt: Date | null },
): VisitReportFacts => ({
  tenantId: ctx.tenantId,
  customerId: row.customerId,
  locationId: row.locationId,
  authorId: null,
  assignedEmployeeId: null,
  status: "approved",
  publishedAt: row.publishedAt,
});

/** Released files of a report: the SQL condition shared by the count and the list. */
function releasedFilesOf(reportId: SQL | string) {
  const f = schema.attachments;
  return and(eq(f.ownerType, "visit_report"), sql`${f.ownerId} = ${reportId}`, isNotNull(f.portalReleasedAt));
}

const listCursor = cursorCodec("timestamp", "uuid");

/** Published reports at the covered places, latest publication first. */
export function portalReports(ctx: PortalServiceContext, input: PortalReportsInput) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const { visitReports: r, appointments: a, locations: l, attachments: f } = schema;
    const after = input.cursor ? listCursor.decode(input.cursor, "cursor") : null;
    const files = downloadsOpen(ctx)
      ? sql<number>`(select count(*)::int from ${f} where ${f.tenantId} = ${r.tenantId}
          and ${releasedFilesOf(sql`${r.id}`)})`
      : sql<number>`0`;
    const rows = await tx
      .select({
        id: r.id,
        customerId: r.customerId,
        locationId: r.locationId,
        title: r.portalTitle,
        publishedAt: r.publishedAt,
        sortAt: sql<string>`${r.publishedAt}::text`,
        visitDate: sql<Date>`coalesce(${a.startedAt}, ${a.plannedStart})`.mapWith(a.plannedStart),
        locationName: l.name,
        fileCount: files,
      })
      .from(r)
      .innerJoin(a, and(eq(a.tenantId, r.tenantId), eq(a.id, r.appointmentId)))
      .leftJoin(l, and(eq(l.tenantId, r.tenantId), eq(l.id, r.locationId)))
      .where(
        and(
          publishedHere(ctx),
          after
            ? sql`(${r.publishedAt}, ${r.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
            : undefined,
        ),
      )
      .orderBy(desc(r.publishedAt), desc(r.id))
      .limit(input.limit + 1);
    const { page, nextCursor } = keysetPage(rows, input.limit, (last) =>
      listCursor.encode([last.sortAt, last.id]),
    );
    return {
      items: page.flatMap((row) =>
        row.title && row.publishedAt && canSeeVisitReport(ctx.actor, reportFactsOf(ctx, row), ctx.gates)
          ? [
              {
                id: row.id,
                title: row.title,
                publishedAt: row.publishedAt,
                visitDate: row.visitDate,
                location: row.locationName ? { name: row.locationName } : null,
                fileCount: Number(row.fileCount),
              },
            ]
          : [],
      ),
      nextCursor,
    };
  });
}

/** One published report at a covered place, or NOT_FOUND. */
async function publishedReport(tx: Transaction, ctx: PortalServiceContext, reportId: string) {
  const { visitReports: r, appointments: a, locations: l } = schema;
  const [row] = await tx
    .select({
      id: r.id,
      customerId: r.customerId,
      locationId: r.locationId,
      title: r.portalTitle,
      summary: r.portalSummary,
      message: r.portalMessage,
      publishedAt: r.publishedAt,
      visitDate: sql<Date>`coalesce(${a.startedAt}, ${a.plannedStart})`.mapWith(a.plannedStart),
      locationName: l.name,
      addressLine1: l.addressLine1,
      addressLine2: l.addressLine2,
      postalCode: l.postalCode,
      city: l.city,
    })
    .from(r)
    .innerJoin(a, and(eq(a.tenantId, r.tenantId), eq(a.id, r.appointmentId)))
    .leftJoin(l, and(eq(l.tenantId, r.tenantId), eq(l.id, r.locationId)))
    .where(and(publishedHere(ctx), eq(r.id, reportId)));
  if (!row?.title || !row.publishedAt) throw notFoundReport();
  if (!canSeeVisitReport(ctx.actor, reportFactsOf(ctx, row), ctx.gates)) throw notFoundReport();
  return { ...row, title: row.title, publishedAt: row.publishedAt };
}

/** The policy's facts of a file on a report the portal shows. */
function fileFacts(
  ctx: PortalServiceContext,
  report: { customerId: string; locationId: string | null },
  file: { portalReleasedAt: Date | null },
  ownerPublished: boolean,
): AttachmentFacts {
  return {
    tenantId: ctx.tenantId,
    customerId: report.customerId,
    locationId: report.locationId,
    ownerType: "visit_report",
    assignedEmployeeIds: [],
    portalReleasedAt: file.portalReleasedAt,
    ownerPublished,
  };
}

/** The published report's texts and its downloadable files. */
export function portalReport(ctx: PortalServiceContext, input: { reportId: string }) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const report = await publishedReport(tx, ctx, input.reportId);
    const filesShared = downloadsOpen(ctx);
    const f = schema.attachments;
    const files = filesShared
      ? await tx
          .select({
            id: f.id,
            fileName: f.fileName,
            sizeBytes: f.sizeBytes,
            contentType: f.contentType,
            portalReleasedAt: f.portalReleasedAt,
          })
          .from(f)
          .where(and(eq(f.tenantId, ctx.tenantId), releasedFilesOf(report.id)))
          .orderBy(f.createdAt, f.id)
      : [];
    return {
      id: report.id,
      title: report.title,
      summary: report.summary ?? "",
      message: report.message,
      publishedAt: report.publishedAt,
      visitDate: report.visitDate,
      location: report.locationName ? { name: report.locationName, address: addressLine(report) } : null,
      filesShared,
      files: files
        .filter((file) => canDownloadAttachment(ctx.actor, fileFacts(ctx, report, file, true), ctx.gates))
        .map(({ id, fileName, sizeBytes, contentType }) => ({ id, fileName, sizeBytes, contentType })),
    };
  });
}

export interface PortalOpenedFile {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  /**
   * Opens the bytes for the download route and records the download (a `portal_file_downloaded`
   * security event and an audit entry naming the file) — null when storage has no bytes, and then
   * nothing is recorded. Over HTTP only the description travels; nothing is opened or recorded.
   * Whoever calls it must consume or destroy the stream.
   */
  read(): Promise<Readable | null>;
}

/**
 * A file the contact may download: released, on a published report at a covered place, with
 * files shared by the tenant. Anything else is NOT_FOUND, as for an id that does not exist.
 */
export async function openPortalFile(
  ctx: PortalServiceContext,
  input: { attachmentId: string; clientAddress: string | null },
): Promise<PortalOpenedFile> {
  const file = await withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const f = schema.attachments;
    const [row] = await tx
      .select()
      .from(f)
      .where(and(eq(f.tenantId, ctx.tenantId), eq(f.id, input.attachmentId)));
    if (row?.ownerType !== "visit_report" || row.portalReleasedAt === null) throw notFoundFile();
    const report = await publishedReport(tx, ctx, row.ownerId).catch((error: unknown) => {
      throw error instanceof AppError && error.code === "NOT_FOUND" ? notFoundFile() : error;
    });
    if (row.customerId !== report.customerId) throw notFoundFile();
    if (!canDownloadAttachment(ctx.actor, fileFacts(ctx, report, row, true), ctx.gates)) {
      throw notFoundFile();
    }
    return { row, reportId: report.id };
  });
  const { row } = file;
  return {
    fileName: row.fileName,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    read: () =>
      openPortalDownload(ctx, {
        storageKey: row.storageKey,
        attachmentId: row.id,
        clientAddress: input.clientAddress,
        context: { visitReportId: file.reportId, customerId: row.customerId },
      }),
  };
}
