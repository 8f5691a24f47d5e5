import { z } from "zod";
import { customerStatuses, customerTypes } from "../vocabulary";
import { externalReferenceList } from "./external-reference";
import {
  choice,
  emailAddress,
  optionalFormat,
  optionalPhone,
  optionalText,
  reference,
  requiredText,
} from "./fields";

const customerNumber = requiredText("Customer number", 32, "Enter a customer number").regex(
  /^[A-Za-z0-9._-]+$/,
  { error: "Customer number may only contain letters, digits, dashes, underscores and dots" },
);

const website = z
  .url({
    protocol: /^https?$/,
    hostname: z.regexes.domain,
    error: "Enter a web address starting with http:// or https://",
  })
  .max(2000, { error: "Website must be at most 2000 characters" });

const customerFields = {
  number: customerNumber,
  name: requiredText("Name", 200, "Enter a name"),
  status: choice(customerStatuses, "Choose a status"),
  type: choice(customerTypes, "Choose a customer type"),
  industry: optionalText("Industry", 100),
  email: optionalFormat(emailAddress, "Email"),
  phone: optionalPhone("Phone", "Enter a valid phone number"),
  website: optionalFormat(website, "Website"),
  notes: optionalText("Notes", 5000),
  externalReferences: externalReferenceList.optional(),
};

export const ZCreateCustomerInput = z.object({
  ...customerFields,
  status: customerFields.status.default("active"),
  type: customerFields.type.default("business"),
});
export type CreateCustomerInput = z.infer<typeof ZCreateCustomerInput>;

/** Keys left out stay as they are; `externalReferences`, when given, replaces the whole list. */
export const ZUpdateCustomerInput = z
  .object(customerFields)
  .partial()
  .extend({ customerId: reference("Choose a customer") });
export type UpdateCustomerInput = z.infer<typeof ZUpdateCustomerInput>;
