import { FormAlert } from "@ordinavo/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { ConfirmPanel } from "~/components/confirm";
import { Breadcrumbs, idParam } from "~/components/customer-bits";
import {
  ContactFields,
  type ContactValues,
  contactValues,
  readContactForm,
} from "~/components/customer-contact-form";
import { PageError } from "~/components/page-error";
import { InviteToPortalLink } from "~/components/portal-access/panel";
import { attempt, type FormErrors, load, requireWorkspace, text } from "~/lib/require.server";
import customersCss from "~/styles/customers.css?url";

export const links = () => [{ rel: "stylesheet", href: customersCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Edit ${data?.contact.name ?? "contact person"} · Ordinavo Workspace` },
];

export async function loader(args: LoaderFunctionArgs) {
  const customerId = idParam(args.params.customerId);
  const contactId = idParam(args.params.contactId);
  const { api } = await requireWorkspace(args);
  // There is no single-contact read: the customer's record lists its contact persons.
  const record = await load(args.request, () => api.customers.get({ customerId, includeArchived: true }));
  const contact = record.contacts.find((candidate) => candidate.id === contactId);
  if (!contact) throw new Response("Not found", { status: 404 });
  if (!record.can.writeContacts) throw new Response("Forbidden", { status: 403 });
  return {
    customer: { id: record.customer.id, name: record.customer.name },
    contact: { id: contact.id, name: contact.name, archived: Boolean(contact.archivedAt) },
    values: contactValues(contact),
    locations: record.locations
      .filter((location) => !location.archivedAt)
      .map(({ id, name, city }) => ({ id, name, city })),
  };
}

type Outcome = {
  intent: "update" | "archive" | "restore";
  errors: FormErrors;
  values: ContactValues | null;
};

export async function action(args: ActionFunctionArgs) {
  const customerId = idParam(args.params.customerId);
  const contactPersonId = idParam(args.params.contactId);
  const form = await args.request.formData();
  const { api } = await requireWorkspace(args);
  const intent = text(form, "intent");
  if (intent === "archive" || intent === "restore") {
    const archived = intent === "archive";
    const result = await attempt(() => api.contacts.setArchived({ contactPersonId, archived }));
    if (!result.ok) {
      return data<Outcome>({ intent, errors: result.errors, values: null }, { status: result.status });
    }
    return redirect(
      archived
        ? `/customers/${customerId}?notice=contact-archived#contacts`
        : `/customers/${customerId}#contacts`,
    );
  }
  const { values, input } = readContactForm(form);
  const result = await attempt(() => api.contacts.update({ contactPersonId, ...input }));
  if (!result.ok)
    return data<Outcome>({ intent: "update", errors: result.errors, values }, { status: result.status });
  return redirect(`/customers/${customerId}?notice=contact-updated#contacts`);
}

export default function EditContact() {
  const { customer, contact, values, locations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const detail = `/customers/${customer.id}`;
  const here = `${detail}/contacts/${contact.id}/edit`;
  const updateErrors = result?.intent === "update" ? result.errors : null;

  return (
    <section className="stack customers-page narrow-form">
      <Breadcrumbs
        trail={[
          { label: "Customers", to: "/customers" },
          { label: customer.name, to: detail },
          { label: `Edit ${contact.name}` },
        ]}
      />
      <header>
        <p className="eyebrow">Contact person of {customer.name}</p>
        <h1>Edit {contact.name}</h1>
      </header>
      {result?.intent === "archive" || result?.intent === "restore" ? (
        <FormAlert errors={result.errors} />
      ) : null}
      {contact.archived ? (
        <div className="notice" role="status">
          <p>{contact.name} is archived: not listed with the customer and not offered for new work.</p>
          <Form method="post" action={here} className="actions">
            <input type="hidden" name="intent" value="restore" />
            <button type="submit" className="button secondary" disabled={busyIntent === "restore"}>
              {busyIntent === "restore" ? "Restoring…" : "Restore contact person"}
            </button>
          </Form>
        </div>
      ) : null}
      {params.get("archive") === "1" && !contact.archived ? (
        <ConfirmPanel
          title={`Archive ${contact.name}?`}
          cancelTo={here}
          form={(cancel) => (
            <Form method="post" action={here} className="actions">
              <input type="hidden" name="intent" value="archive" />
              <button type="submit" className="button danger" disabled={busyIntent === "archive"}>
                {busyIntent === "archive" ? "Archiving…" : "Archive contact person"}
              </button>
              {cancel}
            </Form>
          )}
        >
          <p>
            {contact.name} is no longer listed with {customer.name} and is not offered for new work. Work that
            names them keeps the reference.
          </p>
        </ConfirmPanel>
      ) : null}
      <FormAlert errors={updateErrors} />
      <Form method="post" action={here} className="stack" aria-label={`Edit ${contact.name}`}>
        <input type="hidden" name="intent" value="update" />
        <ContactFields
          values={(result?.intent === "update" ? result.values : null) ?? values}
          errors={updateErrors}
          locations={locations}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={busyIntent === "update"}>
            {busyIntent === "update" ? "Saving…" : "Save changes"}
          </button>
          <Link className="button secondary" to={`${detail}#contacts`}>
            Cancel
          </Link>
          {contact.archived ? null : (
            <InviteToPortalLink customerId={customer.id} contactPersonId={contact.id} />
          )}
          {contact.archived ? null : (
            <Link className="button secondary danger-text push-right" to={`${here}?archive=1#confirm`}>
              Archive contact person…
            </Link>
          )}
        </div>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
