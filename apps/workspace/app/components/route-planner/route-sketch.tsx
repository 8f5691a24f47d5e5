import type { Stop } from "./types";

/** The stops as numbered points joined in order, fitted to their bounding box. No map service. */
export function RouteSketch({ stops }: { stops: Stop[] }) {
  const located = stops
    .map((stop, index) => ({ stop, number: index + 1 }))
    .filter(({ stop }) => stop.latitude !== null && stop.longitude !== null);
  const missing = stops
    .map((stop, index) => ({ stop, number: index + 1 }))
    .filter(({ stop }) => !stop.hasCoordinates);
  const width = 320;
  const height = 260;
  const pad = 26;
  const points = (() => {
    if (!located.length) return [];
    const lats = located.map(({ stop }) => stop.latitude as number);
    const lons = located.map(({ stop }) => stop.longitude as number);
    const midLat = (Math.min(...lats) + Math.max(...lats)) / 2;
    // Longitude degrees shrink towards the poles: scale them so distances look right.
    const xScale = Math.cos((midLat * Math.PI) / 180);
    const xs = lons.map((lon) => lon * xScale);
    const minX = Math.min(...xs);
    const maxX = Math.max(...xs);
    const minY = Math.min(...lats);
    const maxY = Math.max(...lats);
    const spanX = maxX - minX;
    const spanY = maxY - minY;
    const scale = Math.min(
      spanX > 0 ? (width - 2 * pad) / spanX : Number.POSITIVE_INFINITY,
      spanY > 0 ? (height - 2 * pad) / spanY : Number.POSITIVE_INFINITY,
    );
    const s = Number.isFinite(scale) ? scale : 0;
    const offsetX = (width - spanX * s) / 2;
    const offsetY = (height - spanY * s) / 2;
    return located.map(({ stop, number }, i) => ({
      id: stop.appointmentId,
      number,
      late: stop.late,
      name: stop.customerName,
      x: offsetX + (xs[i]! - minX) * s,
      y: height - (offsetY + ((stop.latitude as number) - minY) * s),
    }));
  })();

  return (
    <div className="panel route-sketch">
      <h2>Route sketch</h2>
      {points.length ? (
        <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="sketch-title">
          <title id="sketch-title">
            {`Sketch of the route: ${points.length} ${points.length === 1 ? "stop" : "stops"} with coordinates, joined in driving order.`}
          </title>
          <rect x="0" y="0" width={width} height={height} rx="10" className="sketch-ground" />
          {points.slice(1).map((p, i) => {
            const from = points[i]!;
            // A stop without coordinates lies between these two: the line skips it.
            const skips = p.number - from.number > 1;
            return (
              <line
                key={`${from.id}-${p.id}`}
                className={`sketch-path${skips ? " skips" : ""}`}
                x1={from.x.toFixed(1)}
                y1={from.y.toFixed(1)}
                x2={p.x.toFixed(1)}
                y2={p.y.toFixed(1)}
              />
            );
          })}
          {points.map((p, i) => (
            <g key={p.id} className={`sketch-stop${p.late ? " late" : ""}${i === 0 ? " first" : ""}`}>
              <title>{`${p.number}. ${p.name}`}</title>
              <circle cx={p.x} cy={p.y} r="11" />
              <text x={p.x} y={p.y} dy="0.35em" textAnchor="middle">
                {p.number}
              </text>
            </g>
          ))}
        </svg>
      ) : (
        <p className="muted small">None of these stops has coordinates, so there is nothing to draw.</p>
      )}
      <p className="muted small sketch-note">
        North is up. Straight lines, not roads
        {missing.length ? "; dashed where a stop without coordinates is skipped" : ""}.
      </p>
      {missing.length ? (
        <div className="sketch-missing">
          <h3>Not on the sketch</h3>
          <ul>
            {missing.map(({ stop, number }) => (
              <li key={stop.appointmentId}>
                <strong>{number}.</strong> {stop.customerName}
                <span className="muted"> — {stop.address ?? "no address"}, no coordinates</span>
              </li>
            ))}
          </ul>
          <p className="muted small">
            Add coordinates to these locations to estimate travel to and from them.
          </p>
        </div>
      ) : null}
    </div>
  );
}
