import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PageError } from "~/components/page-error";
import { formatDate, isoString } from "~/lib/format";
import { isUuid } from "~/lib/planning-time";
import { attempt, load, requireWorkspace } from "~/lib/require.server";
import routesCssUrl from "~/styles/routes.css?url";

export const links = () => [{ rel: "stylesheet", href: routesCssUrl }];

export const meta: MetaFunction = () => [{ title: "Recurring visits · Ordinavo Workspace" }];

const pageSize = 25;

export async function loader(args: LoaderFunctionArgs) {
  const { api, me } = await requireWorkspace(args);
  const url = new URL(args.request.url);
  const locationId = url.searchParams.get("locationId") || undefined;
  const customerId = url.searchParams.get("customerId") || undefined;
  // A filter that is not an id cannot match anything: say so, as for an unknown id.
  if ((locationId && !isUuid(locationId)) || (customerId && !isUuid(customerId))) {
    throw new Response("Not found", { status: 404 });
  }
  const archived = url.searchParams.get("archived") === "1";
  const q = (url.searchParams.get("q") ?? "").trim();
  const plans = await load(args.request, () =>
    api.recurring.list({ locationId, customerId, includeArchived: archived }),
  );

  // What the filter is about, in words.
  let filter: { label: string; clearTo: string; customerId: string | null } | null = null;
  if (locationId) {
    const found = await attempt(() => api.locations.get({ locationId }));
    if (!found.ok && found.status === 404) throw new Response("Not found", { status: 404 });
    filter = {
      label: found.ok ? `${found.value.customer.name} — ${found.value.location.name}` : "this location",
      clearTo: "/recurring",
      customerId: found.ok ? found.value.customer.id : null,
    };
  } else if (customerId) {
    let name = plans[0]?.customerName ?? null;
    if (!name) {
      const found = await attempt(() => api.customers.get({ customerId }));
      if (!found.ok && found.status === 404) throw new Response("Not found", { status: 404 });
      name = found.ok ? found.value.customer.name : null;
    }
    filter = { label: name ?? "this customer", clearTo: "/recurring", customerId };
  }

  const needle = q.toLowerCase();
  const matching = needle
    ? plans.filter((plan) =>
        [plan.title, plan.customerName, plan.locationName, plan.description].some((value) =>
          value.toLowerCase().includes(needle),
        ),
      )
    : plans;
  const pages = Math.max(1, Math.ceil(matching.length / pageSize));
  const page = Math.min(pages, Math.max(1, Number(url.searchParams.get("page")) || 1));
  const allowed = new Set(me.active?.allowedActions ?? []);
  return {
    plans: matching.slice((page - 1) * pageSize, page * pageSize),
    total: matching.length,
    everything: plans.length,
    page,
    pages,
    q,
    archived,
    locationId: locationId ?? null,
    customerId: customerId ?? null,
    filter,
    timeZone: me.active?.timeZone ?? "UTC",
    canWrite: allowed.has("recurring_plan.write"),
  };
}

/**
 * Where generation stands: a live plan without `generatedUntil` waits for the background job; a
 * paused or archived plan generates nothing (its untouched future visits are removed).
 */
function generationState(plan: {
  generatedUntil: Date | string | null;
  active: boolean;
  archivedAt: unknown;
}) {
  if (plan.archivedAt || !plan.active) return "stopped" as const;
  return plan.generatedUntil ? ("done" as const) : ("pending" as const);
}

export default function RecurringPlans() {
  const {
    plans,
    total,
    everything,
    page,
    pages,
    q,
    archived,
    locationId,
    customerId,
    filter,
    timeZone,
    canWrite,
  } = useLoaderData<typeof loader>();
  const search = (changes: Record<string, string | null>) => {
    const params = new URLSearchParams();
    const base = { locationId, customerId, q: q || null, archived: archived ? "1" : null, ...changes };
    for (const [key, value] of Object.entries(base)) if (value) params.set(key, value);
    const text = params.toString();
    return text ? `/recurring?${text}` : "/recurring";
  };
  const newTo = locationId
    ? `/recurring/new?locationId=${locationId}`
    : customerId
      ? `/recurring/new?customerId=${customerId}`
      : "/recurring/new";

  return (
    <section className="stack">
      <header className="page-head">
        <div>
          <p className="eyebrow">Planning</p>
          <h1>Recurring visits</h1>
          <p className="muted">
            Visits that repeat on a rule — every Monday, the first Tuesday of the month — and become
            appointments automatically, a few weeks ahead.
          </p>
        </div>
        {canWrite ? (
          <Link className="button" to={newTo}>
            New recurring visit
          </Link>
        ) : null}
      </header>

      {filter ? (
        <p className="filter-chip">
          Showing plans for <strong>{filter.label}</strong>. <Link to={filter.clearTo}>Show all plans</Link>
        </p>
      ) : null}

      <div className="panel">
        <Form method="get" action="/recurring" className="list-filter">
          {locationId ? <input type="hidden" name="locationId" value={locationId} /> : null}
          {customerId ? <input type="hidden" name="customerId" value={customerId} /> : null}
          <div className="field">
            <label htmlFor="plan-search">Search</label>
            <input
              id="plan-search"
              type="search"
              name="q"
              defaultValue={q}
              placeholder="Title, customer or location"
            />
          </div>
          <label className="check-inline">
            <input type="checkbox" name="archived" value="1" defaultChecked={archived} />
            <span>Include archived plans</span>
          </label>
          <button type="submit" className="button secondary">
            Filter
          </button>
        </Form>

        {plans.length === 0 ? (
          <div className="empty">
            {everything === 0 ? (
              <>
                <p>
                  <strong>No recurring visits{filter ? ` for ${filter.label}` : ""} yet.</strong>
                </p>
                <p>
                  A recurring visit is a rule, such as “every Monday at 08:00”, that keeps the board filled
                  with appointments.
                </p>
                {canWrite ? (
                  <Link className="button" to={newTo}>
                    New recurring visit
                  </Link>
                ) : null}
              </>
            ) : (
              <p>
                No plan matches “{q}”. <Link to={search({ q: null, page: null })}>Clear the search</Link>
              </p>
            )}
          </div>
        ) : (
          <>
            <table className="data responsive plans-table">
              <caption className="visually-hidden">
                Recurring visits{filter ? ` for ${filter.label}` : ""}, {total} in all
              </caption>
              <thead>
                <tr>
                  <th scope="col">Plan</th>
                  <th scope="col">Repeats</th>
                  <th scope="col">Duration</th>
                  <th scope="col">Assignee</th>
                  <th scope="col">Generated until</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {plans.map((plan) => {
                  const state = generationState(plan);
                  return (
                    <tr key={plan.id} className={plan.archivedAt ? "dimmed" : undefined}>
                      <td data-label="Plan">
                        <div>
                          <Link to={`/recurring/${plan.id}`} className="plan-link">
                            {plan.title}
                          </Link>
                          <span className="plan-where muted">
                            {plan.customerName} · {plan.locationName}
                          </span>
                        </div>
                      </td>
                      <td data-label="Repeats">
                        <div>
                          {plan.description}
                          <span className="plan-where muted">
                            at {plan.startTime}
                            {plan.timeZone !== timeZone ? ` (${plan.timeZone})` : ""}
                          </span>
                        </div>
                      </td>
                      <td data-label="Duration" className="nowrap">
                        {plan.durationMinutes} min
                      </td>
                      <td data-label="Assignee">
                        {plan.defaultAssigneeName ?? <span className="muted">Unassigned</span>}
                      </td>
                      <td data-label="Generated until">
                        {state === "stopped" ? (
                          <span className="muted">Not generating</span>
                        ) : (
                          <div>
                            {state === "pending" ? (
                              <span className="badge warn">Generation pending</span>
                            ) : (
                              <time dateTime={isoString(plan.generatedUntil!)} className="nowrap">
                                {formatDate(plan.generatedUntil!, timeZone)}
                              </time>
                            )}
                            <span className="plan-where muted">{plan.horizonDays} days ahead</span>
                          </div>
                        )}
                      </td>
                      <td data-label="Status">
                        {plan.archivedAt ? (
                          <span className="badge">Archived</span>
                        ) : plan.active ? (
                          <span className="badge ok">Active</span>
                        ) : (
                          <span className="badge warn">Paused</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <nav className="pager" aria-label="Pages">
              {pages > 1 ? (
                <>
                  <span className="muted">
                    Page {page} of {pages} · {total} plans
                  </span>
                  {page > 1 ? <Link to={search({ page: String(page - 1) })}>← Previous</Link> : null}
                  {page < pages ? <Link to={search({ page: String(page + 1) })}>Next →</Link> : null}
                </>
              ) : null}
            </nav>
          </>
        )}
      </div>
    </section>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
