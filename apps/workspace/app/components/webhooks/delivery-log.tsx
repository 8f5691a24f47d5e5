import { statusLabel } from "@ordinavo/domain/labels";
import {
  type WebhookDeliveryStatus,
  webhookDeliveryStatuses,
  webhookEventTypes,
} from "@ordinavo/domain/vocabulary";
import { Form, Link } from "@remix-run/react";
import { FilterActions } from "~/components/filter-fields";
import { formatDateTimeSeconds, isoString } from "~/lib/format";
import { attemptErrorText, eventName, TEST_EVENT } from "./labels";

export interface DeliveryRow {
  id: string;
  eventType: string;
  status: WebhookDeliveryStatus;
  attemptCount: number;
  nextAttemptAt: Date | string | null;
  lastStatusCode: number | null;
  createdAt: Date | string;
  completedAt: Date | string | null;
  attempts: {
    attemptNumber: number;
    startedAt: Date | string;
    durationMs: number;
    statusCode: number | null;
    error: string | null;
    responseExcerpt: string | null;
  }[];
}

export interface LogFilter {
  log: string;
  status: string;
  event: string;
  /** Calendar days (YYYY-MM-DD) in the workspace's time zone, both included. */
  from?: string;
  to?: string;
  after: string;
}

const tone: Record<WebhookDeliveryStatus, string> = {
  pending: "tag",
  delivering: "tag",
  succeeded: "ok",
  retrying: "warn",
  failed: "danger",
};

export function logLink(filter: LogFilter, change: Partial<LogFilter> = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filter, ...change })) if (value) query.set(key, value);
  return `/settings/webhooks?${query.toString()}#log`;
}

/**
 * One subscription's deliveries, newest first, with their attempts; filters (status, event, days)
 * are a GET form.
 */
export function DeliveryLog({
  title,
  filter,
  items,
  nextCursor,
  timeZone,
  canReplay,
  busy,
}: {
  title: string;
  filter: LogFilter;
  items: DeliveryRow[];
  nextCursor: string | null;
  timeZone: string;
  canReplay: boolean;
  busy: string | null;
}) {
  const filtered = Boolean(filter.status || filter.event || filter.from || filter.to);
  return (
    <section className="panel" id="log" aria-labelledby="log-title">
      <h2 id="log-title">Delivery log: {title}</h2>
      <Form
        method="get"
        action="/settings/webhooks#log"
        className="webhook-filters"
        aria-label="Filter the deliveries"
      >
        <input type="hidden" name="log" value={filter.log} />
        <div className="field">
          <label htmlFor="log-status">Status</label>
          <select id="log-status" name="status" defaultValue={filter.status} key={`s-${filter.status}`}>
            <option value="">Any status</option>
            {webhookDeliveryStatuses.map((status) => (
              <option key={status} value={status}>
                {statusLabel("webhook_delivery", status)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="log-event">Event</label>
          <select id="log-event" name="event" defaultValue={filter.event} key={`e-${filter.event}`}>
            <option value="">Any event</option>
            {[...webhookEventTypes, TEST_EVENT].map((type) => (
              <option key={type} value={type}>
                {eventName(type)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="log-from">From</label>
          <input id="log-from" type="date" name="from" defaultValue={filter.from} key={`f-${filter.from}`} />
        </div>
        <div className="field">
          <label htmlFor="log-to">To</label>
          <input id="log-to" type="date" name="to" defaultValue={filter.to} key={`t-${filter.to}`} />
        </div>
        <FilterActions
          className="webhook-filter-actions"
          filtered={filtered}
          clearTo={logLink({ log: filter.log, status: "", event: "", after: "" })}
        />
      </Form>
      {items.length === 0 ? (
        <p className="empty">
          {filtered || filter.after
            ? "No deliveries match."
            : "Nothing sent yet. Send a test event, or wait for one of the chosen events."}
        </p>
      ) : (
        <table className="data responsive webhook-log">
          <caption className="visually-hidden">Deliveries, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((delivery) => (
              <tr key={delivery.id}>
                <td data-label="Event">
                  <strong>{eventName(delivery.eventType)}</strong>
                  <div className="muted small">
                    <time dateTime={isoString(delivery.createdAt)}>
                      {formatDateTimeSeconds(delivery.createdAt, timeZone)}
                    </time>
                  </div>
                  <div className="muted small">
                    webhook-id <code>{delivery.id}</code>
                  </div>
                </td>
                <td data-label="Status">
                  <span className={`badge ${tone[delivery.status]}`}>
                    {statusLabel("webhook_delivery", delivery.status)}
                  </span>
                  {delivery.status === "retrying" && delivery.nextAttemptAt ? (
                    <div className="muted small">
                      Next try {formatDateTimeSeconds(delivery.nextAttemptAt, timeZone)}
                    </div>
                  ) : null}
                </td>
                <td data-label="Attempts">
                  {delivery.attempts.length === 0 ? (
                    <span className="muted">Not tried yet</span>
                  ) : (
                    <ol className="webhook-attempts" aria-label="Attempts, newest first">
                      {delivery.attempts.map((a) => (
                        <li key={a.attemptNumber}>
                          <span>
                            #{a.attemptNumber} ·{" "}
                            <time dateTime={isoString(a.startedAt)}>
                              {formatDateTimeSeconds(a.startedAt, timeZone)}
                            </time>{" "}
                            · {a.statusCode ?? "no answer"} · {a.durationMs} ms
                          </span>
                          {a.error ? <div className="field-error">{attemptErrorText(a.error)}</div> : null}
                          {a.responseExcerpt ? (
                            <details>
                              <summary>Response</summary>
                              <pre>{a.responseExcerpt}</pre>
                            </details>
                          ) : null}
                        </li>
                      ))}
                    </ol>
                  )}
                </td>
                <td className="row-actions">
                  {delivery.status === "failed" && canReplay ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="replay" />
                      <input type="hidden" name="deliveryId" value={delivery.id} />
                      <input type="hidden" name="webhookSubscriptionId" value={filter.log} />
                      <button
                        type="submit"
                        className="button secondary small"
                        disabled={busy === `replay:${delivery.id}`}
                      >
                        Replay<span className="visually-hidden"> this delivery</span>
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="pager" aria-label="Delivery log pages">
        {filter.after ? <Link to={logLink(filter, { after: "" })}>Newest</Link> : null}
        {nextCursor ? <Link to={logLink(filter, { after: nextCursor })}>Older deliveries →</Link> : null}
      </nav>
    </section>
  );
}
