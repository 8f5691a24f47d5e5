import { HOUR, MINUTE } from "./clock";

/** Reset links work once, for an hour. */
export const PASSWORD_RESET_LIFETIME_MS = 1 * HOUR;
/** A new reset link is not mailed while one younger than this is still unused (no mail bombing). */
export const PASSWORD_RESET_RESEND_MS = 1 * MINUTE;

export const INVALID_RESET_MESSAGE = "This password reset link is not valid any more. Ask for a new one.";

export type ResetPasswordResult =
  | { ok: true; userId: string; sessionsEnded: number }
  | { ok: false; reason: "invalid_token"; message: string }
  | { ok: false; reason: "password_rejected"; message: string };

export type ChangePasswordResult =
  | { ok: true; sessionsEnded: number }
  | { ok: false; reason: "wrong_password"; message: string }
  | { ok: false; reason: "password_rejected"; message: string };

export interface ChangePasswordOptions {
  /** End every other session of the user (the one in `keepSessionId` stays). */
  endOtherSessions: boolean;
  keepSessionId?: string | null;
}
