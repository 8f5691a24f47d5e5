DROP INDEX "customers_name_idx";--> statement-breakpoint
DROP INDEX "locations_city_idx";--> statement-breakpoint
CREATE INDEX "customers_number_search_idx" ON "customers" USING btree ("tenant_id",lower("number") collate "C");--> statement-breakpoint
CREATE INDEX "customers_sorted_name_idx" ON "customers" USING btree ("tenant_id","name","id");--> statement-breakpoint
CREATE INDEX "customers_recent_idx" ON "customers" USING btree ("tenant_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "customers_name_idx" ON "customers" USING btree ("tenant_id",lower("name") collate "C");--> statement-breakpoint
CREATE INDEX "locations_city_idx" ON "locations" USING btree ("tenant_id",lower("city") collate "C","customer_id");