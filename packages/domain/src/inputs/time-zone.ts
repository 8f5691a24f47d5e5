import { z } from "zod";

// The runtime's list of canonical IANA zones. It omits "UTC" itself, which people do pick.
const knownTimeZones = new Set<string>([...Intl.supportedValuesOf("timeZone"), "UTC"]);

/** True for an IANA time zone name the runtime knows, such as "Europe/Paris" or "UTC". */
export function isIanaTimeZone(value: string): boolean {
  return knownTimeZones.has(value);
}

export const timeZone = z
  .string({ error: "Choose a time zone" })
  .trim()
  .refine(isIanaTimeZone, { error: 'Choose a time zone from the list, such as "Europe/Paris"' });
