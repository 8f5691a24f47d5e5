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
        <h1 id="title">Ordinavo Customer Portal</h1>
        <p className="muted">Requests, appointments and shared visit reports from your service provider.</p>
      </section>
    </main>
  );
}
