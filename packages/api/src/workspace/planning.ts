import { recordAudit, recordTimeline, schema, type Transaction, withTenant } from "@ordinavo/db";
import {
  addDays,
  appointmentMachine,
  appointmentStatuses,
  isoWeekday,
  priorities,
  staffRoles,
  TransitionError,
  targetMachine,
  targetSources,
  targetStatuses,
  ZChangeAppointmentStatusInput,
  ZChangeTargetStatusInput,
  ZCreateAppointmentInput,
  ZCreateTargetInput,
  ZRescheduleAppointmentInput,
  ZUpdateTargetInput,
  zonedInstant,
} from "@ordinavo/domain";
import {
  type Actor,
  can,
  canSeeAppointment,
  canSeeTarget,
  project,
  type TenantGates,
  tenantWideRoles,
} from "@ordinavo/policy";
import { and, asc, desc, eq, gt, inArray, isNull, lt, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../errors";
import { permitted, workspaceT } from "../realms/workspace";
import { visibleCustomer } from "./customers";
import {
  assigneesWhere,
  changedFields,
  decodeCursor,
  encodeCursor,
  projected,
  type RecordContext,
  requireMember,
  staffAuditActor,
  ZCursorInput,
} from "./records";

type Ctx = RecordContext;

// ---- Views --------------------------------------------------------------------------------------

export const ZTargetView = projected({
  id: z.string(),
  customerId: z.string(),
  locationId: z.string().nullable(),
  contactId: z.string().nullable(),
  title: z.string(),
  description: z.string().nullable(),
  status: z.enum(targetStatuses),
  priority: z.enum(priorities),
  dueDate: z.string().nullable(),
  source: z.enum(targetSources),
  completedAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
}).required({ id: true, title: true, status: true });

export const ZAppointmentView = projected({
  id: z.string(),
  targetId: z.string(),
  customerId: z.string(),
  locationId: z.string().nullable(),
  assignedEmployeeId: z.string().nullable(),
  plannedStart: z.date(),
  plannedEnd: z.date(),
  fixedTime: z.boolean(),
  status: z.enum(appointmentStatuses),
  recurringOccurrenceId: z.string().nullable(),
  startedAt: z.date().nullable(),
  completedAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
}).required({ id: true, plannedStart: true, plannedEnd: true, status: true });

const ZConflict = z.object({
  appointmentId: z.string(),
  targetTitle: z.string(),
  customerName: z.string(),
  plannedStart: z.date(),
  plannedEnd: z.date(),
  /** "Overlaps with “Boiler service” at Boulangerie Martin, 09:00–10:00 (Tue 3 Mar)". */
  message: z.string(),
});
export type Conflict = z.infer<typeof ZConflict>;

const targetView = (actor: Actor, row: object, gates: TenantGates) =>
  ZTargetView.parse(project(actor, "target", row, gates));
const appointmentView = (actor: Actor, row: object, gates: TenantGates) =>
  ZAppointmentView.parse(project(actor, "appointment", row, gates));

/** Statuses in which an appointment holds its employee's time. */
const busyStatuses = ["scheduled", "confirmed", "en_route", "on_site", "completed"] as const;
/** Statuses the workspace may set; on-site progress is the assigned employee's to record. */
const workspaceStatuses: readonly string[] = ["scheduled", "confirmed", "cancelled", "no_show"];
/** Statuses in which a dispatcher may still move an appointment. */
const movableStatuses = ["scheduled", "confirmed"] as const;

// ---- Loading with facts -------------------------------------------------------------------------

async function visibleTarget(tx: Transaction, ctx: Ctx, targetId: string) {
  const t = schema.targets;
  const [row] = await tx
    .select()
    .from(t)
    .where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, targetId)));
  if (!row) throw AppError.notFound("This target");
  const assignedEmployeeIds = tenantWideRoles.includes(ctx.actor.role)
    ? []
    : await assigneesWhere(tx, ctx.tenantId, eq(schema.appointments.targetId, targetId));
  const facts = {
    tenantId: row.tenantId,
    customerId: row.customerId,
    locationId: row.locationId,
    assignedEmployeeIds,
  };
  if (!canSeeTarget(ctx.actor, facts, ctx.gates)) throw AppError.notFound("This target");
  return row;
}

export async function visibleAppointment(tx: Transaction, ctx: Ctx, appointmentId: string, lock = false) {
  const a = schema.appointments;
  const query = tx
    .select()
    .from(a)
    .where(and(eq(a.tenantId, ctx.tenantId), eq(a.id, appointmentId)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row || !canSeeAppointment(ctx.actor, row, ctx.gates)) throw AppError.notFound("This appointment");
  return row;
}

// ---- Time -----------------------------------------------------------------------------------------

const dayFormat = (timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", day: "numeric", month: "short" });
const timeFormat = (timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** The UTC range of local days [from, from + days). */
export function localDaysRange(from: string, days: number, timeZone: string) {
  return { start: zonedInstant(from, 0, timeZone), end: zonedInstant(addDays(from, days), 0, timeZone) };
}

// ---- Conflicts ----------------------------------------------------------------------------------

/**
 * Other appointments of the employee that overlap [start, end). Planning goes ahead only when the
 * caller has seen them (`allowConflicts`), so a double booking is always a decision.
 */
export async function findConflicts(
  tx: Transaction,
  ctx: Ctx,
  slot: { employeeId: string | null | undefined; start: Date; end: Date; exceptId?: string },
): Promise<Conflict[]> {
  if (!slot.employeeId) return [];
  const { appointments: a, targets: t, customers: c } = schema;
  const rows = await tx
    .select({
      appointmentId: a.id,
      targetTitle: t.title,
      customerName: c.name,
      plannedStart: a.plannedStart,
      plannedEnd: a.plannedEnd,
    })
    .from(a)
    .innerJoin(t, and(eq(t.tenantId, a.tenantId), eq(t.id, a.targetId)))
    .innerJoin(c, and(eq(c.tenantId, a.tenantId), eq(c.id, a.customerId)))
    .where(
      and(
        eq(a.tenantId, ctx.tenantId),
        eq(a.assignedEmployeeId, slot.employeeId),
        inArray(a.status, [...busyStatuses]),
        lt(a.plannedStart, slot.end),
        gt(a.plannedEnd, slot.start),
        slot.exceptId ? ne(a.id, slot.exceptId) : undefined,
      ),
    )
    .orderBy(asc(a.plannedStart))
    .limit(5);
  const tz = ctx.membership.timeZone;
  return rows.map((row) => ({
    ...row,
    message: `Overlaps with “${row.targetTitle}” at ${row.customerName}, ${timeFormat(tz).format(row.plannedStart)}–${timeFormat(tz).format(row.plannedEnd)} (${dayFormat(tz).format(row.plannedStart)})`,
  }));
}

/**
 * The customer's history, written with the change: planned and cancelled visits are among the
 * kinds the portal may show (the policy decides per viewer), so they are marked portal-visible.
 */
async function appointmentTimeline(
  tx: Transaction,
  ctx: Ctx,
  appointment: { id: string; customerId: string; locationId: string | null },
  kind: "appointment_planned" | "appointment_cancelled",
) {
  await recordTimeline(tx, {
    tenantId: ctx.tenantId,
    customerId: appointment.customerId,
    locationId: appointment.locationId,
    kind,
    objectType: "appointment",
    objectId: appointment.id,
    occurredAt: new Date(),
    portalVisible: true,
  });
}

/** A person changed a generated appointment: later plan edits leave its occurrence alone. */
async function markTouched(tx: Transaction, ctx: Ctx, occurrenceId: string | null) {
  if (!occurrenceId) return;
  const o = schema.recurringOccurrences;
  await tx
    .update(o)
    .set({ touchedAt: new Date() })
    .where(and(eq(o.tenantId, ctx.tenantId), eq(o.id, occurrenceId), isNull(o.touchedAt)));
}

/** Moves the target along with its appointments: planned when one exists, open when none is left. */
async function syncTargetStatus(tx: Transaction, ctx: Ctx, targetId: string) {
  const { targets: t, appointments: a } = schema;
  const [target] = await tx
    .select({ status: t.status })
    .from(t)
    .where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, targetId)));
  if (!target) return;
  const [active] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(a)
    .where(
      and(eq(a.tenantId, ctx.tenantId), eq(a.targetId, targetId), inArray(a.status, [...movableStatuses])),
    );
  const next = active!.n > 0 ? "planned" : "open";
  if (target.status === next || !targetMachine.canTransition(target.status, next)) return;
  if (target.status !== "open" && target.status !== "planned") return;
  await tx
    .update(t)
    .set({ status: next })
    .where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, targetId)));
}

const ZPlanResult = z.object({ appointment: ZAppointmentView.nullable(), conflicts: z.array(ZConflict) });

// ---- Targets ------------------------------------------------------------------------------------

const ZTargetListInput = z.object({
  status: z.array(z.enum(targetStatuses)).max(5).optional(),
  customerId: z.uuid().optional(),
  priority: z.enum(priorities).optional(),
  q: z.string().trim().max(100).optional(),
  after: ZCursorInput,
  limit: z.number().int().min(1).max(100).default(25),
});

const ZTargetRow = ZTargetView.extend({
  customerName: z.string(),
  locationName: z.string().nullable(),
  city: z.string().nullable(),
  appointmentCount: z.number(),
});

export const targetsRouter = workspaceT.router({
  /** Newest first, keyset paged. Employees see targets of their assigned appointments. */
  list: permitted("target.read")
    .input(ZTargetListInput)
    .output(z.object({ items: z.array(ZTargetRow), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const { targets: t, customers: c, locations: l, appointments: a } = schema;
        const after = input.after ? decodeCursor(input.after, 2) : null;
        const tenantWide = tenantWideRoles.includes(ctx.actor.role);
        const q = input.q?.toLowerCase();
        const rows = await tx
          .select({
            row: t,
            // Microseconds kept: a Date would round the cursor to milliseconds and skip rows.
            createdAtText: sql<string>`${t.createdAt}::text`,
            customerName: c.name,
            locationName: l.name,
            city: l.city,
            appointmentCount: sql<number>`(select count(*)::int from ${a} where ${a.tenantId} = ${t.tenantId} and ${a.targetId} = ${t.id} and ${a.status} <> 'cancelled')`,
          })
          .from(t)
          .innerJoin(c, and(eq(c.tenantId, t.tenantId), eq(c.id, t.customerId)))
          .leftJoin(l, and(eq(l.tenantId, t.tenantId), eq(l.id, t.locationId)))
          .where(
            and(
              eq(t.tenantId, ctx.tenantId),
              input.status?.length ? inArray(t.status, input.status) : undefined,
              input.customerId ? eq(t.customerId, input.customerId) : undefined,
              input.priority ? eq(t.priority, input.priority) : undefined,
              q
                ? sql`(lower(${t.title}) like ${`%${q.replace(/[\\%_]/g, "\\$&")}%`} or lower(${c.name}) like ${`%${q.replace(/[\\%_]/g, "\\$&")}%`})`
                : undefined,
              tenantWide
                ? undefined
                : sql`exists (select 1 from ${a} where ${a.tenantId} = ${t.tenantId} and ${a.targetId} = ${t.id}
                    and ${a.assignedEmployeeId} = ${ctx.actor.userId} and ${a.status} <> 'cancelled')`,
              after
                ? sql`(${t.createdAt}, ${t.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
                : undefined,
            ),
          )
          .orderBy(desc(t.createdAt), desc(t.id))
          .limit(input.limit + 1);
        const page = rows.slice(0, input.limit);
        const last = page.at(-1);
        return {
          items: page.map(({ row, createdAtText: _, ...joined }) => ({
            ...targetView(ctx.actor, row, ctx.gates),
            ...joined,
            locationName: joined.locationName ?? null,
            city: joined.city ?? null,
          })),
          nextCursor:
            rows.length > input.limit && last ? encodeCursor([last.createdAtText, last.row.id]) : null,
        };
      }),
    ),

  get: permitted("target.read")
    .input(z.object({ targetId: z.uuid({ error: "Choose a target" }) }))
    .output(
      z.object({
        target: ZTargetView,
        customerName: z.string(),
        locationName: z.string().nullable(),
        contactName: z.string().nullable(),
        nextStatuses: z.array(z.enum(targetStatuses)),
        appointments: z.array(ZAppointmentView.extend({ assigneeName: z.string().nullable() })),
        can: z.object({ edit: z.boolean(), plan: z.boolean() }),
      }),
    )
    .query(({ ctx, input }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const target = await visibleTarget(tx, ctx, input.targetId);
        const { customers: c, locations: l, contactPersons: p, appointments: a, staffUsers: u } = schema;
        const [names] = await tx
          .select({ customerName: c.name, locationName: l.name, contactName: p.name })
          .from(c)
          .leftJoin(l, and(eq(l.tenantId, c.tenantId), eq(l.id, sql`${target.locationId}::uuid`)))
          .leftJoin(p, and(eq(p.tenantId, c.tenantId), eq(p.id, sql`${target.contactId}::uuid`)))
          .where(and(eq(c.tenantId, ctx.tenantId), eq(c.id, target.customerId)));
        const appointments = await tx
          .select({ row: a, assigneeName: u.name })
          .from(a)
          .leftJoin(u, eq(u.id, a.assignedEmployeeId))
          .where(and(eq(a.tenantId, ctx.tenantId), eq(a.targetId, target.id)))
          .orderBy(asc(a.plannedStart));
        const canWrite = can(ctx.actor, "target.write", ctx.gates);
        return {
          target: targetView(ctx.actor, target, ctx.gates),
          customerName: names?.customerName ?? "",
          locationName: names?.locationName ?? null,
          contactName: can(ctx.actor, "contact.read", ctx.gates) ? (names?.contactName ?? null) : null,
          nextStatuses: canWrite ? [...targetMachine.nextStatuses(target.status)] : [],
          appointments: appointments
            .filter(({ row }) => canSeeAppointment(ctx.actor, row, ctx.gates))
            .map(({ row, assigneeName }) => ({
              ...appointmentView(ctx.actor, row, ctx.gates),
              assigneeName,
            })),
          can: { edit: canWrite, plan: can(ctx.actor, "appointment.write", ctx.gates) },
        };
      }),
    ),

  create: permitted("target.write")
    .input(ZCreateTargetInput)
    .output(ZTargetView)
    .mutation(({ ctx, input }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const customer = await visibleCustomer(tx, ctx, input.customerId);
        if (customer.archivedAt)
          throw AppError.field("customerId", "This customer is archived; restore it first");
        await checkPlace(tx, ctx, customer.id, input.locationId, input.contactId);
        const [row] = await tx
          .insert(schema.targets)
          .values({ ...input, tenantId: ctx.tenantId, createdById: ctx.actor.userId })
          .returning();
        await recordTimeline(tx, {
          tenantId: ctx.tenantId,
          customerId: customer.id,
          locationId: row!.locationId,
          kind: "target_created",
          objectType: "target",
          objectId: row!.id,
          occurredAt: row!.createdAt,
        });
        await recordAudit(tx, {
          tenantId: ctx.tenantId,
          actor: staffAuditActor(ctx.actor),
          action: "target.created",
          objectType: "target",
          objectId: row!.id,
          changedFields: Object.entries(input)
            .filter(([, v]) => v != null)
            .map(([k]) => k),
          metadata: { customerId: customer.id, source: row!.source },
        });
        return targetView(ctx.actor, row!, ctx.gates);
      }),
    ),

  update: permitted("target.write")
    .input(ZUpdateTargetInput)
    .output(ZTargetView)
    .mutation(({ ctx, input }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const { targetId, ...change } = input;
        const before = await visibleTarget(tx, ctx, targetId);
        await checkPlace(tx, ctx, before.customerId, change.locationId, change.contactId);
        const changed = changedFields(before, change);
        if (!changed.length) return targetView(ctx.actor, before, ctx.gates);
        const t = schema.targets;
        const [row] = await tx
          .update(t)
          .set(change)
          .where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, targetId)))
          .returning();
        await recordAudit(tx, {
          tenantId: ctx.tenantId,
          actor: staffAuditActor(ctx.actor),
          action: "target.updated",
          objectType: "target",
          objectId: targetId,
          changedFields: changed,
        });
        return targetView(ctx.actor, row!, ctx.gates);
      }),
    ),

  /** Follows the target machine; an illegal step is a field error on `status`, and nothing changes. */
  changeStatus: permitted("target.write")
    .input(ZChangeTargetStatusInput)
    .output(ZTargetView)
    .mutation(({ ctx, input }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const before = await visibleTarget(tx, ctx, input.targetId);
        try {
          targetMachine.assertTransition(before.status, input.status);
        } catch (error) {
          if (error instanceof TransitionError) throw AppError.field("status", `${error.message}.`);
          throw error;
        }
        const t = schema.targets;
        const [row] = await tx
          .update(t)
          .set({ status: input.status, completedAt: input.status === "done" ? new Date() : null })
          .where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, input.targetId)))
          .returning();
        if (input.status === "cancelled") {
          // Work that will not happen leaves the board with its target.
          const a = schema.appointments;
          const cancelled = await tx
            .update(a)
            .set({ status: "cancelled" })
            .where(
              and(
                eq(a.tenantId, ctx.tenantId),
                eq(a.targetId, input.targetId),
                inArray(a.status, [...movableStatuses]),
              ),
            )
            .returning({ id: a.id, customerId: a.customerId, locationId: a.locationId });
          for (const appointment of cancelled) {
            await appointmentTimeline(tx, ctx, appointment, "appointment_cancelled");
          }
        }
        await recordAudit(tx, {
          tenantId: ctx.tenantId,
          actor: staffAuditActor(ctx.actor),
          action: "target.status_changed",
          objectType: "target",
          objectId: input.targetId,
          changedFields: ["status"],
          metadata: { from: before.status, to: input.status },
        });
        return targetView(ctx.actor, row!, ctx.gates);
      }),
    ),
});

/** The location and contact of a target must belong to its customer. */
async function checkPlace(
  tx: Transaction,
  ctx: Ctx,
  customerId: string,
  locationId: string | null | undefined,
  contactId: string | null | undefined,
) {
  const { locations: l, contactPersons: p } = schema;
  if (locationId) {
    const [row] = await tx
      .select({ id: l.id })
      .from(l)
      .where(
        and(
          eq(l.tenantId, ctx.tenantId),
          eq(l.id, locationId),
          eq(l.customerId, customerId),
          isNull(l.archivedAt),
        ),
      );
    if (!row) throw AppError.field("locationId", "Choose one of this customer's locations");
  }
  if (contactId) {
    const [row] = await tx
      .select({ id: p.id })
      .from(p)
      .where(
        and(
          eq(p.tenantId, ctx.tenantId),
          eq(p.id, contactId),
          eq(p.customerId, customerId),
          isNull(p.archivedAt),
        ),
      );
    if (!row) throw AppError.field("contactId", "Choose one of this customer's contact persons");
  }
}

// ---- Appointments -------------------------------------------------------------------------------

const ZAppointmentDetail = z.object({
  appointment: ZAppointmentView,
  targetTitle: z.string(),
  customerName: z.string(),
  locationName: z.string().nullable(),
  address: z.string().nullable(),
  assigneeName: z.string().nullable(),
  recurringPlanId: z.string().nullable(),
  nextStatuses: z.array(z.enum(appointmentStatuses)),
  can: z.object({ plan: z.boolean() }),
});

export const appointmentsRouter = workspaceT.router({
  get: permitted("appointment.read")
    .input(z.object({ appointmentId: z.uuid({ error: "Choose an appointment" }) }))
    .output(ZAppointmentDetail)
    .query(({ ctx, input }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const row = await visibleAppointment(tx, ctx, input.appointmentId);
        const { targets: t, customers: c, locations: l, staffUsers: u, recurringOccurrences: o } = schema;
        const [names] = await tx
          .select({
            targetTitle: t.title,
            customerName: c.name,
            locationName: l.name,
            addressLine1: l.addressLine1,
            city: l.city,
          })
          .from(t)
          .innerJoin(c, and(eq(c.tenantId, t.tenantId), eq(c.id, t.customerId)))
          .leftJoin(l, and(eq(l.tenantId, t.tenantId), eq(l.id, sql`${row.locationId}::uuid`)))
          .where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, row.targetId)));
        const [assignee] = row.assignedEmployeeId
          ? await tx.select({ name: u.name }).from(u).where(eq(u.id, row.assignedEmployeeId))
          : [];
        const [occurrence] = row.recurringOccurrenceId
          ? await tx
              .select({ planId: o.planId })
              .from(o)
              .where(and(eq(o.tenantId, ctx.tenantId), eq(o.id, row.recurringOccurrenceId)))
          : [];
        const canPlan = can(ctx.actor, "appointment.write", ctx.gates);
        return {
          appointment: appointmentView(ctx.actor, row, ctx.gates),
          targetTitle: names?.targetTitle ?? "",
          customerName: names?.customerName ?? "",
          locationName: names?.locationName ?? null,
          address: names?.addressLine1 ? `${names.addressLine1}, ${names.city}` : null,
          assigneeName: assignee?.name ?? null,
          recurringPlanId: canPlan ? (occurrence?.planId ?? null) : null,
          nextStatuses: canPlan
            ? appointmentMachine
                .nextStatuses(row.status)
                .filter((status) => workspaceStatuses.includes(status))
            : [],
          can: { plan: canPlan },
        };
      }),
    ),

  /** Plans a target into an appointment. With a double booking, nothing is written unless `allowConflicts`. */
  create: permitted("appointment.write")
    .input(
      ZCreateAppointmentInput.safeExtend({
        fixedTime: z.boolean().default(false),
        allowConflicts: z.boolean().default(false),
      }),
    )
    .output(ZPlanResult)
    .mutation(({ ctx, input }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const target = await visibleTarget(tx, ctx, input.targetId);
        if (target.status !== "open" && target.status !== "planned") {
          throw AppError.field(
            "targetId",
            `This target is ${target.status.replace("_", " ")}; only open or planned work can get appointments`,
          );
        }
        await requireMember(tx, ctx.tenantId, input.assignedEmployeeId, "assignedEmployeeId");
        const conflicts = await findConflicts(tx, ctx, {
          employeeId: input.assignedEmployeeId,
          start: input.plannedStart,
          end: input.plannedEnd,
        });
        if (conflicts.length && !input.allowConflicts) return { appointment: null, conflicts };
        const [row] = await tx
          .insert(schema.appointments)
          .values({
            tenantId: ctx.tenantId,
            targetId: target.id,
            customerId: target.customerId,
            locationId: target.locationId,
            assignedEmployeeId: input.assignedEmployeeId ?? null,
            plannedStart: input.plannedStart,
            plannedEnd: input.plannedEnd,
            fixedTime: input.fixedTime,
            createdById: ctx.actor.userId,
          })
          .returning();
        await syncTargetStatus(tx, ctx, target.id);
        await appointmentTimeline(tx, ctx, row!, "appointment_planned");
        await recordAudit(tx, {
          tenantId: ctx.tenantId,
          actor: staffAuditActor(ctx.actor),
          action: "appointment.created",
          objectType: "appointment",
          objectId: row!.id,
          changedFields: [
            "plannedStart",
            "plannedEnd",
            ...(input.assignedEmployeeId ? ["assignedEmployeeId"] : []),
          ],
          metadata: { targetId: target.id, doubleBooked: conflicts.length > 0 },
        });
        return { appointment: appointmentView(ctx.actor, row!, ctx.gates), conflicts };
      }),
    ),

  /**
   * Moves an appointment and/or hands it to someone else (`assignedEmployeeId: null` unassigns,
   * leaving it out keeps the assignee). Same double-booking rule as `create`.
   */
  reschedule: permitted("appointment.write")
    .input(
      ZRescheduleAppointmentInput.safeExtend({
        /** Leave out to keep the appointment's fixed-time flag. */
        fixedTime: z.boolean().optional(),
        allowConflicts: z.boolean().default(false),
      }),
    )
    .output(ZPlanResult)
    .mutation(({ ctx, input }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const before = await visibleAppointment(tx, ctx, input.appointmentId, true);
        if (!(movableStatuses as readonly string[]).includes(before.status)) {
          throw AppError.field(
            "plannedStart",
            `This appointment is ${before.status.replace("_", " ")} and can no longer be moved`,
          );
        }
        const employeeId =
          input.assignedEmployeeId === undefined ? before.assignedEmployeeId : input.assignedEmployeeId;
        await requireMember(tx, ctx.tenantId, employeeId, "assignedEmployeeId");
        const conflicts = await findConflicts(tx, ctx, {
          employeeId,
          start: input.plannedStart,
          end: input.plannedEnd,
          exceptId: before.id,
        });
        if (conflicts.length && !input.allowConflicts) return { appointment: null, conflicts };
        const change = {
          plannedStart: input.plannedStart,
          plannedEnd: input.plannedEnd,
          assignedEmployeeId: employeeId,
          fixedTime: input.fixedTime ?? before.fixedTime,
          // A confirmed slot that moves needs confirming again.
          status:
            before.status === "confirmed" && before.plannedStart.getTime() !== input.plannedStart.getTime()
              ? ("scheduled" as const)
              : before.status,
        };
        const changed = changedFields(before, change);
        if (!changed.length)
          return { appointment: appointmentView(ctx.actor, before, ctx.gates), conflicts: [] };
        const a = schema.appointments;
        const [row] = await tx
          .update(a)
          .set(change)
          .where(and(eq(a.tenantId, ctx.tenantId), eq(a.id, before.id)))
          .returning();
        await markTouched(tx, ctx, before.recurringOccurrenceId);
        await recordAudit(tx, {
          tenantId: ctx.tenantId,
          actor: staffAuditActor(ctx.actor),
          action: "appointment.rescheduled",
          objectType: "appointment",
          objectId: before.id,
          changedFields: changed,
          metadata: { doubleBooked: conflicts.length > 0 },
        });
        return { appointment: appointmentView(ctx.actor, row!, ctx.gates), conflicts };
      }),
    ),

  /** Confirm, cancel or mark a no-show from the workspace; the appointment machine decides. */
  changeStatus: permitted("appointment.write")
    .input(ZChangeAppointmentStatusInput)
    .output(ZAppointmentView)
    .mutation(({ ctx, input }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const before = await visibleAppointment(tx, ctx, input.appointmentId, true);
        // On-site progress is the employee's to record, from the visit itself.
        if (!workspaceStatuses.includes(input.status)) {
          throw AppError.field("status", "The assigned employee records progress on site from their phone");
        }
        try {
          appointmentMachine.assertTransition(before.status, input.status);
        } catch (error) {
          if (error instanceof TransitionError) throw AppError.field("status", `${error.message}.`);
          throw error;
        }
        const a = schema.appointments;
        const [row] = await tx
          .update(a)
          .set({ status: input.status })
          .where(and(eq(a.tenantId, ctx.tenantId), eq(a.id, before.id)))
          .returning();
        await markTouched(tx, ctx, before.recurringOccurrenceId);
        await syncTargetStatus(tx, ctx, before.targetId);
        if (input.status === "cancelled") await appointmentTimeline(tx, ctx, row!, "appointment_cancelled");
        await recordAudit(tx, {
          tenantId: ctx.tenantId,
          actor: staffAuditActor(ctx.actor),
          action: "appointment.status_changed",
          objectType: "appointment",
          objectId: before.id,
          changedFields: ["status"],
          metadata: { from: before.status, to: input.status },
        });
        return appointmentView(ctx.actor, row!, ctx.gates);
      }),
    ),
});

// ---- Board --------------------------------------------------------------------------------------

/**
 * Appointments that share time with another of the same employee. Planning by hand asks first;
 * generated visits and work that ran over do not, so the board points them out.
 */
export function overlappingIds(
  rows: readonly {
    id: string;
    assignedEmployeeId: string | null;
    plannedStart: Date;
    plannedEnd: Date;
    status: string;
  }[],
): Set<string> {
  const found = new Set<string>();
  const byEmployee = new Map<string, typeof rows>();
  for (const row of rows) {
    if (!row.assignedEmployeeId || !(busyStatuses as readonly string[]).includes(row.status)) continue;
    byEmployee.set(row.assignedEmployeeId, [...(byEmployee.get(row.assignedEmployeeId) ?? []), row]);
  }
  for (const list of byEmployee.values()) {
    const sorted = [...list].sort((a, b) => a.plannedStart.getTime() - b.plannedStart.getTime());
    let latest = sorted[0];
    for (const row of sorted.slice(1)) {
      if (latest && row.plannedStart < latest.plannedEnd) {
        found.add(row.id);
        found.add(latest.id);
      }
      if (!latest || row.plannedEnd > latest.plannedEnd) latest = row;
    }
  }
  return found;
}

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

export const boardRouter = workspaceT.router({
  /**
   * The dispatch board: a day or a week (Monday to Sunday) in the tenant's time zone, per
   * employee, with unassigned appointments and the open targets waiting to be planned. Employees
   * get their own row only.
   */
  view: permitted("appointment.read")
    .input(
      z.object({
        day: z.iso.date({ error: "Choose a day as YYYY-MM-DD" }),
        span: z.enum(["day", "week"]).default("week"),
      }),
    )
    .output(
      z.object({
        timeZone: z.string(),
        days: z.array(z.string()),
        employees: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(staffRoles) })),
        appointments: z.array(ZBoardAppointment),
        backlog: z.array(
          z.object({
            id: z.string(),
            title: z.string(),
            customerName: z.string(),
            locationName: z.string().nullable(),
            priority: z.enum(priorities),
            dueDate: z.string().nullable(),
            workMinutes: z.number(),
          }),
        ),
        can: z.object({ plan: z.boolean() }),
      }),
    )
    .query(({ ctx, input }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const tz = ctx.membership.timeZone;
        const first = input.span === "week" ? addDays(input.day, 1 - isoWeekday(input.day)) : input.day;
        const count = input.span === "week" ? 7 : 1;
        const days = Array.from({ length: count }, (_, i) => addDays(first, i));
        const range = localDaysRange(first, count, tz);
        const tenantWide = tenantWideRoles.includes(ctx.actor.role);
        const canPlan = can(ctx.actor, "appointment.write", ctx.gates);
        const {
          appointments: a,
          targets: t,
          customers: c,
          locations: l,
          tenantMemberships: m,
          staffUsers: u,
        } = schema;

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
              lt(a.plannedStart, range.end),
              gt(a.plannedEnd, range.start),
              ne(a.status, "cancelled"),
              tenantWide ? undefined : eq(a.assignedEmployeeId, ctx.actor.userId),
            ),
          )
          .orderBy(asc(a.plannedStart))
          .limit(2000);

        const overlapping = overlappingIds(appointments);
        const assignees = new Set(appointments.map((row) => row.assignedEmployeeId).filter(Boolean));
        const members = await tx
          .select({ id: u.id, name: u.name, role: m.role, disabledAt: m.disabledAt })
          .from(m)
          .innerJoin(u, eq(u.id, m.userId))
          .where(eq(m.tenantId, ctx.tenantId))
          .orderBy(asc(u.name));
        const employees = members
          .filter((member) =>
            tenantWide
              ? (member.role === "employee" && !member.disabledAt) || assignees.has(member.id)
              : member.id === ctx.actor.userId,
          )
          .map(({ id, name, role }) => ({ id, name, role }));

        const backlog = canPlan
          ? await tx
              .select({
                id: t.id,
                title: t.title,
                customerName: c.name,
                locationName: l.name,
                priority: t.priority,
                dueDate: t.dueDate,
                workMinutes: sql<number>`coalesce(${l.defaultWorkMinutes}, 60)`,
              })
              .from(t)
              .innerJoin(c, and(eq(c.tenantId, t.tenantId), eq(c.id, t.customerId)))
              .leftJoin(l, and(eq(l.tenantId, t.tenantId), eq(l.id, t.locationId)))
              .where(and(eq(t.tenantId, ctx.tenantId), eq(t.status, "open"), isNull(c.archivedAt)))
              .orderBy(
                sql`case ${t.priority} when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`,
                sql`${t.dueDate} asc nulls last`,
                asc(t.createdAt),
              )
              .limit(50)
          : [];

        return {
          timeZone: tz,
          days,
          employees,
          appointments: appointments.map((row) => ({
            ...row,
            locationName: row.locationName ?? null,
            city: row.city ?? null,
            overlaps: overlapping.has(row.id),
          })),
          backlog: backlog.map((row) => ({ ...row, locationName: row.locationName ?? null })),
          can: { plan: canPlan },
        };
      }),
    ),

  /** People work can be assigned to: active members of the tenant. */
  assignees: permitted("appointment.read")
    .output(z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(staffRoles) })))
    .query(({ ctx }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const { tenantMemberships: m, staffUsers: u } = schema;
        const rows = await tx
          .select({ id: u.id, name: u.name, role: m.role })
          .from(m)
          .innerJoin(u, eq(u.id, m.userId))
          .where(
            and(
              eq(m.tenantId, ctx.tenantId),
              isNull(m.disabledAt),
              tenantWideRoles.includes(ctx.actor.role) ? undefined : eq(m.userId, ctx.actor.userId),
            ),
          )
          .orderBy(sql`case ${m.role} when 'employee' then 0 else 1 end`, asc(u.name));
        return rows;
      }),
    ),
});
