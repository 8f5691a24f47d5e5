CREATE TABLE "connect_idempotency_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"api_key_id" uuid NOT NULL,
	"key" varchar(255) NOT NULL,
	"procedure" varchar(100) NOT NULL,
	"request_hash" varchar(64) NOT NULL,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "connect_idempotency_keys_tenant_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "import_rows" DROP CONSTRAINT "import_rows_status_check";--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "format" varchar(16) DEFAULT 'rows' NOT NULL;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "mapping" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "dry_run" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "file_key" text;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "file_name" text;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "summary" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "warning_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "import_rows" ADD COLUMN "external_id" varchar(200);--> statement-breakpoint
ALTER TABLE "import_rows" ADD COLUMN "outcome" varchar(16);--> statement-breakpoint
ALTER TABLE "import_rows" ADD COLUMN "errors" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_subscriptions" ADD COLUMN "include_billing" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "contact_persons" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "legal_hold_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tenant_settings" ADD COLUMN "webhook_include_billing" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "connect_idempotency_keys" ADD CONSTRAINT "connect_idempotency_keys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connect_idempotency_keys" ADD CONSTRAINT "connect_idempotency_keys_api_key_fk" FOREIGN KEY ("tenant_id","api_key_id") REFERENCES "public"."api_keys"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "connect_idempotency_keys_key" ON "connect_idempotency_keys" USING btree ("tenant_id","api_key_id","key");--> statement-breakpoint
CREATE INDEX "connect_idempotency_keys_created_idx" ON "connect_idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "contact_persons_sync_idx" ON "contact_persons" USING btree ("tenant_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "locations_sync_idx" ON "locations" USING btree ("tenant_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "follow_ups_sync_idx" ON "follow_ups" USING btree ("tenant_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "appointments_sync_idx" ON "appointments" USING btree ("tenant_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "targets_sync_idx" ON "targets" USING btree ("tenant_id","updated_at","id");--> statement-breakpoint
ALTER TABLE "import_rows" ADD CONSTRAINT "import_rows_status_check" CHECK ("import_rows"."status" in ('pending', 'valid', 'imported', 'unchanged', 'skipped', 'failed'));--> statement-breakpoint
SELECT ordinavo_protect_tenant_tables('public');
--> statement-breakpoint
-- Housekeeping removes expired idempotency keys of every tenant in one statement.
SELECT ordinavo_allow_system_access('connect_idempotency_keys'::regclass);
