import {
  type AppointmentStatus,
  appointmentIs,
  appointmentMachine,
  appointmentStatuses,
} from "@ordinavo/domain";
import { type Actor, can, project, type TenantGates } from "@ordinavo/policy";
import { z } from "zod";
import type { StaffContext } from "../context";
import { projected } from "../records";

// What the appointment services return. Fields follow the policy's field lists (`project`); the
// `can` flags tell a screen which actions the server will accept for this appointment.

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
export type AppointmentView = z.infer<typeof ZAppointmentView>;

export const appointmentView = (actor: Actor, row: object, gates: TenantGates) =>
  ZAppointmentView.parse(project(actor, "appointment", row, gates));

export const ZConflict = z.object({
  appointmentId: z.string(),
  targetTitle: z.string(),
  customerName: z.string(),
  plannedStart: z.date(),
  plannedEnd: z.date(),
  /** "Overlaps with “Boiler service” at Boulangerie Martin, 09:00–10:00 (Tue 3 Mar)". */
  message: z.string(),
});
export type Conflict = z.infer<typeof ZConflict>;

/** Planning or moving: the saved appointment, or null with the conflicts that stopped it. */
export const ZPlanResult = z.object({
  appointment: ZAppointmentView.nullable(),
  conflicts: z.array(ZConflict),
});

export const ZAppointmentCan = z.object({
  /** Plans and changes appointments at all (the page shows planning tools). */
  plan: z.boolean(),
  /** Moves it to another time. */
  move: z.boolean(),
  /** Hands it to someone else. */
  reassign: z.boolean(),
  /** Sets one of `nextStatuses`. */
  setStatus: z.boolean(),
  cancel: z.boolean(),
});

/** The statuses the office may set next; on-site progress is the assigned employee's to record. */
export function workspaceNextStatuses(ctx: StaffContext, status: AppointmentStatus): AppointmentStatus[] {
  if (!can(ctx.actor, "appointment.write", ctx.gates)) return [];
  return appointmentMachine.nextStatuses(status).filter((next) => appointmentIs("setInWorkspace", next));
}

/** What the actor may do with this appointment, as the server's checks will decide. */
export function appointmentCan(
  ctx: StaffContext,
  status: AppointmentStatus,
): z.infer<typeof ZAppointmentCan> {
  const plan = can(ctx.actor, "appointment.write", ctx.gates);
  const movable = plan && appointmentIs("movable", status);
  const next = workspaceNextStatuses(ctx, status);
  return {
    plan,
    move: movable,
    reassign: movable,
    setStatus: next.length > 0,
    cancel: next.includes("cancelled"),
  };
}
