import { ZNewPassword } from "@ordinavo/domain";
import { isCommonPassword } from "./common-passwords";
import { normalizeEmail } from "./tokens";

export const COMMON_PASSWORD_MESSAGE =
  "This password is one of the most commonly used and easy to guess. Choose another one.";
export const EMAIL_AS_PASSWORD_MESSAGE = "Do not use your email address as your password.";

export type NewPasswordCheck = { ok: true; password: string } | { ok: false; message: string };

/**
 * Checks a password someone chooses: the domain's length rule (at least 8, long passphrases
 * welcome), then refuses the most common passwords and the person's own email address.
 */
export function checkNewPassword(password: unknown, context: { email?: string } = {}): NewPasswordCheck {
  const parsed = ZNewPassword.safeParse(password);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "Enter a password" };
  if (isCommonPassword(parsed.data)) return { ok: false, message: COMMON_PASSWORD_MESSAGE };
  if (context.email) {
    const email = normalizeEmail(context.email);
    const lower = parsed.data.toLowerCase();
    const localPart = email.split("@")[0] ?? "";
    if (lower === email || (localPart.length > 0 && lower === localPart)) {
      return { ok: false, message: EMAIL_AS_PASSWORD_MESSAGE };
    }
  }
  return { ok: true, password: parsed.data };
}
