import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { locales } from "~/i18n/config";
import { usePortalLocale } from "~/i18n/format";

/**
 * English / Français on every page: a plain form (it works without JavaScript) that saves the
 * choice for the signed-in contact, or in a cookie before signing in, and comes back here.
 */
export function LanguageSwitcher() {
  const { t } = useTranslation("common");
  const { locale } = usePortalLocale();
  const location = useLocation();
  return (
    <Form method="post" action="/locale" className="language-switcher" aria-label={t("language.label")}>
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      {locales.map((option) => (
        <button
          key={option}
          type="submit"
          name="locale"
          value={option}
          lang={option}
          className="language-option"
          aria-pressed={option === locale}
        >
          {t(`language.${option}`)}
        </button>
      ))}
    </Form>
  );
}
