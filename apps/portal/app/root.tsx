import { Document, documentLinks, RootErrorPage } from "@ordinavo/ui";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Outlet, useRouteLoaderData } from "@remix-run/react";
import { type ReactNode, useMemo } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { createI18n, defaultLocale, isLocale } from "~/i18n/config";
import { localeOf } from "~/i18n/locale.server";
import { currentMe } from "~/lib/require.server";
import stylesheet from "~/styles/portal.css?url";

export const links: LinksFunction = () => documentLinks({ stylesheet, colour: "#0f7a6a" });

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: createI18n(isLocale(data?.locale) ? data.locale : defaultLocale).t("product") },
];

/** The page's language (saved choice, switcher, browser) and the service provider's time zone. */
export async function loader(args: LoaderFunctionArgs) {
  const me = await currentMe(args);
  return { locale: localeOf(args.request, me?.user.locale), timeZone: me?.timeZone ?? "UTC" };
}

export function Layout({ children }: { children: ReactNode }) {
  const root = useRouteLoaderData<typeof loader>("root");
  const locale = isLocale(root?.locale) ? root.locale : defaultLocale;
  const i18n = useMemo(() => createI18n(locale), [locale]);
  return (
    <I18nextProvider i18n={i18n}>
      <Document lang={locale}>{children}</Document>
    </I18nextProvider>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const { t } = useTranslation("common");
  return (
    <RootErrorPage
      contact={t("error.contact")}
      words={{
        notFoundEyebrow: t("error.notFoundEyebrow"),
        notFoundTitle: t("error.notFoundTitle"),
        notFound: t("error.notFound"),
        errorEyebrow: t("error.eyebrow"),
        errorTitle: t("error.title"),
        error: t("error.text"),
        home: t("error.home"),
      }}
    />
  );
}
