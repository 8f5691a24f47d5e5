import { addDays, zonedInstant } from "@ordinavo/domain";
import { AppError } from "../../errors";
import type { StaffContext } from "../context";

// Filter pieces the History and the audit log share: a range of local days, and a `like` pattern
// built from text someone typed.

/**
 * Local days (the tenant's time zone, both included) as the instants a query compares with:
 * `from` inclusive, `until` exclusive. A last day before the first is a field error on `to`.
 */
export function localDayRange(ctx: StaffContext, days: { from?: string; to?: string }) {
  if (days.from && days.to && days.to < days.from) {
    throw AppError.field("to", "The last day cannot be before the first day");
  }
  return {
    from: days.from ? zonedInstant(days.from, 0, ctx.timeZone) : null,
    until: days.to ? zonedInstant(addDays(days.to, 1), 0, ctx.timeZone) : null,
  };
}

/** Typed text with the `like` pattern characters escaped, so it matches only itself. */
export const likeEscaped = (text: string) => text.replace(/[\\%_]/g, "\\$&");
