/** Languages the product speaks, to staff and to portal users. */
export const locales = ["en", "fr"] as const;
export type Locale = (typeof locales)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}
