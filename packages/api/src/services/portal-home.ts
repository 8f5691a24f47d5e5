import { schema, withTenant } from "@ordinavo/db";
import type { PortalRequestStatus } from "@ordinavo/domain";
import { can } from "@ordinavo/policy";
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { PortalServiceContext } from "./context";
import { portalAppointments, ZPortalAppointment } from "./portal-appointments";
import { portalReports, ZPortalReportCard } from "./portal-reports";
import { listPortalRequests } from "./portal-requests/portal";
import { ZPortalRequestSummary } from "./portal-requests/views";
import { portalTimeline } from "./portal-timeline/list";
import { ZPortalTimelineEntry } from "./portal-timeline/views";
import { portalPlaces } from "./scope";

// The portal's start page in one call: how many requests are still open, the latest requests, the
// next visits, the latest shared reports and the recent timeline. Each part is the list its own
// page shows (the same service, so the same scope and fields), and a part the contact may not read
// is null rather than a refusal of the whole page.

/** Requests still under way for the customer: not declined, not completed. */
export const openPortalRequestStatuses: readonly PortalRequestStatus[] = [
  "submitted",
  "in_review",
  "accepted",
  "planned",
];
/** Of those, the ones waiting for the service provider's decision. */
const waitingStatuses: readonly PortalRequestStatus[] = ["submitted", "in_review"];

/** How many items each part shows. */
export const HOME_ITEMS = { requests: 3, appointments: 3, reports: 3, timeline: 5 } as const;

export const ZPortalHome = z.object({
  requests: z
    .object({
      open: z.number().int(),
      waiting: z.number().int(),
      latest: z.array(ZPortalRequestSummary),
    })
    .nullable(),
  nextAppointments: z.array(ZPortalAppointment).nullable(),
  latestReports: z.array(ZPortalReportCard).nullable(),
  recent: z.array(ZPortalTimelineEntry).nullable(),
});
export type PortalHome = z.infer<typeof ZPortalHome>;

/** Counts of the customer's open requests at the covered places. */
function openRequestCounts(ctx: PortalServiceContext) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const p = schema.portalRequests;
    const [row] = await tx
      .select({
        open: sql<number>`count(*)::int`,
        waiting: sql<number>`(count(*) filter (where ${inArray(p.status, [...waitingStatuses])}))::int`,
      })
      .from(p)
      .where(
        and(
          eq(p.tenantId, ctx.tenantId),
          eq(p.customerId, ctx.customerId),
          portalPlaces(ctx.actor, { customerId: p.customerId, locationId: p.locationId }),
          inArray(p.status, [...openPortalRequestStatuses]),
        ),
      );
    return { open: row?.open ?? 0, waiting: row?.waiting ?? 0 };
  });
}

export async function portalHome(ctx: PortalServiceContext): Promise<PortalHome> {
  const may = (action: Parameters<typeof can>[1]) => can(ctx.actor, action, ctx.gates);
  const [counts, latest, appointments, reports, recent] = await Promise.all([
    may("portal_request.read") ? openRequestCounts(ctx) : null,
    may("portal_request.read") ? listPortalRequests(ctx, { limit: HOME_ITEMS.requests }) : null,
    may("portal.appointment.read")
      ? portalAppointments(ctx, { when: "upcoming", limit: HOME_ITEMS.appointments })
      : null,
    may("portal.visit_report.read") ? portalReports(ctx, { limit: HOME_ITEMS.reports }) : null,
    may("portal.timeline.read") ? portalTimeline(ctx, { limit: HOME_ITEMS.timeline }) : null,
  ]);
  return {
    requests: counts && latest ? { ...counts, latest: latest.items } : null,
    nextAppointments: appointments?.items ?? null,
    latestReports: reports?.items ?? null,
    recent: recent?.entries ?? null,
  };
}
