import { contactMethodNames } from "@ordinavo/domain/labels";
import { type ContactMethod, contactMethods } from "@ordinavo/domain/vocabulary";
import { Field, type FormErrors, SelectField } from "@ordinavo/ui";

// The fields of a contact person, shared by the "new" and "edit" pages, and the reading of the
// posted form into an API input.

export const contactFieldNames = [
  "name",
  "role",
  "department",
  "email",
  "phone",
  "mobile",
  "preferredContactMethod",
  "locationId",
] as const;

export type ContactValues = Record<(typeof contactFieldNames)[number], string>;

const textOf = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

export function readContactForm(form: FormData) {
  const values = Object.fromEntries(
    contactFieldNames.map((name) => [name, textOf(form, name)]),
  ) as ContactValues;
  return {
    values,
    input: {
      ...values,
      preferredContactMethod: (values.preferredContactMethod || "none") as ContactMethod,
      // "" is the whole customer; the API reads a blank reference as none.
      locationId: values.locationId,
    },
  };
}

/** The form values of a stored contact person. */
export function contactValues(contact: Partial<Record<keyof ContactValues, string | null>>): ContactValues {
  return Object.fromEntries(contactFieldNames.map((name) => [name, contact[name] ?? ""])) as ContactValues;
}

export function ContactFields({
  values,
  errors,
  locations,
}: {
  values: Partial<ContactValues>;
  errors: FormErrors | null | undefined;
  locations: { id: string; name: string; city?: string }[];
}) {
  return (
    <>
      <fieldset className="panel">
        <legend>Person</legend>
        <div className="form-grid">
          <Field
            label="Name"
            name="name"
            required
            maxLength={200}
            autoComplete="off"
            defaultValue={values.name}
            errors={errors}
          />
          <Field
            label="Role (optional)"
            name="role"
            maxLength={100}
            autoComplete="off"
            defaultValue={values.role}
            errors={errors}
            hint="For example “Facility manager” or “Caretaker”."
          />
          <Field
            label="Department (optional)"
            name="department"
            maxLength={100}
            autoComplete="off"
            defaultValue={values.department}
            errors={errors}
          />
          <SelectField
            label="Location"
            name="locationId"
            defaultValue={values.locationId ?? ""}
            errors={errors}
            hint="The site this person is responsible for, or the whole customer."
          >
            <option value="">Whole customer (no particular location)</option>
            {locations.map((location) => (
              <option key={location.id} value={location.id}>
                {location.name}
                {location.city ? ` (${location.city})` : ""}
              </option>
            ))}
          </SelectField>
        </div>
      </fieldset>

      <fieldset className="panel">
        <legend>How to reach them</legend>
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
            label="Mobile (optional)"
            name="mobile"
            type="tel"
            autoComplete="off"
            defaultValue={values.mobile}
            errors={errors}
          />
          <SelectField
            label="Preferred contact method"
            name="preferredContactMethod"
            defaultValue={values.preferredContactMethod || "email"}
            errors={errors}
            hint="Fill in the matching channel above."
          >
            {contactMethods.map((method) => (
              <option key={method} value={method}>
                {contactMethodNames[method]}
              </option>
            ))}
          </SelectField>
        </div>
      </fieldset>
    </>
  );
}
