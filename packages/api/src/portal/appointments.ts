import { permitted, portalT } from "../realms/portal";
import {
  portalAppointments,
  portalOpenWork,
  ZPortalAppointments,
  ZPortalAppointmentsInput,
  ZPortalOpenWork,
  ZPortalOpenWorkInput,
} from "../services/portal-appointments";

/** Planned work at the places shared with the contact, in the customer's words. */
export const portalAppointmentsRouter = portalT.router({
  /** Upcoming (the next 60 days, soonest first) or recent (the last 30 days, latest first). */
  list: permitted("portal.appointment.read")
    .input(ZPortalAppointmentsInput)
    .output(ZPortalAppointments)
    .query(({ ctx, input }) => portalAppointments(ctx.service, input)),

  /** Work still open (waiting to be planned, planned, in progress), newest first. */
  openWork: permitted("portal.appointment.read")
    .input(ZPortalOpenWorkInput)
    .output(ZPortalOpenWork)
    .query(({ ctx, input }) => portalOpenWork(ctx.service, input)),
});
