// Words and small helpers of the routes page.
import { formatter } from "~/lib/format";

/** "45 min", "1 h 30 min", "2 h". */
export function minutesText(minutes: number): string {
  const rounded = Math.round(minutes);
  if (rounded < 60) return `${rounded} min`;
  const hours = Math.floor(rounded / 60);
  const rest = rounded % 60;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

/** "12.4 km". */
export const kmText = (km: number) => `${Math.round(km * 10) / 10} km`;

export const sameOrder = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id, i) => id === b[i]);

/** The order with the item at `index` moved `by` places (-1: up, 1: down). */
export function moved(order: readonly string[], index: number, by: number): string[] {
  const next = [...order];
  const [item] = next.splice(index, 1);
  next.splice(index + by, 0, item!);
  return next;
}

/** Wall-clock times ("09:05") in the workspace's zone. */
export function timeFormat(timeZone: string) {
  return formatter(timeZone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
}

/** "Tuesday 14 September 2027" for a calendar day. */
export function dayTitle(day: string) {
  return formatter("UTC", { weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

/** A visit whose planned start a new order changed. */
export interface TimeChange {
  appointmentId: string;
  title: string;
  before: Date;
  after: Date;
}

/** The visits whose start differs between two versions of a day, earliest new time first. */
export function timeChangesBetween(
  before: readonly { appointmentId: string; targetTitle: string; plannedStart: Date }[],
  after: readonly { appointmentId: string; targetTitle: string; plannedStart: Date }[],
): TimeChange[] {
  const earlier = new Map(before.map((stop) => [stop.appointmentId, stop.plannedStart]));
  return after
    .filter((stop) => {
      const start = earlier.get(stop.appointmentId);
      return start !== undefined && start.getTime() !== stop.plannedStart.getTime();
    })
    .map((stop) => ({
      appointmentId: stop.appointmentId,
      title: stop.targetTitle,
      before: earlier.get(stop.appointmentId)!,
      after: stop.plannedStart,
    }))
    .sort((x, y) => x.after.getTime() - y.after.getTime());
}
