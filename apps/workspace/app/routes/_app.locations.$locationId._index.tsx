import { nameOf, priorityNames, statusLabels } from "@ordinavo/domain/labels";
import { FormAlert } from "@ordinavo/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { ConfirmPanel } from "~/components/confirm";
import {
  Address,
  ArchivedBadge,
  Breadcrumbs,
  ContactCard,
  formatVisit,
  idParam,
  PriorityBadge,
  RedirectNotice,
  useWorkspace,
} from "~/components/customer-bits";
import { LocationMap, mapTileUrlFrom } from "~/components/location-map";
import { PageError } from "~/components/page-error";
import { isoString } from "~/lib/format";
import { attempt, type FormErrors, load, requireWorkspace, text } from "~/lib/require.server";
import customersCss from "~/styles/customers.css?url";

export const links = () => [{ rel: "stylesheet", href: customersCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.location.name ?? "Location"} · Ordinavo Workspace` },
];

export async function loader(args: LoaderFunctionArgs) {
  const locationId = idParam(args.params.locationId);
  const { api } = await requireWorkspace(args);
  const record = await load(args.request, () => api.locations.get({ locationId }));
  return { ...record, tileUrl: mapTileUrlFrom(args.context) };
}

export async function action(args: ActionFunctionArgs) {
  const locationId = idParam(args.params.locationId);
  const form = await args.request.formData();
  const intent = text(form, "intent");
  if (intent !== "archive" && intent !== "restore") {
    return data<{ errors: FormErrors }>(
      { errors: { message: "This form is out of date. Reload the page and try again.", fields: {} } },
      { status: 400 },
    );
  }
  const { api } = await requireWorkspace(args);
  const result = await attempt(() =>
    api.locations.setArchived({ locationId, archived: intent === "archive" }),
  );
  if (!result.ok) return data<{ errors: FormErrors }>({ errors: result.errors }, { status: result.status });
  return redirect(
    `/locations/${locationId}?notice=location-${intent === "archive" ? "archived" : "restored"}`,
  );
}

export default function LocationDetail() {
  const { location, customer, contacts, upcomingAppointments, can, tileUrl } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const { timeZone, allowed } = useWorkspace();
  const seesRecurring = allowed.has("recurring_plan.read");
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const here = `/locations/${location.id}`;
  const customerPage = `/customers/${customer.id}`;
  const archived = Boolean(location.archivedAt);
  const hasPosition = location.latitude != null && location.longitude != null;
  const confirmArchive = can.edit && params.get("archive") === "1" && !archived;
  const confirmRestore = can.edit && params.get("restore") === "1" && archived;

  return (
    <section className="stack customers-page">
      <Breadcrumbs
        trail={[
          { label: "Customers", to: "/customers" },
          { label: customer.name, to: customerPage },
          { label: location.name },
        ]}
      />
      <header className="page-head">
        <div>
          <p className="eyebrow">
            Location of <Link to={customerPage}>{customer.name}</Link>
          </p>
          <h1>{location.name}</h1>
          <p className="badge-row">
            <ArchivedBadge archivedAt={location.archivedAt} />
            {location.defaultPriority && location.defaultPriority !== "normal" ? (
              <PriorityBadge priority={location.defaultPriority} />
            ) : null}
            {location.city ? <span className="muted small">{location.city}</span> : null}
          </p>
        </div>
        <div className="actions head-actions">
          {can.edit ? (
            <Link className="button" to={`${here}/edit`}>
              Edit location
            </Link>
          ) : null}
          {can.edit ? (
            archived ? (
              <Link className="button secondary" to={`${here}?restore=1#confirm`}>
                Restore…
              </Link>
            ) : (
              <Link className="button secondary danger-text" to={`${here}?archive=1#confirm`}>
                Archive…
              </Link>
            )
          ) : null}
        </div>
      </header>

      <RedirectNotice />
      <FormAlert errors={result?.errors} />

      {confirmArchive ? (
        <ConfirmPanel
          title={`Archive ${location.name}?`}
          cancelTo={here}
          form={(cancel) => (
            <Form method="post" action={here} className="actions">
              <input type="hidden" name="intent" value="archive" />
              <button type="submit" className="button danger" disabled={busyIntent === "archive"}>
                {busyIntent === "archive" ? "Archiving…" : "Archive location"}
              </button>
              {cancel}
            </Form>
          )}
        >
          <p>
            The location leaves the customer's list and is no longer offered for new work. Planned
            appointments, contacts and history stay. You can restore it from this page.
          </p>
          <p className="muted small">Keep this page's address if you may want to restore it later.</p>
        </ConfirmPanel>
      ) : null}
      {confirmRestore ? (
        <ConfirmPanel
          title={`Restore ${location.name}?`}
          cancelTo={here}
          form={(cancel) => (
            <Form method="post" action={here} className="actions">
              <input type="hidden" name="intent" value="restore" />
              <button type="submit" className="button" disabled={busyIntent === "restore"}>
                {busyIntent === "restore" ? "Restoring…" : "Restore location"}
              </button>
              {cancel}
            </Form>
          )}
        >
          <p>The location is listed with the customer again and can be planned.</p>
        </ConfirmPanel>
      ) : null}

      {archived ? (
        <p className="archived-banner">
          This location is archived: it is not listed with the customer and is not offered for new work.
        </p>
      ) : null}

      <div className="customer-layout">
        <div className="stack">
          <section className="panel" aria-labelledby="address-title">
            <h2 id="address-title">Address</h2>
            <div className="address-block">
              <Address address={location} />
              {hasPosition ? (
                <p className="muted small">
                  {location.latitude}, {location.longitude} ·{" "}
                  <a href={`geo:${location.latitude},${location.longitude}`}>Open in a maps app</a>
                </p>
              ) : (
                <p className="muted small">
                  No coordinates yet{can.edit ? "; add them when editing the location." : "."}
                </p>
              )}
            </div>
            {hasPosition ? (
              <LocationMap
                points={[
                  {
                    id: location.id,
                    label: location.name,
                    latitude: location.latitude as number,
                    longitude: location.longitude as number,
                    number: 1,
                  },
                ]}
                tileUrl={tileUrl}
                label={`Map showing ${location.name} at latitude ${location.latitude}, longitude ${location.longitude}.`}
              />
            ) : null}
          </section>

          <section className="panel" aria-labelledby="onsite-title">
            <h2 id="onsite-title">On site</h2>
            <h3 className="subhead">Access</h3>
            {location.accessNotes ? (
              <p className="prewrap">{location.accessNotes}</p>
            ) : (
              <p className="muted small">No access notes.</p>
            )}
            <h3 className="subhead">Parking</h3>
            {location.parkingNotes ? (
              <p className="prewrap">{location.parkingNotes}</p>
            ) : (
              <p className="muted small">No parking notes.</p>
            )}
            {location.defaultWorkMinutes !== undefined || location.defaultPriority !== undefined ? (
              <dl className="facts compact-facts">
                {location.defaultWorkMinutes !== undefined ? (
                  <div>
                    <dt>Usual work time</dt>
                    <dd>{location.defaultWorkMinutes} minutes</dd>
                  </div>
                ) : null}
                {location.defaultPriority ? (
                  <div>
                    <dt>Usual priority</dt>
                    <dd>{priorityNames[location.defaultPriority]}</dd>
                  </div>
                ) : null}
              </dl>
            ) : null}
          </section>
        </div>

        <div className="stack">
          <section className="panel" aria-labelledby="visits-title">
            <h2 id="visits-title">Upcoming appointments</h2>
            {upcomingAppointments.length === 0 ? (
              <p className="muted small">No upcoming appointments here.</p>
            ) : (
              <ul className="work-list">
                {upcomingAppointments.map((appointment) => (
                  <li key={appointment.id}>
                    <Link to={`/appointments/${appointment.id}`} className="strong-link">
                      <time dateTime={isoString(appointment.plannedStart)}>
                        {formatVisit(appointment.plannedStart, appointment.plannedEnd, timeZone)}
                      </time>
                    </Link>
                    <span>{appointment.targetTitle}</span>
                    <span className="muted small">
                      {nameOf(statusLabels.appointment, appointment.status)} ·{" "}
                      {appointment.assigneeName ?? "Not assigned"}
                    </span>
                  </li>
                ))}
              </ul>
            )}
            {seesRecurring || can.planRecurring ? (
              <p className="actions recurring-links">
                {seesRecurring ? (
                  <Link to={`/recurring?locationId=${location.id}`}>Recurring visits</Link>
                ) : null}
                {can.planRecurring && !archived ? (
                  <Link className="button secondary small" to={`/recurring/new?locationId=${location.id}`}>
                    New recurring visit
                  </Link>
                ) : null}
              </p>
            ) : null}
          </section>

          <section className="panel" aria-labelledby="people-title">
            <div className="panel-head">
              <h2 id="people-title">Contact persons here</h2>
              {can.writeContacts && !archived ? (
                <Link
                  className="button secondary small"
                  to={`${customerPage}/contacts/new?locationId=${location.id}`}
                >
                  Add contact person
                </Link>
              ) : null}
            </div>
            {contacts.length === 0 ? (
              <p className="muted small">
                No contact persons for this location. Contacts for the whole customer are on the{" "}
                <Link to={`${customerPage}#contacts`}>customer page</Link>.
              </p>
            ) : (
              <ul className="contact-cards">
                {contacts.map((contact) => (
                  <ContactCard
                    key={contact.id}
                    contact={contact}
                    editTo={can.writeContacts ? `${customerPage}/contacts/${contact.id}/edit` : undefined}
                  />
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
    </section>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
