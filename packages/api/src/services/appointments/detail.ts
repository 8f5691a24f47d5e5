import { schema, withTenant } from "@ordinavo/db";
import { appointmentStatuses } from "@ordinavo/domain";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { StaffContext } from "../context";
import {
  appointmentCan,
  appointmentView,
  workspaceNextStatuses,
  ZAppointmentCan,
  ZAppointmentView,
} from "./views";
import { visibleAppointment } from "./visible";

export const ZAppointmentDetail = z.object({
  appointment: ZAppointmentView,
  targetTitle: z.string(),
  customerName: z.string(),
  locationName: z.string().nullable(),
  address: z.string().nullable(),
  assigneeName: z.string().nullable(),
  /** The recurring plan that made it (for planners). */
  recurringPlanId: z.string().nullable(),
  /** Statuses the office may set next (empty for roles that do not plan). */
  nextStatuses: z.array(z.enum(appointmentStatuses)),
  can: ZAppointmentCan,
});

/** One appointment with what it is for and where, and what the actor may do with it. */
export function getAppointment(ctx: StaffContext, input: { appointmentId: string }) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const row = await visibleAppointment(tx, ctx, input.appointmentId);
    const { targets: t, customers: c, locations: l, staffUsers: u, recurringOccurrences: o } = schema;
    const [names] = await tx
      .select({
        targetTitle: t.title,
        customerName: c.name,
        locationName: l.name,
        addressLine1: l.addressLine1,
        city: l.city,
      })
      .from(t)
      .innerJoin(c, and(eq(c.tenantId, t.tenantId), eq(c.id, t.customerId)))
      .leftJoin(l, and(eq(l.tenantId, t.tenantId), eq(l.id, sql`${row.locationId}::uuid`)))
      .where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, row.targetId)));
    const [assignee] = row.assignedEmployeeId
      ? await tx.select({ name: u.name }).from(u).where(eq(u.id, row.assignedEmployeeId))
      : [];
    const can = appointmentCan(ctx, row.status);
    const [occurrence] =
      can.plan && row.recurringOccurrenceId
        ? await tx
            .select({ planId: o.planId })
            .from(o)
            .where(and(eq(o.tenantId, ctx.tenantId), eq(o.id, row.recurringOccurrenceId)))
        : [];
    return {
      appointment: appointmentView(ctx.actor, row, ctx.gates),
      targetTitle: names?.targetTitle ?? "",
      customerName: names?.customerName ?? "",
      locationName: names?.locationName ?? null,
      address: names?.addressLine1 ? `${names.addressLine1}, ${names.city}` : null,
      assigneeName: assignee?.name ?? null,
      recurringPlanId: occurrence?.planId ?? null,
      nextStatuses: workspaceNextStatuses(ctx, row.status),
      can,
    };
  });
}
