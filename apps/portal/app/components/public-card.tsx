import type { ReactNode } from "react";

/** The card of the pages people see before signing in. */
export function PublicCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="centered">
      <section className="card" aria-labelledby="title">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            O
          </span>
          <span>Ordinavo Customer Portal</span>
        </div>
        <h1 id="title">{title}</h1>
        {children}
      </section>
    </main>
  );
}
