import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Scripts,
  ScrollRestoration,
  useRouteError,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { useNonce } from "./nonce";

// The pieces both apps' shells are made of: the HTML document, the root error page, the brand,
// the card of the signed-out pages and the sign-out button. Each app keeps its look through the
// custom properties of base.css and names itself through props.

/** The brand mark as an inline icon in the app's colour (no extra request, no /favicon.ico 404). */
export function brandIcon(colour: string): string {
  const svg =
    "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'>" +
    `<rect width='32' height='32' rx='7' fill='${colour}'/>` +
    "<text x='16' y='22' font-family='Arial,sans-serif' font-size='18' font-weight='700' fill='white' text-anchor='middle'>O</text></svg>";
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

/** The root route's links: the app's stylesheet (which imports the base) and its icon. */
export function documentLinks({ stylesheet, colour }: { stylesheet: string; colour: string }) {
  return [
    { rel: "stylesheet", href: stylesheet },
    { rel: "icon", href: brandIcon(colour), type: "image/svg+xml" },
  ];
}

/**
 * The HTML document around every page (the root route's `Layout`). Remix's inline scripts carry
 * the request's CSP nonce, so a policy without 'unsafe-inline' still lets them run.
 */
export function Document({ children, lang = "en" }: { children: ReactNode; lang?: string }) {
  const nonce = useNonce() || undefined;
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/**
 * The root error boundary: a 404 gets its own page, anything else a calm generic message. Nothing
 * from the error itself is printed (Remix strips server details in production builds anyway).
 */
export interface ErrorPageWords {
  notFoundEyebrow: string;
  notFoundTitle: string;
  notFound: string;
  errorEyebrow: string;
  errorTitle: string;
  /** The sentence asking to retry, already naming who to turn to. */
  error: string;
  home: string;
}

const englishErrorWords = (contact: string): ErrorPageWords => ({
  notFoundEyebrow: "Error 404",
  notFoundTitle: "This page does not exist",
  notFound: "Check the address, or go back to the start page.",
  errorEyebrow: "Something went wrong",
  errorTitle: "We could not show this page",
  error: `Please try again in a moment. If it keeps happening, contact ${contact}.`,
  home: "Go to the start page",
});

export function RootErrorPage({
  contact,
  words,
}: {
  /** Who to turn to: "your administrator". */
  contact: string;
  /** The page's words in another language (the portal's French); English by default. */
  words?: ErrorPageWords;
}) {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const w = words ?? englishErrorWords(contact);
  return (
    <main className="centered">
      <section className="card" aria-labelledby="error-title">
        <p className="eyebrow">{notFound ? w.notFoundEyebrow : w.errorEyebrow}</p>
        <h1 id="error-title">{notFound ? w.notFoundTitle : w.errorTitle}</h1>
        <p className="muted">{notFound ? w.notFound : w.error}</p>
        <a className="button" href="/">
          {w.home}
        </a>
      </section>
    </main>
  );
}

/** The brand: the mark and the product's name, as a link home when `to` is given. */
export function Brand({ name, to }: { name: string; to?: string }) {
  const inner = (
    <>
      <span className="brand-mark" aria-hidden="true">
        O
      </span>
      <span>{name}</span>
    </>
  );
  return to ? (
    <Link className="brand" to={to}>
      {inner}
    </Link>
  ) : (
    <div className="brand">{inner}</div>
  );
}

/** The centred card of the pages people see before signing in (sign-in, resets, invitations). */
export function PublicCard({
  product,
  title,
  eyebrow,
  children,
}: {
  product: string;
  title: string;
  eyebrow?: string;
  children: ReactNode;
}) {
  return (
    <main className="centered">
      <section className="card" aria-labelledby="title">
        <Brand name={product} />
        {eyebrow ? <p className="eyebrow">{eyebrow}</p> : null}
        <h1 id="title">{title}</h1>
        {children}
      </section>
    </main>
  );
}

/** Signing out is a POST (a GET must change nothing), so it is a one-button form. */
export function SignOutButton({ label = "Sign out" }: { label?: string }) {
  return (
    <Form method="post" action="/logout">
      <button type="submit" className="button secondary small">
        {label}
      </button>
    </Form>
  );
}

/** The first thing a keyboard user reaches: a jump past the header and navigation. */
export function SkipLink({ to = "#content", label = "Skip to content" }: { to?: string; label?: string }) {
  return (
    <a className="skip-link" href={to}>
      {label}
    </a>
  );
}
