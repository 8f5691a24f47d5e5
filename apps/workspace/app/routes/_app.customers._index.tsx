import { customerTypeNames, statusLabels } from "@ordinavo/domain/labels";
import {
  type CustomerStatus,
  type CustomerType,
  customerStatuses,
  customerTypes,
} from "@ordinavo/domain/vocabulary";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import {
  ArchivedBadge,
  ChannelLink,
  CustomerStatusBadge,
  RedirectNotice,
  useWorkspace,
} from "~/components/customer-bits";
import { PageError } from "~/components/page-error";
import { formatDate, isoString } from "~/lib/format";
import { attempt, refuse, requireWorkspace } from "~/lib/require.server";
import customersCss from "~/styles/customers.css?url";

export const links = () => [{ rel: "stylesheet", href: customersCss }];

export const meta: MetaFunction = () => [{ title: "Customers · Ordinavo Workspace" }];

const sorts = { name: "Name", number: "Number", recent: "Recently updated" } as const;
type Sort = keyof typeof sorts;
const archivedChoices = {
  active: "Current customers",
  archived: "Archived only",
  all: "Current and archived",
} as const;
type Archived = keyof typeof archivedChoices;

const PAGE_SIZE = 25;

/** The list's search and filters from the address; values that are not choices are ignored. */
function readFilters(url: URL) {
  const pick = <T extends string>(name: string, allowed: readonly T[]): T | undefined => {
    const value = url.searchParams.get(name) ?? "";
    return (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
  };
  return {
    q: (url.searchParams.get("q") ?? "").trim().slice(0, 100),
    status: pick<CustomerStatus>("status", customerStatuses),
    type: pick<CustomerType>("type", customerTypes),
    archived: pick<Archived>("archived", Object.keys(archivedChoices) as Archived[]) ?? "active",
    sort: pick<Sort>("sort", Object.keys(sorts) as Sort[]) ?? "name",
    after: url.searchParams.get("after") || undefined,
    page: Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1)),
  };
}

export async function loader(args: LoaderFunctionArgs) {
  const url = new URL(args.request.url);
  const filters = readFilters(url);
  const { api } = await requireWorkspace(args);
  const { page, q, ...rest } = filters;
  const list = await attempt(() => api.customers.list({ ...rest, q: q || undefined, limit: PAGE_SIZE }));
  // A page link from before the data changed shape: say so and offer the first page.
  if (!list.ok && list.status === 400) return { items: [], nextCursor: null, filters, outdated: true };
  if (!list.ok) refuse(args.request, list);
  return { ...list.value, filters, outdated: false };
}

type Filters = ReturnType<typeof readFilters>;

/** The list's address with some parameters changed; default values are left out. */
function listHref(filters: Filters, change: Partial<Record<keyof Filters, string | number | undefined>>) {
  const merged: Record<string, string | number | undefined> = { ...filters, ...change };
  const params = new URLSearchParams();
  const defaults: Record<string, string | number> = { archived: "active", sort: "name", page: 1 };
  for (const key of ["q", "status", "type", "archived", "sort", "after", "page"]) {
    const value = merged[key];
    if (value === undefined || value === "" || defaults[key] === value) continue;
    params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `/customers?${query}` : "/customers";
}

export default function Customers() {
  const { items, nextCursor, filters, outdated } = useLoaderData<typeof loader>();
  const { timeZone, allowed, tenantWide } = useWorkspace();
  const navigation = useNavigation();
  const submit = useSubmit();
  const canCreate = allowed.has("customer.write");
  const searching = navigation.state === "loading" && navigation.location.pathname === "/customers";
  const filtered = Boolean(filters.q || filters.status || filters.type || filters.archived !== "active");
  // Employees receive only who the customer is and how to reach them: the columns follow the data.
  const full = items.some((item) => item.status !== undefined);

  return (
    <section className="stack customers-page">
      <header className="page-head">
        <div>
          <p className="eyebrow">Customer records</p>
          <h1>Customers</h1>
          <p className="muted">
            {tenantWide
              ? "Everyone you work for, with their locations, contact persons and open work."
              : "The customers of the work assigned to you."}
          </p>
        </div>
        {canCreate ? (
          <Link className="button" to="/customers/new">
            New customer
          </Link>
        ) : null}
      </header>

      <RedirectNotice />

      <Form
        method="get"
        action="/customers"
        className="panel customer-filters"
        role="search"
        aria-label="Customers"
      >
        <div className="field filter-search">
          <label htmlFor="customer-q">Search</label>
          <input
            id="customer-q"
            type="search"
            name="q"
            defaultValue={filters.q}
            maxLength={100}
            placeholder="Name, number or city"
            aria-describedby="customer-q-hint"
          />
          <p className="hint" id="customer-q-hint">
            Finds customers whose name, number or a location's city starts with the text.
          </p>
        </div>
        {tenantWide ? (
          <>
            <div className="field">
              <label htmlFor="customer-status">Status</label>
              <select
                id="customer-status"
                name="status"
                defaultValue={filters.status ?? ""}
                onChange={(event) => submit(event.currentTarget.form)}
              >
                <option value="">Any status</option>
                {customerStatuses.map((status) => (
                  <option key={status} value={status}>
                    {statusLabels.customer[status]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="customer-type">Type</label>
              <select
                id="customer-type"
                name="type"
                defaultValue={filters.type ?? ""}
                onChange={(event) => submit(event.currentTarget.form)}
              >
                <option value="">Any type</option>
                {customerTypes.map((type) => (
                  <option key={type} value={type}>
                    {customerTypeNames[type]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="customer-archived">Show</label>
              <select
                id="customer-archived"
                name="archived"
                defaultValue={filters.archived}
                onChange={(event) => submit(event.currentTarget.form)}
              >
                {Object.entries(archivedChoices).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
          </>
        ) : null}
        <div className="field">
          <label htmlFor="customer-sort">Sort by</label>
          <select
            id="customer-sort"
            name="sort"
            defaultValue={filters.sort}
            onChange={(event) => submit(event.currentTarget.form)}
          >
            {Object.entries(sorts).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-actions">
          <button type="submit" className="button">
            Search
          </button>
          {filtered || filters.sort !== "name" ? (
            <Link className="button secondary" to="/customers">
              Reset
            </Link>
          ) : null}
        </div>
      </Form>

      <div className="panel" aria-busy={searching || undefined}>
        {outdated ? (
          <div className="empty">
            <p>This page link is out of date: the list changed since it was made.</p>
            <Link to={listHref(filters, { after: undefined, page: undefined })}>Go to the first page</Link>
          </div>
        ) : items.length === 0 ? (
          filtered ? (
            <div className="empty">
              <p>
                No customers match
                {filters.q ? (
                  <>
                    {" "}
                    “<strong>{filters.q}</strong>”
                  </>
                ) : null}
                {filters.status || filters.type || filters.archived !== "active" ? " with these filters" : ""}
                .
              </p>
              <p>
                {filters.q ? (
                  <Link to={listHref(filters, { q: undefined, after: undefined, page: undefined })}>
                    Clear search
                  </Link>
                ) : null}
                {filters.q && (filters.status || filters.type || filters.archived !== "active")
                  ? " · "
                  : null}
                {filters.status || filters.type || filters.archived !== "active" ? (
                  <Link
                    to={listHref(
                      { ...filters },
                      {
                        status: undefined,
                        type: undefined,
                        archived: undefined,
                        after: undefined,
                        page: undefined,
                      },
                    )}
                  >
                    Clear filters
                  </Link>
                ) : null}
              </p>
            </div>
          ) : filters.after ? (
            <div className="empty">
              <p>There are no more customers.</p>
              <Link to={listHref(filters, { after: undefined, page: undefined })}>
                Back to the first page
              </Link>
            </div>
          ) : (
            <div className="empty">
              <p>
                <strong>No customers yet.</strong>
              </p>
              <p>
                {canCreate
                  ? "Add your first customer, then their locations and contact persons."
                  : tenantWide
                    ? "Customers appear here once they are added."
                    : "Customers of the work assigned to you appear here."}
              </p>
              {canCreate ? (
                <Link className="button" to="/customers/new">
                  New customer
                </Link>
              ) : null}
            </div>
          )
        ) : (
          <>
            <table className="data responsive customer-table">
              <caption className="visually-hidden">
                Customers{filters.q ? ` matching “${filters.q}”` : ""}, page {filters.page}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Number</th>
                  <th scope="col">Name</th>
                  {full ? <th scope="col">City</th> : null}
                  {full ? <th scope="col">Status</th> : null}
                  {full ? <th scope="col">Type</th> : null}
                  <th scope="col">Phone</th>
                  <th scope="col">Email</th>
                  {full ? <th scope="col">Updated</th> : null}
                </tr>
              </thead>
              <tbody>
                {items.map((customer) => (
                  <tr key={customer.id} className={customer.archivedAt ? "dimmed" : undefined}>
                    <td data-label="Number" className="nowrap cell-number">
                      <code>{customer.number}</code>
                    </td>
                    <td data-label="Name" className="customer-name-cell cell-name">
                      <Link to={`/customers/${customer.id}`} className="strong-link">
                        {customer.name}
                      </Link>
                      <ArchivedBadge archivedAt={customer.archivedAt} />
                    </td>
                    {full ? (
                      <td data-label="City" className={customer.city ? "cell-city" : "cell-city cell-empty"}>
                        {customer.city ?? <span className="muted">—</span>}
                      </td>
                    ) : null}
                    {full ? (
                      <td data-label="Status" className="cell-status">
                        <CustomerStatusBadge status={customer.status} />
                      </td>
                    ) : null}
                    {full ? (
                      <td data-label="Type" className="cell-type">
                        {customer.type ? customerTypeNames[customer.type] : null}
                      </td>
                    ) : null}
                    <td
                      data-label="Phone"
                      className={customer.phone ? "nowrap cell-phone" : "cell-phone cell-empty"}
                    >
                      <ChannelLink kind="phone" value={customer.phone} />
                    </td>
                    <td
                      data-label="Email"
                      className={customer.email ? "cell-email" : "cell-email cell-empty"}
                    >
                      <ChannelLink kind="email" value={customer.email} />
                    </td>
                    {full ? (
                      <td data-label="Updated" className="nowrap cell-updated">
                        {customer.updatedAt ? (
                          <time dateTime={isoString(customer.updatedAt)}>
                            {formatDate(customer.updatedAt, timeZone)}
                          </time>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
            <nav className="pager" aria-label="Pages">
              {filters.after ? (
                <Link to={listHref(filters, { after: undefined, page: undefined })}>« First page</Link>
              ) : null}
              {filters.page > 1 || nextCursor ? <span className="muted">Page {filters.page}</span> : null}
              {nextCursor ? (
                <Link to={listHref(filters, { after: nextCursor, page: filters.page + 1 })} rel="next">
                  Next page »
                </Link>
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
