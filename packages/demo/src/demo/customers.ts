/**
 * The demo's customers with their locations, contacts, external references and internal notes.
 * Two customers carry the portal story: the property manager "gerance" (Claire Dubois sees all
 * of it) and the bakery chain "vernay" (Marc Perrin sees two of its shops).
 */
import { randomUUID } from "node:crypto";
import {
  contactPersonValues,
  customerValues,
  externalReferenceValues,
  internalNoteValues,
  locationValues,
} from "../factories";
import { emailFor, landline, mobile, type Person, person } from "../people";
import type { Random } from "../random";
import { DEMO_CUSTOMERS, type SiteSeed } from "./data/customers";
import { STREETS } from "./data/places";
import { ACCESS_NOTES, CONTACT_ROLES, PARKING_NOTES } from "./data/words";
import type { Contact, CustomerBook, CustomerInfo, Site, Story, Team } from "./story";

export function addCustomers(story: Story, team: Team): CustomerBook {
  const { tenantId, random, rows, ago } = story;
  const { adminId, managerId } = team;
  const people = random.fork("people");
  const places = random.fork("places");
  const customerByKey = new Map<string, CustomerInfo>();
  const allSites: Site[] = [];
  let functionalLocation = 1000;

  for (const seed of DEMO_CUSTOMERS) {
    const createdAt = ago(places.int(120, 900) * 24 * 60);
    const info: CustomerInfo = {
      id: randomUUID(),
      seed,
      sites: [],
      contacts: [],
      createdAt,
      onPortal: seed.key === "gerance" || seed.key === "vernay",
    };
    customerByKey.set(seed.key, info);
    const isPerson = seed.type === "private_person";
    rows.customers.push(
      customerValues({
        id: info.id,
        tenantId,
        number: seed.number,
        name: seed.name,
        status: seed.status,
        type: seed.type,
        industry: seed.industry,
        email: isPerson ? `antoine.giraud@${seed.domain}` : `contact@${seed.domain}`,
        phone: isPerson ? mobile(people) : landline(people),
        website: isPerson ? null : `https://www.${seed.domain}`,
        notes: seed.notes ?? null,
        createdById: adminId,
        createdAt,
        updatedAt: createdAt,
      }),
    );
    for (const ref of seed.externalRefs ?? []) {
      rows.externalReferences.push(
        externalReferenceValues({ tenantId, objectType: "customer", objectId: info.id, ...ref, createdAt }),
      );
    }

    // The main contact first; the portal story needs two particular people.
    const roles = CONTACT_ROLES[seed.category];
    const used = new Set<string>();
    const addContact = (p: Person, role: string, locationId: string | null, department: string | null) => {
      used.add(p.name);
      const contact: Contact = { id: randomUUID(), locationId, person: p };
      info.contacts.push(contact);
      const hasMobile = people.chance(0.6);
      rows.contacts.push(
        contactPersonValues({
          id: contact.id,
          tenantId,
          customerId: info.id,
          locationId,
          name: p.name,
          role,
          department: department || null,
          email: emailFor(p, seed.domain),
          phone: landline(people),
          mobile: hasMobile ? mobile(people) : null,
          preferredContactMethod: hasMobile
            ? people.weighted([
                ["email", 5],
                ["mobile", 4],
                ["phone", 1],
              ])
            : people.weighted([
                ["email", 7],
                ["phone", 3],
              ]),
          createdAt,
          updatedAt: createdAt,
        }),
      );
      return contact;
    };
    const freshPerson = () => {
      for (;;) {
        const p = person(people);
        if (!used.has(p.name)) return p;
      }
    };
    const mainPerson =
      seed.key === "gerance"
        ? person(people, "Claire", "Dubois", true)
        : seed.key === "vernay"
          ? person(people, "Marc", "Perrin", false)
          : isPerson
            ? person(people, "Antoine", "Giraud", false)
            : freshPerson();
    addContact(mainPerson, roles.main, null, roles.department);
    if (!isPerson && people.chance(0.3)) addContact(freshPerson(), "Accounts payable", null, "Finance");

    seed.sites.forEach((siteSeed, index) => {
      const site = makeSite(places, info, siteSeed);
      info.sites.push(site);
      allSites.push(site);
      // Site contacts for multi-site customers and for the private villa's key holder.
      const siteContact =
        (seed.sites.length > 1 && index < 4 && people.chance(0.75)) || isPerson
          ? addContact(freshPerson(), roles.site, site.id, seed.sites.length > 1 ? roles.department : null)
          : undefined;
      const noteTemplates = ACCESS_NOTES[seed.category];
      const formal = (siteContact?.person ?? info.contacts[0]!.person).formal;
      const accessNotes = places.chance(0.88) ? places.pick(noteTemplates).replace("{person}", formal) : null;
      const parkingNotes = places.chance(0.8) ? places.pick(PARKING_NOTES) : null;
      const street = STREETS[siteSeed.street];
      const line2 = siteSeed.line2 ?? null;
      rows.locations.push(
        locationValues({
          id: site.id,
          tenantId,
          customerId: info.id,
          name: site.name,
          addressLine1: `${places.int(1, 160)}${places.chance(0.08) ? " bis" : ""} ${street.street}`,
          addressLine2: line2,
          postalCode: street.postalCode,
          city: street.city,
          country: "FR",
          latitude: site.point.latitude,
          longitude: site.point.longitude,
          accessNotes,
          parkingNotes,
          defaultWorkMinutes: site.workMinutes,
          defaultPriority: site.priority,
          createdAt,
          updatedAt: createdAt,
        }),
      );
      if (seed.externalRefs?.some((r) => r.sourceSystem === "sap") && places.chance(0.6)) {
        rows.externalReferences.push(
          externalReferenceValues({
            tenantId,
            objectType: "location",
            objectId: site.id,
            sourceSystem: "sap",
            externalId: `FL-LYO-${functionalLocation++}`,
            createdAt,
          }),
        );
      }
    });

    if (seed.internalNote) {
      const noteAt = ago(places.int(3, 40) * 24 * 60 + places.int(0, 600));
      rows.internalNotes.push(
        internalNoteValues({
          tenantId,
          customerId: info.id,
          body: seed.internalNote,
          authorId: managerId,
          createdAt: noteAt,
          updatedAt: noteAt,
        }),
      );
    }
  }

  // A note about one location rather than the whole customer.
  const gerance = customerByKey.get("gerance")!;
  const noteAt = ago(12 * 24 * 60);
  rows.internalNotes.push(
    internalNoteValues({
      tenantId,
      customerId: gerance.id,
      objectType: "location",
      objectId: gerance.sites[3]!.id,
      body: "The caretaker complained twice about noise from our team. Send Lucas where possible — they get on well.",
      authorId: managerId,
      createdAt: noteAt,
      updatedAt: noteAt,
    }),
  );

  return { byKey: customerByKey, sites: allSites };
}

function makeSite(random: Random, customer: CustomerInfo, seed: SiteSeed): Site {
  const street = STREETS[seed.street];
  const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
  const lat = clamp(street.lat + random.float(-0.0012, 0.0012), 45.701, 45.819);
  const lng = clamp(street.lng + random.float(-0.0016, 0.0016), 4.781, 4.949);
  const health = customer.seed.category === "health";
  return {
    id: randomUUID(),
    customer,
    name: seed.name,
    point: { latitude: Math.round(lat * 1e6) / 1e6, longitude: Math.round(lng * 1e6) / 1e6 },
    workMinutes: seed.workMinutes ?? random.pick([45, 60, 60, 90]),
    priority: health
      ? "high"
      : random.weighted([
          ["normal", 8],
          ["low", 1],
          ["high", 1],
        ]),
  };
}
