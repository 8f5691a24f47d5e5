import { Form, Link } from "@remix-run/react";
import { formatDateTime } from "~/lib/format";
import { disabledReasonText, eventName } from "./labels";

export interface SubscriptionRow {
  id: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  includeContacts: boolean;
  includeBilling?: boolean;
  active: boolean;
  disabledReason: "gone" | "failing" | null;
  disabledAt: Date | string | null;
  previousSecretExpiresAt: Date | string | null;
  failedDeliveries: number;
}

/** The tenant's webhooks, each with its actions. Disabling and rotating ask first (a link). */
export function SubscriptionList({
  subscriptions,
  timeZone,
  busy,
}: {
  subscriptions: SubscriptionRow[];
  timeZone: string;
  busy: string | null;
}) {
  if (subscriptions.length === 0) {
    return <p className="empty">No webhooks yet. Add one below to send events to another system.</p>;
  }
  return (
    <table className="data responsive">
      <caption className="visually-hidden">Webhooks of the workspace</caption>
      <thead>
        <tr>
          <th scope="col">Endpoint</th>
          <th scope="col">Events</th>
          <th scope="col">Status</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {subscriptions.map((sub) => {
          const name = sub.description || sub.url;
          return (
            <tr key={sub.id} className={sub.active ? undefined : "dimmed"}>
              <td data-label="Endpoint">
                {sub.description ? <strong>{sub.description}</strong> : null}
                <div className="webhook-url">
                  <code>{sub.url}</code>
                </div>
                {sub.includeContacts ? <span className="muted small">With contact details</span> : null}
                {sub.includeContacts && sub.includeBilling ? " · " : null}
                {sub.includeBilling ? <span className="muted small">With billing details</span> : null}
              </td>
              <td data-label="Events">
                <ul className="badges" aria-label="Events">
                  {sub.eventTypes.map((type) => (
                    <li key={type} className="badge tag" title={type}>
                      {eventName(type)}
                    </li>
                  ))}
                </ul>
              </td>
              <td data-label="Status">
                {sub.active ? (
                  <span className="badge ok">Active</span>
                ) : (
                  <span className="badge danger">Disabled</span>
                )}
                {sub.disabledReason ? (
                  <p className="small" role="note">
                    {disabledReasonText[sub.disabledReason]}
                    {sub.disabledAt ? ` (${formatDateTime(sub.disabledAt, timeZone)})` : null}
                  </p>
                ) : null}
                {sub.previousSecretExpiresAt ? (
                  <p className="muted small">
                    The previous secret signs too until{" "}
                    {formatDateTime(sub.previousSecretExpiresAt, timeZone)}.
                  </p>
                ) : null}
                {sub.failedDeliveries > 0 ? (
                  <p className="small">
                    <Link to={`/settings/webhooks?log=${sub.id}&status=failed#log`}>
                      {sub.failedDeliveries} failed {sub.failedDeliveries === 1 ? "delivery" : "deliveries"}
                    </Link>
                  </p>
                ) : null}
              </td>
              <td className="row-actions">
                <div className="webhook-actions">
                  <Link className="button secondary small" to={`/settings/webhooks?log=${sub.id}#log`}>
                    Delivery log<span className="visually-hidden"> of {name}</span>
                  </Link>
                  {sub.active ? (
                    <>
                      <Form method="post">
                        <input type="hidden" name="intent" value="test" />
                        <input type="hidden" name="webhookSubscriptionId" value={sub.id} />
                        <button
                          type="submit"
                          className="button secondary small"
                          disabled={busy === `test:${sub.id}`}
                        >
                          {busy === `test:${sub.id}` ? "Sending…" : "Send test event"}
                          <span className="visually-hidden"> to {name}</span>
                        </button>
                      </Form>
                      <Link
                        className="button secondary small"
                        to={`/settings/webhooks?rotate=${sub.id}#confirm`}
                      >
                        Rotate secret…<span className="visually-hidden"> of {name}</span>
                      </Link>
                      <Link
                        className="button secondary small danger-text"
                        to={`/settings/webhooks?disable=${sub.id}#confirm`}
                      >
                        Disable…<span className="visually-hidden"> {name}</span>
                      </Link>
                    </>
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="intent" value="enable" />
                      <input type="hidden" name="webhookSubscriptionId" value={sub.id} />
                      <button
                        type="submit"
                        className="button secondary small"
                        disabled={busy === `enable:${sub.id}`}
                      >
                        Enable<span className="visually-hidden"> {name}</span>
                      </button>
                    </Form>
                  )}
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
