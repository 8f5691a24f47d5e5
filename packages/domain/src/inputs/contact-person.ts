import { z } from "zod";
import { type ContactMethod, contactMethods } from "../vocabulary";
import { type FieldIssue, report } from "./field-issue";
import {
  choice,
  emailAddress,
  optionalFormat,
  optionalPhone,
  optionalReference,
  optionalText,
  reference,
  requiredText,
} from "./fields";

const contactFields = {
  locationId: optionalReference("Choose a location"),
  name: requiredText("Name", 200, "Enter a name"),
  role: optionalText("Role", 100),
  department: optionalText("Department", 100),
  email: optionalFormat(emailAddress, "Email"),
  phone: optionalPhone("Phone", "Enter a valid phone number"),
  mobile: optionalPhone("Mobile", "Enter a valid mobile number"),
  preferredContactMethod: choice(contactMethods, "Choose how this person prefers to be contacted"),
};

type Channels = {
  preferredContactMethod?: ContactMethod;
  email?: string | null;
  phone?: string | null;
  mobile?: string | null;
};

const missingChannel: Record<Exclude<ContactMethod, "none">, string> = {
  email: "Enter an email address, or choose another preferred contact method",
  phone: "Enter a phone number, or choose another preferred contact method",
  mobile: "Enter a mobile number, or choose another preferred contact method",
};

/** The preferred contact method needs its channel filled in. Checks a complete (merged) contact. */
export function checkPreferredContact(contact: Channels): FieldIssue | null {
  const method = contact.preferredContactMethod;
  if (method === undefined || method === "none") return null;
  if (contact[method] != null) return null;
  return { path: method, message: missingChannel[method] };
}

export const ZCreateContactPersonInput = z
  .object({
    customerId: reference("Choose a customer"),
    ...contactFields,
    preferredContactMethod: contactFields.preferredContactMethod.default("email"),
  })
  .superRefine((contact, ctx) => report(ctx, checkPreferredContact(contact)));
export type CreateContactPersonInput = z.infer<typeof ZCreateContactPersonInput>;

/**
 * Keys left out stay as they are. Here only a channel cleared in the same change is caught; the
 * service checks the merged contact with `checkPreferredContact`.
 */
export const ZUpdateContactPersonInput = z
  .object(contactFields)
  .partial()
  .extend({ contactPersonId: reference("Choose a contact person") })
  .superRefine((change, ctx) => {
    const method = change.preferredContactMethod;
    if (method === undefined || method === "none" || change[method] !== null) return;
    report(ctx, checkPreferredContact(change));
  });
export type UpdateContactPersonInput = z.infer<typeof ZUpdateContactPersonInput>;
