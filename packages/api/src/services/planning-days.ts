import { addDays, zonedInstant } from "@ordinavo/domain";

// Local days as planning reads them. Which days may be asked for at all is the domain's rule
// (`ZPlanningDay`, `planningInstant`: 2000–2099); here they become instants for queries.

/** The UTC range of the local days [from, from + days) in a time zone. */
export function localDaysRange(from: string, days: number, timeZone: string) {
  return { start: zonedInstant(from, 0, timeZone), end: zonedInstant(addDays(from, days), 0, timeZone) };
}
