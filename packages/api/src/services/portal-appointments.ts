import { schema, withTenant } from "@ordinavo/db";
import {
  firstNameOf,
  portalAppointmentStatus,
  portalAppointmentStatuses,
  portalOpenTargetStatuses,
  portalWorkKind,
  portalWorkKinds,
  portalWorkStatus,
  portalWorkStatuses,
} from "@ordinavo/domain";
import { canSeeAppointment, portalCovers } from "@ordinavo/policy";
import { and, asc, desc, eq, gte, inArray, lt, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { PortalServiceContext } from "./context";
import { cursorCodec, keysetPage, ZCursorInput } from "./cursor";
import { addressLine } from "./execution/views";
import { portalPlaces } from "./scope";

// What a customer contact sees of the planned work at the places shared with them: appointments
// of the next weeks and the last weeks, and the work still open. Each with a plain status (the
// domain's portal states), the place and the work's name for the customer; the technician's first name only where
// the tenant shows it. Never routing order, stop scores, billing, notes, or anything about the
// employee beyond that first name (no ids, emails or phones).

/** How far ahead and back the appointments page looks. */
export const PORTAL_UPCOMING_DAYS = 60;
export const PORTAL_RECENT_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

const PAGE_SIZE = "Page size must be a whole number between 1 and 50";
const pageSize = z
  .number({ error: PAGE_SIZE })
  .int({ error: PAGE_SIZE })
  .min(1, { error: PAGE_SIZE })
  .max(50, { error: PAGE_SIZE })
  .default(10);

export const ZPortalAppointmentsInput = z.object({
  /** upcoming: from now on (ongoing ones too), soonest first; recent: ended, latest first. */
  when: z.enum(["upcoming", "recent"], { error: "Choose upcoming or recent appointments" }),
  cursor: ZCursorInput,
  limit: pageSize,
});
export type PortalAppointmentsInput = z.output<typeof ZPortalAppointmentsInput>;

const ZPortalPlace = z.object({ name: z.string(), address: z.string().nullable() });

export const ZPortalAppointment = z.object({
  id: z.string(),
  plannedStart: z.date(),
  plannedEnd: z.date(),
  status: z.enum(portalAppointmentStatuses),
  /**
   * The customer's own words for the work: their request's title when the visit is for work that
   * came from one of the customer's requests, else null (the office's titles are internal).
   */
  title: z.string().nullable(),
  /** The kind of work, which names it when there is no request title. */
  kind: z.enum(portalWorkKinds),
  location: ZPortalPlace.nullable(),
  /** The technician's first name, only where the tenant shows it. */
  technician: z.string().nullable(),
});

export const ZPortalAppointments = z.object({
  items: z.array(ZPortalAppointment),
  nextCursor: z.string().nullable(),
  /** How many days the list spans (ahead for upcoming, back for recent). */
  days: z.number(),
});

/**
 * The title of the customer's request that became the work, if any: the only title the portal
 * shows (a target's own title is the office's text).
 */
const requestTitle = sql<string | null>`(select ${schema.portalRequests.title} from ${schema.portalRequests}
  where ${schema.portalRequests.tenantId} = ${schema.targets.tenantId}
    and ${schema.portalRequests.resultingTargetId} = ${schema.targets.id}
    and ${schema.portalRequests.customerId} = ${schema.targets.customerId}
  order by ${schema.portalRequests.createdAt} limit 1)`;

const appointmentCursor = cursorCodec("timestamp", "uuid");

/** Appointments at the covered places of the current customer, one window, keyset paged. */
export function portalAppointments(ctx: PortalServiceContext, input: PortalAppointmentsInput) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const { appointments: a, targets: t, locations: l, staffUsers: u } = schema;
    const now = new Date();
    const upcoming = input.when === "upcoming";
    const days = upcoming ? PORTAL_UPCOMING_DAYS : PORTAL_RECENT_DAYS;
    const window = upcoming
      ? and(gte(a.plannedEnd, now), lt(a.plannedStart, new Date(now.getTime() + days * DAY_MS)))
      : and(lt(a.plannedEnd, now), gte(a.plannedEnd, new Date(now.getTime() - days * DAY_MS)));
    const after = input.cursor ? appointmentCursor.decode(input.cursor, "cursor") : null;
    const keyset: SQL | undefined = after
      ? upcoming
        ? sql`(${a.plannedStart}, ${a.id}) > (${after[0]}::timestamptz, ${after[1]}::uuid)`
        : sql`(${a.plannedStart}, ${a.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
      : undefined;
    const showsTechnician = ctx.gates.portalShowsTechnician;
    const rows = await tx
      .select({
        id: a.id,
        customerId: a.customerId,
        locationId: a.locationId,
        plannedStart: a.plannedStart,
        plannedEnd: a.plannedEnd,
        sortAt: sql<string>`${a.plannedStart}::text`,
        status: a.status,
        title: requestTitle,
        source: t.source,
        locationName: l.name,
        addressLine1: l.addressLine1,
        addressLine2: l.addressLine2,
        postalCode: l.postalCode,
        city: l.city,
        // The name is not even read where the tenant does not show technicians.
        technicianName: showsTechnician ? u.name : sql<string | null>`null`,
      })
      .from(a)
      .innerJoin(t, and(eq(t.tenantId, a.tenantId), eq(t.id, a.targetId)))
      .leftJoin(l, and(eq(l.tenantId, a.tenantId), eq(l.id, a.locationId)))
      .leftJoin(u, eq(u.id, a.assignedEmployeeId))
      .where(
        and(
          eq(a.tenantId, ctx.tenantId),
          eq(a.customerId, ctx.customerId),
          portalPlaces(ctx.actor, { customerId: a.customerId, locationId: a.locationId }),
          window,
          keyset,
        ),
      )
      .orderBy(...(upcoming ? [asc(a.plannedStart), asc(a.id)] : [desc(a.plannedStart), desc(a.id)]))
      .limit(input.limit + 1);
    const { page, nextCursor } = keysetPage(rows, input.limit, (last) =>
      appointmentCursor.encode([last.sortAt, last.id]),
    );
    return {
      items: page
        // The SQL follows the grants; the policy has the last word on every row.
        .filter((row) =>
          canSeeAppointment(
            ctx.actor,
            {
              tenantId: ctx.tenantId,
              customerId: row.customerId,
              locationId: row.locationId,
              assignedEmployeeId: null,
            },
            ctx.gates,
          ),
        )
        .map((row) => ({
          id: row.id,
          plannedStart: row.plannedStart,
          plannedEnd: row.plannedEnd,
          status: portalAppointmentStatus(row.status),
          title: row.title,
          kind: portalWorkKind(row.source),
          location: row.locationName ? { name: row.locationName, address: addressLine(row) } : null,
          technician: showsTechnician ? firstNameOf(row.technicianName) : null,
        })),
      nextCursor,
      days,
    };
  });
}

export const ZPortalOpenWorkInput = z.object({ cursor: ZCursorInput, limit: pageSize });
export type PortalOpenWorkInput = z.output<typeof ZPortalOpenWorkInput>;

export const ZPortalOpenWork = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      /** As for appointments: the customer's request title, or null (then `kind` names it). */
      title: z.string().nullable(),
      kind: z.enum(portalWorkKinds),
      status: z.enum(portalWorkStatuses),
      location: z.object({ name: z.string() }).nullable(),
      /** The start of the next visit planned for it, if any. */
      nextVisit: z.date().nullable(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

const workCursor = cursorCodec("timestamp", "uuid");

/** Appointment statuses of a visit still to come (for "next visit"). */
const comingStatuses = ["scheduled", "confirmed", "en_route", "on_site", "in_progress"] as const;

/**
 * The customer's open work at the covered places (targets waiting to be planned, planned or in
 * progress), newest first, with a reduced status and the next visit. No priority, due date,
 * description or source: those are the office's.
 */
export function portalOpenWork(ctx: PortalServiceContext, input: PortalOpenWorkInput) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const { targets: t, appointments: a, locations: l } = schema;
    const after = input.cursor ? workCursor.decode(input.cursor, "cursor") : null;
    const nextVisit = sql<Date | null>`(select min(${a.plannedStart}) from ${a}
      where ${a.tenantId} = ${t.tenantId} and ${a.targetId} = ${t.id}
        and ${a.plannedEnd} >= ${new Date().toISOString()}::timestamptz
        and ${inArray(a.status, [...comingStatuses])})`.mapWith(a.plannedStart);
    const rows = await tx
      .select({
        id: t.id,
        customerId: t.customerId,
        locationId: t.locationId,
        title: requestTitle,
        source: t.source,
        status: t.status,
        sortAt: sql<string>`${t.createdAt}::text`,
        locationName: l.name,
        nextVisit,
      })
      .from(t)
      .leftJoin(l, and(eq(l.tenantId, t.tenantId), eq(l.id, t.locationId)))
      .where(
        and(
          eq(t.tenantId, ctx.tenantId),
          eq(t.customerId, ctx.customerId),
          portalPlaces(ctx.actor, { customerId: t.customerId, locationId: t.locationId }),
          inArray(t.status, portalOpenTargetStatuses),
          after ? sql`(${t.createdAt}, ${t.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined,
        ),
      )
      .orderBy(desc(t.createdAt), desc(t.id))
      .limit(input.limit + 1);
    const { page, nextCursor } = keysetPage(rows, input.limit, (last) =>
      workCursor.encode([last.sortAt, last.id]),
    );
    return {
      items: page.flatMap((row) => {
        const status = portalWorkStatus(row.status);
        if (!status || !portalCovers(ctx.actor, row.customerId, row.locationId)) return [];
        return [
          {
            id: row.id,
            title: row.title,
            kind: portalWorkKind(row.source),
            status,
            location: row.locationName ? { name: row.locationName } : null,
            nextVisit: row.nextVisit ?? null,
          },
        ];
      }),
      nextCursor,
    };
  });
}
