-- Tenant isolation inside the database.
--
-- Application queries run as ordinavo_app: no login, not a superuser, owner of nothing, no
-- BYPASSRLS. Every table with a tenant_id column has row-level security enabled AND forced, with
-- one policy: a row is visible and writable only when its tenant_id equals the transaction's
-- app.tenant_id setting (set by withTenant). Outside such a transaction the setting is empty and
-- nothing is visible: the policies fail closed.
--
-- Roles are cluster-wide, so creating the role tolerates it existing already (several databases
-- on one server, or two migrations racing in a test run).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ordinavo_app') THEN
    CREATE ROLE ordinavo_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
  END IF;
EXCEPTION
  WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;
--> statement-breakpoint
-- The migrating user must be able to switch to the application role (superusers always can).
DO $$
BEGIN
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
     AND NOT pg_has_role(current_user, 'ordinavo_app', 'MEMBER') THEN
    EXECUTE format('GRANT ordinavo_app TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO ordinavo_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ordinavo_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ordinavo_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ordinavo_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ordinavo_app;
--> statement-breakpoint
-- The tenant of the current transaction, or NULL outside withTenant.
CREATE OR REPLACE FUNCTION ordinavo_current_tenant() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;
--> statement-breakpoint
-- True only inside withSystem: platform work that spans tenants (the outbox relay, sign-in
-- lookups, scheduled jobs). Application code reaches it through one named function only.
CREATE OR REPLACE FUNCTION ordinavo_system_access() RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT coalesce(current_setting('app.system_access', true), '') = 'on' $$;
--> statement-breakpoint
-- Enables, forces and (re)creates the isolation policy on every table of a schema that has a
-- tenant_id column. Later migrations that add tenant tables call it again.
CREATE OR REPLACE FUNCTION ordinavo_protect_tenant_tables(target_schema text DEFAULT 'public') RETURNS integer
  LANGUAGE plpgsql
  AS $$
DECLARE
  t record;
  protected integer := 0;
BEGIN
  FOR t IN
    SELECT c.relname
    FROM pg_class c
    JOIN pg_namespace ns ON ns.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
    WHERE ns.nspname = target_schema AND c.relkind IN ('r', 'p')
    ORDER BY c.relname
  LOOP
    EXECUTE format('ALTER TABLE %I.%I ENABLE ROW LEVEL SECURITY', target_schema, t.relname);
    EXECUTE format('ALTER TABLE %I.%I FORCE ROW LEVEL SECURITY', target_schema, t.relname);
    EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %I.%I', target_schema, t.relname);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I.%I FOR ALL TO PUBLIC '
      'USING (tenant_id = ordinavo_current_tenant() OR ordinavo_system_access()) '
      'WITH CHECK (tenant_id = ordinavo_current_tenant() OR ordinavo_system_access())',
      target_schema, t.relname);
    protected := protected + 1;
  END LOOP;
  RETURN protected;
END
$$;
--> statement-breakpoint
SELECT ordinavo_protect_tenant_tables('public');
