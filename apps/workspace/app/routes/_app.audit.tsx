import { nameOf, objectTypeNames } from "@ordinavo/domain/labels";
import { objectTypes } from "@ordinavo/domain/vocabulary";
import { FormAlert } from "@ordinavo/ui";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import auditCss from "~/components/audit/audit.css?url";
import { FilterError, invalidProps, renameErrorFields } from "~/components/audit/filter-errors";
import { DateRangeFields, FilterActions } from "~/components/filter-fields";
import { PageError } from "~/components/page-error";
import { formatDateTimeSeconds, isoString } from "~/lib/format";
import { attempt, requireWorkspace, type WorkspaceApi } from "~/lib/require.server";

export const meta: MetaFunction = () => [{ title: "Audit log · Ordinavo Workspace" }];

export const links = () => [{ rel: "stylesheet", href: auditCss }];

// The audit log: who changed what, which fields, when — never the values. Filters are a GET form
// and pages plain links, so the page works without JavaScript.

const params = ["actor", "action", "object", "from", "to", "after"] as const;
type Filter = Record<(typeof params)[number], string>;

/** The audit API's inputs as the filter names them, so a refusal shows beside its field. */
const inputFields: Readonly<Record<string, string>> = {
  actorType: "actor",
  actorId: "actor",
  objectType: "object",
  objectId: "object",
};

/** "staff:<id>", "integration:<id>" or "system", as the actor filter's options carry them. */
function actorFilter(value: string): { actorType?: "staff" | "integration" | "system"; actorId?: string } {
  if (value === "system") return { actorType: "system" };
  const [type, id] = value.split(":");
  return type === "staff" || type === "integration" ? { actorType: type, actorId: id } : {};
}

export async function loader(args: LoaderFunctionArgs) {
  const url = new URL(args.request.url);
  const filter = Object.fromEntries(
    params.map((key) => [key, (url.searchParams.get(key) ?? "").trim().slice(0, 2000)]),
  ) as Filter;
  const { api, me } = await requireWorkspace(args);
  const input = {
    ...actorFilter(filter.actor),
    action: filter.action || undefined,
    objectType: filter.object || undefined,
    from: filter.from || undefined,
    to: filter.to || undefined,
    after: filter.after || undefined,
    limit: 50,
  } as Parameters<WorkspaceApi["audit"]["list"]>[0];
  const result = await attempt(() => api.audit.list(input));
  if (!result.ok && result.status !== 400)
    throw new Response(result.errors.message, { status: result.status });
  // A filter the API refused (a date typed by hand, an old page link): say so beside the filter.
  const plain = result.ok ? null : await attempt(() => api.audit.list({ limit: 1 }));
  const page = result.ok ? result.value : null;
  const choices = page ?? (plain?.ok ? plain.value : { actors: [], actions: [] });
  return {
    page,
    errors: result.ok ? null : renameErrorFields(result.errors, inputFields),
    actors: choices.actors,
    actions: choices.actions,
    filter,
    timeZone: me.active?.timeZone ?? "UTC",
  };
}

function pageLink(filter: Filter, change: Partial<Filter>) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filter, ...change })) if (value) query.set(key, value);
  const text = query.toString();
  return text ? `/audit?${text}` : "/audit";
}

/** "visit_report.approved" → "Visit report approved" (the stored code stays in the tooltip). */
function actionWords(action: string) {
  const text = action.replaceAll(".", " ").replaceAll("_", " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export default function AuditLog() {
  const { page, errors, actors, actions, filter, timeZone } = useLoaderData<typeof loader>();
  const filtered = Boolean(filter.actor || filter.action || filter.object || filter.from || filter.to);
  const items = page?.items ?? [];
  return (
    <section className="stack">
      <header>
        <p className="eyebrow">Administration</p>
        <h1>Audit log</h1>
        <p className="muted">
          Who changed what in this workspace, newest first. Entries name the fields that changed, never their
          contents. Times are in {timeZone}.
        </p>
      </header>

      <div className="panel">
        <Form method="get" className="audit-filters" aria-label="Filter the audit log">
          <div className="field">
            <label htmlFor="audit-actor">Who</label>
            <select
              id="audit-actor"
              name="actor"
              defaultValue={filter.actor}
              key={`actor-${filter.actor}`}
              {...invalidProps(errors, "actor", "audit-actor-error")}
            >
              <option value="">Anyone</option>
              {actors.map((actor) => {
                const value = actor.type === "system" ? "system" : `${actor.type}:${actor.id}`;
                return (
                  <option key={value} value={value}>
                    {actor.name}
                    {actor.type === "integration" ? " (API key)" : ""}
                  </option>
                );
              })}
            </select>
            <FilterError errors={errors} names={["actor"]} id="audit-actor-error" />
          </div>
          <div className="field">
            <label htmlFor="audit-action">Action</label>
            <input
              id="audit-action"
              name="action"
              list="audit-actions"
              defaultValue={filter.action}
              key={`action-${filter.action}`}
              placeholder="e.g. customer."
              autoComplete="off"
              {...invalidProps(errors, "action", "audit-action-error")}
            />
            <FilterError errors={errors} names={["action"]} id="audit-action-error" />
            <datalist id="audit-actions">
              {actions.map((action) => (
                <option key={action} value={action} />
              ))}
            </datalist>
          </div>
          <div className="field">
            <label htmlFor="audit-object">Object</label>
            <select
              id="audit-object"
              name="object"
              defaultValue={filter.object}
              key={`object-${filter.object}`}
              {...invalidProps(errors, "object", "audit-object-error")}
            >
              <option value="">Any kind</option>
              {objectTypes.map((type) => (
                <option key={type} value={type}>
                  {objectTypeNames[type]}
                </option>
              ))}
            </select>
            <FilterError errors={errors} names={["object"]} id="audit-object-error" />
          </div>
          <div className="filter-dates">
            <DateRangeFields idPrefix="audit" from={filter.from} to={filter.to} />
            <FilterError errors={errors} names={["from", "to"]} id="audit-dates-error" />
          </div>
          <FilterActions className="audit-filter-actions" filtered={filtered} clearTo="/audit" />
        </Form>
        <FormAlert errors={errors} />
        {errors ? null : items.length === 0 ? (
          <p className="empty">
            {filter.after
              ? "No older entries."
              : filtered
                ? "No entries match this filter."
                : "Nothing has been recorded in this workspace yet."}
          </p>
        ) : (
          <table className="data responsive audit-table" aria-label="Audit entries">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Object</th>
                <th scope="col">Changed</th>
              </tr>
            </thead>
            <tbody>
              {items.map((entry) => {
                const noun = nameOf(objectTypeNames, entry.objectType);
                const facts = Object.entries(entry.metadata);
                return (
                  <tr key={entry.id}>
                    <td data-label="Time" className="nowrap">
                      <time dateTime={isoString(entry.createdAt)}>
                        {formatDateTimeSeconds(entry.createdAt, timeZone)}
                      </time>
                    </td>
                    <td data-label="Who">
                      {entry.actor.name}
                      {entry.actor.type === "integration" ? (
                        <span className="muted small"> · API key</span>
                      ) : null}
                    </td>
                    <td data-label="Action">
                      <span title={entry.action}>{actionWords(entry.action)}</span>
                    </td>
                    <td data-label="Object">
                      <span className="muted small">{noun}</span>{" "}
                      {entry.object?.href ? (
                        <Link to={entry.object.href}>{entry.object.label ?? "Open"}</Link>
                      ) : entry.object?.label ? (
                        <span>{entry.object.label}</span>
                      ) : entry.objectId ? (
                        <span className="muted small">no longer exists</span>
                      ) : null}
                    </td>
                    <td data-label="Changed">
                      {entry.changedFields.length ? (
                        <span>{entry.changedFields.join(", ")}</span>
                      ) : facts.length ? null : (
                        <span className="muted">—</span>
                      )}
                      {facts.length ? (
                        <span className="muted small audit-facts">
                          {facts.map(([key, value]) => `${key}: ${String(value)}`).join(" · ")}
                        </span>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        <nav className="pager" aria-label="Audit log pages">
          <FilterError errors={errors} names={["after"]} id="audit-after-error" />
          {filter.after ? <Link to={pageLink(filter, { after: "" })}>Newest</Link> : null}
          {page?.nextCursor ? (
            <Link to={pageLink(filter, { after: page.nextCursor })}>Older entries →</Link>
          ) : null}
        </nav>
      </div>
    </section>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
