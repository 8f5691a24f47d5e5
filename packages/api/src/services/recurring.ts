import { recordAudit, schema, type Transaction, withTenant } from "@ordinavo/db";
import {
  type CreateRecurringPlanInput,
  type UpdateRecurringPlanInput,
  ZCreateRecurringPlanInput,
} from "@ordinavo/domain";
import { recordEvent } from "@ordinavo/jobs";
import { describeRecurrence, expandPlan, parseRecurrenceRule } from "@ordinavo/planning";
import { can, canSeeRecurringPlan } from "@ordinavo/policy";
import { and, asc, eq, gte, isNull, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../errors";
import type { StaffContext } from "./context";
import { changedFields, givenFields, requireMember, staffAuditActor } from "./records";
import { seesAll } from "./scope";
import { requireLocationOf, visibleCustomer } from "./visibility";

// Recurring plans: a rule that the generation job (packages/jobs) turns into visits. Changes are
// saved here with a generation request in the same transaction, so none is lost.

export const ZPlanView = z.object({
  id: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  locationId: z.string(),
  locationName: z.string(),
  title: z.string(),
  rrule: z.string(),
  description: z.string(),
  startsOn: z.string(),
  startTime: z.string(),
  timeZone: z.string(),
  durationMinutes: z.number(),
  defaultAssigneeId: z.string().nullable(),
  defaultAssigneeName: z.string().nullable(),
  horizonDays: z.number(),
  active: z.boolean(),
  version: z.number(),
  generatedUntil: z.date().nullable(),
  archivedAt: z.date().nullable(),
  updatedAt: z.date(),
});

export const ZPlanDetail = z.object({
  plan: ZPlanView,
  occurrences: z.array(
    z.object({
      id: z.string(),
      occursAt: z.date(),
      appointmentId: z.string().nullable(),
      appointmentStatus: z.string().nullable(),
      plannedStart: z.date().nullable(),
      assigneeName: z.string().nullable(),
      touched: z.boolean(),
    }),
  ),
  can: z.object({ edit: z.boolean() }),
});

export const ZListPlansInput = z
  .object({
    locationId: z.uuid({ error: "Choose a location" }).optional(),
    customerId: z.uuid({ error: "Choose a customer" }).optional(),
    includeArchived: z.boolean().default(false),
  })
  .default({ includeArchived: false });
export type ListPlansInput = z.output<typeof ZListPlansInput>;

/** The plan form's own fields, checked as a save would check them. */
export const ZPreviewInput = ZCreateRecurringPlanInput.pick({
  rrule: true,
  startsOn: true,
  startTime: true,
  timeZone: true,
  durationMinutes: true,
}).extend({ count: z.number().int().min(1).max(20).default(6) });
export type PreviewInput = z.output<typeof ZPreviewInput>;

/** Plans the actor's lists may hold: recurring plans are planners' business, tenant-wide. */
const planScope = (ctx: StaffContext): SQL | undefined =>
  seesAll(ctx, "recurring_plan") ? undefined : sql`false`;

async function loadPlans(tx: Transaction, ctx: StaffContext, where: SQL | undefined) {
  const { recurringPlans: p, customers: c, locations: l, staffUsers: u } = schema;
  const rows = await tx
    .select({ plan: p, customerName: c.name, locationName: l.name, defaultAssigneeName: u.name })
    .from(p)
    .innerJoin(c, and(eq(c.tenantId, p.tenantId), eq(c.id, p.customerId)))
    .innerJoin(l, and(eq(l.tenantId, p.tenantId), eq(l.id, p.locationId)))
    .leftJoin(u, eq(u.id, p.defaultAssigneeId))
    .where(and(eq(p.tenantId, ctx.tenantId), planScope(ctx), where))
    .orderBy(asc(c.name), asc(p.title))
    .limit(500);
  return rows.map(({ plan, customerName, locationName, defaultAssigneeName }) => ({
    id: plan.id,
    customerId: plan.customerId,
    customerName,
    locationId: plan.locationId,
    locationName,
    title: plan.title,
    rrule: plan.rrule,
    description: describeRecurrence(plan.rrule),
    startsOn: plan.startsOn,
    startTime: plan.startTime,
    timeZone: plan.timeZone,
    durationMinutes: plan.durationMinutes,
    defaultAssigneeId: plan.defaultAssigneeId,
    defaultAssigneeName: defaultAssigneeName ?? null,
    horizonDays: plan.horizonDays,
    active: plan.active,
    version: plan.version,
    generatedUntil: plan.generatedUntil,
    archivedAt: plan.archivedAt,
    updatedAt: plan.updatedAt,
  }));
}

/** The plan row, locked for a change, if the actor may see it. */
async function visiblePlan(tx: Transaction, ctx: StaffContext, planId: string) {
  const p = schema.recurringPlans;
  const [row] = await tx
    .select()
    .from(p)
    .where(and(eq(p.tenantId, ctx.tenantId), eq(p.id, planId)))
    .for("update");
  if (!row || !canSeeRecurringPlan(ctx.actor, row, ctx.gates)) throw AppError.notFound("This recurring plan");
  return row;
}

/** The rule as stored, or a field error on `rrule` (an UNTIL before the first visit included). */
function checkedRule(
  rule: string,
  context?: { startsOn: string; startTime: string; timeZone: string },
): string {
  const parsed = parseRecurrenceRule(rule, context);
  if (!parsed.ok) throw AppError.field("rrule", parsed.message);
  return parsed.rule;
}

/** Generation runs in the background, recorded with the change so it cannot be lost. */
const requestGeneration = (tx: Transaction, ctx: StaffContext, planId: string) =>
  recordEvent(tx, "ordinavo/recurring_plan.changed", { tenantId: ctx.tenantId, planId });

const audit = (
  tx: Transaction,
  ctx: StaffContext,
  action: string,
  planId: string,
  changed: string[],
  metadata?: Record<string, string>,
) =>
  recordAudit(tx, {
    tenantId: ctx.tenantId,
    actor: staffAuditActor(ctx.actor),
    action,
    objectType: "recurring_plan",
    objectId: planId,
    changedFields: changed,
    metadata,
  });

export function listPlans(ctx: StaffContext, input: ListPlansInput) {
  return withTenant(ctx.db, ctx.tenantId, (tx) => {
    const p = schema.recurringPlans;
    return loadPlans(
      tx,
      ctx,
      and(
        input.locationId ? eq(p.locationId, input.locationId) : undefined,
        input.customerId ? eq(p.customerId, input.customerId) : undefined,
        input.includeArchived ? undefined : isNull(p.archivedAt),
      ),
    );
  });
}

/** A plan with its occurrences from a week ago on. */
export function getPlan(ctx: StaffContext, input: { recurringPlanId: string }) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const p = schema.recurringPlans;
    const [plan] = await loadPlans(tx, ctx, eq(p.id, input.recurringPlanId));
    if (!plan || !canSeeRecurringPlan(ctx.actor, { tenantId: ctx.tenantId }, ctx.gates)) {
      throw AppError.notFound("This recurring plan");
    }
    const { recurringOccurrences: o, appointments: a, staffUsers: u } = schema;
    const occurrences = await tx
      .select({
        id: o.id,
        occursAt: o.occursAt,
        appointmentId: o.appointmentId,
        appointmentStatus: a.status,
        plannedStart: a.plannedStart,
        assigneeName: u.name,
        touched: sql<boolean>`${o.touchedAt} is not null`,
      })
      .from(o)
      .leftJoin(a, and(eq(a.tenantId, o.tenantId), eq(a.id, o.appointmentId)))
      .leftJoin(u, eq(u.id, a.assignedEmployeeId))
      .where(
        and(
          eq(o.tenantId, ctx.tenantId),
          eq(o.planId, plan.id),
          gte(o.occursAt, new Date(Date.now() - 7 * 86_400_000)),
        ),
      )
      .orderBy(asc(o.occursAt))
      .limit(100);
    return {
      plan,
      occurrences: occurrences.map((row) => ({
        ...row,
        appointmentStatus: row.appointmentStatus ?? null,
        plannedStart: row.plannedStart ?? null,
        assigneeName: row.assigneeName ?? null,
      })),
      can: { edit: can(ctx.actor, "recurring_plan.write", ctx.gates) },
    };
  });
}

/** The next occurrences a rule would give, for the plan form (nothing is saved, nothing read). */
export function previewPlan(input: PreviewInput) {
  const rule = checkedRule(input.rrule, input);
  const from = new Date(Math.max(Date.now(), Date.parse(`${input.startsOn}T00:00:00Z`) - 86_400_000));
  const occurrences = expandPlan(
    { ...input, rrule: rule },
    { from, to: new Date(from.getTime() + 400 * 86_400_000) },
  ).slice(0, input.count);
  return { description: describeRecurrence(rule), occurrences };
}

export function createPlan(ctx: StaffContext, input: CreateRecurringPlanInput) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const rule = checkedRule(input.rrule, input);
    const customer = await visibleCustomer(tx, ctx, input.customerId);
    await requireLocationOf(tx, ctx, customer.id, input.locationId);
    await requireMember(tx, ctx.tenantId, input.defaultAssigneeId, "defaultAssigneeId");
    const [row] = await tx
      .insert(schema.recurringPlans)
      .values({ ...input, rrule: rule, tenantId: ctx.tenantId, createdById: ctx.actor.userId })
      .returning({ id: schema.recurringPlans.id });
    await audit(tx, ctx, "recurring_plan.created", row!.id, givenFields(input), {
      locationId: input.locationId,
    });
    await requestGeneration(tx, ctx, row!.id);
    return { id: row!.id };
  });
}

/** Changes apply to future occurrences nobody has touched; the plan's version goes up. */
export function updatePlan(ctx: StaffContext, input: UpdateRecurringPlanInput) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const { recurringPlanId, ...change } = input;
    const before = await visiblePlan(tx, ctx, recurringPlanId);
    if (before.archivedAt) throw AppError.field("recurringPlanId", "This plan is archived; restore it first");
    if (change.rrule !== undefined) change.rrule = checkedRule(change.rrule, { ...before, ...change });
    await requireMember(tx, ctx.tenantId, change.defaultAssigneeId, "defaultAssigneeId");
    const changed = changedFields(before, change);
    if (!changed.length) return { id: before.id, version: before.version };
    const p = schema.recurringPlans;
    const [row] = await tx
      .update(p)
      .set({ ...change, version: before.version + 1 })
      .where(and(eq(p.tenantId, ctx.tenantId), eq(p.id, before.id)))
      .returning({ version: p.version });
    await audit(tx, ctx, "recurring_plan.updated", before.id, changed);
    await requestGeneration(tx, ctx, before.id);
    return { id: before.id, version: row!.version };
  });
}

/** Archiving stops the plan; its future untouched visits are removed by the generator. */
export function setPlanArchived(ctx: StaffContext, input: { recurringPlanId: string; archived: boolean }) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const before = await visiblePlan(tx, ctx, input.recurringPlanId);
    if ((before.archivedAt !== null) === input.archived) return { id: before.id };
    const p = schema.recurringPlans;
    await tx
      .update(p)
      .set({ archivedAt: input.archived ? new Date() : null, version: before.version + 1 })
      .where(and(eq(p.tenantId, ctx.tenantId), eq(p.id, before.id)));
    await audit(tx, ctx, input.archived ? "recurring_plan.archived" : "recurring_plan.restored", before.id, [
      "archivedAt",
    ]);
    await requestGeneration(tx, ctx, before.id);
    return { id: before.id };
  });
}
