import { nameOf, roleNames } from "@ordinavo/domain/labels";
import type { MetaFunction } from "@remix-run/node";
import { Link, useRouteLoaderData } from "@remix-run/react";
import type { loader as appLoader } from "./_app";

export const meta: MetaFunction = () => [{ title: "Overview · Ordinavo Workspace" }];

export default function Overview() {
  const me = useRouteLoaderData<typeof appLoader>("routes/_app");
  if (!me?.active) return null;
  const allowed = new Set(me.active.allowedActions);
  return (
    <section className="stack">
      <header>
        <p className="eyebrow">{me.active.tenantName}</p>
        <h1>Welcome, {me.user.name.split(" ")[0]}</h1>
      </header>
      <div className="panel">
        <h2>Your access</h2>
        <p className="muted">
          You are signed in to <strong>{me.active.tenantName}</strong> as{" "}
          <strong>{nameOf(roleNames, me.active.role).toLowerCase()}</strong>. Times are shown in{" "}
          {me.active.timeZone}.
        </p>
        <ul className="link-list">
          {allowed.has("user.manage") ? (
            <li>
              <Link to="/settings/users">Invite people and manage roles</Link>
            </li>
          ) : null}
          {allowed.has("api_key.manage") ? (
            <li>
              <Link to="/settings/api-keys">Create API keys for integrations</Link>
            </li>
          ) : null}
          {allowed.has("tenant_settings.manage") ? (
            <li>
              <Link to="/settings/workspace">Set the time zone and feature switches</Link>
            </li>
          ) : null}
          {allowed.has("login_events.read") ? (
            <li>
              <Link to="/settings/sign-ins">Review sign-in activity</Link>
            </li>
          ) : null}
          <li>
            <Link to="/account/password">Change your password</Link>
          </li>
        </ul>
      </div>
    </section>
  );
}
