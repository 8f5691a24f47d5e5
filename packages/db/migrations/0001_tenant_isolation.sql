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
-- True only inside withSystem: platform work that spans tenants (the outbox relay, sign-in and
-- token lookups before a tenant is known). Only the tables listed at the end of this file accept it.
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
      'USING (tenant_id = ordinavo_current_tenant()) '
      'WITH CHECK (tenant_id = ordinavo_current_tenant())',
      target_schema, t.relname);
    protected := protected + 1;
  END LOOP;
  RETURN protected;
END
$$;
--> statement-breakpoint
-- A second, separate policy for the few tables platform work must read across tenants. Kept apart
-- from tenant_isolation on purpose: a policy with an OR in it stops PostgreSQL from using the
-- (tenant_id, ...) indexes, so ordinary tenant queries on the big tables would scan.
CREATE OR REPLACE FUNCTION ordinavo_allow_system_access(target_table regclass) RETURNS void
  LANGUAGE plpgsql
  AS $$
BEGIN
  EXECUTE format('DROP POLICY IF EXISTS system_access ON %s', target_table);
  EXECUTE format(
    'CREATE POLICY system_access ON %s FOR ALL TO PUBLIC '
    'USING (ordinavo_system_access()) WITH CHECK (ordinavo_system_access())',
    target_table);
END
$$;
--> statement-breakpoint
SELECT ordinavo_protect_tenant_tables('public');
--> statement-breakpoint
SELECT ordinavo_allow_system_access(t::regclass) FROM unnest(ARRAY[
  'outbox_events',          -- the relay delivers every tenant's events
  'tenant_memberships',     -- a signed-in person's tenants, for the tenant switcher
  'staff_invitations',      -- accepting an invitation by its token
  'portal_users',           -- portal sign-in by email, before the tenant is known
  'portal_sessions',        -- portal session lookup by token hash
  'portal_password_resets', -- reset by token
  'portal_invitations',     -- accepting a portal invitation by its token
  'api_keys',               -- API key lookup by secret hash
  'login_events',           -- sign-in outcomes recorded before a tenant is known
  'security_events'
]) AS t;
