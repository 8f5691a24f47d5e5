import { Link } from "@remix-run/react";
import { type ReactNode, useEffect, useRef } from "react";

/**
 * The "Are you sure?" step of a destructive action, reached through a link (a GET, which changes
 * nothing) so it works without client JavaScript. On arrival the heading takes the focus, so
 * keyboard and screen reader users land on the question.
 */
export function ConfirmPanel({
  title,
  children,
  cancelTo,
  form,
}: {
  title: string;
  children: ReactNode;
  cancelTo: string;
  form: (cancel: ReactNode) => ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <section className="panel confirm" id="confirm" aria-labelledby="confirm-title">
      <h2 id="confirm-title" tabIndex={-1} ref={heading}>
        {title}
      </h2>
      {children}
      {form(
        <Link className="button secondary" to={cancelTo}>
          Cancel
        </Link>,
      )}
    </section>
  );
}
