import { Form, Link } from "@remix-run/react";
import { formatDateTime, isoString } from "~/lib/format";

interface DisabledEndpoint {
  id: string;
  url: string;
  description: string | null;
  disabledReason: "gone" | "failing" | null;
  disabledAt: Date | string | null;
  failedDeliveries: number;
}

const why = {
  gone: "the receiver answered 410 Gone, asking us to stop",
  failing: "every delivery to it failed for three days",
} as const;

/**
 * The banner over the webhook settings for each endpoint Ordinavo turned off itself (410, or
 * failing for days): why and when, a link to its failed deliveries, and "Re-enable" right there.
 * The tenant's admins were mailed the same notice.
 */
export function DisabledBanners({
  subscriptions,
  timeZone,
  busy,
}: {
  subscriptions: DisabledEndpoint[];
  timeZone: string;
  busy: string | null;
}) {
  const disabled = subscriptions.filter((sub) => sub.disabledReason);
  if (disabled.length === 0) return null;
  return (
    <>
      {disabled.map((sub) => {
        const name = sub.description || sub.url;
        const reason = sub.disabledReason!;
        return (
          <section
            key={sub.id}
            className="alert webhook-disabled"
            aria-labelledby={`disabled-${sub.id}`}
            data-reason={reason}
          >
            <h2 id={`disabled-${sub.id}`} className="webhook-disabled-title">
              Ordinavo turned off a webhook
            </h2>
            <p>
              {sub.description ? (
                <strong>{sub.description}</strong>
              ) : (
                <code className="webhook-url">{sub.url}</code>
              )}{" "}
              receives no events: {why[reason]}
              {sub.disabledAt ? (
                <>
                  {" "}
                  (since{" "}
                  <time dateTime={isoString(sub.disabledAt)}>{formatDateTime(sub.disabledAt, timeZone)}</time>
                  )
                </>
              ) : null}
              . Check the receiver, then re-enable it and replay the failed deliveries.
            </p>
            <div className="webhook-disabled-actions">
              <Form method="post" action="/settings/webhooks">
                <input type="hidden" name="intent" value="enable" />
                <input type="hidden" name="webhookSubscriptionId" value={sub.id} />
                <button type="submit" className="button small" disabled={busy === `enable:${sub.id}`}>
                  Re-enable<span className="visually-hidden"> {name}</span>
                </button>
              </Form>
              <Link to={`/settings/webhooks?log=${sub.id}&status=failed#log`}>
                {sub.failedDeliveries > 0
                  ? `See ${sub.failedDeliveries} failed ${sub.failedDeliveries === 1 ? "delivery" : "deliveries"}`
                  : "See the delivery log"}
              </Link>
            </div>
          </section>
        );
      })}
    </>
  );
}
