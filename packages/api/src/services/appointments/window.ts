import { schema } from "@ordinavo/db";
import { maxAppointmentMs } from "@ordinavo/domain";
import { and, gt, gte, lt, type SQL } from "drizzle-orm";

/**
 * SQL: the appointment overlaps [start, end). An appointment lasts at most a day (the domain and
 * the database's appointments_length_limit), so one that overlaps started at most a day before
 * `start`: that lower bound lets the (…, planned_start) indexes read the window alone instead of
 * every earlier appointment.
 */
export function overlapsWindow(start: Date, end: Date | null): SQL {
  const a = schema.appointments;
  return and(
    gte(a.plannedStart, new Date(start.getTime() - maxAppointmentMs)),
    end ? lt(a.plannedStart, end) : undefined,
    gt(a.plannedEnd, start),
  ) as SQL;
}
