import { FormAlert } from "@ordinavo/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Breadcrumbs, idParam } from "~/components/customer-bits";
import { ContactFields, type ContactValues, readContactForm } from "~/components/customer-contact-form";
import { PageError } from "~/components/page-error";
import { attempt, type FormErrors, load, requireWorkspace } from "~/lib/require.server";
import customersCss from "~/styles/customers.css?url";

export const links = () => [{ rel: "stylesheet", href: customersCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `New contact person · ${data?.customer.name ?? "Customer"} · Ordinavo Workspace` },
];

export async function loader(args: LoaderFunctionArgs) {
  const customerId = idParam(args.params.customerId);
  const { api } = await requireWorkspace(args);
  const record = await load(args.request, () => api.customers.get({ customerId }));
  if (!record.can.writeContacts) throw new Response("Forbidden", { status: 403 });
  const locations = record.locations.map(({ id, name, city }) => ({ id, name, city }));
  // Reached from a location's page: that location is chosen already.
  const wanted = new URL(args.request.url).searchParams.get("locationId") ?? "";
  return {
    customer: {
      id: record.customer.id,
      name: record.customer.name,
      archivedAt: record.customer.archivedAt ?? null,
    },
    locations,
    locationId: locations.some((location) => location.id === wanted) ? wanted : "",
  };
}

export async function action(args: ActionFunctionArgs) {
  const customerId = idParam(args.params.customerId);
  const form = await args.request.formData();
  const { values, input } = readContactForm(form);
  const { api } = await requireWorkspace(args);
  const result = await attempt(() => api.contacts.create({ customerId, ...input }));
  if (!result.ok) {
    return data<{ errors: FormErrors; values: ContactValues }>(
      { errors: result.errors, values },
      { status: result.status },
    );
  }
  const back = values.locationId ? `/locations/${values.locationId}` : `/customers/${customerId}`;
  return redirect(`${back}?notice=contact-created${values.locationId ? "" : "#contacts"}`);
}

export default function NewContact() {
  const { customer, locations, locationId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const detail = `/customers/${customer.id}`;

  return (
    <section className="stack customers-page narrow-form">
      <Breadcrumbs
        trail={[
          { label: "Customers", to: "/customers" },
          { label: customer.name, to: detail },
          { label: "New contact person" },
        ]}
      />
      <header>
        <p className="eyebrow">{customer.name}</p>
        <h1>New contact person</h1>
        <p className="muted">Someone to call or write to about the work at this customer.</p>
      </header>
      {customer.archivedAt ? (
        <p className="archived-banner">
          This customer is archived; restore it before adding contact persons.
        </p>
      ) : null}
      <FormAlert errors={result?.errors} />
      <Form method="post" className="stack" aria-label="New contact person">
        <ContactFields
          values={result?.values ?? { locationId }}
          errors={result?.errors}
          locations={locations}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Adding…" : "Add contact person"}
          </button>
          <Link
            className="button secondary"
            to={locationId ? `/locations/${locationId}` : `${detail}#contacts`}
          >
            Cancel
          </Link>
        </div>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
