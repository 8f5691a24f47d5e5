import { nameOf, roleNames } from "@ordinavo/domain/labels";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { ApiProvider } from "~/components/api-provider";
import { requireWorkspace } from "~/lib/require.server";

export async function loader(args: LoaderFunctionArgs) {
  const { me } = await requireWorkspace(args);
  return me;
}

/** Day-to-day work, each page shown only to those the policy lets use it. */
const workLinks = [
  { to: "/customers", label: "Customers", action: "customer.read" },
  { to: "/targets", label: "Work", action: "target.read" },
  { to: "/board", label: "Dispatch board", action: "appointment.read" },
  { to: "/routes", label: "Routes", action: "route.read" },
  { to: "/recurring", label: "Recurring visits", action: "recurring_plan.read" },
  { to: "/reports", label: "Visit reports", action: "visit_report.read" },
  { to: "/requests", label: "Portal requests", action: "portal_request.read" },
];

/** Administration pages, each shown only to those the policy lets use it. */
const adminLinks = [
  { to: "/settings/users", label: "Users & roles", action: "user.manage" },
  { to: "/settings/api-keys", label: "API keys", action: "api_key.manage" },
  { to: "/settings/webhooks", label: "Webhooks", action: "webhook.manage" },
  { to: "/settings/sign-ins", label: "Sign-in activity", action: "login_events.read" },
  { to: "/settings/retention", label: "Data retention", action: "retention.manage" },
  { to: "/settings/imports", label: "Imports", action: "import.read" },
  { to: "/audit", label: "Audit log", action: "audit_log.read" },
  { to: "/settings/workspace", label: "Workspace settings", action: "tenant_settings.manage" },
];

export default function AppShell() {
  const me = useLoaderData<typeof loader>();
  const allowed = new Set(me.active?.allowedActions ?? []);
  const links = adminLinks.filter((link) => allowed.has(link.action));
  const work = workLinks.filter((link) => allowed.has(link.action));
  return (
    <ApiProvider>
      <div className="shell">
        <a className="skip-link" href="#content">
          Skip to content
        </a>
        <header className="topbar">
          <a className="brand" href="/">
            <span className="brand-mark" aria-hidden="true">
              O
            </span>
            <span>Ordinavo</span>
          </a>
          {me.tenants.length > 1 ? (
            <Form method="post" action="/switch-tenant" className="switcher">
              <label htmlFor="tenant" className="visually-hidden">
                Workspace
              </label>
              <select id="tenant" name="tenantId" defaultValue={me.active?.tenantId}>
                {me.tenants.map((t) => (
                  <option key={t.tenantId} value={t.tenantId}>
                    {t.tenantName}
                  </option>
                ))}
              </select>
              <button type="submit" className="button secondary small">
                Switch
              </button>
            </Form>
          ) : (
            <span className="tenant-name">{me.active?.tenantName}</span>
          )}
          <div className="spacer" />
          <span className="who">
            {me.user.name}
            {me.active ? <span className="muted"> · {nameOf(roleNames, me.active.role)}</span> : null}
          </span>
          <Form method="post" action="/logout">
            <button type="submit" className="button secondary small">
              Sign out
            </button>
          </Form>
        </header>
        <div className="layout">
          <nav className="sidenav" aria-label="Main">
            <NavLink to="/" end>
              Today
            </NavLink>
            {work.map((link) => (
              <NavLink key={link.to} to={link.to}>
                {link.label}
              </NavLink>
            ))}
            {links.length ? <p className="nav-heading">Administration</p> : null}
            {links.map((link) => (
              <NavLink key={link.to} to={link.to}>
                {link.label}
              </NavLink>
            ))}
            <p className="nav-heading">You</p>
            <NavLink to="/account/password">Change password</NavLink>
          </nav>
          <main className="content" id="content" tabIndex={-1}>
            {me.active ? (
              <Outlet />
            ) : (
              <section className="panel">
                <h1>No workspace yet</h1>
                <p className="muted">
                  Your account is not a member of any workspace. Ask a tenant admin to invite you.
                </p>
              </section>
            )}
          </main>
        </div>
      </div>
    </ApiProvider>
  );
}
