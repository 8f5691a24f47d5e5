import { webhookEventTypes } from "@ordinavo/domain/vocabulary";
import { Field, FormAlert, type FormErrors, freshKey, messagesFor } from "@ordinavo/ui";
import { Form } from "@remix-run/react";
import { webhookEventNames } from "./labels";

export interface CreateValues {
  url: string;
  description: string;
  eventTypes: string[];
  includeContacts: boolean;
}

/** Adds a webhook: where to, which events, and contact details when the workspace allows them. */
export function CreateWebhookForm({
  errors,
  values,
  contactsAllowed,
  created,
  busy,
}: {
  errors: FormErrors | null;
  values: CreateValues | null;
  contactsAllowed: boolean;
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
        {contactsAllowed ? (
          <label className="check-inline">
            <input
              type="checkbox"
              name="includeContacts"
              value="on"
              defaultChecked={values?.includeContacts}
            />
            <span>Include the contact person’s name, email and phone where an event has one</span>
          </label>
        ) : (
          <p className="muted small">
            Contact details are not sent in webhooks: the workspace settings keep them out.
          </p>
        )}
        <div>
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Adding…" : "Add webhook"}
          </button>
        </div>
      </Form>
    </div>
  );
}
