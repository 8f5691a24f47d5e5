import { schema, type Transaction } from "@ordinavo/db";
import { appointmentIs, appointmentStatusSets } from "@ordinavo/domain";
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import type { StaffContext } from "../context";
import type { Conflict } from "./views";
import { overlapsWindow } from "./window";

// Two visits of one person at the same time. Planning by hand asks before it double-books
// (`findConflicts`); generated visits and work that ran over do not ask, so the board points
// them out (`overlappingIds`). Both count the statuses that hold an employee's time.

const dayFormat = (timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", day: "numeric", month: "short" });
const timeFormat = (timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/**
 * Other appointments of the employee that overlap [start, end). Planning goes ahead only when the
 * caller has seen them (`allowConflicts`), so a double booking is always a decision.
 */
export async function findConflicts(
  tx: Transaction,
  ctx: StaffContext,
  slot: { employeeId: string | null | undefined; start: Date; end: Date; exceptId?: string },
): Promise<Conflict[]> {
  if (!slot.employeeId) return [];
  const { appointments: a, targets: t, customers: c } = schema;
  const rows = await tx
    .select({
      appointmentId: a.id,
      targetTitle: t.title,
      customerName: c.name,
      plannedStart: a.plannedStart,
      plannedEnd: a.plannedEnd,
    })
    .from(a)
    .innerJoin(t, and(eq(t.tenantId, a.tenantId), eq(t.id, a.targetId)))
    .innerJoin(c, and(eq(c.tenantId, a.tenantId), eq(c.id, a.customerId)))
    .where(
      and(
        eq(a.tenantId, ctx.tenantId),
        eq(a.assignedEmployeeId, slot.employeeId),
        inArray(a.status, [...appointmentStatusSets.holdsTime]),
        overlapsWindow(slot.start, slot.end),
        slot.exceptId ? ne(a.id, slot.exceptId) : undefined,
      ),
    )
    .orderBy(asc(a.plannedStart))
    .limit(5);
  const time = timeFormat(ctx.timeZone);
  const day = dayFormat(ctx.timeZone);
  return rows.map((row) => ({
    ...row,
    message: `Overlaps with “${row.targetTitle}” at ${row.customerName}, ${time.format(row.plannedStart)}–${time.format(row.plannedEnd)} (${day.format(row.plannedStart)})`,
  }));
}

/** The appointments among `rows` that share time with another of the same employee. */
export function overlappingIds(
  rows: readonly {
    id: string;
    assignedEmployeeId: string | null;
    plannedStart: Date;
    plannedEnd: Date;
    status: string;
  }[],
): Set<string> {
  const found = new Set<string>();
  const byEmployee = new Map<string, typeof rows>();
  for (const row of rows) {
    if (!row.assignedEmployeeId || !appointmentIs("holdsTime", row.status)) continue;
    byEmployee.set(row.assignedEmployeeId, [...(byEmployee.get(row.assignedEmployeeId) ?? []), row]);
  }
  for (const list of byEmployee.values()) {
    const sorted = [...list].sort((a, b) => a.plannedStart.getTime() - b.plannedStart.getTime());
    let latest = sorted[0];
    for (const row of sorted.slice(1)) {
      if (latest && row.plannedStart < latest.plannedEnd) {
        found.add(row.id);
        found.add(latest.id);
      }
      if (!latest || row.plannedEnd > latest.plannedEnd) latest = row;
    }
  }
  return found;
}
