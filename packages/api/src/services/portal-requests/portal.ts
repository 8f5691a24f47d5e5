import { recordAudit, recordTimeline, schema, type Transaction, withTenant } from "@ordinavo/db";
import {
  appointmentStatusSets,
  type CreatePortalRequestInput,
  localDay,
  type PortalRequestStatus,
  pastPreferredDates,
  type TimelineKind,
} from "@ordinavo/domain";
import { hasPreviewFor, previewKeyOf } from "@ordinavo/files";
import {
  canAddPortalRequestFile,
  canCreatePortalRequest,
  canSeeAppointment,
  canSeeAttachment,
  canSeePortalRequest,
  type PortalRequestFileFacts,
} from "@ordinavo/policy";
import { and, asc, desc, eq, gte, inArray, isNull, max, type SQL, sql } from "drizzle-orm";
import { AppError } from "../../errors";
import type { OpenedAttachment } from "../attachments/open";
import { openPortalDownload } from "../attachments/portal-download";
import type { PortalServiceContext } from "../context";
import { cursorCodec, keysetPage } from "../cursor";
import { addressLine } from "../execution/views";
import { portalPlaces } from "../scope";
import { recordWebhookEvent } from "../webhook-events";
import {
  checkFileSizes,
  insertRequestFiles,
  portalAuditActor,
  portalFileView,
  removeStored,
  storeFiles,
} from "./files";
import type { OpenRequestFileInput, PortalRequestListInput } from "./inputs";
import type { PortalRequestDetail, PortalRequestSummary } from "./views";

// The customer's side of portal requests. Every read is scoped by the contact's grants in SQL
// (`portalPlaces`) or checked with the policy's `canSeePortalRequest`; a request outside them is
// NOT_FOUND, exactly like a missing one. A new request's customer is read from its location row,
// never from what the contact sent.

type RequestRow = typeof schema.portalRequests.$inferSelect;

const notFound = () => AppError.notFound("This request");

const factsOf = (row: RequestRow): PortalRequestFileFacts => ({
  tenantId: row.tenantId,
  customerId: row.customerId,
  locationId: row.locationId,
  status: row.status,
  portalUserId: row.portalUserId,
});

/** Statuses whose customer message is the decision's (before a decision there is none to show). */
const decided: readonly PortalRequestStatus[] = ["accepted", "declined", "planned", "completed"];

/** The location a request would be filed for, if the contact's grants cover it and it is current. */
async function placeFor(tx: Transaction, ctx: PortalServiceContext, locationId: string) {
  const { locations: l, customers: c } = schema;
  const [place] = await tx
    .select({ locationId: l.id, customerId: l.customerId })
    .from(l)
    .innerJoin(c, and(eq(c.tenantId, l.tenantId), eq(c.id, l.customerId)))
    .where(
      and(eq(l.tenantId, ctx.tenantId), eq(l.id, locationId), isNull(l.archivedAt), isNull(c.archivedAt)),
    );
  if (!place || !canCreatePortalRequest(ctx.actor, { tenantId: ctx.tenantId, ...place }, ctx.gates)) {
    throw AppError.notFound("This location");
  }
  return place;
}

/** The locations the contact may file a request for: current ones their grants cover, by name. */
export function requestPlaces(ctx: PortalServiceContext) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const { locations: l, customers: c } = schema;
    const rows = await tx
      .select({
        locationId: l.id,
        name: l.name,
        customerName: c.name,
        addressLine1: l.addressLine1,
        addressLine2: l.addressLine2,
        postalCode: l.postalCode,
        city: l.city,
      })
      .from(l)
      .innerJoin(c, and(eq(c.tenantId, l.tenantId), eq(c.id, l.customerId)))
      .where(
        and(
          eq(l.tenantId, ctx.tenantId),
          isNull(l.archivedAt),
          isNull(c.archivedAt),
          portalPlaces(ctx.actor, { customerId: l.customerId, locationId: l.id }),
        ),
      )
      .orderBy(asc(l.name), asc(l.id));
    return rows.map((row) => ({
      locationId: row.locationId,
      name: row.name,
      customerName: row.customerName,
      address: addressLine(row),
    }));
  });
}

/**
 * Files a request for one covered location, with the files sent along (all or none). Records the
 * portal-visible `portal_request_submitted` entry and the audit rows in the same transaction.
 * Connected systems hear of it through `portal_request.created` (source "portal"): ids, type and
 * status only — the contact's words stay inside Ordinavo (the payload builder's portal_request list).
 */
export async function createPortalRequest(
  ctx: PortalServiceContext,
  input: CreatePortalRequestInput & { files?: readonly File[] },
): Promise<{ id: string }> {
  const past = pastPreferredDates(input.preferredDates, localDay(new Date(), ctx.timeZone));
  if (past.length > 0) {
    const fields: Record<string, string[]> = {};
    for (const issue of past) fields[issue.path] = [issue.message];
    throw new AppError("VALIDATION", past[0]!.message, fields);
  }
  const files = input.files ?? [];
  checkFileSizes(files);
  // The place first: a refusal before any byte is read or stored.
  await withTenant(ctx.db, ctx.tenantId, (tx) => placeFor(tx, ctx, input.locationId));
  const stored = await storeFiles(ctx, files);
  try {
    return await withTenant(ctx.db, ctx.tenantId, async (tx) => {
      const place = await placeFor(tx, ctx, input.locationId);
      const days = input.preferredDates.map((d) => d.date).sort();
      const [row] = await tx
        .insert(schema.portalRequests)
        .values({
          tenantId: ctx.tenantId,
          portalUserId: ctx.actor.portalUserId,
          customerId: place.customerId,
          locationId: place.locationId,
          type: input.type,
          title: input.title,
          description: input.description,
          preferredDates: input.preferredDates,
          firstPreferredDate: days[0] ?? null,
          status: "submitted",
        })
        .returning();
      await recordTimeline(tx, {
        tenantId: ctx.tenantId,
        customerId: row!.customerId,
        locationId: row!.locationId,
        kind: "portal_request_submitted",
        objectType: "portal_request",
        objectId: row!.id,
        occurredAt: row!.createdAt,
        actor: portalAuditActor(ctx),
        portalVisible: true,
      });
      await recordAudit(tx, {
        tenantId: ctx.tenantId,
        actor: portalAuditActor(ctx),
        action: "portal_request.submitted",
        objectType: "portal_request",
        objectId: row!.id,
        changedFields: ["type", "title", "description", "locationId", "preferredDates"],
        metadata: {
          customerId: row!.customerId,
          locationId: row!.locationId,
          type: row!.type,
          preferredDates: input.preferredDates.length,
          files: stored.length,
        },
      });
      await insertRequestFiles(tx, ctx, row!, stored);
      await recordWebhookEvent(tx, ctx, "portal_request.created", row!.id);
      return { id: row!.id };
    });
  } catch (error) {
    await removeStored(ctx, stored);
    throw error;
  }
}

/** The request row if the contact's grants cover it; NOT_FOUND otherwise, as for a missing id. */
async function visibleRequest(
  tx: Transaction,
  ctx: PortalServiceContext,
  portalRequestId: string,
  lock = false,
) {
  const p = schema.portalRequests;
  const query = tx
    .select()
    .from(p)
    .where(and(eq(p.tenantId, ctx.tenantId), eq(p.id, portalRequestId)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row || !canSeePortalRequest(ctx.actor, factsOf(row), ctx.gates)) throw notFound();
  return row;
}

const cursor = cursorCodec("timestamp", "uuid");

/** The requests of the contact's places, newest first, one status or all. */
export function listPortalRequests(ctx: PortalServiceContext, input: PortalRequestListInput) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const { portalRequests: p, locations: l } = schema;
    const after = input.cursor ? cursor.decode(input.cursor, "cursor") : null;
    const keyset: SQL | undefined = after
      ? sql`(${p.createdAt}, ${p.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
      : undefined;
    const rows = await tx
      .select({ row: p, sortAt: sql<string>`${p.createdAt}::text`, locationName: l.name, city: l.city })
      .from(p)
      .innerJoin(l, and(eq(l.tenantId, p.tenantId), eq(l.id, p.locationId)))
      .where(
        and(
          eq(p.tenantId, ctx.tenantId),
          portalPlaces(ctx.actor, { customerId: p.customerId, locationId: p.locationId }),
          input.status ? eq(p.status, input.status) : undefined,
          keyset,
        ),
      )
      .orderBy(desc(p.createdAt), desc(p.id))
      .limit(input.limit + 1);
    const { page, nextCursor } = keysetPage(rows, input.limit, (last) =>
      cursor.encode([last.sortAt, last.row.id]),
    );
    return {
      // The SQL scope and the policy agree; each row is asked once more all the same.
      items: page
        .filter(({ row }) => canSeePortalRequest(ctx.actor, factsOf(row), ctx.gates))
        .map(({ row, locationName, city }) => summaryOf(ctx, row, { name: locationName, city })),
      nextCursor,
    };
  });
}

function summaryOf(
  ctx: PortalServiceContext,
  row: RequestRow,
  location: { name: string; city: string | null },
): PortalRequestSummary {
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    status: row.status,
    createdAt: row.createdAt,
    location,
    preferredDates: row.preferredDates,
    sentByYou: row.portalUserId === ctx.actor.portalUserId,
  };
}

const milestoneKinds = {
  reviewed: "portal_request_reviewed",
  planned: "portal_request_planned",
  completed: "portal_request_completed",
} as const satisfies Record<string, TimelineKind>;

/** One request with its milestones, the next visit of the work it became, and its files. */
export function getPortalRequest(ctx: PortalServiceContext, input: { portalRequestId: string }) {
  return withTenant(ctx.db, ctx.tenantId, async (tx): Promise<PortalRequestDetail> => {
    const row = await visibleRequest(tx, ctx, input.portalRequestId);
    const { locations: l, timelineEntries: e, appointments: a, attachments: f } = schema;
    const [place] = await tx
      .select()
      .from(l)
      .where(and(eq(l.tenantId, ctx.tenantId), eq(l.id, row.locationId)));
    // The latest customer-visible milestone of each kind (a request planned again shows its last).
    const steps = await tx
      .select({ kind: e.kind, at: max(e.occurredAt) })
      .from(e)
      .where(
        and(
          eq(e.tenantId, ctx.tenantId),
          eq(e.objectType, "portal_request"),
          eq(e.objectId, row.id),
          eq(e.portalVisible, true),
          inArray(e.kind, Object.values(milestoneKinds)),
        ),
      )
      .groupBy(e.kind);
    const at = (kind: TimelineKind) => steps.find((step) => step.kind === kind)?.at ?? null;
    const reached = (statuses: readonly PortalRequestStatus[]) => statuses.includes(row.status);
    let nextVisit: PortalRequestDetail["nextVisit"] = null;
    if (row.resultingTargetId && row.status === "planned") {
      const visits = await tx
        .select({
          start: a.plannedStart,
          end: a.plannedEnd,
          customerId: a.customerId,
          locationId: a.locationId,
          assignedEmployeeId: a.assignedEmployeeId,
        })
        .from(a)
        .where(
          and(
            eq(a.tenantId, ctx.tenantId),
            eq(a.targetId, row.resultingTargetId),
            inArray(a.status, [...appointmentStatusSets.movable, ...appointmentStatusSets.underway]),
            gte(a.plannedEnd, new Date()),
          ),
        )
        .orderBy(asc(a.plannedStart))
        .limit(1);
      const visit = visits[0];
      if (visit && canSeeAppointment(ctx.actor, { tenantId: ctx.tenantId, ...visit }, ctx.gates)) {
        nextVisit = { start: visit.start, end: visit.end };
      }
    }
    const fileRows = await tx
      .select()
      .from(f)
      .where(and(eq(f.tenantId, ctx.tenantId), eq(f.ownerType, "portal_request"), eq(f.ownerId, row.id)))
      .orderBy(asc(f.createdAt), asc(f.id));
    const files = fileRows.filter((file) => mayOpen(ctx, row, file)).map(portalFileView);
    return {
      ...summaryOf(ctx, row, { name: place?.name ?? "", city: place?.city ?? null }),
      location: {
        name: place?.name ?? "",
        city: place?.city ?? null,
        address: place ? addressLine(place) : null,
      },
      description: row.description,
      customerMessage: reached(decided) ? row.customerMessage : null,
      milestones: {
        submitted: row.createdAt,
        reviewed: reached(decided) ? (at(milestoneKinds.reviewed) ?? row.reviewedAt) : null,
        planned: reached(["planned", "completed"]) ? at(milestoneKinds.planned) : null,
        completed: reached(["completed"]) ? at(milestoneKinds.completed) : null,
      },
      nextVisit,
      files,
      can: { addFiles: canAddPortalRequestFile(ctx.actor, factsOf(row), ctx.gates) },
    };
  });
}

function mayOpen(
  ctx: PortalServiceContext,
  request: RequestRow,
  file: { ownerType: string; portalReleasedAt: Date | null },
): boolean {
  return (
    file.ownerType === "portal_request" &&
    canSeeAttachment(
      ctx.actor,
      {
        tenantId: request.tenantId,
        customerId: request.customerId,
        locationId: request.locationId,
        ownerType: "portal_request",
        assignedEmployeeIds: [],
        portalReleasedAt: file.portalReleasedAt,
        ownerPublished: false,
      },
      ctx.gates,
    )
  );
}

/**
 * More files for a request the contact filed, while it still waits for review (the policy's
 * `canAddPortalRequestFile`). A request the contact cannot see is NOT_FOUND; one they see but
 * may not add to (a colleague's, or one already in review) is FORBIDDEN.
 */
export async function addPortalRequestFiles(
  ctx: PortalServiceContext,
  input: { portalRequestId: string; files: readonly File[] },
): Promise<{ added: number }> {
  checkFileSizes(input.files);
  const mayAdd = async (tx: Transaction) => {
    const row = await visibleRequest(tx, ctx, input.portalRequestId, true);
    if (!canAddPortalRequestFile(ctx.actor, factsOf(row), ctx.gates)) {
      throw new AppError(
        "FORBIDDEN",
        row.status === "submitted"
          ? "Only the person who sent this request can add files to it."
          : "Files can be added until the request is reviewed.",
      );
    }
    return row;
  };
  await withTenant(ctx.db, ctx.tenantId, mayAdd);
  const stored = await storeFiles(ctx, input.files);
  try {
    return await withTenant(ctx.db, ctx.tenantId, async (tx) => {
      const row = await mayAdd(tx);
      await insertRequestFiles(tx, ctx, row, stored);
      return { added: stored.length };
    });
  } catch (error) {
    await removeStored(ctx, stored);
    throw error;
  }
}

/**
 * A file of a request the contact sees, for the portal's download route. Opening an original
 * records the download as the report files' downloads are recorded: a `portal_file_downloaded`
 * security event (who) and an audit entry (which file, by id). A preview records nothing.
 */
export async function openPortalRequestFile(
  ctx: PortalServiceContext,
  input: OpenRequestFileInput & { clientAddress: string | null },
): Promise<OpenedAttachment> {
  const file = await withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const request = await visibleRequest(tx, ctx, input.portalRequestId);
    const f = schema.attachments;
    const [row] = await tx
      .select()
      .from(f)
      .where(
        and(
          eq(f.tenantId, ctx.tenantId),
          eq(f.id, input.attachmentId),
          eq(f.ownerType, "portal_request"),
          eq(f.ownerId, request.id),
        ),
      );
    if (!row || !mayOpen(ctx, request, row)) throw AppError.notFound("This file");
    return row;
  });
  if (input.variant === "preview") {
    if (!hasPreviewFor(file.contentType)) throw AppError.notFound("This preview");
    return {
      fileName: `${file.fileName}.webp`,
      contentType: "image/webp",
      sizeBytes: null,
      read: () => ctx.files.open(previewKeyOf(file.storageKey)),
    };
  }
  return {
    fileName: file.fileName,
    contentType: file.contentType,
    sizeBytes: file.sizeBytes,
    read: () =>
      openPortalDownload(ctx, {
        storageKey: file.storageKey,
        attachmentId: file.id,
        clientAddress: input.clientAddress,
        context: { portalRequestId: input.portalRequestId, customerId: file.customerId },
      }),
  };
}
