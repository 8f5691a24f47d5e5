import { Brand, SignOutButton, SkipLink } from "@ordinavo/ui";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { requirePortal } from "~/lib/require.server";

const copy = {
  product: "Ordinavo Customer Portal",
  signedInAs: "Signed in as",
  signOut: "Sign out",
  unavailableTitle: "The portal is not available at the moment",
  unavailable:
    "Your service provider has switched the customer portal off for now. Please contact them directly if you need anything.",
  errorTitle: "We could not show this page",
  error: "Please try again in a moment. If it keeps happening, contact your service provider.",
  home: "Back to the start page",
};

export async function loader(args: LoaderFunctionArgs) {
  return (await requirePortal(args)).me;
}

function Header({ name }: { name?: string }) {
  return (
    <header className="portal-header">
      <SkipLink />
      <div className="portal-header-inner">
        <Brand name={copy.product} to="/" />
        <div className="spacer" />
        {name ? (
          <p className="who">
            <span className="visually-hidden">{copy.signedInAs} </span>
            {name}
          </p>
        ) : null}
        <SignOutButton label={copy.signOut} />
      </div>
    </header>
  );
}

export default function PortalLayout() {
  const me = useLoaderData<typeof loader>();
  return (
    <div className="portal-shell">
      <Header name={me.user.name} />
      <main className="portal-main" id="content" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}

/** Explains a switched-off portal (403) with a way out; anything else gets a calm generic message. */
export function ErrorBoundary() {
  const error = useRouteError();
  const unavailable = isRouteErrorResponse(error) && error.status === 403;
  return (
    <div className="portal-shell">
      <Header />
      <main className="portal-main" id="content" tabIndex={-1}>
        <section className="panel" aria-labelledby="error-title">
          <h1 id="error-title">{unavailable ? copy.unavailableTitle : copy.errorTitle}</h1>
          <p className="muted">{unavailable ? copy.unavailable : copy.error}</p>
          {unavailable ? null : (
            <a className="button" href="/">
              {copy.home}
            </a>
          )}
        </section>
      </main>
    </div>
  );
}
