import { nameOf, objectTypeNames, timelineKindNames } from "@ordinavo/domain/labels";
import { FormAlert } from "@ordinavo/ui";
import { Form, Link } from "@remix-run/react";
import { FilterError, invalidProps } from "~/components/audit/filter-errors";
import { formatCalendarDay, formatVisit } from "~/components/customer-bits";
import { DateRangeFields, FilterActions } from "~/components/filter-fields";
import { formatDate, formatDateTime, isoString } from "~/lib/format";
import { type CustomerRecord, placeNames } from "./record";

// The customer's history: what happened, who did it and when, each entry linking to its record.
// The filter is a GET form and "Show older" a plain link with the page cursor, so it works without
// JavaScript. What an entry says of its record is what the API lets this viewer read.

/** The History's filter as the address carries it. */
export const historyParams = ["place", "kind", "from", "to", "older"] as const;
export type HistoryFilter = Record<(typeof historyParams)[number], string>;

/** The History API's inputs as the filter names them, so a refusal shows beside its field. */
export const historyInputFields: Readonly<Record<string, string>> = {
  locationId: "place",
  groups: "kind",
  kinds: "kind",
  after: "older",
};

/** What the page's loader read for the History (null: the viewer has no customer history). */
type HistoryData = NonNullable<CustomerRecord["history"]>;
type Item = NonNullable<HistoryData["page"]>["items"][number];

/** The address of the History with this filter (and page), keeping the page's other switches. */
export function historyLink(here: string, filter: Partial<HistoryFilter>, keep: URLSearchParams) {
  const params = new URLSearchParams();
  if (keep.get("archived") === "1") params.set("archived", "1");
  for (const key of historyParams) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  const query = params.toString();
  return `${here}${query ? `?${query}` : ""}#history`;
}

export function HistoryPanel({
  record,
  history,
  here,
  params,
  timeZone,
}: {
  record: CustomerRecord;
  history: HistoryData;
  here: string;
  params: URLSearchParams;
  timeZone: string;
}) {
  const { page, groups, errors, filter } = history;
  const filtered = Boolean(filter.place || filter.kind || filter.from || filter.to);
  const items = page?.items ?? [];
  return (
    <section className="panel history-panel" aria-labelledby="history-title" id="history">
      <div className="panel-head">
        <h2 id="history-title">History</h2>
        <p className="muted small history-times">Times in {timeZone}</p>
      </div>
      <Form
        method="get"
        action={`${here}#history`}
        className="history-filters"
        aria-label="Filter the history"
      >
        {params.get("archived") === "1" ? <input type="hidden" name="archived" value="1" /> : null}
        <div className="field">
          <label htmlFor="history-place">Location</label>
          <select
            id="history-place"
            name="place"
            defaultValue={filter.place}
            key={`place-${filter.place}`}
            {...invalidProps(errors, "place", "history-place-error")}
          >
            <option value="">All locations</option>
            {record.locations.map((location) => (
              <option key={location.id} value={location.id}>
                {location.name}
                {location.archivedAt ? " (archived)" : ""}
              </option>
            ))}
          </select>
          <FilterError errors={errors} names={["place"]} id="history-place-error" />
        </div>
        <div className="field">
          <label htmlFor="history-kind">What</label>
          <select
            id="history-kind"
            name="kind"
            defaultValue={filter.kind}
            key={`kind-${filter.kind}`}
            {...invalidProps(errors, "kind", "history-kind-error")}
          >
            <option value="">Everything</option>
            {groups.map((group) => (
              <option key={group.id} value={group.id}>
                {group.label}
              </option>
            ))}
          </select>
          <FilterError errors={errors} names={["kind"]} id="history-kind-error" />
        </div>
        <div className="filter-dates">
          <DateRangeFields idPrefix="history" from={filter.from} to={filter.to} />
          <FilterError errors={errors} names={["from", "to"]} id="history-dates-error" />
        </div>
        <FilterActions
          className="filter-actions"
          filtered={filtered}
          clearTo={historyLink(here, {}, params)}
        />
      </Form>
      <FormAlert errors={errors} />
      {errors ? null : items.length === 0 ? (
        <p className="empty small">
          {filter.older
            ? "No older entries."
            : filtered
              ? "Nothing in the history matches this filter."
              : "Nothing has happened for this customer yet."}
        </p>
      ) : (
        <ol className="timeline history-list">
          {items.map((item) => (
            <HistoryEntry key={item.id} item={item} timeZone={timeZone} places={placeNames(record)} />
          ))}
        </ol>
      )}
      <nav className="pager" aria-label="History pages">
        <FilterError errors={errors} names={["older"]} id="history-older-error" />
        {filter.older ? <Link to={historyLink(here, { ...filter, older: "" }, params)}>Newest</Link> : null}
        {page?.nextCursor ? (
          <Link to={historyLink(here, { ...filter, older: page.nextCursor }, params)}>Show older →</Link>
        ) : null}
      </nav>
    </section>
  );
}

/** "5 Oct 2026, 10:00–13:45", or both dates when the span crosses midnight; one time when equal. */
function timeSpan(from: Date | string, to: Date | string, timeZone: string) {
  const [first, last] = [formatDateTime(from, timeZone), formatDateTime(to, timeZone)];
  if (first === last) return first;
  const day = formatDate(from, timeZone);
  return day === formatDate(to, timeZone) ? `${first}–${last.slice(day.length + 2)}` : `${first} – ${last}`;
}

function HistoryEntry({
  item,
  timeZone,
  places,
}: {
  item: Item;
  timeZone: string;
  places: Map<string, string>;
}) {
  const { object, group } = item;
  const what = group
    ? `${group.visits} recurring ${group.visits === 1 ? "visit" : "visits"} generated`
    : nameOf(timelineKindNames, item.kind);
  const label = object ? (object.title ?? nameOf(objectTypeNames, object.type)) : null;
  const details = [
    // The record's status today, which may have moved on since this entry (say so).
    object?.status
      ? {
          key: "status",
          node: (
            <span className="badge" title="The record's status now">
              Now: {object.status}
            </span>
          ),
        }
      : null,
    object?.start && object.end && !group
      ? { key: "when", node: <span>{formatVisit(object.start, object.end, timeZone)}</span> }
      : null,
    group?.firstVisit && group.lastVisit
      ? {
          key: "range",
          node: (
            <span>
              Visits{" "}
              {formatDate(group.firstVisit, timeZone) === formatDate(group.lastVisit, timeZone)
                ? formatDate(group.firstVisit, timeZone)
                : `${formatDate(group.firstVisit, timeZone)} – ${formatDate(group.lastVisit, timeZone)}`}
            </span>
          ),
        }
      : null,
    object?.due ? { key: "due", node: <span>Due {formatCalendarDay(object.due)}</span> } : null,
    object?.assignee
      ? {
          key: "assignee",
          node: (
            <span>
              {object.type === "route" ? `${object.assignee}'s route` : `Assigned to ${object.assignee}`}
            </span>
          ),
        }
      : null,
  ].filter((part) => part !== null);
  const place = item.location ? (item.location.name ?? places.get(item.location.id) ?? null) : null;
  return (
    <li className="history-entry">
      <p className="history-what">
        <strong>{what}</strong>
        {object && label ? (
          <>
            {" · "}
            {object.href ? <Link to={object.href}>{label}</Link> : <span>{label}</span>}
          </>
        ) : null}
        {!object && !group ? <span className="muted"> · no longer exists</span> : null}
      </p>
      {details.length ? (
        <p className="history-details small">
          {details.map((part) => (
            <span key={part.key}>{part.node}</span>
          ))}
        </p>
      ) : null}
      {object?.excerpt ? <p className="history-excerpt small">{object.excerpt}</p> : null}
      <p className="muted small history-meta">
        {item.actor ? <span>{item.actor.name}</span> : null}
        {place && item.location ? (
          <span>
            <Link to={item.location.href}>{place}</Link>
          </span>
        ) : null}
        <time dateTime={isoString(item.occurredAt)}>
          {group
            ? timeSpan(group.since, item.occurredAt, timeZone)
            : formatDateTime(item.occurredAt, timeZone)}
        </time>
      </p>
    </li>
  );
}
