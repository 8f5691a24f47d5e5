import { customerTypeNames, statusLabels } from "@ordinavo/domain/labels";
import {
  type CustomerStatus,
  type CustomerType,
  customerStatuses,
  customerTypes,
} from "@ordinavo/domain/vocabulary";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { RedirectNotice, useWorkspace } from "~/components/customer-bits";
import { useCustomerSearch } from "~/components/customer-search";
import { CustomerTable } from "~/components/customer-table";
import { PageError } from "~/components/page-error";
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
  if (!list.ok && list.status === 400) {
    // A page link from before the data changed shape: say so and offer the first page. A search
    // the API refuses (a control character, say) is said next to the search box.
    if (filters.after) return { items: [], nextCursor: null, filters, outdated: true, searchError: null };
    const searchError = list.errors.fields.q?.[0] ?? list.errors.message;
    return { items: [], nextCursor: null, filters, outdated: false, searchError };
  }
  if (!list.ok) refuse(args.request, list);
  return { ...list.value, filters, outdated: false, searchError: null };
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

/** What a screen reader hears when the list changes: how many customers it holds now. */
function resultsText(count: number, more: boolean, q: string): string {
  if (count === 0) return q ? `No customers match “${q}”.` : "No customers.";
  const one = count === 1 && !more;
  const many = more ? `More than ${count} customers` : one ? "1 customer" : `${count} customers`;
  if (!q) return `${many} listed.`;
  return `${many} ${one ? "matches" : "match"} “${q}”.`;
}

export default function Customers() {
  const served = useLoaderData<typeof loader>();
  const { filters, outdated } = served;
  const { timeZone, allowed, allCustomers } = useWorkspace();
  const navigation = useNavigation();
  const submit = useSubmit();
  const { status, type, archived, sort } = filters;
  const search = useCustomerSearch({
    servedQ: filters.q,
    served,
    input: { status, type, archived, sort, limit: PAGE_SIZE },
    hrefFor: (q) => listHref(filters, { q, after: undefined, page: undefined }),
  });
  // The list shown: the server's, or the first page of what was typed since.
  const shown = search.live ? { ...filters, q: search.q, after: undefined, page: 1 } : filters;
  const { items, nextCursor } = search.page;
  const searchError = search.error ?? (search.live ? null : served.searchError);
  const canCreate = allowed.has("customer.write");
  const navigating = navigation.state === "loading" && navigation.location.pathname === "/customers";
  const filtered = Boolean(shown.q || shown.status || shown.type || shown.archived !== "active");

  return (
    <section className="stack customers-page">
      <header className="page-head">
        <div>
          <p className="eyebrow">Customer records</p>
          <h1>Customers</h1>
          <p className="muted">
            {allCustomers
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
            value={search.text}
            onChange={(event) => search.setText(event.currentTarget.value)}
            maxLength={100}
            placeholder="Name, number or city"
            autoComplete="off"
            aria-controls="customer-results"
            aria-invalid={searchError ? true : undefined}
            aria-describedby={searchError ? "customer-q-error customer-q-hint" : "customer-q-hint"}
          />
          <p className="hint" id="customer-q-hint">
            Any word of the name, the number, a street or city, a contact's name, email or phone.
          </p>
          {searchError ? (
            <p className="field-error" id="customer-q-error">
              {searchError}
            </p>
          ) : null}
        </div>
        {allCustomers ? (
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

      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {searchError ? "" : resultsText(items.length, nextCursor !== null, shown.q)}
      </p>
      <div className="panel" id="customer-results" aria-busy={navigating || search.busy || undefined}>
        {outdated ? (
          <div className="empty">
            <p>This page link is out of date: the list changed since it was made.</p>
            <Link to={listHref(shown, { after: undefined, page: undefined })}>Go to the first page</Link>
          </div>
        ) : items.length === 0 ? (
          filtered ? (
            <div className="empty">
              <p>
                No customers match
                {shown.q ? (
                  <>
                    {" "}
                    “<strong>{shown.q}</strong>”
                  </>
                ) : null}
                {shown.status || shown.type || shown.archived !== "active" ? " with these shown" : ""}.
              </p>
              <p>
                {shown.q ? (
                  <Link to={listHref(shown, { q: undefined, after: undefined, page: undefined })}>
                    Clear search
                  </Link>
                ) : null}
                {shown.q && (shown.status || shown.type || shown.archived !== "active") ? " · " : null}
                {shown.status || shown.type || shown.archived !== "active" ? (
                  <Link
                    to={listHref(
                      { ...shown },
                      {
                        status: undefined,
                        type: undefined,
                        archived: undefined,
                        after: undefined,
                        page: undefined,
                      },
                    )}
                  >
                    Clear shown
                  </Link>
                ) : null}
              </p>
            </div>
          ) : shown.after ? (
            <div className="empty">
              <p>There are no more customers.</p>
              <Link to={listHref(shown, { after: undefined, page: undefined })}>Back to the first page</Link>
            </div>
          ) : (
            <div className="empty">
              <p>
                <strong>No customers yet.</strong>
              </p>
              <p>
                {canCreate
                  ? "Add your first customer, then their locations and contact persons."
                  : allCustomers
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
            <CustomerTable items={items} q={shown.q} page={shown.page} timeZone={timeZone} />
            <nav className="pager" aria-label="Pages">
              {shown.after ? (
                <Link to={listHref(shown, { after: undefined, page: undefined })}>« First page</Link>
              ) : null}
              {shown.page > 1 || nextCursor ? <span className="muted">Page {shown.page}</span> : null}
              {nextCursor ? (
                <Link to={listHref(shown, { after: nextCursor, page: shown.page + 1 })} rel="next">
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
