import { priorityNames } from "@ordinavo/domain/labels";
import { type Priority, priorities } from "@ordinavo/domain/vocabulary";
import { Field, type FormErrors, SelectField, TextAreaField } from "@ordinavo/ui";
import { LocationMap, type MapPoint } from "./location-map";

// The fields of a customer's location, shared by the "new" and "edit" pages, and the reading of
// the posted form into an API input (used by their actions).

export const locationFieldNames = [
  "name",
  "addressLine1",
  "addressLine2",
  "postalCode",
  "city",
  "country",
  "latitude",
  "longitude",
  "accessNotes",
  "parkingNotes",
  "defaultWorkMinutes",
  "defaultPriority",
] as const;

export type LocationValues = Record<(typeof locationFieldNames)[number], string>;

const textOf = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/** A typed number: blank is "none"; a decimal comma is accepted; anything else is NaN (refused). */
function typedNumber(value: string): number | null {
  const trimmed = value.trim();
  if (trimmed === "") return null;
  return Number(trimmed.replace(",", "."));
}

/** The posted values as typed, and the input for `locations.create` / `locations.update`. */
export function readLocationForm(form: FormData) {
  const values = Object.fromEntries(
    locationFieldNames.map((name) => [name, textOf(form, name)]),
  ) as LocationValues;
  const minutes = typedNumber(values.defaultWorkMinutes);
  const input = {
    name: values.name,
    addressLine1: values.addressLine1,
    addressLine2: values.addressLine2,
    postalCode: values.postalCode,
    city: values.city,
    country: values.country,
    latitude: typedNumber(values.latitude),
    longitude: typedNumber(values.longitude),
    accessNotes: values.accessNotes,
    parkingNotes: values.parkingNotes,
    // An empty box keeps the usual hour, which is also what the API assumes for a new location.
    defaultWorkMinutes: minutes ?? 60,
    defaultPriority: (values.defaultPriority || "normal") as Priority,
  };
  return { values, input };
}

/** The form values of a stored location. */
export function locationValues(location: {
  name: string;
  addressLine1?: string;
  addressLine2?: string | null;
  postalCode?: string | null;
  city?: string;
  country?: string;
  latitude?: number | null;
  longitude?: number | null;
  accessNotes?: string | null;
  parkingNotes?: string | null;
  defaultWorkMinutes?: number;
  defaultPriority?: Priority;
}): LocationValues {
  return {
    name: location.name,
    addressLine1: location.addressLine1 ?? "",
    addressLine2: location.addressLine2 ?? "",
    postalCode: location.postalCode ?? "",
    city: location.city ?? "",
    country: location.country ?? "",
    latitude: location.latitude == null ? "" : String(location.latitude),
    longitude: location.longitude == null ? "" : String(location.longitude),
    accessNotes: location.accessNotes ?? "",
    parkingNotes: location.parkingNotes ?? "",
    defaultWorkMinutes: location.defaultWorkMinutes == null ? "60" : String(location.defaultWorkMinutes),
    defaultPriority: location.defaultPriority ?? "normal",
  };
}

function pickedPoint(values: Partial<LocationValues>) {
  const latitude = typedNumber(values.latitude ?? "");
  const longitude = typedNumber(values.longitude ?? "");
  return latitude !== null && longitude !== null && Number.isFinite(latitude) && Number.isFinite(longitude)
    ? { latitude, longitude }
    : null;
}

export function LocationFields({
  values,
  errors,
  otherPoints,
  tileUrl,
}: {
  values: Partial<LocationValues>;
  errors: FormErrors | null | undefined;
  /** The customer's other locations, drawn for orientation while picking. */
  otherPoints: MapPoint[];
  tileUrl: string | null;
}) {
  return (
    <>
      <fieldset className="panel">
        <legend>Address</legend>
        <div className="form-grid">
          <Field
            label="Name"
            name="name"
            required
            maxLength={200}
            autoComplete="off"
            defaultValue={values.name}
            errors={errors}
            hint="How people call the place, for example “Head office” or “Warehouse Nord”."
          />
          <Field
            label="Street address"
            name="addressLine1"
            required
            maxLength={200}
            autoComplete="off"
            defaultValue={values.addressLine1}
            errors={errors}
          />
          <Field
            label="Address line 2 (optional)"
            name="addressLine2"
            maxLength={200}
            autoComplete="off"
            defaultValue={values.addressLine2}
            errors={errors}
            hint="Building, floor, unit."
          />
          <Field
            label="Postal code (optional)"
            name="postalCode"
            maxLength={16}
            autoComplete="off"
            defaultValue={values.postalCode}
            errors={errors}
          />
          <Field
            label="City"
            name="city"
            required
            maxLength={100}
            autoComplete="off"
            defaultValue={values.city}
            errors={errors}
          />
          <Field
            label="Country"
            name="country"
            required
            minLength={2}
            maxLength={2}
            autoComplete="off"
            className="country-input"
            defaultValue={values.country}
            errors={errors}
            hint="Two-letter code, such as FR, DE or BE."
          />
        </div>
      </fieldset>

      <fieldset className="panel">
        <legend>Position on the map</legend>
        <p className="hint">
          Optional. Enter both latitude and longitude in decimal degrees (for example 48.8566 and 2.3522), or
          leave both empty.
        </p>
        <div className="coordinate-grid">
          <Field
            label="Latitude"
            name="latitude"
            id="field-latitude"
            inputMode="decimal"
            autoComplete="off"
            placeholder="48.8566"
            defaultValue={values.latitude}
            errors={errors}
            hint="−90 to 90; north is positive."
          />
          <Field
            label="Longitude"
            name="longitude"
            id="field-longitude"
            inputMode="decimal"
            autoComplete="off"
            placeholder="2.3522"
            defaultValue={values.longitude}
            errors={errors}
            hint="−180 to 180; east is positive."
          />
        </div>
        <LocationMap
          mode="pick"
          points={otherPoints}
          picked={pickedPoint(values)}
          tileUrl={tileUrl}
          latitudeInputId="field-latitude"
          longitudeInputId="field-longitude"
        />
        {otherPoints.length ? (
          <p className="hint">The numbered dots are the customer's other locations, shown for orientation.</p>
        ) : null}
      </fieldset>

      <fieldset className="panel">
        <legend>On site</legend>
        <TextAreaField
          label="Access notes (optional)"
          name="accessNotes"
          rows={3}
          maxLength={2000}
          defaultValue={values.accessNotes}
          errors={errors}
          hint="Door codes, who opens, where to report. Employees assigned here can read it."
        />
        <TextAreaField
          label="Parking notes (optional)"
          name="parkingNotes"
          rows={3}
          maxLength={2000}
          defaultValue={values.parkingNotes}
          errors={errors}
        />
      </fieldset>

      <fieldset className="panel">
        <legend>Planning defaults</legend>
        <div className="form-grid">
          <Field
            label="Usual work time (minutes)"
            name="defaultWorkMinutes"
            type="number"
            inputMode="numeric"
            min={5}
            max={1440}
            step={1}
            required
            defaultValue={values.defaultWorkMinutes || "60"}
            errors={errors}
            hint="Proposed for new work here: 5 to 1440 minutes."
          />
          <SelectField
            label="Usual priority"
            name="defaultPriority"
            defaultValue={values.defaultPriority || "normal"}
            errors={errors}
          >
            {priorities.map((priority) => (
              <option key={priority} value={priority}>
                {priorityNames[priority]}
              </option>
            ))}
          </SelectField>
        </div>
      </fieldset>
    </>
  );
}
