import { isLocale, type Locale, locales } from "@ordinavo/domain/locale";
import { createInstance, type i18n } from "i18next";
import enAccount from "~/locales/en/account.json";
import enAppointments from "~/locales/en/appointments.json";
import enCommon from "~/locales/en/common.json";
import enErrors from "~/locales/en/errors.json";
import enHome from "~/locales/en/home.json";
import enReports from "~/locales/en/reports.json";
import enRequests from "~/locales/en/requests.json";
import enTimeline from "~/locales/en/timeline.json";
import frAccount from "~/locales/fr/account.json";
import frAppointments from "~/locales/fr/appointments.json";
import frCommon from "~/locales/fr/common.json";
import frErrors from "~/locales/fr/errors.json";
import frHome from "~/locales/fr/home.json";
import frReports from "~/locales/fr/reports.json";
import frRequests from "~/locales/fr/requests.json";
import frTimeline from "~/locales/fr/timeline.json";

// The portal's words, in English and French, one file per area of the portal and language
// (app/locales/<language>/<area>.json). Both languages carry the same keys: a unit test compares
// them and the locale walk fails on any English left on a French page. Keys are flat ("nav.home");
// the `errors` area is keyed by the API's own English messages, so a refusal the server words in
// English reaches a French reader in French.

export const resources = {
  en: {
    common: enCommon,
    account: enAccount,
    home: enHome,
    requests: enRequests,
    appointments: enAppointments,
    reports: enReports,
    timeline: enTimeline,
    errors: enErrors,
  },
  fr: {
    common: frCommon,
    account: frAccount,
    home: frHome,
    requests: frRequests,
    appointments: frAppointments,
    reports: frReports,
    timeline: frTimeline,
    errors: frErrors,
  },
} as const;

export type Namespace = keyof (typeof resources)["en"];
export const namespaces = Object.keys(resources.en) as Namespace[];

export { isLocale, type Locale, locales };
export const defaultLocale: Locale = "en";

/**
 * A word the portal asks for and does not have. In the browser it is a console error (the browser
 * tests fail on any), on the server a warning in the log; the page shows the key or the default
 * text meanwhile. Only the key is written, never a value.
 */
export function reportMissingWord(languages: readonly string[], ns: string, key: string): void {
  const line = `Missing portal word: ${ns}:${key} (${languages.join(", ")})`;
  if (typeof window === "undefined") console.warn(line);
  else console.error(line);
}

/** A ready i18next instance for one locale (resources are bundled, so it initialises at once). */
export function createI18n(locale: Locale): i18n {
  const instance = createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: false,
    supportedLngs: [...locales],
    ns: namespaces,
    defaultNS: "common",
    resources,
    keySeparator: false,
    nsSeparator: false,
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
    // Every missing key is reported (see reportMissingWord); nothing is sent anywhere.
    saveMissing: true,
    missingKeyHandler: (languages, ns, key) => reportMissingWord(languages, ns, key),
    // A placeholder the caller did not fill ("{{name}}" without a name): reported, left empty.
    missingInterpolationHandler: (_text, match) => {
      reportMissingWord([locale], "interpolation", String(match?.[1] ?? "?"));
      return "";
    },
  });
  return instance;
}
