import { schema, withTenant } from "@ordinavo/db";
import { localDay } from "@ordinavo/domain";
import { assignedWorkExcludedStatuses } from "@ordinavo/policy";
import { and, eq, gte, lt, notInArray } from "drizzle-orm";
import type { StaffContext } from "../context";
import { localDaysRange } from "../planning-days";
import { loadVisitCards } from "./load";
import type { MyDay } from "./views";

// "My day": the signed-in person's own visits of one local day, whatever their role, in the order
// they drive them. Only their own work: the query names them as the assignee.

export function myDay(ctx: StaffContext, input: { day?: string | undefined } = {}): Promise<MyDay> {
  const today = localDay(new Date(), ctx.timeZone);
  const day = input.day ?? today;
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const a = schema.appointments;
    const range = localDaysRange(day, 1, ctx.timeZone);
    const visits = await loadVisitCards(
      tx,
      ctx,
      and(
        eq(a.assignedEmployeeId, ctx.actor.userId),
        gte(a.plannedStart, range.start),
        lt(a.plannedStart, range.end),
        notInArray(a.status, [...assignedWorkExcludedStatuses]),
      ),
    );
    return { day, today, timeZone: ctx.timeZone, visits };
  });
}
