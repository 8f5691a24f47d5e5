import { z } from "zod";
import { connectT, permitted } from "../realms/connect";
import { getAppointment, listAppointments, ZListAppointmentsInput } from "../services/connect/reads";
import { connectPage, ZConnectAppointment } from "../services/connect/views";

export { ZConnectAppointment };

export const connectAppointmentsRouter = connectT.router({
  /**
   * Appointments (`appointments:read`), least recently changed first; keyset paged, with
   * `updatedSince`. No employee identities, nothing of routes.
   */
  list: permitted("appointment.read")
    .input(ZListAppointmentsInput)
    .output(connectPage(ZConnectAppointment))
    .query(({ ctx, input }) => listAppointments(ctx.service, input)),

  /** One appointment by id; another tenant's or a missing one is NOT_FOUND. */
  get: permitted("appointment.read")
    .input(z.object({ appointmentId: z.uuid({ error: "appointmentId must be a UUID" }) }))
    .output(ZConnectAppointment)
    .query(({ ctx, input }) => getAppointment(ctx.service, input)),
});
