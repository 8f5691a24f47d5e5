import type { ReactNode } from "react";

/** The centred card of the signed-out pages (sign-in, password reset, invitations). */
export function PublicCard({
  title,
  eyebrow,
  children,
}: {
  title: string;
  eyebrow?: string;
  children: ReactNode;
}) {
  return (
    <main className="centered">
      <section className="card" aria-labelledby="title">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            O
          </span>
          <span>Ordinavo Workspace</span>
        </div>
        {eyebrow ? <p className="eyebrow card-eyebrow">{eyebrow}</p> : null}
        <h1 id="title">{title}</h1>
        {children}
      </section>
    </main>
  );
}
