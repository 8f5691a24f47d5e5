import type { Database } from "@ordinavo/db";
import { devMailMessages } from "@ordinavo/db/schema";
import { desc, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { AuthLog } from "../log";

export type MailKind =
  | "staff_invitation"
  | "staff_password_reset"
  | "portal_invitation"
  | "portal_password_reset"
  | "webhook_endpoint_disabled";

export interface MailMessage {
  /** What the mail is, for logs (which never hold the subject or body). */
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
  /** The link the mail is about; shown on the development mail page and in the development log. */
  link?: string;
}

export interface Mailer {
  /** "smtp": sent through the configured server; "dev-mailbox": stored for the development page. */
  transport: "smtp" | "dev-mailbox";
  /** Sends (or stores) the message; rejects when the SMTP server refuses it. */
  send(message: MailMessage): Promise<void>;
  /** Releases the SMTP connection pool, if any. */
  close(): void;
}

export interface MailerOptions {
  db: Database;
  /** smtp://user:pass@host:port or smtps://…; without it mails go to the development mailbox. */
  smtpUrl?: string | null;
  /** The sender, e.g. "Ordinavo <no-reply@example.com>". */
  from: string;
  log: AuthLog;
  /**
   * Development only: log the recipient and the link of each stored mail, so a developer can
   * follow it from the console. Off, a stored mail is logged by its kind only (links hold tokens).
   */
  logLinks?: boolean;
}

/**
 * Mail for invitations and password resets. With `smtpUrl` it goes out through nodemailer's SMTP
 * transport. Without one — the embedded default on a laptop — it is stored in
 * `dev_mail_messages` for the development mail page, and one log line names its kind (with
 * `logLinks`, in development, the recipient and the link too); the body is never logged.
 */
export function createMailer(options: MailerOptions): Mailer {
  const { db, smtpUrl, from, log } = options;
  if (smtpUrl) {
    const transport = nodemailer.createTransport(smtpUrl);
    return {
      transport: "smtp",
      async send(message) {
        try {
          await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
        } catch (error) {
          log.warn("Mail could not be sent", { kind: message.kind, code: errorCode(error) });
          throw error;
        }
        log.info("Mail sent", { kind: message.kind });
      },
      close: () => transport.close(),
    };
  }
  return {
    transport: "dev-mailbox",
    async send(message) {
      await db.insert(devMailMessages).values({
        to: message.to,
        subject: message.subject,
        text: message.text,
        link: message.link ?? null,
      });
      log.info(
        "Mail stored for development",
        options.logLinks ? { to: message.to, link: message.link ?? null } : { kind: message.kind },
      );
    },
    close: () => {},
  };
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown; responseCode?: unknown })?.code;
  const responseCode = (error as { responseCode?: unknown })?.responseCode;
  if (typeof code === "string") return code;
  if (typeof responseCode === "number") return String(responseCode);
  return "unknown";
}

export type DevMailMessage = typeof devMailMessages.$inferSelect;

/**
 * The stored development mails, newest first — for the development-only mail page (and end-to-end
 * tests that follow a link). `to` filters by recipient, case-insensitively.
 */
export async function listDevMail(
  db: Database,
  options: { to?: string; limit?: number } = {},
): Promise<DevMailMessage[]> {
  const m = devMailMessages;
  return db
    .select()
    .from(m)
    .where(options.to ? sql`lower(${m.to}) = ${options.to.trim().toLowerCase()}` : undefined)
    .orderBy(desc(m.createdAt), desc(m.id))
    .limit(options.limit ?? 50);
}
