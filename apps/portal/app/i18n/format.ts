import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { loader as rootLoader } from "~/root";
import { defaultLocale, isLocale, type Locale } from "./config";

/** The page's language and the tenant's time zone, as the root loader decided them. */
export function usePortalLocale(): { locale: Locale; timeZone: string } {
  const root = useRouteLoaderData<typeof rootLoader>("root");
  return {
    locale: isLocale(root?.locale) ? root.locale : defaultLocale,
    timeZone: root?.timeZone ?? "UTC",
  };
}

const tags: Record<Locale, string> = { en: "en-GB", fr: "fr-FR" };

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * One Intl.DateTimeFormat per language, zone and options, made once: making one costs far more
 * than using it, and a page formats many dates.
 */
export function dateFormatter(locale: Locale, timeZone: string, options: Intl.DateTimeFormatOptions) {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(tags[locale], { timeZone, ...options });
    formatters.set(key, format);
  }
  return format;
}

/**
 * Dates and times in the reader's language and the service provider's time zone:
 * `format.date(d)` → "Tuesday 9 March 2027" / "mardi 9 mars 2027", `format.time(d)` → "14:30".
 */
export function useFormat() {
  const { locale, timeZone } = usePortalLocale();
  const { t } = useTranslation("common");
  return useMemo(() => {
    const make = (options: Intl.DateTimeFormatOptions) => dateFormatter(locale, timeZone, options);
    const date = make({ weekday: "long", day: "numeric", month: "long", year: "numeric" });
    const shortDate = make({ day: "numeric", month: "short", year: "numeric" });
    const time = make({ hour: "2-digit", minute: "2-digit" });
    const dateTime = make({
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
    });
    const toDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));
    // A calendar day ("2027-03-09") is a day, not an instant: read it at noon UTC so no zone moves it.
    const day = (value: string) => new Date(`${value}T12:00:00Z`);
    const dayFormat = dateFormatter(locale, "UTC", {
      weekday: "long",
      day: "numeric",
      month: "long",
      year: "numeric",
    });
    return {
      locale,
      timeZone,
      date: (value: Date | string) => date.format(toDate(value)),
      shortDate: (value: Date | string) => shortDate.format(toDate(value)),
      time: (value: Date | string) => time.format(toDate(value)),
      dateTime: (value: Date | string) => dateTime.format(toDate(value)),
      /** A calendar day such as a preferred date, with no time zone of its own. */
      calendarDay: (value: string) => dayFormat.format(day(value)),
      /** "14:00–16:00" in the tenant's zone. */
      timeRange: (start: Date | string, end: Date | string) =>
        t("format.timeRange", { start: time.format(toDate(start)), end: time.format(toDate(end)) }),
    };
  }, [locale, timeZone, t]);
}
