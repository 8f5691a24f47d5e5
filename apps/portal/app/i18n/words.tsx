import { type FormErrors, FormAlert as SharedFormAlert } from "@ordinavo/ui";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { createI18n, defaultLocale, isLocale, type Namespace } from "./config";

/**
 * The API words its refusals in English. The portal reads each message through the `errors`
 * area, keyed by that English sentence, so a French reader gets French; a message the area does
 * not know yet stays as the API wrote it (and the locale walk reports it).
 */
export function useTranslatedErrors(errors: FormErrors | null | undefined): FormErrors | null {
  const { t } = useTranslation("errors");
  return useMemo(() => {
    if (!errors) return null;
    const say = (message: string) => t(message, { defaultValue: message });
    return {
      message: say(errors.message),
      fields: Object.fromEntries(
        Object.entries(errors.fields).map(([path, messages]) => [path, messages.map(say)]),
      ),
    };
  }, [errors, t]);
}

/** The form-level alert with its pointers in the page's language. */
export function FormAlert({ errors }: { errors: FormErrors | null }) {
  const { t } = useTranslation("common");
  return (
    <SharedFormAlert
      errors={errors}
      words={{ someFields: t("form.someFields"), oneField: t("form.oneField") }}
    />
  );
}

type RootMatch = { id: string; data: unknown };

/** A page's <title>: "Requests · Ordinavo Customer Portal", in the language the root chose. */
export function pageTitle(
  matches: readonly RootMatch[],
  ns: Namespace,
  key: string,
  values?: Record<string, unknown>,
) {
  const root = matches.find((match) => match.id === "root")?.data as { locale?: string } | undefined;
  const i18n = createI18n(isLocale(root?.locale) ? root.locale : defaultLocale);
  return `${i18n.t(key, { ns, ...values })} · ${i18n.t("product", { ns: "common" })}`;
}
