import { schema, type Transaction, withTenant } from "@ordinavo/db";
import {
  addDays,
  appointmentStatuses,
  appointmentStatusSets,
  localDay,
  statusLabel,
  zonedInstant,
} from "@ordinavo/domain";
import { can, fieldsFor, project, scopeOf } from "@ordinavo/policy";
import { and, asc, count, eq, gte, inArray, isNull, lt, notInArray, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { StaffContext } from "./context";
import { scopeWhere } from "./scope";

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
  const tenantWide = scopeOf(ctx.actor, "appointment", ctx.gates).kind === "tenant";
  const plans = can_("appointment.write");
  const reviews = can_("visit_report.review");
  // Readers of every report who do not plan the work (a manager without review rights) follow it.
  const followsReports = reviews || (tenantWide && can_("visit_report.read") && !plans);
  return {
    plans,
    reviews,
    followsReports,
    followUps: tenantWide && can_("visit_report.read") && (plans || followsReports),
    myDay: can_("mobile_update.write") && scopeOf(ctx.actor, "appointment", ctx.gates).kind === "assigned",
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
  const start = zonedInstant(day, 0, ctx.timeZone);
  const end = zonedInstant(addDays(day, 1), 0, ctx.timeZone);
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
    total: byStatus.filter((row) => row.status !== "cancelled").reduce((sum, row) => sum + row.count, 0),
    byStatus: appointmentStatuses.flatMap((status) => {
      const found = byStatus.find((row) => row.status === status);
      return found ? [{ status, label: statusLabel("appointment", status), count: found.count }] : [];
    }),
    unassigned: await visits(and(isNull(a.assignedEmployeeId), notInArray(a.status, ended))),
    late: await visits(and(lt(a.plannedStart, now), inArray(a.status, [...appointmentStatusSets.movable]))),
    href: `/board?day=${day}&span=day`,
  };
}

async function reportsWaiting(tx: Transaction, ctx: StaffContext, canReview: boolean) {
  const { visitReports: r, customers: c } = schema;
  const submitted = and(eq(r.tenantId, ctx.tenantId), eq(r.status, "submitted"));
  const [waiting] = await tx.select({ n: count() }).from(r).where(submitted);
  const rows = await tx
    .select({ report: r, customer: c })
    .from(r)
    .innerJoin(c, and(eq(c.tenantId, r.tenantId), eq(c.id, r.customerId)))
    .where(submitted)
    .orderBy(asc(r.submittedAt), asc(r.id))
    .limit(5);
  return {
    waiting: waiting!.n,
    canReview,
    oldest: rows.map(({ report, customer }) => {
      const seen = project(ctx.actor, "visit_report", report, ctx.gates) ?? {};
      return {
        id: report.id,
        title: seen.title ?? null,
        customerName: project(ctx.actor, "customer", customer, ctx.gates)?.name ?? null,
        submittedAt: seen.submittedAt ?? null,
        href: `/reports/${report.id}`,
      };
    }),
    href: "/reports",
  };
}

async function openFollowUps(tx: Transaction, ctx: StaffContext) {
  const { followUps: f, customers: c } = schema;
  const counts = await tx
    .select({ status: f.status, n: count() })
    .from(f)
    .where(and(eq(f.tenantId, ctx.tenantId), inArray(f.status, ["open", "planned"])))
    .groupBy(f.status);
  const rows = await tx
    .select({ followUp: f, customer: c })
    .from(f)
    .innerJoin(c, and(eq(c.tenantId, f.tenantId), eq(c.id, f.customerId)))
    .where(and(eq(f.tenantId, ctx.tenantId), eq(f.status, "open")))
    .orderBy(asc(f.dueDate), asc(f.createdAt))
    .limit(5);
  // The follow-up's text is the report's "what is still needed": shown to those who read that field.
  const readsDetails = fieldsFor(ctx.actor, "visit_report", ctx.gates)?.includes("followUpDetails") ?? false;
  return {
    open: counts.find((row) => row.status === "open")?.n ?? 0,
    planned: counts.find((row) => row.status === "planned")?.n ?? 0,
    oldest: rows.map(({ followUp, customer }) => ({
      id: followUp.id,
      details: readsDetails ? followUp.details : null,
      dueDate: followUp.dueDate,
      customerName: project(ctx.actor, "customer", customer, ctx.gates)?.name ?? null,
      href: followUp.targetId ? `/targets/${followUp.targetId}` : `/reports/${followUp.visitReportId}`,
    })),
  };
}
