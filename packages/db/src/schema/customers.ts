import { sql } from "drizzle-orm";
import {
  check,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { at, createdAt, id, sameTenant, tenantId, tenantKey, updatedAt } from "./columns";
import { allowedValues, contactMethod, customerStatus, customerType, objectType, priority } from "./enums";
import { staffUsers } from "./identity";

/** A business or organisation served by the tenant. */
export const customers = pgTable(
  "customers",
  {
    id: id(),
    tenantId: tenantId(),
    number: varchar({ length: 32 }).notNull(),
    name: text().notNull(),
    status: customerStatus().notNull().default("active"),
    type: customerType().notNull().default("business"),
    industry: text(),
    email: text(),
    phone: text(),
    website: text(),
    /** General notes shown with the customer profile (not the manager-only internal notes). */
    notes: text(),
    createdById: uuid().references(() => staffUsers.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: at(),
    /** Set while a legal hold keeps every record of the customer from retention deletes. */
    legalHoldAt: at(),
  },
  (t) => [
    tenantKey("customers", t),
    uniqueIndex("customers_number_key").on(t.tenantId, t.number),
    index("customers_list_idx").on(t.tenantId, t.status, t.name, t.id),
    index("customers_sorted_name_idx").on(t.tenantId, t.name, t.id),
    index("customers_recent_idx").on(t.tenantId, t.updatedAt, t.id),
    allowedValues("customers_status_check", t.status, customerStatus),
    allowedValues("customers_type_check", t.type, customerType),
  ],
);

/** A site of a customer where work happens. */
export const locations = pgTable(
  "locations",
  {
    id: id(),
    tenantId: tenantId(),
    customerId: uuid().notNull(),
    name: text().notNull(),
    addressLine1: text().notNull(),
    addressLine2: text(),
    postalCode: varchar({ length: 16 }),
    city: text().notNull(),
    country: varchar({ length: 2 }).notNull(),
    latitude: doublePrecision(),
    longitude: doublePrecision(),
    accessNotes: text(),
    parkingNotes: text(),
    defaultWorkMinutes: integer().notNull().default(60),
    defaultPriority: priority().notNull().default("normal"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: at(),
  },
  (t) => [
    tenantKey("locations", t),
    sameTenant("locations_customer_fk", t, t.customerId, customers, "cascade"),
    index("locations_customer_idx").on(t.tenantId, t.customerId),
    index("locations_sync_idx").on(t.tenantId, t.updatedAt, t.id),
    check("locations_latitude_range", sql`${t.latitude} between -90 and 90`),
    check("locations_longitude_range", sql`${t.longitude} between -180 and 180`),
    check("locations_coordinates_pair", sql`(${t.latitude} is null) = (${t.longitude} is null)`),
    check("locations_work_minutes_range", sql`${t.defaultWorkMinutes} between 5 and 1440`),
    allowedValues("locations_default_priority_check", t.defaultPriority, priority),
  ],
);

/** A person at the customer (or at one of its locations); not an Ordinavo user. */
export const contactPersons = pgTable(
  "contact_persons",
  {
    id: id(),
    tenantId: tenantId(),
    customerId: uuid().notNull(),
    locationId: uuid(),
    name: text().notNull(),
    role: text(),
    department: text(),
    email: text(),
    phone: text(),
    mobile: text(),
    preferredContactMethod: contactMethod().notNull().default("email"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: at(),
    /** When the person's details were erased (the row stays, anonymised, for references to it). */
    erasedAt: at(),
  },
  (t) => [
    tenantKey("contact_persons", t),
    sameTenant("contact_persons_customer_fk", t, t.customerId, customers, "cascade"),
    sameTenant("contact_persons_location_fk", t, t.locationId, locations),
    index("contact_persons_customer_idx").on(t.tenantId, t.customerId),
    index("contact_persons_sync_idx").on(t.tenantId, t.updatedAt, t.id),
    allowedValues("contact_persons_preferred_contact_method_check", t.preferredContactMethod, contactMethod),
  ],
);

/**
 * The words customers are found by (decision 018): folded words of the name, the number with and
 * without its prefix, the customer's email and phone, its active locations' name, street, postal
 * code and city, its active contact persons' name, email and phone digits. Kept by triggers on
 * customers, locations and contact_persons (migration 0013), never written by application code.
 * A word is searched as a prefix range in byte order ("C"), which under row-level security can be
 * an index condition (text comparison is leakproof; `lower()` or `LIKE` are not).
 */
export const customerSearchTerms = pgTable(
  "customer_search_terms",
  {
    // No foreign key to tenants: the customer's key below includes the tenant. Each key and
    // index costs every indexed word, and a customer has about twenty.
    tenantId: uuid().notNull(),
    customerId: uuid().notNull(),
    /** Set when the word comes from a location (removed with it, by trigger). */
    locationId: uuid(),
    /** Set when the word comes from a contact person (removed with them, by trigger). */
    contactPersonId: uuid(),
    /** Which field the word comes from: name, word, number, email, phone, site, contact, contact_email, contact_phone. */
    kind: varchar({ length: 16 }).notNull(),
    term: text().notNull(),
  },
  (t) => [
    sameTenant("customer_search_terms_customer_fk", t, t.customerId, customers, "cascade"),
    index("customer_search_terms_term_idx").on(
      t.tenantId,
      sql`(${t.term} collate "C")`,
      t.kind,
      t.customerId,
    ),
    // A customer's own words in order: re-indexing a customer, and checking a search's other words
    // against the customers its rarest word found (one index range per customer).
    index("customer_search_terms_customer_idx").on(t.tenantId, t.customerId, sql`(${t.term} collate "C")`),
  ],
);

/**
 * An identifier of an Ordinavo object in another system (ERP, CRM, import source).
 * Restricted by default: admins see them, managers a limited view, employees never.
 */
export const externalReferences = pgTable(
  "external_references",
  {
    id: id(),
    tenantId: tenantId(),
    objectType: objectType().notNull(),
    objectId: uuid().notNull(),
    sourceSystem: varchar({ length: 64 }).notNull(),
    externalId: varchar({ length: 200 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    tenantKey("external_references", t),
    uniqueIndex("external_references_source_key").on(t.tenantId, t.sourceSystem, t.objectType, t.externalId),
    index("external_references_object_idx").on(t.tenantId, t.objectType, t.objectId),
    allowedValues("external_references_object_type_check", t.objectType, objectType),
  ],
);

/** Manager-only notes about a customer or one of its objects. */
export const internalNotes = pgTable(
  "internal_notes",
  {
    id: id(),
    tenantId: tenantId(),
    customerId: uuid().notNull(),
    objectType: objectType().notNull(),
    objectId: uuid().notNull(),
    body: text().notNull(),
    authorId: uuid().references(() => staffUsers.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantKey("internal_notes", t),
    sameTenant("internal_notes_customer_fk", t, t.customerId, customers, "cascade"),
    index("internal_notes_object_idx").on(t.tenantId, t.objectType, t.objectId, t.createdAt),
    allowedValues("internal_notes_object_type_check", t.objectType, objectType),
  ],
);
