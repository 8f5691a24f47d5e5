import { apiKeyScopeGroups as scopeGroups, apiKeyScopeNames as scopeNames } from "@ordinavo/domain/labels";
import { type ApiKeyScope, apiKeyScopes } from "@ordinavo/domain/vocabulary";
import { Field, FormAlert, freshKey, messagesFor, Notice } from "@ordinavo/ui";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { ConfirmPanel } from "~/components/confirm";
import { PageError } from "~/components/page-error";
import { calendarDate, endOfDayInZone, formatDate, formatDateTime } from "~/lib/format";
import { apiFor, attempt, type FormErrors, load, text } from "~/lib/require.server";

export const meta: MetaFunction = () => [{ title: "API keys · Ordinavo Workspace" }];

/** A response that carries a new secret must not be cached (the action says so in its headers). */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const cacheControl = actionHeaders.get("cache-control");
  if (cacheControl) headers.set("cache-control", cacheControl);
  return headers;
};

export async function loader(args: LoaderFunctionArgs) {
  const { api } = await apiFor(args);
  const [keys, sourceSystems, me] = await load(args.request, () =>
    Promise.all([api.apiKeys.list(), api.apiKeys.sourceSystems(), api.session.me()]),
  );
  const timeZone = me.active?.timeZone ?? "UTC";
  const now = new Date();
  return { keys, sourceSystems, timeZone, now, today: calendarDate(now, timeZone) };
}

type Created = { name: string; prefix: string; secret: string };

type Outcome = {
  intent: "create" | "revoke";
  errors: FormErrors | null;
  notice: string | null;
  created: Created | null;
  values: { name: string; scopes: string[]; expiresAt: string; sourceSystem: string };
};

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const intent = text(form, "intent") === "revoke" ? "revoke" : "create";
  const values = {
    name: text(form, "name"),
    scopes: form.getAll("scopes").map(String),
    expiresAt: text(form, "expiresAt"),
    sourceSystem: text(form, "sourceSystem"),
  };
  const { api } = await apiFor(args);
  const reply = (outcome: Partial<Outcome>, status = 200) =>
    data<Outcome>(
      { intent, errors: null, notice: null, created: null, values, ...outcome },
      // The page may carry a secret: never keep it in a cache.
      { status, headers: { "cache-control": "no-store" } },
    );

  if (intent === "revoke") {
    const result = await attempt(() => api.apiKeys.revoke({ apiKeyId: text(form, "apiKeyId") }));
    if (!result.ok) return reply({ errors: result.errors }, result.status);
    return reply({
      notice: `The key “${text(form, "keyName")}” is revoked. Requests that use it are refused from now on.`,
    });
  }

  // The expiry is a calendar day; the key works until the end of that day in the workspace's time zone.
  let expiresAt: Date | null = null;
  if (values.expiresAt.trim()) {
    const me = await attempt(() => api.session.me());
    const timeZone = (me.ok && me.value.active?.timeZone) || "UTC";
    expiresAt = endOfDayInZone(values.expiresAt.trim(), timeZone);
    if (!expiresAt) {
      return reply(
        {
          errors: {
            message: "Some fields need attention.",
            fields: { expiresAt: ["Enter the date as YYYY-MM-DD."] },
          },
        },
        400,
      );
    }
  }
  const result = await attempt(() =>
    api.apiKeys.create({
      name: values.name,
      scopes: values.scopes as ApiKeyScope[],
      expiresAt,
      sourceSystem: values.sourceSystem,
    }),
  );
  if (!result.ok) return reply({ errors: result.errors }, result.status);
  const { secret, apiKey } = result.value;
  return reply({
    created: { name: apiKey.name, prefix: apiKey.prefix, secret },
    values: { name: "", scopes: [], expiresAt: "", sourceSystem: "" },
  });
}

function statusOf(key: { revokedAt: Date | null; expiresAt: Date | null }, now: Date) {
  if (key.revokedAt) return { label: "Revoked", tone: "danger" };
  if (key.expiresAt && new Date(key.expiresAt).getTime() <= new Date(now).getTime()) {
    return { label: "Expired", tone: "warn" };
  }
  return { label: "Active", tone: "ok" };
}

function SecretBox({ created }: { created: Created }) {
  const [canCopy, setCanCopy] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setCanCopy(typeof navigator !== "undefined" && Boolean(navigator.clipboard)), []);
  return (
    <section className="secret-box" aria-labelledby="secret-title">
      <h2 id="secret-title">Copy the key for “{created.name}” now</h2>
      <p>
        <strong>This is the only time the full key is shown.</strong> We store only a fingerprint of it. If
        you lose it, revoke the key and create a new one.
      </p>
      <code className="secret" id="new-secret">
        {created.secret}
      </code>
      <div className="actions">
        {canCopy ? (
          <button
            type="button"
            className="button secondary small"
            onClick={() => {
              void navigator.clipboard.writeText(created.secret).then(() => setCopied(true));
            }}
          >
            {copied ? "Copied" : "Copy to clipboard"}
          </button>
        ) : null}
        <span className="muted small" aria-live="polite">
          {copied ? "The key is on your clipboard." : "Send it with the header Authorization: Bearer <key>."}
        </span>
      </div>
    </section>
  );
}

export default function ApiKeys() {
  const { keys, sourceSystems, timeZone, now, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const revoking = keys.find((key) => key.id === params.get("revoke") && !key.revokedAt);
  const createErrors = result?.intent === "create" ? result.errors : null;
  const chosen = new Set(result?.intent === "create" ? result.values.scopes : []);
  const scopeMessages = messagesFor(createErrors, "scopes");

  return (
    <section className="stack">
      <header>
        <p className="eyebrow">Administration</p>
        <h1>API keys</h1>
        <p className="muted">
          Keys let other systems use Ordinavo Connect. Give each integration its own key with only the scopes
          it needs, so you can revoke one without touching the others.
        </p>
      </header>

      {result?.created ? <SecretBox created={result.created} /> : null}
      {result?.intent === "revoke" && result.notice ? <Notice>{result.notice}</Notice> : null}
      {result?.intent === "revoke" ? <FormAlert errors={result.errors} /> : null}

      {revoking ? (
        <ConfirmPanel
          title={`Revoke the key “${revoking.name}”?`}
          cancelTo="/settings/api-keys"
          form={(cancel) => (
            <Form method="post" action="/settings/api-keys" className="actions">
              <input type="hidden" name="intent" value="revoke" />
              <input type="hidden" name="apiKeyId" value={revoking.id} />
              <input type="hidden" name="keyName" value={revoking.name} />
              <button type="submit" className="button danger" disabled={busyIntent === "revoke"}>
                {busyIntent === "revoke" ? "Revoking…" : "Revoke the key"}
              </button>
              {cancel}
            </Form>
          )}
        >
          <p>
            Every integration that uses <code>ordv_{revoking.prefix}_…</code> stops working at once. A revoked
            key cannot be restored; you would create a new one.
          </p>
        </ConfirmPanel>
      ) : null}

      <div className="panel">
        <h2>Keys</h2>
        {keys.length === 0 ? (
          <p className="empty">No API keys yet — create one for each integration.</p>
        ) : (
          <table className="data responsive">
            <caption className="visually-hidden">API keys of the workspace</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">Scopes</th>
                <th scope="col">Source system</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Expires</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => {
                const status = statusOf(key, now);
                return (
                  <tr key={key.id} className={key.revokedAt ? "dimmed" : undefined}>
                    <td data-label="Name">
                      <strong>{key.name}</strong>
                    </td>
                    <td data-label="Key">
                      <code>ordv_{key.prefix}_…</code>
                    </td>
                    <td data-label="Scopes">
                      <ul className="badges" aria-label="Scopes">
                        {key.scopes.map((scope) => (
                          <li key={scope} className="badge" title={scopeNames[scope]}>
                            {scope}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td data-label="Source system">
                      {key.sourceSystem ? (
                        <code>{key.sourceSystem}</code>
                      ) : (
                        <span className="muted">Any</span>
                      )}
                    </td>
                    <td data-label="Created">{formatDate(key.createdAt, timeZone)}</td>
                    <td data-label="Last used">
                      {key.lastUsedAt ? (
                        formatDateTime(key.lastUsedAt, timeZone)
                      ) : (
                        <span className="muted">Never</span>
                      )}
                    </td>
                    <td data-label="Expires">
                      {key.expiresAt ? (
                        formatDateTime(key.expiresAt, timeZone)
                      ) : (
                        <span className="muted">Never</span>
                      )}
                    </td>
                    <td data-label="Status">
                      <span className={`badge ${status.tone}`}>{status.label}</span>
                    </td>
                    <td className="row-actions">
                      {key.revokedAt ? null : (
                        <Link
                          className="button secondary small danger-text"
                          to={`/settings/api-keys?revoke=${key.id}#confirm`}
                        >
                          Revoke…<span className="visually-hidden"> {key.name}</span>
                        </Link>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>

      <div className="panel">
        <h2 id="create-title">Create a key</h2>
        <FormAlert errors={createErrors} />
        <Form
          method="post"
          className="stack"
          aria-labelledby="create-title"
          key={result?.created ? freshKey(result) : "create"}
        >
          <input type="hidden" name="intent" value="create" />
          <Field
            label="Name"
            name="name"
            required
            maxLength={100}
            autoComplete="off"
            hint="What uses the key, for example “ERP sync” or “Nightly import”."
            defaultValue={result?.intent === "create" ? result.values.name : undefined}
            errors={createErrors}
          />
          <fieldset
            className="scopes"
            aria-invalid={scopeMessages.length > 0 || undefined}
            aria-describedby={scopeMessages.length ? "scopes-error" : undefined}
          >
            <legend>Scopes</legend>
            <p className="hint">
              Choose only what the integration needs. Write scopes do not include reading.
            </p>
            <div className="scope-groups">
              {scopeGroups.map((group) => (
                <div key={group.title} className="scope-group">
                  <p className="scope-group-title">{group.title}</p>
                  {group.scopes
                    .filter((scope) => apiKeyScopes.includes(scope))
                    .map((scope) => (
                      <label key={scope} className="check-inline">
                        <input
                          type="checkbox"
                          name="scopes"
                          value={scope}
                          defaultChecked={chosen.has(scope)}
                        />
                        <span>
                          {scopeNames[scope]} <code className="muted">{scope}</code>
                        </span>
                      </label>
                    ))}
                </div>
              ))}
            </div>
            {scopeMessages.length ? (
              <p className="field-error" id="scopes-error">
                {[...new Set(scopeMessages)].join(" ")}
              </p>
            ) : null}
          </fieldset>
          <Field
            label="Source system (optional)"
            name="sourceSystem"
            maxLength={64}
            autoComplete="off"
            list={sourceSystems.length > 0 ? "known-source-systems" : undefined}
            hint="Limits the key to the external references of one system, written exactly as the references name it (for example “sap”). Leave empty for a key that may use the references of every system."
            defaultValue={result?.intent === "create" ? result.values.sourceSystem : undefined}
            errors={createErrors}
          />
          {sourceSystems.length > 0 ? (
            <datalist id="known-source-systems">
              {sourceSystems.map((source) => (
                <option key={source} value={source} />
              ))}
            </datalist>
          ) : null}
          <Field
            label="Expires on (optional)"
            name="expiresAt"
            type="date"
            min={today}
            hint={`The key stops working at the end of that day (${timeZone}). Leave empty for a key that does not expire.`}
            defaultValue={result?.intent === "create" ? result.values.expiresAt : undefined}
            errors={createErrors}
          />
          <div>
            <button type="submit" className="button" disabled={busyIntent === "create"}>
              {busyIntent === "create" ? "Creating…" : "Create key"}
            </button>
          </div>
        </Form>
      </div>
    </section>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
