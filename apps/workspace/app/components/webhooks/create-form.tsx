import { webhookEventTypes } from "@ordinavo/domain/vocabulary";
import { Field, FormAlert, type FormErrors, freshKey, messagesFor } from "@ordinavo/ui";
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { webhookEventNames } from "./labels";

export interface CreateValues {
  url: string;
  description: string;
  eventTypes: string[];
  includeContacts: boolean;
  includeBilling: boolean;
}

/**
 * A payload option the workspace settings gate: a checkbox while the gate is on; while it is off
 * the same checkbox, disabled and unchecked, with why and where to change it.
 */
function PayloadOption({
  name,
  label,
  allowed,
  checked,
  offText,
  errors,
}: {
  name: string;
  label: ReactNode;
  allowed: boolean;
  checked: boolean | undefined;
  offText: string;
  errors: FormErrors | null;
}) {
  const id = `webhook-${name}`;
  const messages = messagesFor(errors, name);
  const described = [allowed ? null : `${id}-off`, messages.length ? `${id}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div>
      <label className="check-inline" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          name={name}
          value="on"
          disabled={!allowed}
          defaultChecked={allowed && checked}
          aria-describedby={described || undefined}
          aria-invalid={messages.length > 0 || undefined}
        />
        <span>{label}</span>
      </label>
      {allowed ? null : (
        <p className="hint" id={`${id}-off`}>
          {offText} <Link to="/settings/workspace">Workspace settings</Link>
        </p>
      )}
      {messages.length ? (
        <p className="field-error" id={`${id}-error`}>
          {[...new Set(messages)].join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Adds a webhook: where to, which events, and contact or billing details when the workspace
 * allows them.
 */
export function CreateWebhookForm({
  errors,
  values,
  contactsAllowed,
  billingAllowed,
  created,
  busy,
}: {
  errors: FormErrors | null;
  values: CreateValues | null;
  contactsAllowed: boolean;
  /** The workspace's "billing details in webhooks" setting. */
  billingAllowed: boolean;
  /** Set after a successful create: the form starts empty again. */
  created: object | null;
  busy: boolean;
}) {
  const chosen = new Set(values?.eventTypes ?? []);
  const eventMessages = messagesFor(errors, "eventTypes");
  return (
    <div className="panel">
      <h2 id="create-webhook-title">Add a webhook</h2>
      <FormAlert errors={errors} />
      <Form
        method="post"
        className="stack"
        aria-labelledby="create-webhook-title"
        key={created ? freshKey(created) : "create"}
      >
        <input type="hidden" name="intent" value="create" />
        <Field
          label="Endpoint URL"
          name="url"
          type="url"
          required
          maxLength={2000}
          autoComplete="off"
          placeholder="https://erp.example.com/hooks/ordinavo"
          hint="Where Ordinavo sends each event, as a signed POST request. Use https://."
          defaultValue={values?.url}
          errors={errors}
        />
        <Field
          label="Description (optional)"
          name="description"
          maxLength={500}
          autoComplete="off"
          hint="What receives the events, for example “ERP sync”."
          defaultValue={values?.description}
          errors={errors}
        />
        <fieldset
          className="scopes"
          aria-invalid={eventMessages.length > 0 || undefined}
          aria-describedby={eventMessages.length ? "event-types-error" : undefined}
        >
          <legend>Events</legend>
          <p className="hint">Choose the events this endpoint receives.</p>
          <div className="webhook-events">
            {webhookEventTypes.map((type) => (
              <label key={type} className="check-inline">
                <input type="checkbox" name="eventTypes" value={type} defaultChecked={chosen.has(type)} />
                <span>
                  {webhookEventNames[type]} <code className="muted">{type}</code>
                </span>
              </label>
            ))}
          </div>
          {eventMessages.length ? (
            <p className="field-error" id="event-types-error">
              {[...new Set(eventMessages)].join(" ")}
            </p>
          ) : null}
        </fieldset>
        <fieldset className="scopes">
          <legend>Details in the payload</legend>
          <div className="stack">
            <PayloadOption
              name="includeContacts"
              label="Include the contact person’s name, email and phone where an event has one"
              allowed={contactsAllowed}
              checked={values?.includeContacts}
              offText="Contact details are not sent in webhooks: the workspace settings keep them out."
              errors={errors}
            />
            <PayloadOption
              name="includeBilling"
              label="Include billing details (the billing note) in “Billing trigger created” events"
              allowed={billingAllowed}
              checked={values?.includeBilling}
              offText="Billing details are not sent in webhooks: the workspace settings keep them out. Billing trigger events still say that a trigger exists and its status."
              errors={errors}
            />
          </div>
        </fieldset>
        <div>
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Adding…" : "Add webhook"}
          </button>
        </div>
      </Form>
    </div>
  );
}
