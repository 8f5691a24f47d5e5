import {
  priorities,
  type TargetStatus,
  targetMachine,
  targetSources,
  targetStatuses,
} from "@ordinavo/domain";
import { type Actor, can, project, type TenantGates } from "@ordinavo/policy";
import { z } from "zod";
import { ZAppointmentView } from "../appointments/views";
import type { StaffContext } from "../context";
import { projected } from "../records";

// What the target services return: fields as the policy lets the role see them, and the flags
// the target page needs.

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

export const targetView = (actor: Actor, row: object, gates: TenantGates) =>
  ZTargetView.parse(project(actor, "target", row, gates));

/** A row of the work list: the target with where it is and how many visits it has. */
export const ZTargetRow = ZTargetView.extend({
  customerName: z.string(),
  locationName: z.string().nullable(),
  city: z.string().nullable(),
  appointmentCount: z.number(),
});

export const ZTargetDetail = z.object({
  target: ZTargetView,
  customerName: z.string(),
  locationName: z.string().nullable(),
  contactName: z.string().nullable(),
  nextStatuses: z.array(z.enum(targetStatuses)),
  appointments: z.array(ZAppointmentView.extend({ assigneeName: z.string().nullable() })),
  can: z.object({
    /** Change its fields and status. */
    edit: z.boolean(),
    /** Plan an appointment for it (the role plans, and the target still takes appointments). */
    plan: z.boolean(),
  }),
});

/**
 * A target takes new appointments while it is planned or may become planned (open work); done,
 * cancelled and started work do not. The target machine decides.
 */
export const takesAppointments = (status: TargetStatus) =>
  status === "planned" || targetMachine.canTransition(status, "planned");

export function targetCan(ctx: StaffContext, status: TargetStatus) {
  return {
    edit: can(ctx.actor, "target.write", ctx.gates),
    plan: can(ctx.actor, "appointment.write", ctx.gates) && takesAppointments(status),
  };
}
