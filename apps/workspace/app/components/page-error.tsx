import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

/**
 * The error boundary of a page inside the signed-in shell: the header and navigation stay, and the
 * page says plainly why it cannot be shown. Nothing from the error itself is printed.
 */
export function PageError() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const copy =
    status === 403
      ? {
          eyebrow: "No access",
          title: "You do not have access to this page",
          body: "Your role in this workspace does not include it. If you need it, ask a tenant admin.",
        }
      : status === 404
        ? {
            eyebrow: "Not found",
            title: "This page does not exist",
            body: "It may have been removed, or the address is not quite right.",
          }
        : {
            eyebrow: "Something went wrong",
            title: "We could not show this page",
            body: "Please try again in a moment. If it keeps happening, contact your administrator.",
          };
  return (
    <section className="panel page-error" aria-labelledby="page-error-title">
      <p className="eyebrow">{copy.eyebrow}</p>
      <h1 id="page-error-title">{copy.title}</h1>
      <p className="muted">{copy.body}</p>
      <Link className="button" to="/">
        Back to the overview
      </Link>
    </section>
  );
}
