import { FormAlert } from "@ordinavo/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Breadcrumbs, idParam } from "~/components/customer-bits";
import { LocationFields, type LocationValues, readLocationForm } from "~/components/customer-location-form";
import { mapTileUrlFrom } from "~/components/location-map";
import { PageError } from "~/components/page-error";
import { attempt, type FormErrors, load, requireWorkspace } from "~/lib/require.server";
import customersCss from "~/styles/customers.css?url";

export const links = () => [{ rel: "stylesheet", href: customersCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `New location · ${data?.customer.name ?? "Customer"} · Ordinavo Workspace` },
];

export async function loader(args: LoaderFunctionArgs) {
  const customerId = idParam(args.params.customerId);
  const { api } = await requireWorkspace(args);
  const record = await load(args.request, () => api.customers.get({ customerId }));
  if (!record.can.writeLocations) throw new Response("Forbidden", { status: 403 });
  const otherPoints = record.locations.flatMap((location, index) =>
    location.latitude != null && location.longitude != null
      ? [
          {
            id: location.id,
            label: location.name,
            latitude: location.latitude,
            longitude: location.longitude,
            number: index + 1,
          },
        ]
      : [],
  );
  return {
    customer: {
      id: record.customer.id,
      name: record.customer.name,
      archivedAt: record.customer.archivedAt ?? null,
    },
    // A customer's sites are usually in one country: start with the one its first site is in.
    country: record.locations.find((location) => location.country)?.country ?? "",
    otherPoints,
    tileUrl: mapTileUrlFrom(args.context),
  };
}

export async function action(args: ActionFunctionArgs) {
  const customerId = idParam(args.params.customerId);
  const form = await args.request.formData();
  const { values, input } = readLocationForm(form);
  const { api } = await requireWorkspace(args);
  const result = await attempt(() => api.locations.create({ customerId, ...input }));
  if (!result.ok) {
    return data<{ errors: FormErrors; values: LocationValues }>(
      { errors: result.errors, values },
      { status: result.status },
    );
  }
  return redirect(`/locations/${result.value.id}?notice=location-created`);
}

export default function NewLocation() {
  const { customer, country, otherPoints, tileUrl } = useLoaderData<typeof loader>();
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
          { label: "New location" },
        ]}
      />
      <header>
        <p className="eyebrow">{customer.name}</p>
        <h1>New location</h1>
        <p className="muted">An address where work for this customer is done.</p>
      </header>
      {customer.archivedAt ? (
        <p className="archived-banner">
          This customer is archived. <Link to={`${detail}?restore=1#confirm`}>Restore the customer</Link>{" "}
          before adding locations.
        </p>
      ) : null}
      <FormAlert errors={result?.errors} />
      <Form method="post" className="stack" aria-label="New location">
        <LocationFields
          values={result?.values ?? { country }}
          errors={result?.errors}
          otherPoints={otherPoints}
          tileUrl={tileUrl}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Adding…" : "Add location"}
          </button>
          <Link className="button secondary" to={`${detail}#locations`}>
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
