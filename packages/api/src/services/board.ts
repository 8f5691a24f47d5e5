import { schema, type Transaction, withTenant } from "@ordinavo/db";
import {
  addDays,
  appointmentStatuses,
  isoWeekday,
  priorities,
  staffRoles,
  ZPlanningDay,
} from "@ordinavo/domain";
import { can, scopeOf, staffGroupOf } from "@ordinavo/policy";
import { and, asc, eq, isNull, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { overlappingIds } from "./appointments/conflicts";
import { overlapsWindow } from "./appointments/window";
import type { StaffContext } from "./context";
import { localDaysRange } from "./planning-days";
import { scopeWhere } from "./scope";

// The dispatch board: a day or a week of appointments per person, the open work waiting to be
// planned, and the people work can go to. Employees get their own row only (their scope).

const ZPerson = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(staffRoles),
  group: z.enum(["field", "office"]),
});

export const ZBoardInput = z.object({
  day: ZPlanningDay,
  span: z.enum(["day", "week"]).default("week"),
});
export type BoardInput = z.output<typeof ZBoardInput>;

const ZBoardAppointment = z.object({
  id: z.string(),
  targetId: z.string(),
  targetTitle: z.string(),
  customerName: z.string(),
  locationName: z.string().nullable(),
  city: z.string().nullable(),
  assignedEmployeeId: z.string().nullable(),
  plannedStart: z.date(),
  plannedEnd: z.date(),
  status: z.enum(appointmentStatuses),
  fixedTime: z.boolean(),
  recurring: z.boolean(),
  /** Another appointment of the same employee overlaps this one (generated visits are not warned). */
  overlaps: z.boolean(),
});

export const ZBoardView = z.object({
  timeZone: z.string(),
  days: z.array(z.string()),
  employees: z.array(ZPerson),
  appointments: z.array(ZBoardAppointment),
  backlog: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      customerName: z.string(),
      locationName: z.string().nullable(),
      city: z.string().nullable(),
      priority: z.enum(priorities),
      dueDate: z.string().nullable(),
      workMinutes: z.number(),
    }),
  ),
  /** The board holds everyone's rows, not only the actor's own (employees: false). */
  seesEveryone: z.boolean(),
  can: z.object({
    /** Plan, move and reassign work (and see the backlog). */
    plan: z.boolean(),
  }),
});

export const ZAssignees = z.array(ZPerson);

/** Active members and anyone with work in view, field staff first, by name. */
async function people(ctx: StaffContext, tx: Transaction) {
  const { tenantMemberships: m, staffUsers: u } = schema;
  const rows = await tx
    .select({ id: u.id, name: u.name, role: m.role, disabledAt: m.disabledAt })
    .from(m)
    .innerJoin(u, eq(u.id, m.userId))
    .where(and(eq(m.tenantId, ctx.tenantId), scopeWhere(ctx, "appointment", { employeeId: m.userId })))
    .orderBy(asc(u.name));
  return rows
    .map((row) => ({ ...row, group: staffGroupOf(row.role, ctx.tenantId, ctx.gates) }))
    .sort((a, b) => (a.group === b.group ? 0 : a.group === "field" ? -1 : 1));
}

export function viewBoard(ctx: StaffContext, input: BoardInput) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const first = input.span === "week" ? addDays(input.day, 1 - isoWeekday(input.day)) : input.day;
    const count = input.span === "week" ? 7 : 1;
    const days = Array.from({ length: count }, (_, i) => addDays(first, i));
    const range = localDaysRange(first, count, ctx.timeZone);
    const canPlan = can(ctx.actor, "appointment.write", ctx.gates);
    const seesEveryone = scopeOf(ctx.actor, "appointment", ctx.gates).kind === "tenant";
    const { appointments: a, targets: t, customers: c, locations: l } = schema;

    const appointments = await tx
      .select({
        id: a.id,
        targetId: a.targetId,
        targetTitle: t.title,
        customerName: c.name,
        locationName: l.name,
        city: l.city,
        assignedEmployeeId: a.assignedEmployeeId,
        plannedStart: a.plannedStart,
        plannedEnd: a.plannedEnd,
        status: a.status,
        fixedTime: a.fixedTime,
        recurring: sql<boolean>`${a.recurringOccurrenceId} is not null`,
      })
      .from(a)
      .innerJoin(t, and(eq(t.tenantId, a.tenantId), eq(t.id, a.targetId)))
      .innerJoin(c, and(eq(c.tenantId, a.tenantId), eq(c.id, a.customerId)))
      .leftJoin(l, and(eq(l.tenantId, a.tenantId), eq(l.id, a.locationId)))
      .where(
        and(
          eq(a.tenantId, ctx.tenantId),
          overlapsWindow(range.start, range.end),
          ne(a.status, "cancelled"),
          scopeWhere(ctx, "appointment", { employeeId: a.assignedEmployeeId }),
        ),
      )
      .orderBy(asc(a.plannedStart))
      .limit(2000);

    const overlapping = overlappingIds(appointments);
    const withWork = new Set(appointments.map((row) => row.assignedEmployeeId).filter(Boolean));
    // Rows for the field staff, and for anyone else who has work in view.
    const employees = (await people(ctx, tx))
      .filter(
        (person) =>
          (person.group === "field" && !person.disabledAt) || withWork.has(person.id) || !seesEveryone,
      )
      .map(({ id, name, role, group }) => ({ id, name, role, group }));

    const backlog = canPlan
      ? await tx
          .select({
            id: t.id,
            title: t.title,
            customerName: c.name,
            locationName: l.name,
            city: l.city,
            priority: t.priority,
            dueDate: t.dueDate,
            workMinutes: sql<number>`coalesce(${l.defaultWorkMinutes}, 60)`,
          })
          .from(t)
          .innerJoin(c, and(eq(c.tenantId, t.tenantId), eq(c.id, t.customerId)))
          .leftJoin(l, and(eq(l.tenantId, t.tenantId), eq(l.id, t.locationId)))
          .where(
            and(
              eq(t.tenantId, ctx.tenantId),
              eq(t.status, "open"),
              isNull(c.archivedAt),
              scopeWhere(ctx, "target", { targetId: t.id }),
            ),
          )
          .orderBy(
            sql`case ${t.priority} when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`,
            sql`${t.dueDate} asc nulls last`,
            asc(t.createdAt),
          )
          .limit(50)
      : [];

    return {
      timeZone: ctx.timeZone,
      days,
      employees,
      appointments: appointments.map((row) => ({
        ...row,
        locationName: row.locationName ?? null,
        city: row.city ?? null,
        overlaps: overlapping.has(row.id),
      })),
      backlog: backlog.map((row) => ({
        ...row,
        locationName: row.locationName ?? null,
        city: row.city ?? null,
      })),
      seesEveryone,
      can: { plan: canPlan },
    };
  });
}

/** People work can be assigned to: active members of the tenant (employees: themselves), field staff first. */
export function listAssignees(ctx: StaffContext) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) =>
    (await people(ctx, tx))
      .filter((person) => !person.disabledAt)
      .map(({ id, name, role, group }) => ({ id, name, role, group })),
  );
}
