import { Link } from "@remix-run/react";
import { Address, ArchivedBadge, ChannelLink, ContactCard, PriorityBadge } from "~/components/customer-bits";
import { LocationMap } from "~/components/location-map";
import { formatDate, isoString } from "~/lib/format";
import { type CustomerRecord, currentPlaces, placeNames } from "./record";

// The customer page's left column: contact details, locations on the map, contact persons and
// (asked for with ?archived=1) the archived ones, with the actions the API's flags allow.

export function DetailsPanel({ record, timeZone }: { record: CustomerRecord; timeZone: string }) {
  const { customer, externalReferences } = record;
  return (
    <section className="panel" aria-labelledby="details-title">
      <h2 id="details-title">Contact details</h2>
      <dl className="facts customer-facts">
        <div>
          <dt>Email</dt>
          <dd>
            <ChannelLink kind="email" value={customer.email} />
          </dd>
        </div>
        <div>
          <dt>Phone</dt>
          <dd>
            <ChannelLink kind="phone" value={customer.phone} />
          </dd>
        </div>
        {customer.website !== undefined ? (
          <div>
            <dt>Website</dt>
            <dd>
              <ChannelLink kind="website" value={customer.website} />
            </dd>
          </div>
        ) : null}
        {customer.createdAt ? (
          <div>
            <dt>Customer since</dt>
            <dd>
              <time dateTime={isoString(customer.createdAt)}>{formatDate(customer.createdAt, timeZone)}</time>
            </dd>
          </div>
        ) : null}
      </dl>
      {customer.notes !== undefined ? (
        <>
          <h3 className="subhead">Notes</h3>
          {customer.notes ? (
            <p className="prewrap">{customer.notes}</p>
          ) : (
            <p className="muted small">No general notes.</p>
          )}
        </>
      ) : null}
      {externalReferences ? (
        <>
          <h3 className="subhead">External references</h3>
          {externalReferences.length ? (
            <ul className="reference-list">
              {externalReferences.map((ref) => (
                <li key={ref.id}>
                  <span className="muted">{ref.sourceSystem}</span> <code>{ref.externalId}</code>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted small">None. IDs from other systems (ERP, CRM) appear here.</p>
          )}
        </>
      ) : null}
    </section>
  );
}

export function LocationsPanel({ record, here }: { record: CustomerRecord; here: string }) {
  const { can, openTargets } = record;
  const archived = Boolean(record.customer.archivedAt);
  const { locations } = currentPlaces(record);
  const numbered = locations.map((location, index) => ({ location, number: index + 1 }));
  const points = numbered.flatMap(({ location, number }) =>
    location.latitude != null && location.longitude != null
      ? [
          {
            id: location.id,
            label: location.name,
            latitude: location.latitude,
            longitude: location.longitude,
            number,
          },
        ]
      : [],
  );
  const openWorkAt = (locationId: string) =>
    openTargets.filter((target) => target.locationId === locationId).length;
  return (
    <section className="panel" aria-labelledby="locations-title" id="locations">
      <div className="panel-head">
        <h2 id="locations-title">Locations</h2>
        {can.writeLocations && !archived ? (
          <Link className="button secondary small" to={`${here}/locations/new`}>
            Add location
          </Link>
        ) : null}
      </div>
      {locations.length === 0 ? (
        <p className="empty">
          {can.writeLocations
            ? "No locations yet. Add the addresses where work is done."
            : "No locations to show."}
        </p>
      ) : (
        <>
          <LocationMap points={points} tileUrl={record.tileUrl} />
          <ol className="location-list">
            {numbered.map(({ location, number }) => {
              const open = openWorkAt(location.id);
              const onMap = location.latitude != null && location.longitude != null;
              return (
                <li key={location.id}>
                  <span className={`location-number${onMap ? "" : " off-map"}`} aria-hidden="true">
                    {number}
                  </span>
                  <div className="location-body">
                    <p className="location-title">
                      <Link to={`/locations/${location.id}`} className="strong-link">
                        {location.name}
                      </Link>
                      {location.defaultPriority && location.defaultPriority !== "normal" ? (
                        <PriorityBadge priority={location.defaultPriority} />
                      ) : null}
                    </p>
                    <Address address={location} />
                    <p className="muted small location-meta">
                      {location.defaultWorkMinutes ? (
                        <span>Usually {location.defaultWorkMinutes} min of work</span>
                      ) : null}
                      {open ? (
                        <span>
                          {open} open {open === 1 ? "work item" : "work items"}
                        </span>
                      ) : null}
                      {onMap ? null : <span>Not on the map (no coordinates)</span>}
                    </p>
                  </div>
                  {can.writeLocations ? (
                    <Link className="button secondary small" to={`/locations/${location.id}/edit`}>
                      Edit<span className="visually-hidden"> {location.name}</span>
                    </Link>
                  ) : null}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}

export function ContactsPanel({
  record,
  here,
  showingArchived,
}: {
  record: CustomerRecord;
  here: string;
  showingArchived: boolean;
}) {
  const { can } = record;
  const archived = Boolean(record.customer.archivedAt);
  const { contacts } = currentPlaces(record);
  const locationName = placeNames(record);
  return (
    <section className="panel" aria-labelledby="contacts-title" id="contacts">
      <div className="panel-head">
        <h2 id="contacts-title">Contact persons</h2>
        {can.writeContacts && !archived ? (
          <Link className="button secondary small" to={`${here}/contacts/new`}>
            Add contact person
          </Link>
        ) : null}
      </div>
      {contacts.length === 0 ? (
        <p className="empty">
          {can.writeContacts ? "No contact persons yet." : "No contact persons to show."}
        </p>
      ) : (
        <ul className="contact-cards">
          {contacts.map((contact) => (
            <ContactCard
              key={contact.id}
              contact={contact}
              where={
                contact.locationId ? (
                  (locationName.get(contact.locationId) ?? null)
                ) : (
                  <span className="muted">Whole customer</span>
                )
              }
              editTo={can.writeContacts ? `${here}/contacts/${contact.id}/edit` : undefined}
            />
          ))}
        </ul>
      )}
      {(can.writeLocations || can.writeContacts) && !showingArchived ? (
        <p className="small">
          <Link to="?archived=1#archived">Show archived locations and contact persons</Link>
        </p>
      ) : null}
    </section>
  );
}

export function ArchivedPanel({ record, here }: { record: CustomerRecord; here: string }) {
  const { can } = record;
  const { archivedLocations, archivedContacts } = currentPlaces(record);
  return (
    <section className="panel" aria-labelledby="archived-title" id="archived">
      <div className="panel-head">
        <h2 id="archived-title">Archived</h2>
        <Link className="button secondary small" to={here}>
          Hide
        </Link>
      </div>
      {archivedLocations.length === 0 && archivedContacts.length === 0 ? (
        <p className="empty">Nothing archived.</p>
      ) : (
        <ul className="link-list">
          {archivedLocations.map((location) => (
            <li key={location.id}>
              <Link to={`/locations/${location.id}`}>{location.name}</Link>{" "}
              <span className="muted small">Location</span> <ArchivedBadge archivedAt={location.archivedAt} />
            </li>
          ))}
          {archivedContacts.map((contact) => (
            <li key={contact.id}>
              {can.writeContacts ? (
                <Link to={`${here}/contacts/${contact.id}/edit`}>{contact.name}</Link>
              ) : (
                contact.name
              )}{" "}
              <span className="muted small">Contact person</span>{" "}
              <ArchivedBadge archivedAt={contact.archivedAt} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
