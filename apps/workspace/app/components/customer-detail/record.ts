import type { useLoaderData } from "@remix-run/react";
import type { loader } from "~/routes/_app.customers.$customerId._index";

/** What the customer page's loader returns: the API's customer record (with its `can` flags). */
export type CustomerRecord = ReturnType<typeof useLoaderData<typeof loader>>;

/** Current and archived locations and contacts (archived ones come with ?archived=1). */
export function currentPlaces(record: CustomerRecord) {
  return {
    locations: record.locations.filter((location) => !location.archivedAt),
    contacts: record.contacts.filter((contact) => !contact.archivedAt),
    archivedLocations: record.locations.filter((location) => location.archivedAt),
    archivedContacts: record.contacts.filter((contact) => contact.archivedAt),
  };
}

/** Location names by id, archived ones included (work and contacts may name them). */
export function placeNames(record: CustomerRecord) {
  return new Map(record.locations.map((location) => [location.id, location.name]));
}
