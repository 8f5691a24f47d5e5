CREATE TABLE "customer_search_terms" (
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"location_id" uuid,
	"contact_person_id" uuid,
	"kind" varchar(16) NOT NULL,
	"term" text NOT NULL
);
--> statement-breakpoint
DROP INDEX "customers_search_name_idx";--> statement-breakpoint
DROP INDEX "customers_search_number_idx";--> statement-breakpoint
DROP INDEX "locations_search_city_idx";--> statement-breakpoint
ALTER TABLE "customer_search_terms" ADD CONSTRAINT "customer_search_terms_customer_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_search_terms_term_idx" ON "customer_search_terms" USING btree ("tenant_id",("term" collate "C"),"kind","customer_id");--> statement-breakpoint
CREATE INDEX "customer_search_terms_customer_idx" ON "customer_search_terms" USING btree ("tenant_id","customer_id",("term" collate "C"));--> statement-breakpoint
ALTER TABLE "customers" DROP COLUMN "search_name";--> statement-breakpoint
ALTER TABLE "customers" DROP COLUMN "search_number";--> statement-breakpoint
ALTER TABLE "locations" DROP COLUMN "search_city";--> statement-breakpoint
-- Customer search by words (decision 018). The functions below fold text the way
-- @ordinavo/domain's search.ts folds what people type; a test compares the two on both engines.
-- lower() only lowers ASCII under the C locale, so the table maps upper- and lower-case accents.
CREATE OR REPLACE FUNCTION ordinavo_search_fold(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT replace(replace(replace(replace(replace(translate(lower(value),
    'àáâãäåāăąçćčďđèéêëēėęěìíîïīįıñńňòóôõöøōőùúûüūůűųýÿžźżśšşłřţťÀÁÂÃÄÅĀĂĄÇĆČĎĐÈÉÊËĒĖĘĚÌÍÎÏĪĮİÑŃŇÒÓÔÕÖØŌŐÙÚÛÜŪŮŰŲÝŸŽŹŻŚŠŞŁŘŢŤ',
    'aaaaaaaaacccddeeeeeeeeiiiiiiinnnoooooooouuuuuuuuyyzzzssslrttaaaaaaaaacccddeeeeeeeeiiiiiiinnnoooooooouuuuuuuuyyzzzssslrtt'),
    'œ', 'oe'), 'Œ', 'oe'), 'æ', 'ae'), 'Æ', 'ae'), 'ß', 'ss') $$;
--> statement-breakpoint
-- The distinct folded words of a text: runs of a-z and 0-9.
CREATE OR REPLACE FUNCTION ordinavo_search_words(value text) RETURNS SETOF text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT DISTINCT w FROM regexp_split_to_table(ordinavo_search_fold(coalesce(value, '')), '[^a-z0-9]+') AS w
        WHERE w <> '' $$;
--> statement-breakpoint
-- The folded text with each run of other characters made one space ("C-1012" -> "c 1012").
CREATE OR REPLACE FUNCTION ordinavo_search_phrase(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT nullif(btrim(regexp_replace(ordinavo_search_fold(coalesce(value, '')), '[^a-z0-9]+', ' ', 'g')), '') $$;
--> statement-breakpoint
-- A phone number's national digits: punctuation, a +33 / 0033 prefix and the trunk 0 dropped.
CREATE OR REPLACE FUNCTION ordinavo_search_phone(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT nullif(ltrim(CASE WHEN value ~ '^\s*(\+|00)\s*33'
        THEN regexp_replace(regexp_replace(value, '\D', '', 'g'), '^(00)?33', '')
        ELSE regexp_replace(coalesce(value, ''), '\D', '', 'g') END, '0'), '') $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ordinavo_customer_terms(name text, number text, email text, phone text)
  RETURNS TABLE (kind text, term text)
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT DISTINCT k, t FROM (
      SELECT 'name', ordinavo_search_phrase(name)
      UNION ALL SELECT 'word', w FROM ordinavo_search_words(name) AS w
      UNION ALL SELECT 'number', ordinavo_search_phrase(number)
      UNION ALL SELECT 'number', nullif(regexp_replace(ordinavo_search_fold(number), '[^a-z0-9]+', '', 'g'), '')
      UNION ALL SELECT 'number', nullif(regexp_replace(number, '\D', '', 'g'), '')
      UNION ALL SELECT 'number', nullif(ltrim(regexp_replace(number, '\D', '', 'g'), '0'), '')
      UNION ALL SELECT 'email', w FROM ordinavo_search_words(email) AS w
      UNION ALL SELECT 'phone', ordinavo_search_phone(phone)
    ) AS terms (k, t)
    WHERE t IS NOT NULL
  $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ordinavo_location_terms(name text, line1 text, line2 text, postal_code text, city text)
  RETURNS TABLE (kind text, term text)
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT DISTINCT 'site', w FROM ordinavo_search_words(
      concat_ws(' ', name, line1, line2, postal_code, city)) AS w
  $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ordinavo_contact_terms(name text, email text, phone text, mobile text)
  RETURNS TABLE (kind text, term text)
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT DISTINCT k, t FROM (
      SELECT 'contact', w FROM ordinavo_search_words(name) AS w
      UNION ALL SELECT 'contact_email', w FROM ordinavo_search_words(email) AS w
      UNION ALL SELECT 'contact_phone', ordinavo_search_phone(phone)
      UNION ALL SELECT 'contact_phone', ordinavo_search_phone(mobile)
    ) AS terms (k, t)
    WHERE t IS NOT NULL
  $$;
--> statement-breakpoint
-- Statement triggers with transition tables: one INSERT ... SELECT per statement, so an import of
-- thousands of rows indexes them in one pass. An update re-indexes only rows whose searched
-- fields (or archived / erased state) changed.
CREATE OR REPLACE FUNCTION ordinavo_index_customers() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM customer_search_terms s
      USING new_rows n JOIN old_rows o ON o.id = n.id
      WHERE s.tenant_id = n.tenant_id AND s.customer_id = n.id
        AND s.location_id IS NULL AND s.contact_person_id IS NULL
        AND (o.name, o.number, o.email, o.phone) IS DISTINCT FROM (n.name, n.number, n.email, n.phone);
    INSERT INTO customer_search_terms (tenant_id, customer_id, kind, term)
      SELECT n.tenant_id, n.id, t.kind, t.term
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      CROSS JOIN LATERAL ordinavo_customer_terms(n.name, n.number, n.email, n.phone) AS t
      WHERE (o.name, o.number, o.email, o.phone) IS DISTINCT FROM (n.name, n.number, n.email, n.phone);
  ELSE
    INSERT INTO customer_search_terms (tenant_id, customer_id, kind, term)
      SELECT n.tenant_id, n.id, t.kind, t.term
      FROM new_rows n CROSS JOIN LATERAL ordinavo_customer_terms(n.name, n.number, n.email, n.phone) AS t;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Archived locations are not searched (as before): their words go when archived, return on restore.
CREATE OR REPLACE FUNCTION ordinavo_index_locations() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    -- Found through the customer's index; a customer's own deletion takes its words by cascade.
    DELETE FROM customer_search_terms s USING old_rows o
      WHERE s.tenant_id = o.tenant_id AND s.customer_id = o.customer_id AND s.location_id = o.id;
  ELSIF TG_OP = 'UPDATE' THEN
    DELETE FROM customer_search_terms s
      USING new_rows n JOIN old_rows o ON o.id = n.id
      WHERE s.tenant_id = o.tenant_id AND s.customer_id = o.customer_id AND s.location_id = o.id
        AND (o.customer_id, o.name, o.address_line1, o.address_line2, o.postal_code, o.city, o.archived_at IS NULL)
          IS DISTINCT FROM (n.customer_id, n.name, n.address_line1, n.address_line2, n.postal_code, n.city, n.archived_at IS NULL);
    INSERT INTO customer_search_terms (tenant_id, customer_id, location_id, kind, term)
      SELECT n.tenant_id, n.customer_id, n.id, t.kind, t.term
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      CROSS JOIN LATERAL ordinavo_location_terms(n.name, n.address_line1, n.address_line2, n.postal_code, n.city) AS t
      WHERE n.archived_at IS NULL
        AND (o.customer_id, o.name, o.address_line1, o.address_line2, o.postal_code, o.city, o.archived_at IS NULL)
          IS DISTINCT FROM (n.customer_id, n.name, n.address_line1, n.address_line2, n.postal_code, n.city, n.archived_at IS NULL);
  ELSE
    INSERT INTO customer_search_terms (tenant_id, customer_id, location_id, kind, term)
      SELECT n.tenant_id, n.customer_id, n.id, t.kind, t.term
      FROM new_rows n
      CROSS JOIN LATERAL ordinavo_location_terms(n.name, n.address_line1, n.address_line2, n.postal_code, n.city) AS t
      WHERE n.archived_at IS NULL;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Archived and erased contact persons are not searched.
CREATE OR REPLACE FUNCTION ordinavo_index_contact_persons() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM customer_search_terms s USING old_rows o
      WHERE s.tenant_id = o.tenant_id AND s.customer_id = o.customer_id AND s.contact_person_id = o.id;
  ELSIF TG_OP = 'UPDATE' THEN
    DELETE FROM customer_search_terms s
      USING new_rows n JOIN old_rows o ON o.id = n.id
      WHERE s.tenant_id = o.tenant_id AND s.customer_id = o.customer_id AND s.contact_person_id = o.id
        AND (o.customer_id, o.name, o.email, o.phone, o.mobile, o.archived_at IS NULL AND o.erased_at IS NULL)
          IS DISTINCT FROM (n.customer_id, n.name, n.email, n.phone, n.mobile, n.archived_at IS NULL AND n.erased_at IS NULL);
    INSERT INTO customer_search_terms (tenant_id, customer_id, contact_person_id, kind, term)
      SELECT n.tenant_id, n.customer_id, n.id, t.kind, t.term
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      CROSS JOIN LATERAL ordinavo_contact_terms(n.name, n.email, n.phone, n.mobile) AS t
      WHERE n.archived_at IS NULL AND n.erased_at IS NULL
        AND (o.customer_id, o.name, o.email, o.phone, o.mobile, o.archived_at IS NULL AND o.erased_at IS NULL)
          IS DISTINCT FROM (n.customer_id, n.name, n.email, n.phone, n.mobile, n.archived_at IS NULL AND n.erased_at IS NULL);
  ELSE
    INSERT INTO customer_search_terms (tenant_id, customer_id, contact_person_id, kind, term)
      SELECT n.tenant_id, n.customer_id, n.id, t.kind, t.term
      FROM new_rows n CROSS JOIN LATERAL ordinavo_contact_terms(n.name, n.email, n.phone, n.mobile) AS t
      WHERE n.archived_at IS NULL AND n.erased_at IS NULL;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER customers_search_insert AFTER INSERT ON customers
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ordinavo_index_customers();
--> statement-breakpoint
CREATE TRIGGER customers_search_update AFTER UPDATE ON customers
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ordinavo_index_customers();
--> statement-breakpoint
CREATE TRIGGER locations_search_insert AFTER INSERT ON locations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ordinavo_index_locations();
--> statement-breakpoint
CREATE TRIGGER locations_search_update AFTER UPDATE ON locations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ordinavo_index_locations();
--> statement-breakpoint
CREATE TRIGGER locations_search_delete AFTER DELETE ON locations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ordinavo_index_locations();
--> statement-breakpoint
CREATE TRIGGER contact_persons_search_insert AFTER INSERT ON contact_persons
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ordinavo_index_contact_persons();
--> statement-breakpoint
CREATE TRIGGER contact_persons_search_update AFTER UPDATE ON contact_persons
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ordinavo_index_contact_persons();
--> statement-breakpoint
CREATE TRIGGER contact_persons_search_delete AFTER DELETE ON contact_persons
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ordinavo_index_contact_persons();
--> statement-breakpoint
-- Existing customers, one tenant at a time (a non-superuser owner sees rows only with the tenant
-- set; a superuser sees them anyway: every statement names the tenant too, as in 0005).
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT id FROM tenants ORDER BY id LOOP
    PERFORM set_config('app.tenant_id', t.id::text, true);
    INSERT INTO customer_search_terms (tenant_id, customer_id, kind, term)
      SELECT c.tenant_id, c.id, x.kind, x.term FROM customers c
      CROSS JOIN LATERAL ordinavo_customer_terms(c.name, c.number, c.email, c.phone) AS x
      WHERE c.tenant_id = t.id;
    INSERT INTO customer_search_terms (tenant_id, customer_id, location_id, kind, term)
      SELECT l.tenant_id, l.customer_id, l.id, x.kind, x.term FROM locations l
      CROSS JOIN LATERAL ordinavo_location_terms(l.name, l.address_line1, l.address_line2, l.postal_code, l.city) AS x
      WHERE l.tenant_id = t.id AND l.archived_at IS NULL;
    INSERT INTO customer_search_terms (tenant_id, customer_id, contact_person_id, kind, term)
      SELECT p.tenant_id, p.customer_id, p.id, x.kind, x.term FROM contact_persons p
      CROSS JOIN LATERAL ordinavo_contact_terms(p.name, p.email, p.phone, p.mobile) AS x
      WHERE p.tenant_id = t.id AND p.archived_at IS NULL AND p.erased_at IS NULL;
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
END
$$;
--> statement-breakpoint
SELECT ordinavo_protect_tenant_tables('public');
