import { schema, type Transaction, withTenant } from "@ordinavo/db";
import { appointmentStatuses, appointmentStatusSets, localDay, statusLabel } from "@ordinavo/domain";
import {
  assignedWorkExcludedStatuses,
  can,
  canSeeVisitReport,
  project,
  staffGroupOf,
} from "@ordinavo/policy";
import { and, asc, count, eq, gte, inArray, isNull, lt, notInArray, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { StaffContext } from "./context";
import { localDaysRange } from "./planning-days";
import { reportsWithContext } from "./reports/context-rows";
import { reportFacts } from "./reports/load";
import { reviewsReports } from "./reports/views";
import { scopeWhere, seesAll } from "./scope";

// The workspace's landing page, "Today", per what the policy lets the viewer do (never by role
// name): those who plan get today's board at a glance (visits by status, unassigned and late
// visits); those who review reports, or follow them across the tenant without planning, get the
// reports waiting for review; both get open follow-ups; field staff get their own day (the page
// reads it from execution.myDay). Every count comes with the list it opens.

const ZTodayVisit = z.object({
  id: z.string(),
  title: z.string().nullable(),
  customerName: z.string().nullable(),
  plannedStart: z.date(),
  plannedEnd: z.date(),
  status: z.enum(appointmentStatuses),
  assigneeName: z.string().nullable(),
  href: z.string(),
});

export const ZToday = z.object({
  day: z.string(),
  timeZone: z.string(),
  board: z
    .object({
      /** Visits today that are not cancelled. */
      total: z.number().int(),
      byStatus: z.array(
        z.object({ status: z.enum(appointmentStatuses), label: z.string(), count: z.number() }),
      ),
      unassigned: z.object({ count: z.number().int(), first: z.array(ZTodayVisit) }),
      /** The planned start has passed and nobody has set off. */
      late: z.object({ count: z.number().int(), first: z.array(ZTodayVisit) }),
      href: z.string(),
    })
    .nullable(),
  reviews: z
    .object({
      waiting: z.number().int(),
      /** The viewer may approve or return them (otherwise they follow the queue). */
      canReview: z.boolean(),
      oldest: z.array(
        z.object({
          id: z.string(),
          title: z.string().nullable(),
          customerName: z.string().nullable(),
          submittedAt: z.date().nullable(),
          href: z.string(),
        }),
      ),
      href: z.string(),
    })
    .nullable(),
  followUps: z
    .object({
      open: z.number().int(),
      planned: z.number().int(),
      oldest: z.array(
        z.object({
          id: z.string(),
          details: z.string().nullable(),
          dueDate: z.string().nullable(),
          customerName: z.string().nullable(),
          href: z.string(),
        }),
      ),
    })
    .nullable(),
  /** The viewer records visits on site: the page shows their own day. */
  myDay: z.boolean(),
});
export type Today = z.infer<typeof ZToday>;

/** What the viewer's Today holds, decided by the policy. */
export function todayParts(ctx: StaffContext) {
  const can_ = (action: Parameters<typeof can>[1]) => can(ctx.actor, action, ctx.gates);
  // The review queue and the follow-ups list the whole tenant's reports: only a reader whose scope is
  // the whole tenant gets them (anyone else would see counts, titles and customers of others' work).
  const readsAllReports = seesAll(ctx, "appointment") && can_("visit_report.read");
  const plans = can_("appointment.write");
  const reviews = readsAllReports && reviewsReports(ctx);
  return {
    plans,
    reviews,
    // Readers of every report who do not plan the work (a manager without review rights) follow it.
    followsReports: reviews || (readsAllReports && !plans),
    followUps: readsAllReports,
    myDay: staffGroupOf(ctx.actor.role, ctx.tenantId, ctx.gates) === "field",
  };
}

export function today(ctx: StaffContext): Promise<Today> {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const parts = todayParts(ctx);
    const now = new Date();
    const day = localDay(now, ctx.timeZone);
    return {
      day,
      timeZone: ctx.timeZone,
      board: parts.plans ? await boardToday(tx, ctx, day, now) : null,
      reviews: parts.followsReports ? await reportsWaiting(tx, ctx, parts.reviews) : null,
      followUps: parts.followUps ? await openFollowUps(tx, ctx) : null,
      myDay: parts.myDay,
    };
  });
}

async function boardToday(tx: Transaction, ctx: StaffContext, day: string, now: Date) {
  const { appointments: a, targets: t, customers: c, staffUsers: u } = schema;
  const { start, end } = localDaysRange(day, 1, ctx.timeZone);
  const todays = and(
    eq(a.tenantId, ctx.tenantId),
    gte(a.plannedStart, start),
    lt(a.plannedStart, end),
    scopeWhere(ctx, "appointment", { employeeId: a.assignedEmployeeId }),
  );
  const byStatus = await tx
    .select({ status: a.status, count: count() })
    .from(a)
    .where(todays)
    .groupBy(a.status);
  const visits = async (where: SQL | undefined) => {
    const [total] = await tx.select({ n: count() }).from(a).where(and(todays, where));
    const rows = await tx
      .select({ appointment: a, target: t, customer: c, assigneeName: u.name })
      .from(a)
      .innerJoin(t, and(eq(t.tenantId, a.tenantId), eq(t.id, a.targetId)))
      .innerJoin(c, and(eq(c.tenantId, a.tenantId), eq(c.id, a.customerId)))
      .leftJoin(u, eq(u.id, a.assignedEmployeeId))
      .where(and(todays, where))
      .orderBy(asc(a.plannedStart), asc(a.id))
      .limit(5);
    return {
      count: total!.n,
      first: rows.map(({ appointment, target, customer, assigneeName }) => {
        const seen = project(ctx.actor, "appointment", appointment, ctx.gates) ?? {};
        return {
          id: appointment.id,
          title: project(ctx.actor, "target", target, ctx.gates)?.title ?? null,
          customerName: project(ctx.actor, "customer", customer, ctx.gates)?.name ?? null,
          plannedStart: appointment.plannedStart,
          plannedEnd: appointment.plannedEnd,
          status: appointment.status,
          assigneeName: seen.assignedEmployeeId ? (assigneeName ?? null) : null,
          href: `/appointments/${appointment.id}`,
        };
      }),
    };
  };
  const ended = [...appointmentStatusSets.terminal];
  return {
    total: byStatus
      .filter((row) => !assignedWorkExcludedStatuses.includes(row.status))
      .reduce((sum, row) => sum + row.count, 0),
    byStatus: appointmentStatuses.flatMap((status) => {
      const found = byStatus.find((row) => row.status === status);
      return found ? [{ status, label: statusLabel("appointment", status), count: found.count }] : [];
    }),
    unassigned: await visits(and(isNull(a.assignedEmployeeId), notInArray(a.status, ended))),
    late: await visits(and(lt(a.plannedStart, now), inArray(a.status, [...appointmentStatusSets.movable]))),
    href: `/board?day=${day}&span=day`,
  };
}

// Only tenant-wide report readers reach the two lists below (todayParts), so the tenant's rows are
// theirs to count; each listed row is still checked and projected as the report pages do.

async function reportsWaiting(tx: Transaction, ctx: StaffContext, canReview: boolean) {
  const r = schema.visitReports;
  // The review queue's own query (reports/queue.ts): submitted reports, oldest submission first.
  const submitted = and(eq(r.tenantId, ctx.tenantId), eq(r.status, "submitted"));
  const [waiting] = await tx.select({ n: count() }).from(r).where(submitted);
  const rows = await reportsWithContext(tx, submitted, r.submittedAt)
    .orderBy(asc(r.submittedAt), asc(r.id))
    .limit(5);
  return {
    waiting: waiting!.n,
    canReview,
    oldest: rows.flatMap((found) => {
      if (!canSeeVisitReport(ctx.actor, reportFacts(found.row, found.assignedEmployeeId), ctx.gates))
        return [];
      const seen = project(ctx.actor, "visit_report", found.row, ctx.gates) ?? {};
      return [
        {
          id: found.row.id,
          title: seen.title ?? null,
          customerName: project(ctx.actor, "customer", { name: found.customerName }, ctx.gates)?.name ?? null,
          submittedAt: seen.submittedAt ?? null,
          href: `/reports/${found.row.id}`,
        },
      ];
    }),
    href: "/reports",
  };
}

async function openFollowUps(tx: Transaction, ctx: StaffContext) {
  const { followUps: f, visitReports: r, appointments: a, customers: c } = schema;
  const counts = await tx
    .select({ status: f.status, n: count() })
    .from(f)
    .where(and(eq(f.tenantId, ctx.tenantId), inArray(f.status, ["open", "planned"])))
    .groupBy(f.status);
  const rows = await tx
    .select({ followUp: f, report: r, assignedEmployeeId: a.assignedEmployeeId, customer: c })
    .from(f)
    .innerJoin(r, and(eq(r.tenantId, f.tenantId), eq(r.id, f.visitReportId)))
    .leftJoin(a, and(eq(a.tenantId, r.tenantId), eq(a.id, r.appointmentId)))
    .innerJoin(c, and(eq(c.tenantId, f.tenantId), eq(c.id, f.customerId)))
    .where(and(eq(f.tenantId, ctx.tenantId), eq(f.status, "open")))
    .orderBy(asc(f.dueDate), asc(f.createdAt))
    .limit(5);
  return {
    open: counts.find((row) => row.status === "open")?.n ?? 0,
    planned: counts.find((row) => row.status === "planned")?.n ?? 0,
    // A follow-up is read with its report, as on the customer's page (timeline/follow-ups.ts): the
    // report's object check, and its "what is still needed" field for the text.
    oldest: rows.flatMap(({ followUp, report, assignedEmployeeId, customer }) => {
      if (!canSeeVisitReport(ctx.actor, reportFacts(report, assignedEmployeeId), ctx.gates)) return [];
      const seen = project(ctx.actor, "visit_report", report, ctx.gates) ?? {};
      return [
        {
          id: followUp.id,
          details: seen.followUpDetails !== undefined ? followUp.details : null,
          dueDate: followUp.dueDate,
          customerName: project(ctx.actor, "customer", customer, ctx.gates)?.name ?? null,
          href: followUp.targetId ? `/targets/${followUp.targetId}` : `/reports/${followUp.visitReportId}`,
        },
      ];
    }),
  };
}
