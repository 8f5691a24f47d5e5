import { z } from "zod";
import { passwordMaxLength, passwordMinLength } from "../limits";
import { staffRoles } from "../vocabulary";
import { choice, loginEmail } from "./fields";

export const ZCreateStaffInvitationInput = z.object({
  email: loginEmail,
  role: choice(staffRoles, "Choose a role"),
});
export type CreateStaffInvitationInput = z.infer<typeof ZCreateStaffInvitationInput>;

/**
 * A password someone chooses. Not trimmed: spaces are valid characters, and long passphrases
 * (64 characters and more) are welcome.
 */
export const ZNewPassword = z
  .string({ error: "Enter a password" })
  .min(passwordMinLength, { error: `Use at least ${passwordMinLength} characters` })
  .max(passwordMaxLength, { error: `Use at most ${passwordMaxLength} characters` });
