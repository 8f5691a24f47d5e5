// Generating a recurring plan's appointments: one occurrence → one target and one appointment.
import { randomUUID } from "node:crypto";
import { type Database, recordAudit, schema, type Transaction, withSystem, withTenant } from "@ordinavo/db";
import { and, asc, eq, gte, inArray, isNotNull, isNull, or } from "drizzle-orm";
import { expandPlan, type Occurrence, planStartInstant, zonedDate } from "./recurrence";

const { appointments, locations, recurringOccurrences, recurringPlans, routeStops, targets, tenants } =
  schema;
const { timelineEntries, visitReports } = schema;

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

export type GenerationOutcome =
  | {
      planId: string;
      /** New occurrences, each with a new target and appointment. */
      created: number;
      /** Untouched future appointments brought in line with the plan (end, assignee, title, version). */
      updated: number;
      /** Untouched future occurrences the plan no longer has: appointment, target and occurrence deleted. */
      removed: number;
      /** Future occurrences left alone: touched or skipped by a person, or no longer just "scheduled". */
      kept: number;
      /** End of the generated window; null for an inactive or archived plan. */
      generatedUntil: Date | null;
    }
  | { planId: string; skipped: "not_found" | "invalid_rule" };

export interface GenerationInput {
  tenantId: string;
  planId: string;
  /** The clock; tests pass it, jobs leave it out. */
  now?: Date;
}

/**
 * Brings a plan's appointments up to date, in one tenant transaction holding the plan's row lock.
 *
 * - Window: [max(now, first visit), now + horizonDays). Each occurrence in it gets a row in
 *   recurring_occurrences, inserted with ON CONFLICT DO NOTHING on (tenant, plan, occursAt), and
 *   only a row that was really inserted gets a target and an appointment. Running twice, or twice
 *   at once, therefore never yields two appointments for one occurrence.
 * - Plan edits change only the future a person has not touched: a future occurrence without
 *   touchedAt/skippedAt whose appointment is still "scheduled", at its generated time, without a
 *   visit report or a route stop, follows the plan (end, assignee, title, version), or is deleted
 *   with its appointment and target when the plan no longer has it (rule or time changed, plan
 *   deactivated or archived). Everything else in the future is counted as kept; the past is never
 *   changed.
 * - One audit entry (`recurring_plan.generated`, counts only) when anything changed.
 */
export async function generateRecurringVisits(
  db: Database,
  input: GenerationInput,
): Promise<GenerationOutcome> {
  const now = input.now ?? new Date();
  const { tenantId, planId } = input;
  return withTenant(db, tenantId, async (tx) => {
    const [plan] = await tx
      .select()
      .from(recurringPlans)
      .where(and(eq(recurringPlans.tenantId, tenantId), eq(recurringPlans.id, planId)))
      .for("update");
    if (!plan) return { planId, skipped: "not_found" };

    const live = plan.active && plan.archivedAt === null;
    let expansion: Occurrence[] = [];
    let generatedUntil: Date | null = null;
    if (live) {
      generatedUntil = new Date(now.getTime() + plan.horizonDays * DAY_MS);
      try {
        const from = new Date(Math.max(now.getTime(), planStartInstant(plan).getTime()));
        expansion = expandPlan(plan, { from, to: generatedUntil });
      } catch (error) {
        // A rule or time zone the API should have refused: nothing sensible to generate or remove.
        if (error instanceof RangeError) return { planId, skipped: "invalid_rule" };
        throw error;
      }
    }
    const planned = new Map(expansion.map((o) => [o.start.getTime(), o]));
    const duration = plan.durationMinutes * MINUTE_MS;

    // --- Existing future occurrences -----------------------------------------------------------
    const existing = await tx
      .select({
        id: recurringOccurrences.id,
        occursAt: recurringOccurrences.occursAt,
        planVersion: recurringOccurrences.planVersion,
        touchedAt: recurringOccurrences.touchedAt,
        skippedAt: recurringOccurrences.skippedAt,
        targetId: recurringOccurrences.targetId,
        appointmentId: appointments.id,
        status: appointments.status,
        plannedStart: appointments.plannedStart,
        plannedEnd: appointments.plannedEnd,
        assignedEmployeeId: appointments.assignedEmployeeId,
        title: targets.title,
      })
      .from(recurringOccurrences)
      .leftJoin(
        appointments,
        and(
          eq(appointments.tenantId, recurringOccurrences.tenantId),
          eq(appointments.id, recurringOccurrences.appointmentId),
        ),
      )
      .leftJoin(
        targets,
        and(
          eq(targets.tenantId, recurringOccurrences.tenantId),
          eq(targets.id, recurringOccurrences.targetId),
        ),
      )
      .where(
        and(
          eq(recurringOccurrences.tenantId, tenantId),
          eq(recurringOccurrences.planId, planId),
          gte(recurringOccurrences.occursAt, now),
        ),
      )
      .orderBy(asc(recurringOccurrences.occursAt));

    // Appointments someone has put on a route or written a report for are a person's work too.
    const appointmentIds = existing.flatMap((o) => (o.appointmentId ? [o.appointmentId] : []));
    const inUse = new Set<string>();
    if (appointmentIds.length > 0) {
      const stops = await tx
        .select({ appointmentId: routeStops.appointmentId })
        .from(routeStops)
        .where(and(eq(routeStops.tenantId, tenantId), inArray(routeStops.appointmentId, appointmentIds)));
      const reports = await tx
        .select({ appointmentId: visitReports.appointmentId })
        .from(visitReports)
        .where(and(eq(visitReports.tenantId, tenantId), inArray(visitReports.appointmentId, appointmentIds)));
      for (const row of [...stops, ...reports]) inUse.add(row.appointmentId);
    }

    let kept = 0;
    let updated = 0;
    const removals: Array<{ id: string; appointmentId: string; targetId: string | null }> = [];
    const known = new Set<number>();
    for (const occurrence of existing) {
      const at = occurrence.occursAt.getTime();
      known.add(at);
      const untouched =
        occurrence.touchedAt === null &&
        occurrence.skippedAt === null &&
        occurrence.appointmentId !== null &&
        occurrence.status === "scheduled" &&
        // An appointment moved away from its slot was moved by a person, touchedAt or not.
        occurrence.plannedStart?.getTime() === at &&
        !inUse.has(occurrence.appointmentId);
      if (!untouched) {
        kept += 1;
        continue;
      }
      const appointmentId = occurrence.appointmentId!;
      if (!planned.has(at)) {
        removals.push({ id: occurrence.id, appointmentId, targetId: occurrence.targetId });
        continue;
      }
      const end = new Date(at + duration);
      const current =
        occurrence.plannedEnd?.getTime() === end.getTime() &&
        occurrence.assignedEmployeeId === plan.defaultAssigneeId &&
        occurrence.title === plan.title &&
        occurrence.planVersion === plan.version;
      if (current) continue;
      await tx
        .update(appointments)
        .set({ plannedEnd: end, assignedEmployeeId: plan.defaultAssigneeId })
        .where(and(eq(appointments.tenantId, tenantId), eq(appointments.id, appointmentId)));
      if (occurrence.targetId && occurrence.title !== plan.title) {
        await tx
          .update(targets)
          .set({ title: plan.title })
          .where(and(eq(targets.tenantId, tenantId), eq(targets.id, occurrence.targetId)));
      }
      await tx
        .update(recurringOccurrences)
        .set({ planVersion: plan.version })
        .where(and(eq(recurringOccurrences.tenantId, tenantId), eq(recurringOccurrences.id, occurrence.id)));
      updated += 1;
    }

    await removeOccurrences(tx, tenantId, removals);

    // --- New occurrences -----------------------------------------------------------------------
    const fresh = expansion.filter((o) => !known.has(o.start.getTime()));
    let created = 0;
    if (fresh.length > 0) {
      const inserted = await tx
        .insert(recurringOccurrences)
        .values(
          fresh.map((o) => ({
            id: randomUUID(),
            tenantId,
            planId,
            occursAt: o.start,
            planVersion: plan.version,
          })),
        )
        .onConflictDoNothing({
          target: [recurringOccurrences.tenantId, recurringOccurrences.planId, recurringOccurrences.occursAt],
        })
        .returning({ id: recurringOccurrences.id, occursAt: recurringOccurrences.occursAt });
      created = inserted.length;
      if (inserted.length > 0) {
        const [location] = await tx
          .select({ defaultPriority: locations.defaultPriority })
          .from(locations)
          .where(and(eq(locations.tenantId, tenantId), eq(locations.id, plan.locationId)));
        const rows = inserted.map((occurrence) => ({
          occurrence,
          targetId: randomUUID(),
          appointmentId: randomUUID(),
          start: occurrence.occursAt,
          end:
            planned.get(occurrence.occursAt.getTime())?.end ??
            new Date(occurrence.occursAt.getTime() + duration),
        }));
        await tx.insert(targets).values(
          rows.map((r) => ({
            id: r.targetId,
            tenantId,
            customerId: plan.customerId,
            locationId: plan.locationId,
            title: plan.title,
            status: "planned" as const,
            priority: location?.defaultPriority ?? "normal",
            dueDate: zonedDate(r.start, plan.timeZone),
            source: "recurring" as const,
          })),
        );
        await tx.insert(appointments).values(
          rows.map((r) => ({
            id: r.appointmentId,
            tenantId,
            targetId: r.targetId,
            customerId: plan.customerId,
            locationId: plan.locationId,
            assignedEmployeeId: plan.defaultAssigneeId,
            plannedStart: r.start,
            plannedEnd: r.end,
            // A recurring visit keeps its time of day when a route is optimised.
            fixedTime: true,
            status: "scheduled" as const,
            recurringOccurrenceId: r.occurrence.id,
          })),
        );
        for (const r of rows) {
          await tx
            .update(recurringOccurrences)
            .set({ targetId: r.targetId, appointmentId: r.appointmentId })
            .where(
              and(eq(recurringOccurrences.tenantId, tenantId), eq(recurringOccurrences.id, r.occurrence.id)),
            );
        }
        await tx.insert(timelineEntries).values(
          rows.flatMap((r) => {
            const entry = {
              tenantId,
              customerId: plan.customerId,
              locationId: plan.locationId,
              objectType: "appointment" as const,
              objectId: r.appointmentId,
              occurredAt: now,
            };
            return [
              { ...entry, kind: "recurring_visit_generated" as const, portalVisible: false },
              { ...entry, kind: "appointment_planned" as const, portalVisible: true },
            ];
          }),
        );
      }
    }

    await tx
      .update(recurringPlans)
      // The plan's updatedAt tells when a person edited it, not when it was last generated.
      .set({ generatedUntil, updatedAt: plan.updatedAt })
      .where(and(eq(recurringPlans.tenantId, tenantId), eq(recurringPlans.id, planId)));

    const removed = removals.length;
    if (created + updated + removed > 0) {
      await recordAudit(tx, {
        tenantId,
        actor: { type: "system" },
        action: "recurring_plan.generated",
        objectType: "recurring_plan",
        objectId: planId,
        metadata: { created, updated, removed, kept, planVersion: plan.version },
      });
    }
    return { planId, created, updated, removed, kept, generatedUntil };
  });
}

/** Deletes untouched occurrences with their appointment, target and timeline references. */
async function removeOccurrences(
  tx: Transaction,
  tenantId: string,
  removals: Array<{ id: string; appointmentId: string; targetId: string | null }>,
) {
  if (removals.length === 0) return;
  const appointmentIds = removals.map((r) => r.appointmentId);
  const targetIds = removals.flatMap((r) => (r.targetId ? [r.targetId] : []));
  await tx
    .delete(timelineEntries)
    .where(
      and(
        eq(timelineEntries.tenantId, tenantId),
        eq(timelineEntries.objectType, "appointment"),
        inArray(timelineEntries.objectId, appointmentIds),
      ),
    );
  // The occurrence points at the appointment and the target, so it goes first.
  await tx.delete(recurringOccurrences).where(
    and(
      eq(recurringOccurrences.tenantId, tenantId),
      inArray(
        recurringOccurrences.id,
        removals.map((r) => r.id),
      ),
    ),
  );
  await tx
    .delete(appointments)
    .where(and(eq(appointments.tenantId, tenantId), inArray(appointments.id, appointmentIds)));
  if (targetIds.length > 0) {
    await tx.delete(targets).where(and(eq(targets.tenantId, tenantId), inArray(targets.id, targetIds)));
  }
}

export interface GenerationTotals {
  tenants: number;
  plans: number;
  created: number;
  updated: number;
  removed: number;
  kept: number;
  /** Plans whose generation threw (ids only); the others went ahead. */
  failedPlanIds: string[];
  /** Plans skipped because their stored rule or time zone is not valid (ids only). */
  invalidPlanIds: string[];
}

/**
 * The daily run: every tenant that is not archived, each plan that is active and not archived —
 * plus any plan that still has generated appointments to clean up (generatedUntil set) — one
 * transaction per plan. A plan that fails does not stop the others.
 */
export async function generateAllRecurringVisits(
  db: Database,
  options: { now?: Date } = {},
): Promise<GenerationTotals> {
  const now = options.now ?? new Date();
  const totals: GenerationTotals = {
    tenants: 0,
    plans: 0,
    created: 0,
    updated: 0,
    removed: 0,
    kept: 0,
    failedPlanIds: [],
    invalidPlanIds: [],
  };
  // The tenant list is platform data (no tenant_id, no row-level security); read it as the system.
  const tenantRows = await withSystem(db, (tx) =>
    tx.select({ id: tenants.id }).from(tenants).where(isNull(tenants.archivedAt)).orderBy(asc(tenants.id)),
  );
  for (const { id: tenantId } of tenantRows) {
    totals.tenants += 1;
    const plans = await withTenant(db, tenantId, (tx) =>
      tx
        .select({ id: recurringPlans.id })
        .from(recurringPlans)
        .where(
          and(
            eq(recurringPlans.tenantId, tenantId),
            or(
              and(eq(recurringPlans.active, true), isNull(recurringPlans.archivedAt)),
              isNotNull(recurringPlans.generatedUntil),
            ),
          ),
        )
        .orderBy(asc(recurringPlans.id)),
    );
    for (const { id: planId } of plans) {
      totals.plans += 1;
      try {
        const outcome = await generateRecurringVisits(db, { tenantId, planId, now });
        if ("skipped" in outcome) {
          if (outcome.skipped === "invalid_rule") totals.invalidPlanIds.push(planId);
          continue;
        }
        totals.created += outcome.created;
        totals.updated += outcome.updated;
        totals.removed += outcome.removed;
        totals.kept += outcome.kept;
      } catch {
        totals.failedPlanIds.push(planId);
      }
    }
  }
  return totals;
}
