import { schema, withTenant } from "@ordinavo/db";
import { targetMachine } from "@ordinavo/domain";
import { can, canSeeAppointment } from "@ordinavo/policy";
import { and, asc, eq, sql } from "drizzle-orm";
import { appointmentView } from "../appointments/views";
import { visibleTarget } from "../appointments/visible";
import type { StaffContext } from "../context";
import { targetCan, targetView } from "./views";

/** One target with its customer, place, contact and the appointments the actor may see. */
export function getTarget(ctx: StaffContext, input: { targetId: string }) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const target = await visibleTarget(tx, ctx, input.targetId);
    const { customers: c, locations: l, contactPersons: p, appointments: a, staffUsers: u } = schema;
    const [names] = await tx
      .select({ customerName: c.name, locationName: l.name, contactName: p.name })
      .from(c)
      .leftJoin(l, and(eq(l.tenantId, c.tenantId), eq(l.id, sql`${target.locationId}::uuid`)))
      .leftJoin(p, and(eq(p.tenantId, c.tenantId), eq(p.id, sql`${target.contactId}::uuid`)))
      .where(and(eq(c.tenantId, ctx.tenantId), eq(c.id, target.customerId)));
    const appointments = await tx
      .select({ row: a, assigneeName: u.name })
      .from(a)
      .leftJoin(u, eq(u.id, a.assignedEmployeeId))
      .where(and(eq(a.tenantId, ctx.tenantId), eq(a.targetId, target.id)))
      .orderBy(asc(a.plannedStart));
    const flags = targetCan(ctx, target.status);
    return {
      target: targetView(ctx.actor, target, ctx.gates),
      customerName: names?.customerName ?? "",
      locationName: names?.locationName ?? null,
      contactName: can(ctx.actor, "contact.read", ctx.gates) ? (names?.contactName ?? null) : null,
      nextStatuses: flags.edit ? [...targetMachine.nextStatuses(target.status)] : [],
      appointments: appointments
        .filter(({ row }) => canSeeAppointment(ctx.actor, row, ctx.gates))
        .map(({ row, assigneeName }) => ({ ...appointmentView(ctx.actor, row, ctx.gates), assigneeName })),
      can: flags,
    };
  });
}
