import type { LinksFunction, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
} from "@remix-run/react";
import type { ReactNode } from "react";
import styles from "~/styles/app.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Ordinavo Customer Portal" }];

export function Layout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

/**
 * Errors never show internals: a 404 gets its own page, anything else a generic message. Remix
 * strips server error details in production builds, and this boundary prints none either way.
 */
export function ErrorBoundary() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <main className="centered">
      <section className="card" aria-labelledby="error-title">
        <p className="eyebrow">{notFound ? "Error 404" : "Something went wrong"}</p>
        <h1 id="error-title">{notFound ? "This page does not exist" : "We could not show this page"}</h1>
        <p className="muted">
          {notFound
            ? "Check the address, or go back to the start page."
            : "Please try again in a moment. If it keeps happening, contact your service provider."}
        </p>
        <a className="button" href="/">
          Go to the start page
        </a>
      </section>
    </main>
  );
}
