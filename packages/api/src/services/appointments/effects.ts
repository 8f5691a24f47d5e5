import { recordTimeline, schema, type Transaction } from "@ordinavo/db";
import { appointmentStatusSets, targetMachine } from "@ordinavo/domain";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { StaffContext } from "../context";
import { takesAppointments } from "../targets/views";

// What follows from a change to an appointment, in the same transaction: the customer's
// history, the recurring plan's memory that a person changed the visit, and the target's status.

/**
 * The customer's history: planned and cancelled visits are among the kinds the portal may show
 * (the policy decides per viewer), so they are marked portal-visible.
 */
export async function appointmentTimeline(
  tx: Transaction,
  ctx: StaffContext,
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
export async function markTouched(
  tx: Transaction,
  ctx: StaffContext,
  by: { occurrenceId: string | null } | { appointmentId: string },
) {
  const o = schema.recurringOccurrences;
  const which =
    "appointmentId" in by
      ? eq(o.appointmentId, by.appointmentId)
      : by.occurrenceId
        ? eq(o.id, by.occurrenceId)
        : undefined;
  if (!which) return;
  await tx
    .update(o)
    .set({ touchedAt: new Date() })
    .where(and(eq(o.tenantId, ctx.tenantId), which, isNull(o.touchedAt)));
}

/**
 * Moves the target along with its appointments: planned while one may still happen, open when
 * none is left. Targets that started, ended or were cancelled keep their status.
 */
export async function syncTargetStatus(tx: Transaction, ctx: StaffContext, targetId: string) {
  const { targets: t, appointments: a } = schema;
  const [target] = await tx
    .select({ status: t.status })
    .from(t)
    .where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, targetId)));
  if (!target || !takesAppointments(target.status)) return;
  const [active] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(a)
    .where(
      and(
        eq(a.tenantId, ctx.tenantId),
        eq(a.targetId, targetId),
        inArray(a.status, [...appointmentStatusSets.movable]),
      ),
    );
  const next = active!.n > 0 ? "planned" : "open";
  if (target.status === next || !targetMachine.canTransition(target.status, next)) return;
  await tx
    .update(t)
    .set({ status: next })
    .where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, targetId)));
}
