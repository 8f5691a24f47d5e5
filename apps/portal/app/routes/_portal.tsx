import { Brand, SignOutButton, SkipLink } from "@ordinavo/ui";
import type { LoaderFunctionArgs } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  NavLink,
  Outlet,
  useLoaderData,
  useLocation,
  useNavigation,
  useRouteError,
  useSubmit,
} from "@remix-run/react";
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

type Choice = { id: string; name: string };

/**
 * The customer the contact is looking at; with several, a plain form to switch (it works without
 * JavaScript; with it, choosing is enough). The server checks the choice against the grants.
 */
function CustomerSwitcher({ customers, current }: { customers: Choice[]; current: Choice }) {
  const { t } = useTranslation("account");
  const location = useLocation();
  const submit = useSubmit();
  const busy = useNavigation().formAction === "/switch-customer";
  if (customers.length < 2) {
    return (
      <p className="current-customer">
        <span className="current-customer-label">{t("customer.label")}</span> {current.name}
      </p>
    );
  }
  return (
    <Form method="post" action="/switch-customer" className="customer-switcher">
      <input type="hidden" name="redirectTo" value={location.pathname} />
      <label htmlFor="customer-switcher">{t("customer.label")}</label>
      <select
        id="customer-switcher"
        name="customerId"
        defaultValue={current.id}
        key={current.id}
        onChange={(event) => submit(event.currentTarget.form)}
      >
        {customers.map((customer) => (
          <option key={customer.id} value={customer.id}>
            {customer.name}
          </option>
        ))}
      </select>
      <button type="submit" className="button secondary" disabled={busy}>
        {busy ? t("customer.switching") : t("customer.switch")}
      </button>
    </Form>
  );
}

function Header({
  name,
  signedIn,
  customers,
  currentCustomer,
}: {
  name?: string;
  signedIn: boolean;
  customers?: Choice[];
  currentCustomer?: Choice;
}) {
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
      {customers && currentCustomer ? (
        <div className="portal-customer-bar">
          <CustomerSwitcher customers={customers} current={currentCustomer} />
        </div>
      ) : null}
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
      <Header name={me.user.name} signedIn customers={me.customers} currentCustomer={me.currentCustomer} />
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
