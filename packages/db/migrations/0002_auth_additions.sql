CREATE TABLE "dev_mail_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"to" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"link" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "dev_mail_messages_created_idx" ON "dev_mail_messages" USING btree ("created_at");--> statement-breakpoint
-- Default privileges from 0001 already cover new tables made by the migrating user; stated here
-- as well so the application role can use the dev mailbox whoever migrates.
GRANT SELECT, INSERT, UPDATE, DELETE ON "dev_mail_messages" TO ordinavo_app;
--> statement-breakpoint
-- Sign-in throttling asks "did this account recently sign in successfully from this address?"
-- (such addresses are exempt from the per-account delay, so an attacker cannot lock a real user
-- out). Written by hand: the login_events table is declared in identity.ts, which this migration
-- does not change, so drizzle-kit does not know this index and will not touch it.
CREATE INDEX IF NOT EXISTS "login_events_email_idx" ON "login_events" USING btree ("realm", "email_hash", "created_at");
