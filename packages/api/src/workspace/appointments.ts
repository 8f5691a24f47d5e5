import { ZChangeAppointmentStatusInput } from "@ordinavo/domain";
import { z } from "zod";
import { permitted, workspaceT } from "../realms/workspace";
import { getAppointment, ZAppointmentDetail } from "../services/appointments/detail";
import { ZAppointmentView, ZPlanResult } from "../services/appointments/views";
import {
  changeAppointmentStatus,
  createAppointment,
  rescheduleAppointment,
  ZMoveAppointmentInput,
  ZPlanAppointmentInput,
} from "../services/appointments/write";

export const appointmentsRouter = workspaceT.router({
  /** One appointment with its target, place and assignee, and what the actor may do with it. */
  get: permitted("appointment.read")
    .input(z.object({ appointmentId: z.uuid({ error: "Choose an appointment" }) }))
    .output(ZAppointmentDetail)
    .query(({ ctx, input }) => getAppointment(ctx.service, input)),

  /** Plans a target into an appointment. With a double booking, nothing is written unless `allowConflicts`. */
  create: permitted("appointment.write")
    .input(ZPlanAppointmentInput)
    .output(ZPlanResult)
    .mutation(({ ctx, input }) => createAppointment(ctx.service, input)),

  /**
   * Moves an appointment and/or hands it to someone else (`assignedEmployeeId: null` unassigns,
   * leaving it out keeps the assignee). Same double-booking rule as `create`.
   */
  reschedule: permitted("appointment.write")
    .input(ZMoveAppointmentInput)
    .output(ZPlanResult)
    .mutation(({ ctx, input }) => rescheduleAppointment(ctx.service, input)),

  /** Confirm, cancel or mark a no-show from the workspace; the appointment machine decides. */
  changeStatus: permitted("appointment.write")
    .input(ZChangeAppointmentStatusInput)
    .output(ZAppointmentView)
    .mutation(({ ctx, input }) => changeAppointmentStatus(ctx.service, input)),
});
