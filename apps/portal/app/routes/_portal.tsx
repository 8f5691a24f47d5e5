import { Brand, SignOutButton, SkipLink } from "@ordinavo/ui";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, NavLink, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LanguageSwitcher } from "~/components/language-switcher";
import { requirePortal } from "~/lib/require.server";

export async function loader(args: LoaderFunctionArgs) {
  return (await requirePortal(args)).me;
}

/** The portal's sections; each page's own title says where you are. */
const sections = [
  { to: "/", key: "nav.home", end: true },
  { to: "/requests", key: "nav.requests", end: false },
  { to: "/appointments", key: "nav.appointments", end: false },
  { to: "/reports", key: "nav.reports", end: false },
  { to: "/timeline", key: "nav.timeline", end: false },
] as const;

function Header({ name, signedIn }: { name?: string; signedIn: boolean }) {
  const { t } = useTranslation("common");
  return (
    <header className="portal-header">
      <SkipLink label={t("skipLink")} />
      <div className="portal-header-inner">
        <Brand name={t("product")} to="/" />
        <div className="spacer" />
        <LanguageSwitcher />
        {name ? (
          <p className="who">
            <span className="visually-hidden">{t("signedInAs")} </span>
            {name}
          </p>
        ) : null}
        {signedIn ? <SignOutButton label={t("signOut")} /> : null}
      </div>
      {signedIn ? (
        <nav className="portal-nav" aria-label={t("nav.label")}>
          <ul>
            {sections.map((section) => (
              <li key={section.to}>
                <NavLink to={section.to} end={section.end} prefetch="intent">
                  {t(section.key)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}

export default function PortalLayout() {
  const me = useLoaderData<typeof loader>();
  return (
    <div className="portal-shell">
      <Header name={me.user.name} signedIn />
      <main className="portal-main" id="content" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}

/** Explains a switched-off portal (403) with a way out; anything else gets a calm generic message. */
export function ErrorBoundary() {
  const { t } = useTranslation("common");
  const error = useRouteError();
  const unavailable = isRouteErrorResponse(error) && error.status === 403;
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <div className="portal-shell">
      <Header signedIn={!unavailable} />
      <main className="portal-main" id="content" tabIndex={-1}>
        <section className="panel" aria-labelledby="error-title">
          <h1 id="error-title">
            {unavailable ? t("unavailable.title") : notFound ? t("error.notFoundTitle") : t("error.title")}
          </h1>
          <p className="muted">
            {unavailable ? t("unavailable.text") : notFound ? t("error.notFound") : t("error.text")}
          </p>
          {unavailable ? null : (
            <a className="button" href="/">
              {t("error.home")}
            </a>
          )}
        </section>
      </main>
    </div>
  );
}
