import { portalRequestStatuses } from "@ordinavo/domain/vocabulary";
import { FormAlert } from "@ordinavo/ui";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PageError } from "~/components/page-error";
import { PortalRequestBadge, requestTypeName, windowName } from "~/components/portal-request-bits";
import { formatDateTime } from "~/lib/format";
import { dayText } from "~/lib/planning-display";
import { attempt, load, refuse, requireWorkspace } from "~/lib/require.server";
import requestsCss from "~/styles/portal-requests.css?url";

// Requests from the Customer Portal. Waiting ones (submitted or in review) come first, the oldest
// on top; the other tabs show each status newest first. Search narrows by customer name. Tabs,
// search and pages are links and a GET form, so the page works without JavaScript.

export const links = () => [{ rel: "stylesheet", href: requestsCss }];

export const meta: MetaFunction = () => [{ title: "Portal requests · Ordinavo Workspace" }];

const filters = ["waiting", ...portalRequestStatuses, "all"] as const;
type Filter = (typeof filters)[number];
const isFilter = (value: string | null): value is Filter =>
  value !== null && (filters as readonly string[]).includes(value);

const tabs: { filter: Filter; label: string }[] = [
  { filter: "waiting", label: "Waiting for review" },
  { filter: "accepted", label: "Accepted" },
  { filter: "planned", label: "Planned" },
  { filter: "completed", label: "Completed" },
  { filter: "declined", label: "Declined" },
  { filter: "all", label: "All" },
];

export async function loader(args: LoaderFunctionArgs) {
  const url = new URL(args.request.url);
  const asked = url.searchParams.get("status");
  const status: Filter = isFilter(asked) ? asked : "waiting";
  const search = (url.searchParams.get("search") ?? "").slice(0, 100);
  const cursor = (url.searchParams.get("cursor") ?? "").slice(0, 2000) || undefined;
  const { api, me } = await requireWorkspace(args);
  const timeZone = me.active?.timeZone ?? "UTC";
  // Only a stale page link or an odd search can make the list fail on its input: say so, and show
  // the first page. Any other refusal (a role without the list) is the page's answer.
  const result = await attempt(() => api.portalRequests.queue({ status, search, cursor }));
  if (!result.ok && result.status !== 400) refuse(args.request, result);
  const queue = result.ok
    ? result.value
    : cursor
      ? await load(args.request, () => api.portalRequests.queue({ status, search }))
      : null;
  return {
    status,
    search,
    cursor: result.ok ? (cursor ?? null) : null,
    error: result.ok ? null : result.errors,
    waitingCount: queue?.waitingCount ?? 0,
    reviews: queue?.reviews ?? false,
    nextCursor: queue?.nextCursor ?? null,
    items: (queue?.items ?? []).map((item) => ({
      ...item,
      sentAt: formatDateTime(item.createdAt, timeZone),
      preferred: item.preferredDates.map((d) => `${dayText(d.date)} (${windowName(d.window).toLowerCase()})`),
    })),
  };
}

export default function PortalRequests() {
  const data = useLoaderData<typeof loader>();
  const listUrl = (change: Record<string, string>) => {
    const params = new URLSearchParams();
    if (data.status !== "waiting") params.set("status", data.status);
    if (data.search) params.set("search", data.search);
    for (const [key, value] of Object.entries(change)) {
      if (value) params.set(key, value);
      else params.delete(key);
    }
    const query = params.toString();
    return query ? `/requests?${query}` : "/requests";
  };
  const waitingTab = data.status === "waiting";

  return (
    <section className="stack">
      <header>
        <p className="eyebrow">Customer Portal</p>
        <h1>Portal requests</h1>
        <p className="muted">
          {data.waitingCount === 0
            ? "No request is waiting for a decision."
            : data.waitingCount === 1
              ? "1 request is waiting for a decision."
              : `${data.waitingCount} requests are waiting for a decision.`}{" "}
          {data.reviews
            ? "Open one to accept it as work or decline it with a message to the customer."
            : "You can read them; deciding is up to managers and tenant admins."}
        </p>
      </header>

      <nav className="request-tabs" aria-label="Request status">
        {tabs.map((tab) => (
          <Link
            key={tab.filter}
            to={
              tab.filter === "waiting"
                ? listUrl({ status: "", cursor: "" })
                : listUrl({ status: tab.filter, cursor: "" })
            }
            aria-current={tab.filter === data.status ? "page" : undefined}
          >
            {tab.label}
          </Link>
        ))}
      </nav>

      <Form method="get" action="/requests" className="request-search" role="search">
        {data.status !== "waiting" ? <input type="hidden" name="status" value={data.status} /> : null}
        <div className="field">
          <label htmlFor="request-search">Customer</label>
          <input id="request-search" name="search" type="search" defaultValue={data.search} maxLength={100} />
        </div>
        <button type="submit" className="button secondary">
          Search
        </button>
        {data.search ? <Link to={listUrl({ search: "", cursor: "" })}>Clear</Link> : null}
      </Form>

      {data.error ? (
        <div className="stack">
          <FormAlert errors={data.error} />
          <p>
            <Link to={listUrl({ cursor: "" })}>Start again from the first page</Link>
          </p>
        </div>
      ) : null}

      {data.items.length === 0 ? (
        <div className="panel empty">
          <p>
            {data.search
              ? `No requests from a customer matching “${data.search}” here.`
              : waitingTab
                ? "No requests are waiting for review. New requests from the portal appear here."
                : "No requests with this status."}
          </p>
        </div>
      ) : (
        <ol className="request-list">
          {data.items.map((item) => (
            <li key={item.id} className="panel request-item">
              <div className="request-item-head">
                <h2>
                  <Link to={`/requests/${item.id}`}>{item.title}</Link>
                </h2>
                <span className="request-badges">
                  <PortalRequestBadge status={item.status} />
                  <span className="badge">{requestTypeName(item.type)}</span>
                </span>
              </div>
              <p>
                <strong>{item.customer.name}</strong> · {item.location.name}
                {item.location.city ? <span className="muted">, {item.location.city}</span> : null}
              </p>
              <p className="muted small">
                Sent {item.sentAt}
                {item.senderName ? ` by ${item.senderName}` : ""}
                {item.fileCount > 0
                  ? ` · ${item.fileCount === 1 ? "1 file" : `${item.fileCount} files`}`
                  : ""}
              </p>
              {item.preferred.length ? (
                <p className="muted small">Preferred: {item.preferred.join(", ")}</p>
              ) : null}
            </li>
          ))}
        </ol>
      )}

      {data.nextCursor || data.cursor ? (
        <p className="pager">
          {data.cursor ? <Link to={listUrl({ cursor: "" })}>First page</Link> : null}
          {data.nextCursor ? <Link to={listUrl({ cursor: data.nextCursor })}>Next page</Link> : null}
        </p>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
