/** Customers, their locations and contacts, external references, internal notes, history entries. */
import type { Transaction } from "@ordinavo/db";
import {
  contactPersons,
  customers,
  externalReferences,
  internalNotes,
  locations,
  timelineEntries,
} from "@ordinavo/db/schema";
import { type FactoryInput, type Insert, only, type Row, unique } from "./core";

export function customerValues(input: FactoryInput<typeof customers, "tenantId">): Insert<typeof customers> {
  const tag = unique();
  return { number: `T-${tag.toUpperCase()}`, name: `Customer ${tag}`, ...input };
}

export async function createCustomer(
  tx: Transaction,
  input: FactoryInput<typeof customers, "tenantId">,
): Promise<Row<typeof customers>> {
  return only(await tx.insert(customers).values(customerValues(input)).returning());
}

export function locationValues(
  input: FactoryInput<typeof locations, "tenantId" | "customerId">,
): Insert<typeof locations> {
  return {
    name: "Head office",
    addressLine1: "1 Place Bellecour",
    postalCode: "69002",
    city: "Lyon",
    country: "FR",
    latitude: 45.7578,
    longitude: 4.832,
    ...input,
  };
}

export async function createLocation(
  tx: Transaction,
  input: FactoryInput<typeof locations, "tenantId" | "customerId">,
): Promise<Row<typeof locations>> {
  return only(await tx.insert(locations).values(locationValues(input)).returning());
}

export function contactPersonValues(
  input: FactoryInput<typeof contactPersons, "tenantId" | "customerId">,
): Insert<typeof contactPersons> {
  const tag = unique();
  return { name: `Contact ${tag}`, email: `contact-${tag}@example.test`, ...input };
}

export async function createContactPerson(
  tx: Transaction,
  input: FactoryInput<typeof contactPersons, "tenantId" | "customerId">,
): Promise<Row<typeof contactPersons>> {
  return only(await tx.insert(contactPersons).values(contactPersonValues(input)).returning());
}

export function externalReferenceValues(
  input: FactoryInput<typeof externalReferences, "tenantId" | "objectType" | "objectId">,
): Insert<typeof externalReferences> {
  return { sourceSystem: "erp", externalId: `EXT-${unique()}`, ...input };
}

export async function createExternalReference(
  tx: Transaction,
  input: FactoryInput<typeof externalReferences, "tenantId" | "objectType" | "objectId">,
): Promise<Row<typeof externalReferences>> {
  return only(await tx.insert(externalReferences).values(externalReferenceValues(input)).returning());
}

/** A manager-only note; by default about the customer itself. */
export function internalNoteValues(
  input: FactoryInput<typeof internalNotes, "tenantId" | "customerId">,
): Insert<typeof internalNotes> {
  return { objectType: "customer", objectId: input.customerId, body: "Internal note", ...input };
}

export async function createInternalNote(
  tx: Transaction,
  input: FactoryInput<typeof internalNotes, "tenantId" | "customerId">,
): Promise<Row<typeof internalNotes>> {
  return only(await tx.insert(internalNotes).values(internalNoteValues(input)).returning());
}

export function timelineEntryValues(
  input: FactoryInput<
    typeof timelineEntries,
    "tenantId" | "customerId" | "kind" | "objectType" | "objectId" | "occurredAt"
  >,
): Insert<typeof timelineEntries> {
  return { ...input };
}

export async function createTimelineEntry(
  tx: Transaction,
  input: FactoryInput<
    typeof timelineEntries,
    "tenantId" | "customerId" | "kind" | "objectType" | "objectId" | "occurredAt"
  >,
): Promise<Row<typeof timelineEntries>> {
  return only(await tx.insert(timelineEntries).values(timelineEntryValues(input)).returning());
}
