import { z } from "zod";
import { appointmentStatuses } from "../vocabulary";
import { type FieldIssue, report } from "./field-issue";
import { choice, optionalReference, planningInstant, reference } from "./fields";

/** The longest an appointment may last; the database holds to it too (appointments_length_limit). */
export const maxAppointmentMs = 24 * 60 * 60 * 1000;

type Slot = { plannedStart: Date; plannedEnd: Date };

/** An appointment ends after it starts and lasts at most 24 hours. */
export function checkAppointmentSlot(slot: Slot): FieldIssue | null {
  const length = slot.plannedEnd.getTime() - slot.plannedStart.getTime();
  if (length <= 0) return { path: "plannedEnd", message: "The end must be after the start" };
  if (length > maxAppointmentMs) {
    return { path: "plannedEnd", message: "An appointment can last at most 24 hours" };
  }
  return null;
}

const slotFields = {
  plannedStart: planningInstant("Enter the start as a date and time"),
  plannedEnd: planningInstant("Enter the end as a date and time"),
  assignedEmployeeId: optionalReference("Choose an employee"),
};

export const ZCreateAppointmentInput = z
  .object({ targetId: reference("Choose a target"), ...slotFields })
  .superRefine((slot, ctx) => report(ctx, checkAppointmentSlot(slot)));
export type CreateAppointmentInput = z.infer<typeof ZCreateAppointmentInput>;

/** Moves an appointment (and optionally hands it to another employee). */
export const ZRescheduleAppointmentInput = z
  .object({ appointmentId: reference("Choose an appointment"), ...slotFields })
  .superRefine((slot, ctx) => report(ctx, checkAppointmentSlot(slot)));
export type RescheduleAppointmentInput = z.infer<typeof ZRescheduleAppointmentInput>;

/** A status change from the workspace (a dispatcher cancelling, say). The machine decides if it is allowed. */
export const ZChangeAppointmentStatusInput = z.object({
  appointmentId: reference("Choose an appointment"),
  status: choice(appointmentStatuses, "Choose a status"),
});
export type ChangeAppointmentStatusInput = z.infer<typeof ZChangeAppointmentStatusInput>;
