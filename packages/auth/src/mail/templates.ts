import type { Locale } from "@ordinavo/domain";
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
  /** Portal mails speak the contact's saved language and the service provider's time zone. */
  locale?: Locale;
  timeZone?: string;
}): MailMessage {
  if (input.realm === "portal" && input.locale === "fr") {
    return {
      kind: "portal_password_reset",
      to: input.to,
      subject: "Réinitialisez votre mot de passe du portail client",
      link: input.link,
      text: [
        "Bonjour,",
        "",
        "quelqu'un a demandé à réinitialiser le mot de passe de cette adresse e-mail. Ouvrez ce lien pour en choisir un nouveau :",
        "",
        input.link,
        "",
        `Le lien ne fonctionne qu'une fois et expire le ${localWhen(input.expiresAt, "fr", input.timeZone)}.`,
        "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message ; votre mot de passe reste inchangé.",
      ].join("\n"),
    };
  }
  const expires =
    input.realm === "portal" ? localWhen(input.expiresAt, "en", input.timeZone) : when(input.expiresAt);
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
      `The link works once and expires on ${expires}.`,
      "If you did not ask for this, ignore this mail; your password stays as it is.",
    ].join("\n"),
  };
}

/** "23 November 2026 at 09:00 (Europe/Paris)" / "23 novembre 2026 à 09:00 (Europe/Paris)". */
export function localWhen(date: Date, locale: Locale, timeZone = "UTC"): string {
  let zone = timeZone;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", {
      dateStyle: "long",
      timeStyle: "short",
      timeZone: zone,
    });
  } catch {
    zone = "UTC";
    format = new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", {
      dateStyle: "long",
      timeStyle: "short",
      timeZone: zone,
    });
  }
  return `${format.format(date)} (${zone})`;
}

/** One place an invitation shares: a whole customer, or one of its locations. */
export interface InvitedPlace {
  customerName: string;
  /** null: the whole customer. */
  locationName: string | null;
}

function placeLines(places: readonly InvitedPlace[], locale: Locale): string[] {
  return places.map((place) =>
    place.locationName
      ? `  - ${place.customerName}, ${place.locationName}`
      : `  - ${place.customerName}${locale === "fr" ? " (tous les sites)" : " (all locations)"}`,
  );
}

/**
 * The invitation to the customer portal, in the language chosen for the contact (English or
 * French): who invites, what will be shared, the single-use link and when it expires.
 */
export function portalInvitationMail(input: {
  to: string;
  locale: Locale;
  name: string;
  tenantName: string;
  places: readonly InvitedPlace[];
  link: string;
  expiresAt: Date;
  timeZone?: string;
}): MailMessage {
  const expires = localWhen(input.expiresAt, input.locale, input.timeZone);
  const customers = [...new Set(input.places.map((place) => place.customerName))].join(", ");
  const greeting = input.name.trim();
  if (input.locale === "fr") {
    return {
      kind: "portal_invitation",
      to: input.to,
      subject: `Votre invitation au portail client de ${input.tenantName}`,
      link: input.link,
      text: [
        greeting ? `Bonjour ${greeting},` : "Bonjour,",
        "",
        `${input.tenantName} vous invite sur son portail client pour ${customers}. Vous pourrez y suivre vos demandes, vos rendez-vous et les rapports d'intervention partagés avec vous.`,
        "",
        "Vous aurez accès à :",
        ...placeLines(input.places, "fr"),
        "",
        "Ouvrez ce lien pour accepter l'invitation :",
        "",
        input.link,
        "",
        `Le lien ne fonctionne qu'une fois et expire le ${expires}.`,
        "Si vous n'attendiez pas cette invitation, ignorez ce message.",
      ].join("\n"),
    };
  }
  return {
    kind: "portal_invitation",
    to: input.to,
    subject: `Your invitation to the ${input.tenantName} customer portal`,
    link: input.link,
    text: [
      greeting ? `Hello ${greeting},` : "Hello,",
      "",
      `${input.tenantName} invites you to its customer portal for ${customers}. There you can follow your requests, appointments and the visit reports shared with you.`,
      "",
      "You will have access to:",
      ...placeLines(input.places, "en"),
      "",
      "Open this link to accept the invitation:",
      "",
      input.link,
      "",
      `The link works once and expires on ${expires}.`,
      "If you did not expect this invitation, ignore this mail.",
    ].join("\n"),
  };
}
