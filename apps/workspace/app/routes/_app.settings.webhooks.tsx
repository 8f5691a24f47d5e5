import { addDays } from "@ordinavo/domain/calendar";
import type { WebhookEventType } from "@ordinavo/domain/vocabulary";
import { FormAlert, Notice } from "@ordinavo/ui";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ConfirmPanel } from "~/components/confirm";
import { PageError } from "~/components/page-error";
import { type CreateValues, CreateWebhookForm } from "~/components/webhooks/create-form";
import { DeliveryLog, type LogFilter, logLink } from "~/components/webhooks/delivery-log";
import { DisabledBanners } from "~/components/webhooks/disabled-banner";
import { WebhookSecretBox } from "~/components/webhooks/secret-box";
import { SubscriptionList } from "~/components/webhooks/subscription-list";
import webhooksCss from "~/components/webhooks/webhooks.css?url";
import { endOfDayInZone } from "~/lib/format";
import { attempt, type FormErrors, load, requireWorkspace, text } from "~/lib/require.server";

// Webhook settings, tenant admins only (the API refuses anyone else). Everything is a form or a
// link: create, test, enable, replay post; disable and rotate ask first on a confirmation reached
// by a link; the delivery log is a GET filter with page links.

export const meta: MetaFunction = () => [{ title: "Webhooks · Ordinavo Workspace" }];

export const links = () => [{ rel: "stylesheet", href: webhooksCss }];

/** A response that carries a new secret must not be cached (the action says so in its headers). */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const cacheControl = actionHeaders.get("cache-control");
  if (cacheControl) headers.set("cache-control", cacheControl);
  return headers;
};

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const day = /^\d{4}-\d{2}-\d{2}$/;
const param = (url: URL, key: string) => (url.searchParams.get(key) ?? "").trim().slice(0, 2000);

export async function loader(args: LoaderFunctionArgs) {
  const url = new URL(args.request.url);
  const { api, me } = await requireWorkspace(args);
  const [subscriptions, settings] = await Promise.all([
    load(args.request, () => api.webhooks.list()),
    attempt(() => api.settings.get()),
  ]);
  const filter: LogFilter = {
    log: param(url, "log"),
    status: param(url, "status"),
    event: param(url, "event"),
    from: day.test(param(url, "from")) ? param(url, "from") : "",
    to: day.test(param(url, "to")) ? param(url, "to") : "",
    after: param(url, "after"),
  };
  const timeZone = me.active?.timeZone ?? "UTC";
  // The range is whole days in the workspace's zone: from the start of "from" to the end of "to".
  const fromEnd = filter.from ? endOfDayInZone(addDays(filter.from, -1), timeZone) : null;
  const toEnd = filter.to ? endOfDayInZone(filter.to, timeZone) : null;
  const logged = subscriptions.find((sub) => sub.id === filter.log) ?? null;
  let log: {
    items: Awaited<ReturnType<typeof api.webhooks.deliveries>>["items"];
    nextCursor: string | null;
  } | null = null;
  let logErrors: FormErrors | null = null;
  if (logged) {
    const result = await attempt(() =>
      api.webhooks.deliveries({
        webhookSubscriptionId: logged.id,
        status: (filter.status || undefined) as "failed" | undefined,
        eventType: filter.event || undefined,
        since: fromEnd ? new Date(fromEnd.getTime() + 1) : undefined,
        until: toEnd ? new Date(toEnd.getTime() + 1) : undefined,
        after: filter.after || undefined,
        limit: 20,
      }),
    );
    if (result.ok) log = result.value;
    else logErrors = result.errors;
  }
  const pick = (key: string) => {
    const id = param(url, key);
    return uuid.test(id) ? (subscriptions.find((sub) => sub.id === id && sub.active) ?? null) : null;
  };
  return {
    subscriptions,
    contactsAllowed: settings.ok ? settings.value.webhookIncludeContacts : false,
    billingAllowed: settings.ok ? settings.value.webhookIncludeBilling : false,
    timeZone,
    filter,
    logged,
    log,
    logErrors,
    disabling: pick("disable"),
    rotating: pick("rotate"),
  };
}

type Intent = "create" | "rotate" | "disable" | "enable" | "test" | "replay";

type Outcome = {
  intent: Intent;
  errors: FormErrors | null;
  notice: string | null;
  secret: { url: string; secret: string; rotated: boolean } | null;
  values: CreateValues | null;
  /** The subscription whose log the notice links to. */
  logOf: string | null;
};

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const intents: Intent[] = ["create", "rotate", "disable", "enable", "test", "replay"];
  const given = text(form, "intent") as Intent;
  const intent: Intent = intents.includes(given) ? given : "create";
  const { api } = await requireWorkspace(args);
  const webhookSubscriptionId = text(form, "webhookSubscriptionId");
  const reply = (outcome: Partial<Outcome>, status = 200) =>
    data<Outcome>(
      { intent, errors: null, notice: null, secret: null, values: null, logOf: null, ...outcome },
      // The page may carry a secret: never keep it in a cache.
      { status, headers: { "cache-control": "no-store" } },
    );

  switch (intent) {
    case "create": {
      const values: CreateValues = {
        url: text(form, "url"),
        description: text(form, "description"),
        eventTypes: form.getAll("eventTypes").map(String),
        includeContacts: text(form, "includeContacts") === "on",
        includeBilling: text(form, "includeBilling") === "on",
      };
      const result = await attempt(() =>
        api.webhooks.create({
          url: values.url,
          description: values.description,
          eventTypes: values.eventTypes as WebhookEventType[],
          includeContacts: values.includeContacts,
          includeBilling: values.includeBilling,
        }),
      );
      if (!result.ok) return reply({ errors: result.errors, values }, result.status);
      const { secret, subscription } = result.value;
      return reply({ secret: { url: subscription.url, secret, rotated: false } });
    }
    case "rotate": {
      const result = await attempt(() => api.webhooks.rotateSecret({ webhookSubscriptionId }));
      if (!result.ok) return reply({ errors: result.errors }, result.status);
      const { secret, subscription } = result.value;
      return reply({ secret: { url: subscription.url, secret, rotated: true } });
    }
    case "disable":
    case "enable": {
      const active = intent === "enable";
      const result = await attempt(() => api.webhooks.update({ webhookSubscriptionId, active }));
      if (!result.ok) return reply({ errors: result.errors }, result.status);
      return reply({
        notice: active
          ? "The webhook is enabled. New events are delivered to it again; replay failed deliveries from its log."
          : "The webhook is disabled. No events are sent to it until you enable it.",
      });
    }
    case "test": {
      const result = await attempt(() => api.webhooks.sendTest({ webhookSubscriptionId }));
      if (!result.ok) return reply({ errors: result.errors }, result.status);
      return reply({ notice: "A test event is on its way.", logOf: webhookSubscriptionId });
    }
    case "replay": {
      const result = await attempt(() => api.webhooks.replay({ deliveryId: text(form, "deliveryId") }));
      if (!result.ok) return reply({ errors: result.errors }, result.status);
      return reply({
        notice: "The delivery is sent again, with the same webhook-id.",
        logOf: webhookSubscriptionId,
      });
    }
  }
}

export default function Webhooks() {
  const {
    subscriptions,
    contactsAllowed,
    billingAllowed,
    timeZone,
    filter,
    logged,
    log,
    logErrors,
    disabling,
    rotating,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting" ? navigation.formData : null;
  const busy = submitting
    ? `${submitting.get("intent")}:${submitting.get("deliveryId") ?? submitting.get("webhookSubscriptionId") ?? ""}`
    : null;
  const createResult = result?.intent === "create" ? result : null;

  return (
    <section className="stack">
      <header>
        <p className="eyebrow">Administration</p>
        <h1>Webhooks</h1>
        <p className="muted">
          Webhooks send events — new customers, work, appointments, visit reports, follow-ups — to other
          systems as they happen. Each delivery is signed (Standard Webhooks) with the endpoint’s secret,
          retried when the receiver fails, and logged below.
        </p>
      </header>

      {result?.secret ? <WebhookSecretBox {...result.secret} /> : null}
      {result?.notice ? (
        <Notice>
          {result.notice}{" "}
          {result.logOf ? (
            <Link to={logLink({ log: result.logOf, status: "", event: "", after: "" })}>
              See the delivery log
            </Link>
          ) : null}
        </Notice>
      ) : null}
      {result && result.intent !== "create" ? <FormAlert errors={result.errors} /> : null}

      {disabling ? (
        <ConfirmPanel
          title={`Disable the webhook to ${disabling.description || disabling.url}?`}
          cancelTo="/settings/webhooks"
          form={(cancel) => (
            <Form method="post" action="/settings/webhooks" className="actions">
              <input type="hidden" name="intent" value="disable" />
              <input type="hidden" name="webhookSubscriptionId" value={disabling.id} />
              <button type="submit" className="button danger" disabled={busy?.startsWith("disable:")}>
                Disable the webhook
              </button>
              {cancel}
            </Form>
          )}
        >
          <p>
            Events that happen while it is disabled are not sent to it. You can enable it again and replay
            failed deliveries from its log.
          </p>
        </ConfirmPanel>
      ) : null}

      {rotating ? (
        <ConfirmPanel
          title={`Rotate the signing secret of ${rotating.description || rotating.url}?`}
          cancelTo="/settings/webhooks"
          form={(cancel) => (
            <Form method="post" action="/settings/webhooks" className="actions">
              <input type="hidden" name="intent" value="rotate" />
              <input type="hidden" name="webhookSubscriptionId" value={rotating.id} />
              <button type="submit" className="button danger" disabled={busy?.startsWith("rotate:")}>
                Rotate the secret
              </button>
              {cancel}
            </Form>
          )}
        >
          <p>
            A new secret is shown once. Deliveries are signed with both secrets for 24 hours; after that, only
            the new one. Update your receiver within a day.
          </p>
        </ConfirmPanel>
      ) : null}

      <DisabledBanners subscriptions={subscriptions} timeZone={timeZone} busy={busy} />

      <div className="panel">
        <h2>Endpoints</h2>
        <SubscriptionList subscriptions={subscriptions} timeZone={timeZone} busy={busy} />
      </div>

      {logged ? (
        log ? (
          <DeliveryLog
            title={logged.description || logged.url}
            filter={filter}
            items={log.items}
            nextCursor={log.nextCursor}
            timeZone={timeZone}
            canReplay={logged.active}
            busy={busy}
          />
        ) : (
          <section className="panel" id="log">
            <FormAlert errors={logErrors} />
            <Link to={logLink({ log: logged.id, status: "", event: "", after: "" })}>Show the whole log</Link>
          </section>
        )
      ) : null}

      <CreateWebhookForm
        errors={createResult?.errors ?? null}
        values={createResult?.errors ? createResult.values : null}
        contactsAllowed={contactsAllowed}
        billingAllowed={billingAllowed}
        created={createResult?.secret ? createResult : null}
        busy={busy?.startsWith("create:") ?? false}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
