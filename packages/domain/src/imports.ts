import { z } from "zod";
import { report } from "./inputs/field-issue";
import {
  choice,
  emailAddress,
  latitude,
  longitude,
  optionalFormat,
  optionalPhone,
  optionalText,
  planningDay,
  requiredText,
  wholeNumber,
} from "./inputs/fields";
import { checkCoordinates } from "./inputs/location";
import {
  type ContactMethod,
  contactMethods,
  customerStatuses,
  customerTypes,
  importJobStatuses,
  importRowStatuses,
  priorities,
} from "./vocabulary";

// Rows that arrive from another system — an import file's mapped columns or a Connect write — by
// the kind of object they upsert. A row names its own object and the objects it belongs to by
// their external ids in the source system, never by Ordinavo ids. A key left out leaves the stored
// value as it is; a blank value clears an optional field.

/** What one upsert writes. */
export const upsertKinds = ["customer", "location", "contact", "target"] as const;
export type UpsertKind = (typeof upsertKinds)[number];

/** Where an import's rows come from: a stored file, or rows sent in the API call. */
export const importFormats = ["csv", "jsonl", "rows"] as const;
export type ImportFormat = (typeof importFormats)[number];

/** Problems with a row that do not stop it from being imported. */
export const mappingWarningCodes = ["unknown_column", "value_coerced", "reference_not_found"] as const;
export type MappingWarningCode = (typeof mappingWarningCodes)[number];

export type ImportFieldError = { field: string; message: string };
export type ImportWarning = { field: string; code: MappingWarningCode; message: string };

const externalId = (field: string) => requiredText(field, 200, `Enter the ${field.toLowerCase()}`);
const optionalExternalId = (field: string) => optionalText(field, 200);

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

const country = z
  .string({ error: "Choose a country" })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, { error: 'Enter the two-letter country code, such as "FR" or "DE"' });

export const ZImportCustomerRow = z.object({
  externalId: externalId("External ID"),
  /** Left out: a new customer takes its external id as its number (when it fits the format). */
  number: customerNumber.optional(),
  name: requiredText("Name", 200, "Enter a name"),
  type: choice(customerTypes, "Choose a customer type").optional(),
  status: choice(customerStatuses, "Choose a status").optional(),
  industry: optionalText("Industry", 100),
  email: optionalFormat(emailAddress, "Email"),
  phone: optionalPhone("Phone", "Enter a valid phone number"),
  website: optionalFormat(website, "Website"),
  notes: optionalText("Notes", 5000),
});
export type ImportCustomerRow = z.output<typeof ZImportCustomerRow>;

export const ZImportLocationRow = z
  .object({
    externalId: externalId("External ID"),
    customerExternalId: externalId("Customer external ID"),
    name: requiredText("Name", 200, "Enter a name"),
    addressLine1: requiredText("Address", 200, "Enter the street address"),
    addressLine2: optionalText("Address line 2", 200),
    postalCode: optionalText("Postal code", 16),
    city: requiredText("City", 100, "Enter a city"),
    country,
    latitude: latitude.nullish(),
    longitude: longitude.nullish(),
    accessNotes: optionalText("Access notes", 2000),
    parkingNotes: optionalText("Parking notes", 2000),
    defaultWorkMinutes: wholeNumber("Default work time", 5, 1440, "minutes").optional(),
    defaultPriority: choice(priorities, "Choose a priority").optional(),
  })
  .superRefine((row, ctx) => {
    if (row.latitude === undefined && row.longitude === undefined) return;
    report(ctx, checkCoordinates({ latitude: row.latitude ?? null, longitude: row.longitude ?? null }));
  });
export type ImportLocationRow = z.output<typeof ZImportLocationRow>;

const missingChannel: Record<Exclude<ContactMethod, "none">, string> = {
  email: "Enter an email address, or choose another preferred contact method",
  phone: "Enter a phone number, or choose another preferred contact method",
  mobile: "Enter a mobile number, or choose another preferred contact method",
};

export const ZImportContactRow = z
  .object({
    externalId: externalId("External ID"),
    customerExternalId: externalId("Customer external ID"),
    locationExternalId: optionalExternalId("Location external ID"),
    name: requiredText("Name", 200, "Enter a name"),
    role: optionalText("Role", 100),
    department: optionalText("Department", 100),
    email: optionalFormat(emailAddress, "Email"),
    phone: optionalPhone("Phone", "Enter a valid phone number"),
    mobile: optionalPhone("Mobile", "Enter a valid mobile number"),
    preferredContactMethod: choice(
      contactMethods,
      "Choose how this person prefers to be contacted",
    ).optional(),
  })
  .superRefine((row, ctx) => {
    const method = row.preferredContactMethod;
    if (method === undefined || method === "none" || row[method] != null) return;
    // A channel not in the row may be stored already; the upsert checks the merged contact.
    if (row[method] === undefined) return;
    report(ctx, { path: method, message: missingChannel[method] });
  });
export type ImportContactRow = z.output<typeof ZImportContactRow>;

/** The preferred method a new contact gets when the row names none: the first channel it has. */
export function defaultContactMethod(row: {
  email?: string | null;
  phone?: string | null;
  mobile?: string | null;
}): ContactMethod {
  if (row.email) return "email";
  if (row.phone) return "phone";
  if (row.mobile) return "mobile";
  return "none";
}

/** The check of a merged (stored + row) contact: the preferred channel must be filled in. */
export function missingPreferredChannel(contact: {
  preferredContactMethod: ContactMethod;
  email: string | null;
  phone: string | null;
  mobile: string | null;
}): ImportFieldError | null {
  const method = contact.preferredContactMethod;
  if (method === "none" || contact[method] != null) return null;
  return { field: method, message: missingChannel[method] };
}

export const ZImportTargetRow = z.object({
  externalId: externalId("External ID"),
  customerExternalId: externalId("Customer external ID"),
  locationExternalId: optionalExternalId("Location external ID"),
  contactExternalId: optionalExternalId("Contact external ID"),
  title: requiredText("Title", 200, "Enter a title"),
  description: optionalText("Description", 5000),
  priority: choice(priorities, "Choose a priority").optional(),
  dueDate: optionalFormat(planningDay("Enter the due date as YYYY-MM-DD"), "Due date"),
});
export type ImportTargetRow = z.output<typeof ZImportTargetRow>;

export const importRowSchemas = {
  customer: ZImportCustomerRow,
  location: ZImportLocationRow,
  contact: ZImportContactRow,
  target: ZImportTargetRow,
} as const;

export type ImportRowOf = {
  customer: ImportCustomerRow;
  location: ImportLocationRow;
  contact: ImportContactRow;
  target: ImportTargetRow;
};

/** The fields a row of each kind may carry, in the order a mapping screen lists them. */
export const importFields: { readonly [K in UpsertKind]: readonly string[] } = {
  customer: Object.keys(ZImportCustomerRow.shape),
  location: Object.keys(ZImportLocationRow.shape),
  contact: Object.keys(ZImportContactRow.shape),
  target: Object.keys(ZImportTargetRow.shape),
};

/** Fields a row must carry to be imported at all. */
export const requiredImportFields: { readonly [K in UpsertKind]: readonly string[] } = {
  customer: ["externalId", "name"],
  location: ["externalId", "customerExternalId", "name", "addressLine1", "city", "country"],
  contact: ["externalId", "customerExternalId", "name"],
  target: ["externalId", "customerExternalId", "title"],
};

const choiceFields: Record<string, readonly string[]> = {
  type: customerTypes,
  status: customerStatuses,
  priority: priorities,
  defaultPriority: priorities,
  preferredContactMethod: contactMethods,
};
const numberFields = new Set(["latitude", "longitude", "defaultWorkMinutes"]);

/**
 * Brings a row's values into the shape its schema reads, the way files write them: numbers from
 * text ("48.1", "48,1"), choices by their words ("Public sector" → public_sector), text from
 * numbers. Each change a person might not expect is a `value_coerced` warning; keys the kind does
 * not know are `unknown_column` warnings and are left out.
 */
export function coerceImportRow(
  kind: UpsertKind,
  row: Record<string, unknown>,
): { values: Record<string, unknown>; warnings: ImportWarning[] } {
  const known = importFields[kind];
  const values: Record<string, unknown> = {};
  const warnings: ImportWarning[] = [];
  for (const [field, raw] of Object.entries(row)) {
    if (!known.includes(field)) {
      warnings.push({
        field,
        code: "unknown_column",
        message: "This column is not a field of the import; it was left out.",
      });
      continue;
    }
    let value = raw;
    if (numberFields.has(field) && typeof raw === "string") {
      const text = raw.trim();
      if (text === "") value = field === "defaultWorkMinutes" ? undefined : null;
      else if (/^-?\d+(\.\d+)?$/.test(text)) value = Number(text);
      else if (/^-?\d+,\d+$/.test(text)) {
        value = Number(text.replace(",", "."));
        warnings.push({
          field,
          code: "value_coerced",
          message: "A decimal comma was read as a decimal point.",
        });
      }
    } else if (field in choiceFields && typeof raw === "string") {
      const text = raw.trim();
      const word = text.toLowerCase().replace(/[\s-]+/g, "_");
      if (text === "") value = undefined;
      else if (word !== text && choiceFields[field]!.includes(word)) {
        value = word;
        warnings.push({ field, code: "value_coerced", message: `Read as "${word}".` });
      }
    } else if (field === "dueDate" && typeof raw === "string" && /^\d{4}-\d{2}-\d{2}T/.test(raw.trim())) {
      value = raw.trim().slice(0, 10);
      warnings.push({
        field,
        code: "value_coerced",
        message: "Only the date of this date and time was kept.",
      });
    } else if (!numberFields.has(field) && (typeof raw === "number" || typeof raw === "boolean")) {
      value = String(raw);
      warnings.push({ field, code: "value_coerced", message: "A number was read as text." });
    }
    if (value !== undefined) values[field] = value;
  }
  return { values, warnings };
}

/** Field-level errors of a failed parse, one per field (its first message). */
export function importFieldErrors(error: z.ZodError): ImportFieldError[] {
  const seen = new Set<string>();
  const errors: ImportFieldError[] = [];
  for (const issue of error.issues) {
    const field = issue.path.map(String).join(".") || "row";
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ field, message: issue.message });
  }
  return errors;
}

// ---- Import jobs -----------------------------------------------------------------------------------

export const maxImportCallRows = 1000;

/** A mapping: a column of the file (or a key of the sent rows) → a field of the kind. */
export const ZImportMapping = z
  .record(
    z.string().trim().min(1).max(200),
    z.string().trim().max(64, { error: "Choose one of the listed fields" }),
    { error: "Give the mapping as column → field" },
  )
  .refine((mapping) => Object.keys(mapping).length <= 200, { error: "Map at most 200 columns" });

export const ZImportJobStatus = z.enum(importJobStatuses);
export const ZImportRowStatus = z.enum(importRowStatuses);
