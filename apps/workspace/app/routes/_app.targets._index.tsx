import { targetStatusSets } from "@ordinavo/domain/machines";
import type { TargetStatus } from "@ordinavo/domain/vocabulary";
import { priorities } from "@ordinavo/domain/vocabulary";
import { FormAlert } from "@ordinavo/ui";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { PageError } from "~/components/page-error";
import { PlanBadge, PriorityBadge, TargetStatusBadge } from "~/components/planning-badges";
import { dayText, priorityNames } from "~/lib/planning-display";
import { isUuid, targetStatusText, todayIn } from "~/lib/planning-time";
import { attempt, load, requireWorkspace } from "~/lib/require.server";
import planningCss from "~/styles/planning.css?url";

export const links = () => [{ rel: "stylesheet", href: planningCss }];

export const meta: MetaFunction = () => [{ title: "Work · Ordinavo Workspace" }];

/** The status filters people reach for; "active" is what still needs attention. */
const statusSets: Record<string, { label: string; statuses: readonly TargetStatus[] }> = {
  active: { label: "Not finished yet", statuses: targetStatusSets.open },
  open: { label: "Open: waiting to be planned", statuses: ["open"] },
  planned: { label: "Planned", statuses: ["planned"] },
  in_progress: { label: "In progress", statuses: ["in_progress"] },
  done: { label: "Done", statuses: ["done"] },
  cancelled: { label: "Cancelled", statuses: ["cancelled"] },
  all: { label: "Any status", statuses: [] },
};

const pageSize = 25;

export async function loader(args: LoaderFunctionArgs) {
  const url = new URL(args.request.url);
  const show = statusSets[url.searchParams.get("show") ?? ""] ? url.searchParams.get("show")! : "active";
  const priorityParam = url.searchParams.get("priority") ?? "";
  const priority = (priorities as readonly string[]).includes(priorityParam)
    ? (priorityParam as (typeof priorities)[number])
    : undefined;
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const customerParam = url.searchParams.get("customerId");
  const customerId = isUuid(customerParam) ? customerParam : undefined;
  const after = url.searchParams.get("after") || undefined;

  const { api, me } = await requireWorkspace(args);
  const timeZone = me.active?.timeZone ?? "UTC";
  const statuses = statusSets[show]!.statuses;
  const query = {
    status: statuses.length ? [...statuses] : undefined,
    priority,
    q: q || undefined,
    customerId,
    after,
    limit: pageSize,
  };
  // Only a stale page link can make the list fail on its input: say so, and offer the first page.
  const result = after
    ? await attempt(() => api.targets.list(query))
    : { ok: true as const, value: await load(args.request, () => api.targets.list(query)) };
  const page = result.ok ? result.value : { items: [], nextCursor: null };
  const today = todayIn(timeZone);
  const unfinished = new Set<string>(targetStatusSets.open);
  return {
    filters: { show, priority: priority ?? "", q, customerId: customerId ?? "", after: after ?? "" },
    items: page.items.map((item) => ({
      id: item.id,
      title: item.title,
      customerId: item.customerId ?? null,
      customerName: item.customerName,
      locationName: item.locationName,
      city: item.city,
      priority: item.priority ?? "normal",
      dueDate: item.dueDate ?? null,
      status: item.status,
      statusText: targetStatusText(item.status),
      appointmentCount: item.appointmentCount,
      overdue: item.dueDate != null && item.dueDate < today && unfinished.has(item.status),
    })),
    nextCursor: page.nextCursor,
    error: result.ok ? null : result.errors,
    canWrite: Boolean(me.active?.allowedActions.includes("target.write")),
    /** The list holds only the work of the viewer's own appointments (the policy's scope). */
    ownWorkOnly: me.active?.scopes.target === "assigned",
  };
}

/** The URL of this list with some filters changed (a change of filter starts from the first page). */
function listUrl(filters: Record<string, string>, change: Record<string, string>) {
  const params = new URLSearchParams();
  const merged = { ...filters, after: "", ...change };
  for (const [key, value] of Object.entries(merged)) {
    if (value && !(key === "show" && value === "active")) params.set(key, value);
  }
  const query = params.toString();
  return query ? `/targets?${query}` : "/targets";
}

export default function Targets() {
  const { filters, items, nextCursor, error, canWrite, ownWorkOnly } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const searching = navigation.state === "loading" && navigation.location?.pathname === "/targets";
  const filtered = filters.show !== "active" || filters.priority || filters.q || filters.customerId;
  const customerName = filters.customerId ? (items[0]?.customerName ?? "this customer") : null;

  return (
    <section className="stack">
      <header className="plan-page-head">
        <div>
          <p className="eyebrow">Planning</p>
          <h1>Work</h1>
          <p className="muted">
            {ownWorkOnly
              ? "The work of the appointments assigned to you."
              : "Every piece of work for a customer, from the request to the last visit."}
          </p>
        </div>
        {canWrite ? (
          <Link
            className="button"
            to={filters.customerId ? `/targets/new?customerId=${filters.customerId}` : "/targets/new"}
          >
            New target
          </Link>
        ) : null}
      </header>

      <Form method="get" className="panel plan-filters" role="search" aria-label="Filter targets">
        <div className="field">
          <label htmlFor="filter-q">Search</label>
          <input
            id="filter-q"
            type="search"
            name="q"
            defaultValue={filters.q}
            placeholder="Title or customer"
            maxLength={100}
          />
        </div>
        <div className="field">
          <label htmlFor="filter-show">Status</label>
          <select id="filter-show" name="show" defaultValue={filters.show}>
            {Object.entries(statusSets).map(([key, set]) => (
              <option key={key} value={key}>
                {set.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-priority">Priority</label>
          <select id="filter-priority" name="priority" defaultValue={filters.priority}>
            <option value="">Any priority</option>
            {[...priorities].reverse().map((p) => (
              <option key={p} value={p}>
                {priorityNames[p]}
              </option>
            ))}
          </select>
        </div>
        {filters.customerId ? <input type="hidden" name="customerId" value={filters.customerId} /> : null}
        <div className="actions plan-filter-actions">
          <button type="submit" className="button">
            {searching ? "Searching…" : "Apply"}
          </button>
          {filtered ? (
            <Link className="button secondary" to="/targets">
              Clear
            </Link>
          ) : null}
        </div>
      </Form>

      {customerName ? (
        <p className="plan-chip">
          Customer: <strong>{customerName}</strong>{" "}
          <Link to={listUrl(filters, { customerId: "" })}>Show all customers</Link>
        </p>
      ) : null}

      {error ? (
        <div className="stack">
          <FormAlert errors={error} />
          <p>
            <Link to={listUrl(filters, {})}>Start again from the first page</Link>
          </p>
        </div>
      ) : null}

      <div className="panel">
        {items.length === 0 ? (
          <div className="empty">
            <p>
              {filtered || filters.after
                ? "No targets match these filters."
                : ownWorkOnly
                  ? "No work is assigned to you right now."
                  : "No open work. New requests and targets you create appear here."}
            </p>
            {canWrite && !filtered ? (
              <Link className="button" to="/targets/new">
                Create the first target
              </Link>
            ) : null}
          </div>
        ) : (
          <table className="data responsive plan-targets">
            <caption className="visually-hidden">Targets, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Customer</th>
                <th scope="col">Location</th>
                <th scope="col">Priority</th>
                <th scope="col">Due</th>
                <th scope="col">Status</th>
                <th scope="col" className="plan-num">
                  Visits
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => {
                const overdue = item.overdue;
                return (
                  <tr key={item.id}>
                    <td data-label="Title">
                      <Link to={`/targets/${item.id}`} className="plan-strong-link">
                        {item.title}
                      </Link>
                    </td>
                    <td data-label="Customer">{item.customerName}</td>
                    <td data-label="Location">
                      {item.locationName ? (
                        <>
                          {item.locationName}
                          {item.city ? <span className="muted"> · {item.city}</span> : null}
                        </>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                    <td data-label="Priority">
                      <PriorityBadge priority={item.priority} />
                    </td>
                    <td data-label="Due" className="nowrap">
                      {item.dueDate ? (
                        <>
                          <time dateTime={item.dueDate}>{dayText(item.dueDate, "date")}</time>
                          {overdue ? (
                            <>
                              {" "}
                              <PlanBadge tone="danger">Overdue</PlanBadge>
                            </>
                          ) : null}
                        </>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                    <td data-label="Status">
                      <TargetStatusBadge status={item.status} label={item.statusText} />
                    </td>
                    <td data-label="Visits" className="plan-num">
                      {item.appointmentCount}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        <nav className="pager" aria-label="Pages">
          {filters.after ? <Link to={listUrl(filters, {})}>← First page</Link> : null}
          {nextCursor ? <Link to={listUrl(filters, { after: nextCursor })}>Next page →</Link> : null}
        </nav>
      </div>
    </section>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
