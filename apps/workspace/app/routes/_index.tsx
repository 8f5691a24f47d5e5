export default function Home() {
  return (
    <main className="centered">
      <section className="card" aria-labelledby="title">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            O
          </span>
          <span>Ordinavo</span>
        </div>
        <h1 id="title">Ordinavo Workspace</h1>
        <p className="muted">Customer operations for service, maintenance and field teams.</p>
      </section>
    </main>
  );
}
