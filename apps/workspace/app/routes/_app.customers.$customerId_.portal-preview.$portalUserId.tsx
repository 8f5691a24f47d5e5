import { openPortalPreview } from "@ordinavo/api";
import { portalLabel } from "@ordinavo/domain/labels";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { Breadcrumbs, idParam, useWorkspace } from "~/components/customer-bits";
import { PageError } from "~/components/page-error";
import portalCss from "~/components/portal-access/portal-access.css?url";
import { languageNames, portalPaths } from "~/components/portal-access/words";
import { formatDate, formatDateTime, isoString } from "~/lib/format";
import { attempt, load, requireWorkspace } from "~/lib/require.server";
import customersCss from "~/styles/customers.css?url";

// "View as portal user": what one portal user sees of this customer, read through the portal's own
// procedures as that user (so it can never show more than they get), read-only — the portal
// realm refuses every change in a preview. Tenant admins only (portal_user.manage); the portal
// user must belong to the tenant and see this customer.

export const links = () => [
  { rel: "stylesheet", href: customersCss },
  { rel: "stylesheet", href: portalCss },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Portal preview as ${data?.target.name ?? "a contact"} · Ordinavo Workspace` },
];

const LIMIT = 10;

export async function loader(args: LoaderFunctionArgs) {
  const customerId = idParam(args.params.customerId);
  const portalUserId = idParam(args.params.portalUserId);
  const { api } = await requireWorkspace(args);
  const { target, portal } = await load(args.request, () =>
    openPortalPreview(args.context.services.api, api, { customerId, portalUserId }),
  );
  // Each list is what the portal would answer this user; a refusal (the portal switched off, a
  // section the tenant does not open) is shown as such, not as an error page.
  const [me, requests, upcoming, reports, timeline] = await Promise.all([
    attempt(() => portal.session.me()),
    attempt(() => portal.requests.list({ limit: LIMIT })),
    attempt(() => portal.appointments.list({ when: "upcoming", limit: LIMIT })),
    attempt(() => portal.reports.list({ limit: LIMIT })),
    attempt(() => portal.timeline.list({ limit: LIMIT })),
  ]);
  const value = <T,>(result: { ok: true; value: T } | { ok: false; errors: { message: string } }) =>
    result.ok
      ? { ok: true as const, value: result.value }
      : { ok: false as const, message: result.errors.message };
  return {
    target,
    me: value(me),
    requests: value(requests),
    upcoming: value(upcoming),
    reports: value(reports),
    timeline: value(timeline),
  };
}

type Section<T> = { ok: true; value: T } | { ok: false; message: string };

/** One of the portal's lists: its rows, an empty state, or the portal's refusal. */
function PreviewSection<T>({
  id,
  title,
  section,
  empty,
  children,
}: {
  id: string;
  title: string;
  section: Section<T>;
  empty: (value: T) => boolean;
  children: (value: T) => ReactNode;
}) {
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {!section.ok ? (
        <p className="muted">Not shown to this person: {section.message}</p>
      ) : empty(section.value) ? (
        <p className="empty">Nothing here for this person.</p>
      ) : (
        children(section.value)
      )}
    </section>
  );
}

const words = (key: string) => {
  const text = key
    .replace(/_/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
};

/** How the portal names work that did not come from the contact's own request (in English here). */
const kindNames = {
  request: "Your request",
  follow_up: "Follow-up visit",
  regular: "Regular visit",
  service: "Service visit",
} as const;

export default function PortalPreview() {
  const { target, me, requests, upcoming, reports, timeline } = useLoaderData<typeof loader>();
  const { timeZone } = useWorkspace();
  const paths = portalPaths(target.customerId);
  const customerName = me.ok ? me.value.currentCustomer.name : "";
  return (
    <section className="stack customers-page">
      <Breadcrumbs
        trail={[
          { label: "Customers", to: "/customers" },
          { label: customerName || "Customer", to: paths.panel },
          { label: `Portal preview as ${target.name}` },
        ]}
      />
      <div className="preview-banner" role="note" aria-label="Preview">
        <p>
          <strong>Preview — read-only, as {target.name} sees it.</strong>{" "}
          <span>Nothing can be changed here; lists show their first {LIMIT} items.</span>
        </p>
        <Link className="button secondary small" to={paths.user(target.portalUserId)}>
          Back to {target.name}'s access
        </Link>
      </div>

      <div className="preview-frame">
        {!me.ok ? (
          <section className="panel">
            <h2>The portal is not available to {target.name}</h2>
            <p className="muted">{me.message}</p>
          </section>
        ) : (
          <section className="panel" aria-labelledby="preview-home-title">
            <h2 id="preview-home-title">Home</h2>
            <dl className="facts">
              <div>
                <dt>Signed in as</dt>
                <dd>
                  {me.value.user.name} <span className="muted small break">{me.value.user.email}</span>
                </dd>
              </div>
              <div>
                <dt>Language</dt>
                <dd>{languageNames[me.value.user.locale] ?? me.value.user.locale}</dd>
              </div>
              <div>
                <dt>Looking at</dt>
                <dd>{me.value.currentCustomer.name}</dd>
              </div>
              <div>
                <dt>Can switch to</dt>
                <dd>
                  {me.value.customers.length > 1
                    ? me.value.customers
                        .filter((customer) => customer.id !== me.value.currentCustomer.id)
                        .map((customer) => customer.name)
                        .join(", ")
                    : "No other customer"}
                </dd>
              </div>
              <div>
                <dt>Shared places</dt>
                <dd>
                  {me.value.places
                    .map((place) => place.locationName ?? `All of ${place.customerName}`)
                    .join(", ") || "None"}
                </dd>
              </div>
            </dl>
          </section>
        )}

        <PreviewSection
          id="preview-requests"
          title="Requests"
          section={requests}
          empty={(v) => v.items.length === 0}
        >
          {(value) => (
            <ul className="preview-list">
              {value.items.map((request) => (
                <li key={request.id}>
                  <span className="badge">{portalLabel("portal_request", request.status, "en")}</span>
                  <strong>{request.title}</strong>
                  <span className="muted small">
                    {request.location.name} · sent{" "}
                    <time dateTime={isoString(request.createdAt)}>
                      {formatDate(request.createdAt, timeZone)}
                    </time>
                    {request.sentByYou ? ` by ${target.name}` : ""}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </PreviewSection>

        <PreviewSection
          id="preview-appointments"
          title="Upcoming appointments"
          section={upcoming}
          empty={(v) => v.items.length === 0}
        >
          {(value) => (
            <ul className="preview-list">
              {value.items.map((appointment) => (
                <li key={appointment.id}>
                  <span className="badge">{words(appointment.status)}</span>
                  <strong>{appointment.title ?? kindNames[appointment.kind]}</strong>
                  <span className="muted small">
                    <time dateTime={isoString(appointment.plannedStart)}>
                      {formatDateTime(appointment.plannedStart, timeZone)}
                    </time>
                    {appointment.location ? ` · ${appointment.location.name}` : ""}
                    {appointment.technician ? ` · ${appointment.technician}` : ""}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </PreviewSection>

        <PreviewSection
          id="preview-reports"
          title="Reports"
          section={reports}
          empty={(v) => v.items.length === 0}
        >
          {(value) => (
            <ul className="preview-list">
              {value.items.map((report) => (
                <li key={report.id}>
                  <strong>{report.title}</strong>
                  <span className="muted small">
                    Visit of{" "}
                    <time dateTime={isoString(report.visitDate)}>
                      {formatDate(report.visitDate, timeZone)}
                    </time>
                    {report.location ? ` · ${report.location.name}` : ""}
                    {report.fileCount
                      ? ` · ${report.fileCount} ${report.fileCount === 1 ? "file" : "files"}`
                      : ""}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </PreviewSection>

        <PreviewSection
          id="preview-timeline"
          title="Timeline"
          section={timeline}
          empty={(v) => v.entries.length === 0}
        >
          {(value) => (
            <ul className="preview-list">
              {value.entries.map((entry) => (
                <li key={entry.id}>
                  <strong>{words(entry.label)}</strong>
                  <span className="muted small">
                    <time dateTime={isoString(entry.occurredAt)}>
                      {formatDateTime(entry.occurredAt, timeZone)}
                    </time>
                    {entry.locationName ? ` · ${entry.locationName}` : ""}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </PreviewSection>
      </div>
    </section>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
