// Generating a recurring plan's appointments: one occurrence → one target and one appointment.
import { randomUUID } from "node:crypto";
import { type Database, recordAudit, schema, type Transaction, withSystem, withTenant } from "@ordinavo/db";
import { localDay } from "@ordinavo/domain";
import { and, asc, eq, gte, inArray, isNotNull, isNull, or } from "drizzle-orm";
import { expandPlan, type Occurrence, planStartInstant } from "./recurrence";

const { appointments, locations, recurringOccurrences, recurringPlans, routeStops, targets, tenants } =
  schema;
const { timelineEntries, visitReports } = schema;

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** More than any zone's distance from UTC plus a daylight-saving shift: a local day's margin. */
const SLACK_MS = 2 * DAY_MS;

type Removal = { id: string; appointmentId: string; targetId: string | null };

export type GenerationOutcome =
  | {
      planId: string;
      /** New occurrences, each with a new target and appointment. */
      created: number;
      /**
       * Untouched future occurrences brought in line with the plan in place, ids unchanged: start
       * time, end, assignee, title, version.
       */
      updated: number;
      /**
       * Untouched future occurrences on a day the plan no longer has, or beyond a horizon that got
       * shorter: appointment, target and occurrence deleted.
       */
      removed: number;
      /**
       * Future occurrences left alone: touched or skipped by a person, no longer just "scheduled",
       * on a route or reported; or untouched, but the plan's new time for their day has passed.
       */
      kept: number;
      /** End of the generated window; null for an inactive or archived plan. */
      generatedUntil: Date | null;
    }
  | { planId: string; skipped: "not_found" | "invalid_rule" };

/** What one run created and moved (ids only). */
export interface GeneratedChanges {
  tenantId: string;
  created: { targetId: string; appointmentId: string }[];
  /** Appointments whose time followed the plan in place. */
  movedAppointmentIds: string[];
}

/** Called in the run's transaction when it created or moved visits (the job records its events). */
export type OnGenerated = (tx: Transaction, changes: GeneratedChanges) => Promise<void>;

export interface GenerationInput {
  tenantId: string;
  planId: string;
  /** The clock; tests pass it, jobs leave it out. */
  now?: Date;
  onGenerated?: OnGenerated;
}

/**
 * Brings a plan's appointments up to date, in one tenant transaction holding the plan's row lock.
 *
 * - An occurrence is the plan's visit on one local day (the day the rule yields, in the plan's
 *   time zone), not an instant. The day is stored with it (occursOn) and is unique per plan in the
 *   database: a day has at most one occurrence, whatever the plan's start time or time zone was
 *   when it was generated, and existing occurrences are matched to the rule's days by that stored
 *   day.
 * - Window: [max(now, first visit), now + horizonDays). A day in it without any occurrence gets a
 *   row in recurring_occurrences, inserted with ON CONFLICT DO NOTHING (on the day key and the
 *   start key), and only a row that was really inserted gets a target and an appointment. Runs
 *   for one plan are serialised by the plan's row lock, so running twice, or twice at once, never
 *   yields two appointments for one day.
 * - Plan edits change only the future a person has not touched: a future occurrence without
 *   touchedAt/skippedAt whose appointment is still "scheduled", at its generated time, without a
 *   visit report or a route stop, follows the plan in place (start, end, assignee, title, version)
 *   while the rule still yields its day, or is deleted with its appointment and target when it
 *   does not (rule changed, plan deactivated or archived). A day that has a touched, skipped,
 *   cancelled, started or past occurrence keeps it and gets nothing new. Everything else in the
 *   future is counted as kept; the past is never changed.
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
    // Only a shorter horizon removes visits past its end. A visit that a time change moved just
    // past the end stays: removing it would only have it created again a day later.
    const horizonShrank =
      plan.generatedUntil !== null &&
      now.getTime() + plan.horizonDays * DAY_MS < plan.generatedUntil.getTime();
    // An occurrence is its plan's visit on one local day. `byDay` holds the days the rule yields
    // around the window (a little slack either side, so that a visit whose time moves across
    // `now` or the horizon is still recognised); only those in [from, to) are created.
    const byDay = new Map<string, Occurrence>();
    let from = now;
    let generatedUntil: Date | null = null;
    if (live) {
      generatedUntil = new Date(now.getTime() + plan.horizonDays * DAY_MS);
      try {
        const first = planStartInstant(plan).getTime();
        from = new Date(Math.max(now.getTime(), first));
        const around = expandPlan(plan, {
          from: new Date(Math.max(now.getTime() - SLACK_MS, first)),
          to: new Date(generatedUntil.getTime() + SLACK_MS),
        });
        // At most daily and always at the plan's start time: one occurrence per local day.
        for (const o of around) byDay.set(localDay(o.start, plan.timeZone), o);
      } catch (error) {
        // A rule or time zone the API should have refused: nothing sensible to generate or remove.
        if (error instanceof RangeError) return { planId, skipped: "invalid_rule" };
        throw error;
      }
    }
    const duration = plan.durationMinutes * MINUTE_MS;

    // --- Existing occurrences ------------------------------------------------------------------
    // The future ones may follow the plan; the recent past ones only hold their day.
    const existing = await tx
      .select({
        id: recurringOccurrences.id,
        occursAt: recurringOccurrences.occursAt,
        occursOn: recurringOccurrences.occursOn,
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
          gte(recurringOccurrences.occursAt, new Date(now.getTime() - (live ? SLACK_MS : 0))),
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

    type Existing = (typeof existing)[number];
    const isUntouched = (occurrence: Existing) =>
      occurrence.occursAt.getTime() >= now.getTime() &&
      occurrence.touchedAt === null &&
      occurrence.skippedAt === null &&
      occurrence.appointmentId !== null &&
      occurrence.status === "scheduled" &&
      // An appointment moved away from its slot was moved by a person, touchedAt or not.
      occurrence.plannedStart?.getTime() === occurrence.occursAt.getTime() &&
      !inUse.has(occurrence.appointmentId);

    // Match by the stored local day, not by the day occursAt falls on in the plan's zone today:
    // after a change of time zone a visit still holds the day it was generated for. The database
    // keeps that day unique per plan, so each day has at most one existing occurrence.
    const days = new Set<string>();
    let kept = 0;
    const removals: Removal[] = [];
    const updates: Array<{ occurrence: Existing; day: string; start: Date }> = [];
    const remove = (o: Existing) =>
      removals.push({ id: o.id, appointmentId: o.appointmentId!, targetId: o.targetId });
    for (const occurrence of existing) {
      const day = occurrence.occursOn;
      days.add(day);
      if (!isUntouched(occurrence)) {
        // Future work a person has touched, skipped or started stays as it is, and so does the
        // past; either way the day is held and gets nothing new.
        if (occurrence.occursAt.getTime() >= now.getTime()) kept += 1;
        continue;
      }
      const planned = byDay.get(day);
      if (!planned) {
        remove(occurrence); // the day is gone from the plan (an inactive plan has no days)
        continue;
      }
      const at = planned.start.getTime();
      if (at < now.getTime()) {
        // The plan's time for this day has already passed: nothing is planned into the past.
        kept += 1;
      } else if (
        horizonShrank &&
        at >= generatedUntil!.getTime() &&
        occurrence.occursAt.getTime() >= generatedUntil!.getTime()
      ) {
        remove(occurrence); // beyond a horizon that got shorter
      } else {
        updates.push({ occurrence, day, start: planned.start });
      }
    }

    await removeOccurrences(tx, tenantId, removals);

    let updated = 0;
    const changes: GeneratedChanges = { tenantId, created: [], movedAppointmentIds: [] };
    for (const { occurrence, day, start } of updates) {
      const end = new Date(start.getTime() + duration);
      const current =
        occurrence.occursAt.getTime() === start.getTime() &&
        occurrence.plannedEnd?.getTime() === end.getTime() &&
        occurrence.assignedEmployeeId === plan.defaultAssigneeId &&
        occurrence.title === plan.title &&
        occurrence.planVersion === plan.version;
      if (current) continue;
      // In place: the occurrence, its appointment and its target keep their ids. The conditions
      // repeat what was read, so a person's change committed meanwhile is not overwritten.
      const moved = await tx
        .update(appointments)
        .set({ plannedStart: start, plannedEnd: end, assignedEmployeeId: plan.defaultAssigneeId })
        .where(
          and(
            eq(appointments.tenantId, tenantId),
            eq(appointments.id, occurrence.appointmentId!),
            eq(appointments.status, "scheduled"),
            eq(appointments.plannedStart, occurrence.occursAt),
            eq(appointments.plannedEnd, occurrence.plannedEnd!),
            occurrence.assignedEmployeeId === null
              ? isNull(appointments.assignedEmployeeId)
              : eq(appointments.assignedEmployeeId, occurrence.assignedEmployeeId),
          ),
        )
        .returning({ id: appointments.id });
      if (moved.length === 0) {
        kept += 1;
        continue;
      }
      if (
        occurrence.occursAt.getTime() !== start.getTime() ||
        occurrence.plannedEnd?.getTime() !== end.getTime()
      ) {
        changes.movedAppointmentIds.push(occurrence.appointmentId!);
      }
      // The target's due date is the occurrence's day, which a move in place does not change.
      if (occurrence.targetId && occurrence.title !== plan.title) {
        await tx
          .update(targets)
          .set({ title: plan.title })
          .where(and(eq(targets.tenantId, tenantId), eq(targets.id, occurrence.targetId)));
      }
      await tx
        .update(recurringOccurrences)
        // The day is the one it was matched by; stated so that occursAt and occursOn agree.
        .set({ occursAt: start, occursOn: day, planVersion: plan.version })
        .where(and(eq(recurringOccurrences.tenantId, tenantId), eq(recurringOccurrences.id, occurrence.id)));
      updated += 1;
    }

    // --- New occurrences: only for days that have none -----------------------------------------
    const fresh = [...byDay]
      .filter(
        ([day, o]) =>
          !days.has(day) &&
          o.start.getTime() >= from.getTime() &&
          o.start.getTime() < generatedUntil!.getTime(),
      )
      .map(([day, o]) => ({ day, start: o.start }));
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
            occursOn: o.day,
            planVersion: plan.version,
          })),
        )
        // Either unique key — the day or the start — means the slot is taken: skip it.
        .onConflictDoNothing()
        .returning({
          id: recurringOccurrences.id,
          occursAt: recurringOccurrences.occursAt,
          occursOn: recurringOccurrences.occursOn,
        });
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
          end: new Date(occurrence.occursAt.getTime() + duration),
        }));
        changes.created = rows.map((r) => ({ targetId: r.targetId, appointmentId: r.appointmentId }));
        await tx.insert(targets).values(
          rows.map((r) => ({
            id: r.targetId,
            tenantId,
            customerId: plan.customerId,
            locationId: plan.locationId,
            title: plan.title,
            status: "planned" as const,
            priority: location?.defaultPriority ?? "normal",
            dueDate: r.occurrence.occursOn,
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

    if (input.onGenerated && (changes.created.length > 0 || changes.movedAppointmentIds.length > 0)) {
      await input.onGenerated(tx, changes);
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
async function removeOccurrences(tx: Transaction, tenantId: string, removals: Removal[]) {
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
  options: { now?: Date; onGenerated?: OnGenerated } = {},
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
        const outcome = await generateRecurringVisits(db, {
          tenantId,
          planId,
          now,
          ...(options.onGenerated ? { onGenerated: options.onGenerated } : {}),
        });
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
