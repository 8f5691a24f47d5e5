import { contactMethods, customerStatuses, customerTypes, priorities } from "@ordinavo/domain";
import { type Actor, project, type TenantGates } from "@ordinavo/policy";
import { z } from "zod";
import { projected } from "../records";

// What the customer-record services return. Every field is optional: the policy's field lists
// decide which ones a role receives (`project`), and the schema then checks their types.

export const ZCustomerView = projected({
  id: z.string(),
  number: z.string(),
  name: z.string(),
  status: z.enum(customerStatuses),
  type: z.enum(customerTypes),
  industry: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  website: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  archivedAt: z.date().nullable(),
}).required({ id: true, name: true });

export const ZLocationView = projected({
  id: z.string(),
  customerId: z.string(),
  name: z.string(),
  addressLine1: z.string(),
  addressLine2: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string(),
  country: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  accessNotes: z.string().nullable(),
  parkingNotes: z.string().nullable(),
  defaultWorkMinutes: z.number(),
  defaultPriority: z.enum(priorities),
  createdAt: z.date(),
  updatedAt: z.date(),
  archivedAt: z.date().nullable(),
}).required({ id: true, name: true });

export const ZContactView = projected({
  id: z.string(),
  customerId: z.string(),
  locationId: z.string().nullable(),
  name: z.string(),
  role: z.string().nullable(),
  department: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  mobile: z.string().nullable(),
  preferredContactMethod: z.enum(contactMethods),
  createdAt: z.date(),
  updatedAt: z.date(),
  archivedAt: z.date().nullable(),
}).required({ id: true, name: true });

export const ZExternalReferenceView = z.object({
  id: z.string(),
  sourceSystem: z.string(),
  externalId: z.string(),
});

/** A note as the reader may see it: the author only for roles that receive `authorId`. */
export const ZNoteView = z.object({
  id: z.string(),
  body: z.string(),
  authorName: z.string().nullable(),
  canEdit: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const customerView = (actor: Actor, row: object, gates: TenantGates) =>
  ZCustomerView.parse(project(actor, "customer", row, gates));
export const locationView = (actor: Actor, row: object, gates: TenantGates) =>
  ZLocationView.parse(project(actor, "location", row, gates));
export const contactView = (actor: Actor, row: object, gates: TenantGates) =>
  ZContactView.parse(project(actor, "contact_person", row, gates));
