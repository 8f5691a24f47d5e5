import { customerTypeNames, statusLabels } from "@ordinavo/domain/labels";
import { customerStatuses, customerTypes } from "@ordinavo/domain/vocabulary";
import { Field, type FormErrors, messagesFor, SelectField, TextAreaField } from "@ordinavo/ui";

// The fields of a customer, shared by the "new" and "edit" pages, and the reading of the posted
// form back into an API input (used by their actions).

export const customerFieldNames = [
  "number",
  "name",
  "status",
  "type",
  "industry",
  "email",
  "phone",
  "website",
  "notes",
] as const;

export type CustomerValues = Record<(typeof customerFieldNames)[number], string>;
export type ReferenceRow = { sourceSystem: string; externalId: string };

/** Empty rows offered for new external references, so more can be added without JavaScript. */
export const EMPTY_REFERENCE_ROWS = 3;
const MAX_REFERENCE_ROWS = 60;

const textOf = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/**
 * What the customer form posted: the values as typed (to show again after an error), the
 * reference rows as typed, and the rows that are filled in with their row numbers (blank rows are
 * left out, so the API's `externalReferences.N` paths must be mapped back to the rows on screen).
 */
export function readCustomerForm(form: FormData) {
  const values = Object.fromEntries(
    customerFieldNames.map((name) => [name, textOf(form, name)]),
  ) as CustomerValues;
  const rows: ReferenceRow[] = [];
  for (let index = 0; index < MAX_REFERENCE_ROWS; index++) {
    const source = form.get(`externalReferences.${index}.sourceSystem`);
    const external = form.get(`externalReferences.${index}.externalId`);
    if (source === null && external === null) break;
    rows.push({
      sourceSystem: textOf(form, `externalReferences.${index}.sourceSystem`),
      externalId: textOf(form, `externalReferences.${index}.externalId`),
    });
  }
  const filled = rows
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => row.sourceSystem.trim() !== "" || row.externalId.trim() !== "");
  return {
    values,
    rows,
    hasReferenceRows: form.has("externalReferences.present"),
    references: filled.map(({ row }) => row),
    rowOf: filled.map(({ index }) => index),
  };
}

/** Moves errors on `externalReferences.N…` to the row the person filled in on screen. */
export function onScreenRows(errors: FormErrors, rowOf: number[]): FormErrors {
  const fields: Record<string, string[]> = {};
  for (const [path, messages] of Object.entries(errors.fields)) {
    const match = /^externalReferences\.(\d+)(\..*)?$/.exec(path);
    const row = match ? rowOf[Number(match[1])] : undefined;
    const key = match && row !== undefined ? `externalReferences.${row}${match[2] ?? ""}` : path;
    fields[key] = [...(fields[key] ?? []), ...messages];
  }
  return { ...errors, fields };
}

export function CustomerFields({
  values,
  errors,
  referenceRows,
  showReferences,
}: {
  values: Partial<CustomerValues>;
  errors: FormErrors | null | undefined;
  /** The rows to show (existing references, then empty ones); only when the role may write them. */
  referenceRows: ReferenceRow[];
  showReferences: boolean;
}) {
  const listErrors = errors?.fields.externalReferences ?? [];
  return (
    <>
      <fieldset className="panel">
        <legend>Customer</legend>
        <div className="form-grid">
          <Field
            label="Customer number"
            name="number"
            required
            maxLength={32}
            autoComplete="off"
            defaultValue={values.number}
            errors={errors}
            hint="Letters, digits, dashes, underscores and dots. It must be unique."
          />
          <Field
            label="Name"
            name="name"
            required
            maxLength={200}
            autoComplete="off"
            defaultValue={values.name}
            errors={errors}
          />
          <SelectField label="Status" name="status" defaultValue={values.status || "active"} errors={errors}>
            {customerStatuses.map((status) => (
              <option key={status} value={status}>
                {statusLabels.customer[status]}
              </option>
            ))}
          </SelectField>
          <SelectField label="Type" name="type" defaultValue={values.type || "business"} errors={errors}>
            {customerTypes.map((type) => (
              <option key={type} value={type}>
                {customerTypeNames[type]}
              </option>
            ))}
          </SelectField>
          <Field
            label="Industry (optional)"
            name="industry"
            maxLength={100}
            defaultValue={values.industry}
            errors={errors}
            hint="For example “Bakery” or “Facility management”."
          />
        </div>
      </fieldset>

      <fieldset className="panel">
        <legend>How to reach the customer</legend>
        <div className="form-grid">
          <Field
            label="Email (optional)"
            name="email"
            type="email"
            autoComplete="off"
            defaultValue={values.email}
            errors={errors}
          />
          <Field
            label="Phone (optional)"
            name="phone"
            type="tel"
            autoComplete="off"
            defaultValue={values.phone}
            errors={errors}
          />
          <Field
            label="Website (optional)"
            name="website"
            type="url"
            placeholder="https://"
            defaultValue={values.website}
            errors={errors}
          />
        </div>
        <TextAreaField
          label="Notes (optional)"
          name="notes"
          maxLength={5000}
          defaultValue={values.notes}
          errors={errors}
          hint="General notes everyone who works with this customer may read. Internal notes for managers are kept on the customer page."
        />
      </fieldset>

      {showReferences ? (
        <fieldset className="panel" aria-describedby="references-hint">
          <legend>External references</legend>
          <input type="hidden" name="externalReferences.present" value="1" />
          <p className="hint" id="references-hint">
            The customer's IDs in other systems (ERP, CRM, imports). Leave a row empty to remove it; save to
            get more empty rows.
          </p>
          {listErrors.length ? <p className="field-error">{listErrors.join(" ")}</p> : null}
          <div className="reference-rows">
            {referenceRows.map((row, index) => {
              const rowMessages = messagesFor(errors, `externalReferences.${index}`).length > 0;
              return (
                // The rows have no identity but their place: positions are what the form posts.
                <div className="reference-row" key={index} data-invalid={rowMessages || undefined}>
                  <Field
                    label={`Source system ${index + 1}`}
                    name={`externalReferences.${index}.sourceSystem`}
                    maxLength={64}
                    autoComplete="off"
                    defaultValue={row.sourceSystem}
                    errors={errors}
                  />
                  <Field
                    label={`External ID ${index + 1}`}
                    name={`externalReferences.${index}.externalId`}
                    maxLength={200}
                    autoComplete="off"
                    defaultValue={row.externalId}
                    errors={errors}
                  />
                </div>
              );
            })}
          </div>
        </fieldset>
      ) : null}
    </>
  );
}

/** The rows to show: the given ones, then empty rows to add more. */
export function withEmptyRows(rows: ReferenceRow[]): ReferenceRow[] {
  return [
    ...rows,
    ...Array.from({ length: EMPTY_REFERENCE_ROWS }, () => ({ sourceSystem: "", externalId: "" })),
  ];
}
