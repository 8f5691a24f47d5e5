import { z } from "zod";
import { priorities } from "../vocabulary";
import { type FieldIssue, report } from "./field-issue";
import { choice, latitude, longitude, optionalText, reference, requiredText, wholeNumber } from "./fields";

const country = z
  .string({ error: "Choose a country" })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, { error: 'Enter the two-letter country code, such as "FR" or "DE"' });

const locationFields = {
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
  defaultWorkMinutes: wholeNumber("Default work time", 5, 1440, "minutes"),
  defaultPriority: choice(priorities, "Choose a priority"),
};

type Coordinates = { latitude?: number | null; longitude?: number | null };

/** Coordinates come as a pair: both or neither. Checks a complete (merged) location. */
export function checkCoordinates(location: Coordinates): FieldIssue | null {
  const message = "Enter both latitude and longitude, or neither";
  const hasLatitude = location.latitude != null;
  const hasLongitude = location.longitude != null;
  if (hasLatitude && !hasLongitude) return { path: "longitude", message };
  if (hasLongitude && !hasLatitude) return { path: "latitude", message };
  return null;
}

export const ZCreateLocationInput = z
  .object({
    customerId: reference("Choose a customer"),
    ...locationFields,
    defaultWorkMinutes: locationFields.defaultWorkMinutes.default(60),
    defaultPriority: locationFields.defaultPriority.default("normal"),
  })
  .superRefine((location, ctx) => report(ctx, checkCoordinates(location)));
export type CreateLocationInput = z.infer<typeof ZCreateLocationInput>;

/**
 * Keys left out stay as they are. Coordinates change together: giving one without the other is
 * refused, so a stored pair can never be half-replaced.
 */
export const ZUpdateLocationInput = z
  .object(locationFields)
  .partial()
  .extend({ locationId: reference("Choose a location") })
  .superRefine((change, ctx) => {
    const touched = change.latitude !== undefined || change.longitude !== undefined;
    if (!touched) return;
    report(ctx, checkCoordinates({ latitude: change.latitude ?? null, longitude: change.longitude ?? null }));
  });
export type UpdateLocationInput = z.infer<typeof ZUpdateLocationInput>;
