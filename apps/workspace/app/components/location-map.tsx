import type { AppLoadContext } from "@remix-run/node";
import {
  type PointerEvent as ReactPointerEvent,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from "react";
import {
  fitView,
  formatDegrees,
  fromScreen,
  graticule,
  isLatLng,
  type LatLng,
  type MapView,
  panBy,
  placeLabels,
  roundCoordinate,
  scaleBar,
  tileUrl as tileAddress,
  toScreen,
  visibleTiles,
  zoomBy,
} from "~/lib/map-projection";

// A map that needs no outside service: an SVG in Web Mercator fitted to the points, drawn on
// raster tiles when a tile address template is configured, otherwise on a plain background with a
// light graticule. It is a picture (role="img"); the places it shows are always listed as text
// next to it, and coordinates are always typed into ordinary inputs. JavaScript adds zooming,
// dragging and, in "pick" mode, setting the coordinate inputs by clicking the map.

export interface MapPoint extends LatLng {
  id: string;
  /** The name shown next to the marker. */
  label: string;
  /** The number on the marker, matching a numbered list beside the map. */
  number?: number;
}

/** The tile address template from the load context, if the server provides one; otherwise null. */
export function mapTileUrlFrom(context: AppLoadContext): string | null {
  return context.services.map.tileUrl;
}

/** The map's width and height in map units before the browser measures it (server render). */
const DEFAULT_WIDTH = 800;
const DEFAULT_HEIGHT = 400;
/** How many markers get their name written beside them; beyond that only numbers (see the list). */
const MAX_NAMED_MARKERS = 12;

function heightFor(width: number, mode: "view" | "pick") {
  const ratio = mode === "pick" ? 0.6 : 0.5;
  return Math.round(Math.min(mode === "pick" ? 440 : 400, Math.max(240, width * ratio)));
}

function readNumber(input: HTMLInputElement | null): number | null {
  if (!input || input.value.trim() === "") return null;
  const value = Number(input.value.trim().replace(",", "."));
  return Number.isFinite(value) ? value : null;
}

export function LocationMap({
  points,
  picked = null,
  mode = "view",
  tileUrl,
  tileAttribution = null,
  latitudeInputId,
  longitudeInputId,
  label,
}: {
  points: readonly MapPoint[];
  /** The point being edited (pick mode): drawn as a pin. */
  picked?: LatLng | null;
  mode?: "view" | "pick";
  /** A raster tile template such as "https://tile.example/{z}/{x}/{y}.png"; null draws no tiles. */
  tileUrl: string | null;
  /** Credit for the tiles, shown in the corner when tiles are drawn. */
  tileAttribution?: string | null;
  /** The ids of the latitude and longitude inputs that pick mode fills in. */
  latitudeInputId?: string;
  longitudeInputId?: string;
  /** What the picture shows, for screen readers; a summary is made up when missing. */
  label?: string;
}) {
  const id = useId();
  const clipId = `${id}-clip`;
  const svgRef = useRef<SVGSVGElement>(null);
  const frameRef = useRef<HTMLDivElement>(null);
  const [hydrated, setHydrated] = useState(false);
  const [width, setWidth] = useState(DEFAULT_WIDTH);
  const height = width === DEFAULT_WIDTH && !hydrated ? DEFAULT_HEIGHT : heightFor(width, mode);
  const [pin, setPin] = useState<LatLng | null>(isLatLng(picked) ? picked : null);
  // A view the person chose (zoomed or dragged); null follows the points.
  const [chosenView, setChosenView] = useState<MapView | null>(null);
  const drag = useRef<{ x: number; y: number; view: MapView; moved: boolean; pointerId: number } | null>(
    null,
  );

  const located = useMemo(() => points.filter(isLatLng), [points]);
  const fitted = useMemo(
    () => fitView(pin ? [...located, pin] : located, width, height, 48),
    [located, pin, width, height],
  );
  const view = chosenView ?? fitted;

  // Measure the real width so text and markers are drawn at their natural size.
  useEffect(() => {
    setHydrated(true);
    const frame = frameRef.current;
    if (!frame) return;
    const measure = () => {
      const next = Math.round(frame.clientWidth);
      if (next > 0) setWidth(next);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(frame);
    return () => observer.disconnect();
  }, []);

  // Pick mode: the pin follows what is typed into the coordinate inputs.
  useEffect(() => {
    if (mode !== "pick" || !latitudeInputId || !longitudeInputId) return;
    const latInput = document.getElementById(latitudeInputId) as HTMLInputElement | null;
    const lngInput = document.getElementById(longitudeInputId) as HTMLInputElement | null;
    if (!latInput || !lngInput) return;
    const sync = () => {
      const next = { latitude: readNumber(latInput), longitude: readNumber(lngInput) };
      setPin(isLatLng(next as LatLng) ? (next as LatLng) : null);
    };
    latInput.addEventListener("input", sync);
    lngInput.addEventListener("input", sync);
    return () => {
      latInput.removeEventListener("input", sync);
      lngInput.removeEventListener("input", sync);
    };
  }, [mode, latitudeInputId, longitudeInputId]);

  const setInputs = useCallback(
    (point: LatLng) => {
      if (!latitudeInputId || !longitudeInputId) return;
      const latInput = document.getElementById(latitudeInputId) as HTMLInputElement | null;
      const lngInput = document.getElementById(longitudeInputId) as HTMLInputElement | null;
      if (!latInput || !lngInput) return;
      latInput.value = String(roundCoordinate(point.latitude));
      lngInput.value = String(roundCoordinate(point.longitude));
      latInput.dispatchEvent(new Event("input", { bubbles: true }));
      lngInput.dispatchEvent(new Event("input", { bubbles: true }));
    },
    [latitudeInputId, longitudeInputId],
  );

  /** A pointer position in map units. */
  const mapPosition = (event: { clientX: number; clientY: number }) => {
    const box = svgRef.current?.getBoundingClientRect();
    if (!box || box.width === 0) return null;
    return {
      x: ((event.clientX - box.left) / box.width) * width,
      y: ((event.clientY - box.top) / box.height) * height,
      scale: width / box.width,
    };
  };

  const canDrag = (event: ReactPointerEvent) => mode === "pick" || event.pointerType === "mouse";

  const onPointerDown = (event: ReactPointerEvent<SVGSVGElement>) => {
    if (!canDrag(event) || event.button !== 0) return;
    drag.current = { x: event.clientX, y: event.clientY, view, moved: false, pointerId: event.pointerId };
  };
  const onPointerMove = (event: ReactPointerEvent<SVGSVGElement>) => {
    const start = drag.current;
    if (!start || start.pointerId !== event.pointerId) return;
    const dx = event.clientX - start.x;
    const dy = event.clientY - start.y;
    if (!start.moved && Math.hypot(dx, dy) < 5) return;
    if (!start.moved) {
      start.moved = true;
      svgRef.current?.setPointerCapture(event.pointerId);
    }
    const scale = mapPosition(event)?.scale ?? 1;
    setChosenView(panBy(start.view, -dx * scale, -dy * scale));
  };
  const onPointerUp = (event: ReactPointerEvent<SVGSVGElement>) => {
    const start = drag.current;
    drag.current = null;
    if (!start || start.moved || mode !== "pick") return;
    const at = mapPosition(event);
    if (!at) return;
    const point = fromScreen(view, width, height, at.x, at.y);
    setPin(point);
    // Keep the view where it is: the person clicked on what they see.
    setChosenView(view);
    setInputs(point);
  };

  if (mode === "view" && located.length === 0) {
    return (
      <div className="location-map location-map-empty">
        <p className="muted small">
          No location has coordinates yet. Add latitude and longitude to a location to see it on the map.
        </p>
      </div>
    );
  }

  const tiles = tileUrl ? visibleTiles(view, width, height) : [];
  const lines = tileUrl ? [] : graticule(view, width, height);

  const scale = scaleBar(view, Math.min(160, width / 4));
  const scaleTop = height - (lines.length ? 34 : 18);
  // Labels keep clear of the zoom buttons (top right, once they are there) and the scale bar.
  const obstacles = [
    { left: 0, top: scaleTop - 18, right: scale.length + 20, bottom: height },
    ...(hydrated ? [{ left: width - 48, top: 0, right: width, bottom: 120 }] : []),
    ...(pin
      ? [
          (({ x, y }) => ({ left: x - 12, top: y - 34, right: x + 12, bottom: y }))(
            toScreen(view, width, height, pin),
          ),
        ]
      : []),
  ];
  const spots = located.map((point) => ({ ...toScreen(view, width, height, point), text: point.label }));
  const sides =
    located.length <= MAX_NAMED_MARKERS
      ? placeLabels(spots, width, height, { obstacles })
      : spots.map(() => "none" as const);
  const summary =
    label ??
    (mode === "pick"
      ? pin
        ? `Map for choosing the position. The chosen position is latitude ${roundCoordinate(pin.latitude)}, longitude ${roundCoordinate(pin.longitude)}.`
        : "Map for choosing the position. No position chosen yet."
      : `Map of ${located.length} ${located.length === 1 ? "location" : "locations"}: ${located
          .map((p) => p.label)
          .join(", ")}.`);

  return (
    <div className={`location-map${mode === "pick" ? " location-map-pick" : ""}`} ref={frameRef}>
      <svg
        ref={svgRef}
        role="img"
        aria-label={summary}
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        className="location-map-svg"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => {
          drag.current = null;
        }}
      >
        <defs>
          <clipPath id={clipId}>
            <rect x={0} y={0} width={width} height={height} />
          </clipPath>
        </defs>
        <g clipPath={`url(#${clipId})`}>
          <rect className="map-background" x={0} y={0} width={width} height={height} />
          {tiles.map((tile) => (
            <image
              key={`${tile.z}/${tile.x}/${tile.y}/${Math.round(tile.left)}`}
              href={tileAddress(tileUrl ?? "", tile)}
              x={tile.left}
              y={tile.top}
              // A hair larger, so no seams show between tiles at fractional zoom.
              width={tile.size + 0.5}
              height={tile.size + 0.5}
              preserveAspectRatio="none"
            />
          ))}
          {lines.map((line) =>
            line.kind === "lat" ? (
              <g key={`lat${line.value}`} className="map-graticule">
                <line x1={0} x2={width} y1={line.position} y2={line.position} />
                {line.position > 16 && line.position < height - 52 ? (
                  <text x={6} y={line.position - 4}>
                    {formatDegrees(line.value, "lat")}
                  </text>
                ) : null}
              </g>
            ) : (
              <g key={`lng${line.value}-${Math.round(line.position)}`} className="map-graticule">
                <line x1={line.position} x2={line.position} y1={0} y2={height} />
                {line.position > scale.length + 30 && line.position < width - 56 ? (
                  <text x={line.position + 4} y={height - 8}>
                    {formatDegrees(line.value, "lng")}
                  </text>
                ) : null}
              </g>
            ),
          )}
          {located.map((point, index) => {
            const at = spots[index] ?? { x: 0, y: 0 };
            const number = point.number ?? index + 1;
            const side = sides[index] ?? "none";
            return (
              <g
                key={point.id}
                className={`map-marker${mode === "pick" ? " map-marker-reference" : ""}`}
                transform={`translate(${at.x} ${at.y})`}
              >
                <circle r={11} />
                <text className="map-marker-number" y={4} textAnchor="middle">
                  {number}
                </text>
                {side === "none" ? null : (
                  <text
                    className="map-marker-label"
                    x={side === "left" ? -16 : 16}
                    y={4}
                    textAnchor={side === "left" ? "end" : "start"}
                  >
                    {point.label}
                  </text>
                )}
              </g>
            );
          })}
          {pin ? (
            <g
              className="map-pin"
              transform={(({ x, y }) => `translate(${x} ${y})`)(toScreen(view, width, height, pin))}
            >
              <path d="M0 0 C-3 -8 -11 -13 -11 -22 A11 11 0 1 1 11 -22 C11 -13 3 -8 0 0 Z" />
              <circle cy={-22} r={4} className="map-pin-dot" />
            </g>
          ) : null}
          <g className="map-scale" transform={`translate(12 ${scaleTop})`}>
            <rect x={-6} y={-16} width={scale.length + 12} height={26} rx={4} className="map-scale-back" />
            <path d={`M0 0 V4 H${scale.length} V0`} />
            <text x={0} y={-4}>
              {scale.label}
            </text>
          </g>
          {tileUrl && tileAttribution ? (
            <text className="map-attribution" x={width - 6} y={height - 6} textAnchor="end">
              {tileAttribution}
            </text>
          ) : null}
        </g>
      </svg>
      {hydrated ? (
        <div className="map-controls">
          <button
            type="button"
            className="map-control"
            aria-label="Zoom in"
            title="Zoom in"
            onClick={() => setChosenView(zoomBy(view, 1))}
          >
            +
          </button>
          <button
            type="button"
            className="map-control"
            aria-label="Zoom out"
            title="Zoom out"
            onClick={() => setChosenView(zoomBy(view, -1))}
          >
            −
          </button>
          <button
            type="button"
            className="map-control map-control-text"
            title="Show everything again"
            onClick={() => setChosenView(null)}
            disabled={chosenView === null}
          >
            Fit
          </button>
        </div>
      ) : null}
      {mode === "pick" && hydrated ? (
        <p className="hint map-hint">Click the map to set latitude and longitude; drag to move the map.</p>
      ) : null}
    </div>
  );
}
