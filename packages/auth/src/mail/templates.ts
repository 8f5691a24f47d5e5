import type { StaffRole } from "@ordinavo/domain/vocabulary";
import type { MailMessage } from "./mailer";

const roleNames: Record<StaffRole, string> = {
  tenant_admin: "tenant admin",
  manager: "manager",
  dispatcher: "dispatcher",
  employee: "employee",
};

const when = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export function staffInvitationMail(input: {
  to: string;
  tenantName: string;
  role: StaffRole;
  link: string;
  expiresAt: Date;
}): MailMessage {
  return {
    kind: "staff_invitation",
    to: input.to,
    subject: `You are invited to ${input.tenantName} on Ordinavo`,
    link: input.link,
    text: [
      "Hello,",
      "",
      `you have been invited to join ${input.tenantName} on Ordinavo as ${roleNames[input.role]}.`,
      "Open this link to accept the invitation:",
      "",
      input.link,
      "",
      `The link works once and expires on ${when(input.expiresAt)}.`,
      "If you did not expect this invitation, ignore this mail.",
    ].join("\n"),
  };
}

export function passwordResetMail(input: {
  realm: "staff" | "portal";
  to: string;
  link: string;
  expiresAt: Date;
}): MailMessage {
  return {
    kind: input.realm === "staff" ? "staff_password_reset" : "portal_password_reset",
    to: input.to,
    subject: input.realm === "staff" ? "Reset your Ordinavo password" : "Reset your customer portal password",
    link: input.link,
    text: [
      "Hello,",
      "",
      "someone asked to reset the password for this email address. Open this link to choose a new one:",
      "",
      input.link,
      "",
      `The link works once and expires on ${when(input.expiresAt)}.`,
      "If you did not ask for this, ignore this mail; your password stays as it is.",
    ].join("\n"),
  };
}
