-- Two columns the access policy reads (docs/decisions/013-policy-deviations.md). No new table, so
-- no row-level security changes: both tables already have their tenant_isolation policy (0001).
--
-- api_keys.source_system: a key may be limited to one source system; it then sees and writes only
-- external references whose source_system is exactly this text. Null (every existing key) keeps
-- today's behaviour: every source its scopes reach.
ALTER TABLE "api_keys" ADD COLUMN "source_system" varchar(64);--> statement-breakpoint
-- tenant_settings.managers_review_reports: managers approve, return and publish visit reports only
-- where the tenant turns this on. Existing tenants get false, the spec's default ("Visit reports —
-- Manager: View"); no report procedures existed before this migration, so no manager loses a
-- review they were part-way through. An admin turns it on in the workspace settings.
ALTER TABLE "tenant_settings" ADD COLUMN "managers_review_reports" boolean DEFAULT false NOT NULL;
