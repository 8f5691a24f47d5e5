DROP INDEX "customers_name_idx";--> statement-breakpoint
DROP INDEX "customers_number_search_idx";--> statement-breakpoint
DROP INDEX "locations_city_idx";--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "search_name" text GENERATED ALWAYS AS (lower(name)) STORED;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "search_number" text GENERATED ALWAYS AS (lower(number)) STORED;--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "search_city" text GENERATED ALWAYS AS (lower(city)) STORED;--> statement-breakpoint
CREATE INDEX "customers_search_name_idx" ON "customers" USING btree ("tenant_id",("search_name" collate "C"));--> statement-breakpoint
CREATE INDEX "customers_search_number_idx" ON "customers" USING btree ("tenant_id",("search_number" collate "C"));--> statement-breakpoint
CREATE INDEX "locations_search_city_idx" ON "locations" USING btree ("tenant_id",("search_city" collate "C"),"customer_id");