/** The time source of the auth services; tests inject one to step through expiries. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function later(clock: Clock, ms: number): Date {
  return new Date(clock().getTime() + ms);
}

/**
 * Lucia compares expiry dates with `Date.now()`. The session adapters judge expiry themselves with
 * the injected clock, store renewals computed from it, and hand Lucia each stored expiry shifted
 * onto the wall clock — so Lucia's own checks and its decision when to renew agree with ours. With
 * the system clock the shift is zero.
 */
export function toWallClock(clock: Clock, date: Date): Date {
  return new Date(date.getTime() - (clock().getTime() - Date.now()));
}
