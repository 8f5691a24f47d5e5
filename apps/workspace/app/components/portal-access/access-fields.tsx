import { messagesFor } from "@ordinavo/ui";
import { useState } from "react";
import type { FormErrors } from "~/lib/require.server";

// "What may this person see?": the whole customer, or selected locations (checkboxes). Works
// without JavaScript (the action refuses a whole-customer choice with ticked locations, so nobody
// gets more than was meant); with it, ticking a location picks "Selected locations" and picking
// the whole customer clears the ticks.

export interface AccessValues {
  access: "customer" | "locations";
  locationIds: string[];
}

export function readAccessForm(form: FormData): AccessValues {
  const access = form.get("access") === "locations" ? "locations" : "customer";
  const locationIds = form
    .getAll("locationIds")
    .filter((value): value is string => typeof value === "string");
  return { access, locationIds };
}

/** The refusal for a whole-customer choice with locations ticked (no JavaScript), or null. */
export function mixedAccess(values: AccessValues): FormErrors | null {
  if (values.access !== "customer" || values.locationIds.length === 0) return null;
  const message =
    "Choose either the whole customer or some locations. Untick the locations, or pick “Selected locations”.";
  return { message, fields: { locationIds: [message] } };
}

export function AccessFields({
  locations,
  values,
  errors,
}: {
  locations: { id: string; name: string }[];
  values: AccessValues;
  errors: FormErrors | null | undefined;
}) {
  const [access, setAccess] = useState(values.access);
  const [chosen, setChosen] = useState(() => new Set(values.locationIds));
  const accessMessages = messagesFor(errors, "access");
  const locationMessages = messagesFor(errors, "locationIds");
  const messages = [...new Set([...accessMessages, ...locationMessages])];
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
    if (on) setAccess("locations");
  };
  return (
    <fieldset
      className="portal-choice"
      aria-invalid={messages.length > 0 || undefined}
      aria-describedby={messages.length ? "access-error" : undefined}
    >
      <legend>What may this person see?</legend>
      <label>
        <input
          type="radio"
          name="access"
          value="customer"
          checked={access === "customer"}
          onChange={() => {
            setAccess("customer");
            setChosen(new Set());
          }}
        />
        <span>
          The whole customer
          <span className="hint block">Every location, including locations added later.</span>
        </span>
      </label>
      <label>
        <input
          type="radio"
          name="access"
          value="locations"
          checked={access === "locations"}
          onChange={() => setAccess("locations")}
          disabled={locations.length === 0}
        />
        <span>
          Selected locations
          <span className="hint block">
            {locations.length === 0
              ? "This customer has no locations yet."
              : "Only requests, appointments and reports of these locations."}
          </span>
        </span>
      </label>
      {locations.length > 0 ? (
        <fieldset className="portal-locations">
          <legend className="visually-hidden">Locations</legend>
          {locations.map((location) => (
            <label key={location.id}>
              <input
                type="checkbox"
                name="locationIds"
                value={location.id}
                checked={chosen.has(location.id)}
                onChange={(event) => toggle(location.id, event.currentTarget.checked)}
              />
              <span>{location.name}</span>
            </label>
          ))}
        </fieldset>
      ) : null}
      {messages.length ? (
        <p className="field-error" id="access-error">
          {messages.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}
