import { recordAudit, recordTimeline, schema, type Transaction, withTenant } from "@ordinavo/db";
import {
  appointmentIs,
  appointmentMachine,
  type ChangeAppointmentStatusInput,
  TransitionError,
  ZCreateAppointmentInput,
  ZRescheduleAppointmentInput,
} from "@ordinavo/domain";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../../errors";
import { auditActor, type StaffContext } from "../context";
import { changedFields, requireMember, staffAuditActor } from "../records";
import { takesAppointments } from "../targets/views";
import { recordWebhookEvent } from "../webhook-events";
import { findConflicts } from "./conflicts";
import { appointmentTimeline, markTouched, syncTargetStatus } from "./effects";
import { appointmentView } from "./views";
import { visibleAppointment, visibleTarget } from "./visible";

// Planning, moving and the office's status changes. A double booking is returned as conflicts and
// nothing is written, unless the caller says it has seen them (`allowConflicts`).

export const ZPlanAppointmentInput = ZCreateAppointmentInput.safeExtend({
  fixedTime: z.boolean().default(false),
  allowConflicts: z.boolean().default(false),
});
export type PlanAppointmentInput = z.output<typeof ZPlanAppointmentInput>;

export const ZMoveAppointmentInput = ZRescheduleAppointmentInput.safeExtend({
  /** Leave out to keep the appointment's fixed-time flag. */
  fixedTime: z.boolean().optional(),
  allowConflicts: z.boolean().default(false),
});
export type MoveAppointmentInput = z.output<typeof ZMoveAppointmentInput>;

const words = (status: string) => status.replaceAll("_", " ");

/** A move is history, and a customer-safe milestone the portal's reduced timeline shows. */
async function movedInHistory(
  tx: Transaction,
  ctx: StaffContext,
  appointment: { id: string; customerId: string; locationId: string | null },
) {
  await recordTimeline(tx, {
    tenantId: ctx.tenantId,
    customerId: appointment.customerId,
    locationId: appointment.locationId,
    kind: "appointment_moved",
    objectType: "appointment",
    objectId: appointment.id,
    occurredAt: new Date(),
    actor: auditActor(ctx.actor),
    portalVisible: true,
  });
}

/** Plans a target into an appointment. */
export function createAppointment(ctx: StaffContext, input: PlanAppointmentInput) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const target = await visibleTarget(tx, ctx, input.targetId);
    if (!takesAppointments(target.status)) {
      throw AppError.field(
        "targetId",
        `This target is ${words(target.status)}; only open or planned work can get appointments`,
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
    await recordWebhookEvent(tx, ctx, "appointment.planned", row!.id);
    return { appointment: appointmentView(ctx.actor, row!, ctx.gates), conflicts };
  });
}

/**
 * Moves an appointment and/or hands it to someone else (`assignedEmployeeId: null` unassigns,
 * leaving it out keeps the assignee). A confirmed slot that moves needs confirming again.
 */
export function rescheduleAppointment(ctx: StaffContext, input: MoveAppointmentInput) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const before = await visibleAppointment(tx, ctx, input.appointmentId, true);
    if (!appointmentIs("movable", before.status)) {
      throw AppError.field(
        "plannedStart",
        `This appointment is ${words(before.status)} and can no longer be moved`,
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
      status:
        before.status === "confirmed" && before.plannedStart.getTime() !== input.plannedStart.getTime()
          ? ("scheduled" as const)
          : before.status,
    };
    const changed = changedFields(before, change);
    if (!changed.length) return { appointment: appointmentView(ctx.actor, before, ctx.gates), conflicts: [] };
    const a = schema.appointments;
    const [row] = await tx
      .update(a)
      .set(change)
      .where(and(eq(a.tenantId, ctx.tenantId), eq(a.id, before.id)))
      .returning();
    await markTouched(tx, ctx, { occurrenceId: before.recurringOccurrenceId });
    // A new time is history; handing the visit to someone else alone is in the audit log.
    if (changed.includes("plannedStart") || changed.includes("plannedEnd")) {
      await movedInHistory(tx, ctx, row!);
    }
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actor: staffAuditActor(ctx.actor),
      action: "appointment.rescheduled",
      objectType: "appointment",
      objectId: before.id,
      changedFields: changed,
      metadata: { doubleBooked: conflicts.length > 0 },
    });
    // Connected systems hear of a new time (or fixed-time flag); who does the visit stays inside.
    if (changed.some((field) => field !== "assignedEmployeeId")) {
      await recordWebhookEvent(tx, ctx, "appointment.moved", before.id);
    }
    return { appointment: appointmentView(ctx.actor, row!, ctx.gates), conflicts };
  });
}

/** Confirm, cancel or mark a no-show from the workspace; the appointment machine decides. */
export function changeAppointmentStatus(ctx: StaffContext, input: ChangeAppointmentStatusInput) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const before = await visibleAppointment(tx, ctx, input.appointmentId, true);
    // On-site progress is the employee's to record, from the visit itself.
    if (!appointmentIs("setInWorkspace", input.status)) {
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
    await markTouched(tx, ctx, { occurrenceId: before.recurringOccurrenceId });
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
    // Connected systems hear of the office's status changes as they hear of the field's.
    await recordWebhookEvent(tx, ctx, "appointment.status_changed", before.id);
    return appointmentView(ctx.actor, row!, ctx.gates);
  });
}
