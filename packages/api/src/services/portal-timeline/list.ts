import { schema, type Transaction, withTenant } from "@ordinavo/db";
import type { ObjectType, TimelineKind } from "@ordinavo/domain/vocabulary";
import {
  canSeeAppointment,
  canSeePortalRequest,
  canSeeTimelineEntry,
  canSeeVisitReport,
  portalCovers,
} from "@ordinavo/policy";
import { and, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { PortalServiceContext } from "../context";
import { cursorCodec } from "../cursor";
import { portalPlaces } from "../scope";
import { labelOfKind, type PortalTimelineLabel, portalKindsOf, portalTimelineGroupIds } from "./kinds";
import type { PortalTimeline, PortalTimelineEntry, PortalTimelineInput, PortalTimelineLink } from "./views";

// The customer's reduced timeline in the portal: requests, appointments, shared reports and
// follow-ups at the places the contact's grants cover, newest first, keyset paged on
// (occurred_at desc, id desc) along timeline_entries_customer_idx.
//
// Three gates, each enough on its own to keep an entry out:
// 1. SQL: the current customer, portal-visible entries of the portal's kinds, covered places.
// 2. The policy's canSeeTimelineEntry for every row read.
// 3. The record behind the entry: it must still exist at a covered place. Whether the entry links
//    to it is that record's own check (a report only while it is published).
// Nothing of the record is returned except its id in the link: no titles, texts or people.

/** Newest first: the entry's time (microseconds, as stored) and its id. */
const byTime = cursorCodec("timestamp", "uuid");

interface EntryRow {
  id: string;
  kind: TimelineKind;
  objectType: ObjectType;
  objectId: string;
  customerId: string;
  locationId: string | null;
  portalVisible: boolean;
  occurredAt: Date;
  occurredAtText: string;
  locationName: string | null;
}

/** What the record behind an entry allows: whether it is shown, where it links, its label. */
type Verdict = { show: false } | { show: true; link: PortalTimelineLink | null; label?: PortalTimelineLabel };

export function portalTimeline(
  ctx: PortalServiceContext,
  input: Omit<PortalTimelineInput, "limit"> & { limit: number },
): Promise<PortalTimeline> {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const after = input.after ? byTime.decode(input.after) : null;
    const kinds = portalKindsOf(input.group);
    const groups = [...portalTimelineGroupIds];
    if (kinds.length === 0) return { entries: [], nextCursor: null, groups };

    const te = schema.timelineEntries;
    const l = schema.locations;
    const where: SQL = and(
      eq(te.tenantId, ctx.tenantId),
      eq(te.customerId, ctx.customerId),
      eq(te.portalVisible, true),
      inArray(te.kind, kinds),
      portalPlaces(ctx.actor, { customerId: te.customerId, locationId: te.locationId }),
      after ? sql`(${te.occurredAt}, ${te.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined,
    )!;
    const rows: EntryRow[] = await tx
      .select({
        id: te.id,
        kind: te.kind,
        objectType: te.objectType,
        objectId: te.objectId,
        customerId: te.customerId,
        locationId: te.locationId,
        portalVisible: te.portalVisible,
        occurredAt: te.occurredAt,
        // Microseconds kept: a Date would round the cursor to milliseconds and skip entries.
        occurredAtText: sql<string>`${te.occurredAt}::text`,
        locationName: l.name,
      })
      .from(te)
      .leftJoin(l, and(eq(l.tenantId, te.tenantId), eq(l.id, te.locationId)))
      .where(where)
      .orderBy(desc(te.occurredAt), desc(te.id))
      .limit(input.limit + 1);

    const page = rows.slice(0, input.limit);
    const last = page.at(-1);
    const nextCursor =
      rows.length > input.limit && last ? byTime.encode([last.occurredAtText, last.id]) : null;

    const allowed = page.filter((row) =>
      canSeeTimelineEntry(ctx.actor, { ...row, tenantId: ctx.tenantId }, ctx.gates),
    );
    const verdicts = await judgeRecords(tx, ctx, allowed);
    const entries = allowed.flatMap((row): PortalTimelineEntry[] => {
      const verdict = verdicts.get(`${row.objectType}:${row.objectId}`);
      const label = labelOfKind[row.kind];
      if (!verdict?.show || !label) return [];
      return [
        {
          id: row.id,
          kind: row.kind,
          occurredAt: row.occurredAt,
          label: row.kind === "portal_request_reviewed" ? (verdict.label ?? label) : label,
          locationName: row.locationId ? row.locationName : null,
          link: verdict.link,
        },
      ];
    });
    return { entries, nextCursor, groups };
  });
}

/** The records behind a page of entries, one query per kind of record, judged for the contact. */
async function judgeRecords(
  tx: Transaction,
  ctx: PortalServiceContext,
  rows: readonly EntryRow[],
): Promise<Map<string, Verdict>> {
  const idsOf = (type: ObjectType) => [
    ...new Set(rows.filter((row) => row.objectType === type).map((row) => row.objectId)),
  ];
  const out = new Map<string, Verdict>();
  const actor = ctx.actor;
  const tenantId = ctx.tenantId;
  const covered = (row: { customerId: string; locationId: string | null }) =>
    row.customerId === ctx.customerId && portalCovers(actor, row.customerId, row.locationId);

  const requestIds = idsOf("portal_request");
  if (requestIds.length) {
    const r = schema.portalRequests;
    const found = await tx
      .select({ id: r.id, customerId: r.customerId, locationId: r.locationId, status: r.status })
      .from(r)
      .where(and(eq(r.tenantId, tenantId), eq(r.customerId, ctx.customerId), inArray(r.id, requestIds)));
    for (const request of found) {
      if (!covered(request) || !canSeePortalRequest(actor, { ...request, tenantId }, ctx.gates)) continue;
      out.set(`portal_request:${request.id}`, {
        show: true,
        link: { to: "request", id: request.id },
        label:
          request.status === "declined"
            ? "requestDeclined"
            : ["accepted", "planned", "completed"].includes(request.status)
              ? "requestAccepted"
              : "requestReviewed",
      });
    }
  }

  const appointmentIds = idsOf("appointment");
  if (appointmentIds.length) {
    const a = schema.appointments;
    const found = await tx
      .select({
        id: a.id,
        customerId: a.customerId,
        locationId: a.locationId,
        assignedEmployeeId: a.assignedEmployeeId,
      })
      .from(a)
      .where(and(eq(a.tenantId, tenantId), eq(a.customerId, ctx.customerId), inArray(a.id, appointmentIds)));
    for (const appointment of found) {
      if (!covered(appointment) || !canSeeAppointment(actor, { ...appointment, tenantId }, ctx.gates))
        continue;
      out.set(`appointment:${appointment.id}`, { show: true, link: null });
    }
  }

  // Reports, directly or as the source of a follow-up: shown where they are, linked while published.
  const f = schema.followUps;
  const followUpIds = idsOf("follow_up");
  const followUps = followUpIds.length
    ? await tx
        .select({ id: f.id, customerId: f.customerId, locationId: f.locationId, reportId: f.visitReportId })
        .from(f)
        .where(and(eq(f.tenantId, tenantId), eq(f.customerId, ctx.customerId), inArray(f.id, followUpIds)))
    : [];
  const reportIds = [...new Set([...idsOf("visit_report"), ...followUps.map((row) => row.reportId)])];
  const reports = new Map<string, { covered: boolean; published: boolean }>();
  if (reportIds.length) {
    const v = schema.visitReports;
    const found = await tx
      .select({
        id: v.id,
        customerId: v.customerId,
        locationId: v.locationId,
        authorId: v.authorId,
        status: v.status,
        publishedAt: v.publishedAt,
      })
      .from(v)
      .where(and(eq(v.tenantId, tenantId), eq(v.customerId, ctx.customerId), inArray(v.id, reportIds)));
    for (const report of found) {
      const facts = { ...report, tenantId, assignedEmployeeId: null };
      reports.set(report.id, {
        covered: covered(report),
        published: canSeeVisitReport(actor, facts, ctx.gates),
      });
    }
  }
  for (const id of idsOf("visit_report")) {
    const report = reports.get(id);
    if (!report?.covered) continue;
    out.set(`visit_report:${id}`, { show: true, link: report.published ? { to: "report", id } : null });
  }
  for (const followUp of followUps) {
    if (!covered(followUp)) continue;
    const report = reports.get(followUp.reportId);
    out.set(`follow_up:${followUp.id}`, {
      show: true,
      link: report?.covered && report.published ? { to: "report", id: followUp.reportId } : null,
    });
  }
  return out;
}
