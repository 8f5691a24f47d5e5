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

/** The brand mark as an inline icon (no extra request, no 404 for /favicon.ico). */
const icon =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='7' fill='%231f5fbf'/%3E%3Ctext x='16' y='22' font-family='Arial,sans-serif' font-size='18' font-weight='700' fill='white' text-anchor='middle'%3EO%3C/text%3E%3C/svg%3E";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: icon, type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Ordinavo Workspace" }];

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
            : "Please try again in a moment. If it keeps happening, contact your administrator."}
        </p>
        <a className="button" href="/">
          Go to the start page
        </a>
      </section>
    </main>
  );
}
