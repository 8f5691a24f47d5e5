import { schema, type Transaction } from "@ordinavo/db";
import { clock, localDay, localMinuteOfDay } from "@ordinavo/domain";
import { canCreateVisitReport, canRecordMobileUpdate, canSeeVisitReport, project } from "@ordinavo/policy";
import { and, asc, eq, inArray, isNull, type SQL } from "drizzle-orm";
import type { StaffContext } from "../context";
import { addressLine, contactFor, endsVisit, navigationFor, onSiteSteps, type VisitCard } from "./views";

// Visits as cards: each appointment with its work, customer, place, contact, route stop and report,
// every joined row passed through the policy's field list for the reader. The caller decides which
// appointments (its WHERE clause) and has made sure the reader may see them.

type Row = Awaited<ReturnType<typeof selectVisits>>[number];

function selectVisits(tx: Transaction, ctx: StaffContext, where: SQL | undefined) {
  const {
    appointments: a,
    targets: t,
    customers: c,
    locations: l,
    contactPersons: p,
    routeStops: s,
    routes: r,
    visitReports: v,
  } = schema;
  return tx
    .select({
      appointment: a,
      target: t,
      customer: c,
      location: l,
      contact: p,
      stop: { position: s.position, visitedAt: s.visitedAt, routeDay: r.day, routeEmployeeId: r.employeeId },
      report: { id: v.id, status: v.status, authorId: v.authorId, publishedAt: v.publishedAt },
    })
    .from(a)
    .innerJoin(t, and(eq(t.tenantId, a.tenantId), eq(t.id, a.targetId)))
    .innerJoin(c, and(eq(c.tenantId, a.tenantId), eq(c.id, a.customerId)))
    .leftJoin(l, and(eq(l.tenantId, a.tenantId), eq(l.id, a.locationId)))
    .leftJoin(p, and(eq(p.tenantId, a.tenantId), eq(p.id, t.contactId), isNull(p.archivedAt)))
    .leftJoin(s, and(eq(s.tenantId, a.tenantId), eq(s.appointmentId, a.id)))
    .leftJoin(r, and(eq(r.tenantId, a.tenantId), eq(r.id, s.routeId)))
    .leftJoin(v, and(eq(v.tenantId, a.tenantId), eq(v.appointmentId, a.id)))
    .where(and(eq(a.tenantId, ctx.tenantId), where))
    .orderBy(asc(a.plannedStart))
    .limit(200);
}

/** The first current contact of each location, for work that names no contact of its own. */
async function locationContacts(tx: Transaction, ctx: StaffContext, locationIds: string[]) {
  const p = schema.contactPersons;
  if (!locationIds.length) return new Map<string, typeof p.$inferSelect>();
  const rows = await tx
    .select()
    .from(p)
    .where(and(eq(p.tenantId, ctx.tenantId), inArray(p.locationId, locationIds), isNull(p.archivedAt)))
    .orderBy(asc(p.createdAt));
  const first = new Map<string, typeof p.$inferSelect>();
  for (const row of rows) if (row.locationId && !first.has(row.locationId)) first.set(row.locationId, row);
  return first;
}

function card(ctx: StaffContext, row: Row, fallbackContact: object | undefined): Omit<VisitCard, "order"> {
  const { actor, gates } = ctx;
  const a = row.appointment;
  const facts = {
    tenantId: a.tenantId,
    customerId: a.customerId,
    locationId: a.locationId,
    assignedEmployeeId: a.assignedEmployeeId,
  };
  const target = project(actor, "target", row.target, gates) ?? {};
  const customer = project(actor, "customer", row.customer, gates) ?? {};
  const location = row.location ? (project(actor, "location", row.location, gates) ?? {}) : {};
  const contactRow = row.contact ?? fallbackContact;
  const contact = contactRow ? project(actor, "contact_person", contactRow, gates) : null;
  const address = addressLine(location);
  // A stop counts as the day's order only in the assignee's route of the visit's day (a visit
  // moved since the route was saved keeps its old stop until the route is saved again).
  const stop =
    row.stop?.routeEmployeeId === a.assignedEmployeeId &&
    row.stop?.routeDay === localDay(a.plannedStart, ctx.timeZone)
      ? row.stop
      : null;
  const report =
    row.report?.id &&
    canSeeVisitReport(
      actor,
      {
        ...facts,
        authorId: row.report.authorId,
        status: row.report.status,
        publishedAt: row.report.publishedAt,
      },
      gates,
    )
      ? { id: row.report.id, status: row.report.status }
      : null;
  const record = canRecordMobileUpdate(actor, facts, gates);
  const changeStatus = record && onSiteSteps[a.status].length > 0;
  return {
    appointmentId: a.id,
    routePosition: stop?.position ?? null,
    status: a.status,
    plannedStart: a.plannedStart,
    plannedEnd: a.plannedEnd,
    startText: clock(localMinuteOfDay(a.plannedStart, ctx.timeZone)),
    endText: clock(localMinuteOfDay(a.plannedEnd, ctx.timeZone)),
    fixedTime: a.fixedTime,
    targetTitle: target.title ?? "",
    targetDescription: target.description ?? null,
    customerName: customer.name ?? "",
    locationName: location.name ?? null,
    address,
    navigation: navigationFor({ latitude: location.latitude, longitude: location.longitude, address }),
    accessNotes: location.accessNotes ?? null,
    parkingNotes: location.parkingNotes ?? null,
    contact: contactFor(contact),
    startedAt: a.startedAt,
    completedAt: a.completedAt,
    visitedAt: stop?.visitedAt ?? null,
    report,
    ended: endsVisit(a.status),
    can: {
      record,
      changeStatus,
      report: report !== null || canCreateVisitReport(actor, facts, gates),
    },
  };
}

/**
 * The visits matching `where`, as cards, in route order: stops of a saved route by position,
 * then the rest by planned start.
 */
export async function loadVisitCards(
  tx: Transaction,
  ctx: StaffContext,
  where: SQL | undefined,
): Promise<VisitCard[]> {
  const rows = await selectVisits(tx, ctx, where);
  const needContacts = rows
    .filter((row) => !row.contact && row.appointment.locationId)
    .map((row) => row.appointment.locationId!);
  const fallback = await locationContacts(tx, ctx, [...new Set(needContacts)]);
  return rows
    .map((row) =>
      card(ctx, row, row.appointment.locationId ? fallback.get(row.appointment.locationId) : undefined),
    )
    .sort((x, y) => {
      if (x.routePosition !== null && y.routePosition !== null) return x.routePosition - y.routePosition;
      if (x.routePosition !== null) return -1;
      if (y.routePosition !== null) return 1;
      return x.plannedStart.getTime() - y.plannedStart.getTime();
    })
    .map((visit, index) => ({ ...visit, order: index + 1 }));
}
