import { loginOutcomeNames, loginRealmNames, nameOf, securityEventNames } from "@ordinavo/domain/labels";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PageError } from "~/components/page-error";
import { describeUserAgent, formatDateTimeSeconds, shortId } from "~/lib/format";
import { load, requireWorkspace } from "~/lib/require.server";

export const meta: MetaFunction = () => [{ title: "Sign-in activity · Ordinavo Workspace" }];

const pageSize = 25;

function dateParam(value: string | null): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export async function loader(args: LoaderFunctionArgs) {
  const url = new URL(args.request.url);
  const realmParam = url.searchParams.get("realm");
  const realm = realmParam === "staff" || realmParam === "portal" ? realmParam : undefined;
  const before = dateParam(url.searchParams.get("before"));
  const securityBefore = dateParam(url.searchParams.get("securityBefore"));
  const { api, me } = await requireWorkspace(args);
  // Staff ids read better as names. Only people who may manage users get the member list; for
  // everyone else the short ids stay.
  const seesMembers = me.active?.allowedActions.includes("user.manage") ?? false;
  const [logins, security, members] = await load(args.request, () =>
    Promise.all([
      api.security.loginEvents({ realm, before, limit: pageSize }),
      api.security.securityEvents({ before: securityBefore, limit: pageSize }),
      seesMembers ? api.users.list() : null,
    ]),
  );
  const names: Record<string, string> = Object.fromEntries(
    (members?.members ?? []).map((member) => [member.userId, member.name]),
  );
  return {
    logins,
    security,
    names,
    timeZone: me.active?.timeZone ?? "UTC",
    filter: {
      realm: realm ?? "",
      before: before?.toISOString() ?? null,
      securityBefore: securityBefore?.toISOString() ?? null,
    },
  };
}

const outcomeTone: Record<string, string> = { success: "ok", failure: "warn", lockout: "danger" };

function pageLink(base: Record<string, string | null>, change: Record<string, string | null>) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...base, ...change })) if (value) params.set(key, value);
  const query = params.toString();
  return query ? `/settings/sign-ins?${query}` : "/settings/sign-ins";
}

function Person({ id, names, realm }: { id: string | null; names: Record<string, string>; realm?: string }) {
  if (!id) return <span className="muted">Unknown</span>;
  const name = realm !== "portal" ? names[id] : undefined;
  return (
    <span title={id}>
      {name ? `${name} ` : null}
      <code className={name ? "muted" : undefined}>{shortId(id)}</code>
    </span>
  );
}

export default function SignInActivity() {
  const { logins, security, names, timeZone, filter } = useLoaderData<typeof loader>();
  const base = { realm: filter.realm || null, before: filter.before, securityBefore: filter.securityBefore };
  return (
    <section className="stack">
      <header>
        <p className="eyebrow">Administration</p>
        <h1>Sign-in activity</h1>
        <p className="muted">
          Sign-ins to the workspace and the customer portal, newest first. Times are in {timeZone}. Email
          addresses are not recorded: workspace members appear by name, portal users by a short id.
        </p>
      </header>

      <div className="panel">
        <div className="panel-head">
          <h2 id="logins-title">Sign-ins</h2>
          <Form method="get" className="inline-form" aria-label="Filter sign-ins">
            {filter.securityBefore ? (
              <input type="hidden" name="securityBefore" value={filter.securityBefore} />
            ) : null}
            <label htmlFor="realm">Show</label>
            <select id="realm" name="realm" defaultValue={filter.realm} key={filter.realm}>
              <option value="">Workspace and portal</option>
              <option value="staff">Workspace only</option>
              <option value="portal">Portal only</option>
            </select>
            <button type="submit" className="button secondary small">
              Apply
            </button>
          </Form>
        </div>
        {logins.items.length === 0 ? (
          <p className="empty">{filter.before ? "No older sign-ins." : "No sign-ins recorded yet."}</p>
        ) : (
          <table className="data responsive" aria-labelledby="logins-title">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Where</th>
                <th scope="col">Outcome</th>
                <th scope="col">Person</th>
                <th scope="col">Address</th>
                <th scope="col">Browser</th>
              </tr>
            </thead>
            <tbody>
              {logins.items.map((event) => (
                <tr key={event.id}>
                  <td data-label="Time" className="nowrap">
                    <time dateTime={new Date(event.createdAt).toISOString()}>
                      {formatDateTimeSeconds(event.createdAt, timeZone)}
                    </time>
                  </td>
                  <td data-label="Where">{nameOf(loginRealmNames, event.realm)}</td>
                  <td data-label="Outcome">
                    <span className={`badge ${outcomeTone[event.outcome] ?? ""}`}>
                      {nameOf(loginOutcomeNames, event.outcome)}
                    </span>
                  </td>
                  <td data-label="Person">
                    <Person id={event.userId} names={names} realm={event.realm} />
                  </td>
                  <td data-label="Address">
                    {event.clientAddress ? (
                      <code>{event.clientAddress}</code>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td data-label="Browser">
                    {event.userAgent ? (
                      <span title={event.userAgent}>{describeUserAgent(event.userAgent)}</span>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <nav className="pager" aria-label="Sign-in pages">
          {filter.before ? <Link to={pageLink(base, { before: null })}>Newest</Link> : null}
          {logins.nextBefore ? (
            <Link to={pageLink(base, { before: new Date(logins.nextBefore).toISOString() })}>
              Older sign-ins →
            </Link>
          ) : null}
        </nav>
      </div>

      <div className="panel">
        <h2 id="security-title">Portal security events</h2>
        <p className="muted small">
          Failed portal sign-ins, password changes and resets, ended sessions and revoked access.
        </p>
        {security.items.length === 0 ? (
          <p className="empty">
            {filter.securityBefore ? "No older events." : "No portal security events yet."}
          </p>
        ) : (
          <table className="data responsive" aria-labelledby="security-title">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Event</th>
                <th scope="col">Portal user</th>
                <th scope="col">Done by</th>
                <th scope="col">Address</th>
              </tr>
            </thead>
            <tbody>
              {security.items.map((event) => (
                <tr key={event.id}>
                  <td data-label="Time" className="nowrap">
                    <time dateTime={new Date(event.createdAt).toISOString()}>
                      {formatDateTimeSeconds(event.createdAt, timeZone)}
                    </time>
                  </td>
                  <td data-label="Event">{nameOf(securityEventNames, event.kind)}</td>
                  <td data-label="Portal user">
                    <Person id={event.subjectUserId} names={names} realm="portal" />
                  </td>
                  <td data-label="Done by">
                    {!event.actorUserId ? (
                      <span className="muted">—</span>
                    ) : event.actorUserId === event.subjectUserId ? (
                      <span className="muted">The portal user</span>
                    ) : (
                      <Person id={event.actorUserId} names={names} />
                    )}
                  </td>
                  <td data-label="Address">
                    {event.clientAddress ? (
                      <code>{event.clientAddress}</code>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <nav className="pager" aria-label="Security event pages">
          {filter.securityBefore ? <Link to={pageLink(base, { securityBefore: null })}>Newest</Link> : null}
          {security.nextBefore ? (
            <Link to={pageLink(base, { securityBefore: new Date(security.nextBefore).toISOString() })}>
              Older events →
            </Link>
          ) : null}
        </nav>
      </div>
    </section>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
