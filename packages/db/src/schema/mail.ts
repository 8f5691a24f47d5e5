import { index, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";

/**
 * The development mailbox: without SMTP configured (the embedded default), mails are stored here
 * and listed on a development-only page instead of being sent. Global, like the staff tables:
 * mails go to people, not to a tenant. Never used when SMTP is configured.
 */
export const devMailMessages = pgTable(
  "dev_mail_messages",
  {
    id: id(),
    to: text().notNull(),
    subject: text().notNull(),
    text: text().notNull(),
    /** The one link the mail is about (invitation, password reset), for a clickable list. */
    link: text(),
    createdAt: createdAt(),
  },
  (t) => [index("dev_mail_messages_created_idx").on(t.createdAt)],
);
