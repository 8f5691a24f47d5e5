-- The customer History's location filter pages along this index instead of scanning the customer's
-- whole range (measured: ~150–200 ms at 1M entries without it; see packages/api/bench/timeline.ts).
CREATE INDEX "timeline_entries_location_idx" ON "timeline_entries" USING btree ("tenant_id","customer_id","location_id","occurred_at","id");