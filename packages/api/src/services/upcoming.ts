import { schema, type Transaction } from "@ordinavo/db";
import { appointmentStatusSets } from "@ordinavo/domain";
import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { overlapsWindow } from "./appointments/window";
import type { StaffContext } from "./context";
import { scopeWhere } from "./scope";

/** Visits still to come: not finished and not called off. */
const upcomingStatuses = appointmentStatusSets.holdsTime.filter(
  (status) => !(appointmentStatusSets.terminal as readonly string[]).includes(status),
);

export const ZUpcomingVisit = z.object({
  id: z.string(),
  targetTitle: z.string(),
  plannedStart: z.date(),
  plannedEnd: z.date(),
  status: z.string(),
  locationId: z.string().nullable(),
  assigneeName: z.string().nullable(),
});

/** The next visits at a customer or one of its locations that the actor's scope holds (20 at most). */
export async function upcomingVisits(
  tx: Transaction,
  ctx: StaffContext,
  place: { customerId: string } | { locationId: string },
) {
  const { appointments: a, targets: t, staffUsers: u } = schema;
  return tx
    .select({
      id: a.id,
      targetTitle: t.title,
      plannedStart: a.plannedStart,
      plannedEnd: a.plannedEnd,
      status: a.status,
      locationId: a.locationId,
      assigneeName: u.name,
    })
    .from(a)
    .innerJoin(t, and(eq(t.tenantId, a.tenantId), eq(t.id, a.targetId)))
    .leftJoin(u, eq(u.id, a.assignedEmployeeId))
    .where(
      and(
        eq(a.tenantId, ctx.tenantId),
        "customerId" in place ? eq(a.customerId, place.customerId) : eq(a.locationId, place.locationId),
        overlapsWindow(new Date(), null),
        inArray(a.status, [...upcomingStatuses]),
        scopeWhere(ctx, "appointment", { employeeId: a.assignedEmployeeId }),
      ),
    )
    .orderBy(asc(a.plannedStart))
    .limit(20);
}
