import { FormAlert } from "@ordinavo/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ArchivedBadge, Breadcrumbs, idParam } from "~/components/customer-bits";
import {
  LocationFields,
  type LocationValues,
  locationValues,
  readLocationForm,
} from "~/components/customer-location-form";
import { mapTileUrlFrom } from "~/components/location-map";
import { PageError } from "~/components/page-error";
import { attempt, type FormErrors, load, requireWorkspace } from "~/lib/require.server";
import customersCss from "~/styles/customers.css?url";

export const links = () => [{ rel: "stylesheet", href: customersCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Edit ${data?.location.name ?? "location"} · Ordinavo Workspace` },
];

export async function loader(args: LoaderFunctionArgs) {
  const locationId = idParam(args.params.locationId);
  const { api } = await requireWorkspace(args);
  const record = await load(args.request, () => api.locations.get({ locationId }));
  if (!record.can.edit) throw new Response("Forbidden", { status: 403 });
  // The customer's other sites, for orientation on the map while picking the position.
  const siblings = await load(args.request, () => api.customers.get({ customerId: record.customer.id }));
  const otherPoints = siblings.locations.flatMap((location, index) =>
    location.id !== locationId && location.latitude != null && location.longitude != null
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
    location: {
      id: record.location.id,
      name: record.location.name,
      archivedAt: record.location.archivedAt ?? null,
    },
    customer: { id: record.customer.id, name: record.customer.name },
    values: locationValues(record.location),
    otherPoints,
    tileUrl: mapTileUrlFrom(args.context),
  };
}

export async function action(args: ActionFunctionArgs) {
  const locationId = idParam(args.params.locationId);
  const form = await args.request.formData();
  const { values, input } = readLocationForm(form);
  const { api } = await requireWorkspace(args);
  const result = await attempt(() => api.locations.update({ locationId, ...input }));
  if (!result.ok) {
    return data<{ errors: FormErrors; values: LocationValues }>(
      { errors: result.errors, values },
      { status: result.status },
    );
  }
  return redirect(`/locations/${locationId}?notice=location-updated`);
}

export default function EditLocation() {
  const { location, customer, values, otherPoints, tileUrl } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const detail = `/locations/${location.id}`;

  return (
    <section className="stack customers-page narrow-form">
      <Breadcrumbs
        trail={[
          { label: "Customers", to: "/customers" },
          { label: customer.name, to: `/customers/${customer.id}` },
          { label: location.name, to: detail },
          { label: "Edit" },
        ]}
      />
      <header>
        <p className="eyebrow">
          Location of {customer.name} <ArchivedBadge archivedAt={location.archivedAt} />
        </p>
        <h1>Edit {location.name}</h1>
      </header>
      <FormAlert errors={result?.errors} />
      <Form method="post" className="stack" aria-label={`Edit ${location.name}`}>
        <LocationFields
          values={result?.values ?? values}
          errors={result?.errors}
          otherPoints={otherPoints}
          tileUrl={tileUrl}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Saving…" : "Save changes"}
          </button>
          <Link className="button secondary" to={detail}>
            Cancel
          </Link>
          {location.archivedAt ? null : (
            <Link className="button secondary danger-text push-right" to={`${detail}?archive=1#confirm`}>
              Archive location…
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
