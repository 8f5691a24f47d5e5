// The arithmetic behind the location map: Web Mercator (the projection of every common raster tile
// service), a view fitted to a set of points, the tiles that cover a view, a graticule and a scale
// bar. Pure functions, no DOM: the server render and the browser draw the same picture.

/** A point on the earth in degrees. */
export interface LatLng {
  latitude: number;
  longitude: number;
}

/** What the map shows: the centre in world units (0…1 both ways) and a zoom level (fractions allowed). */
export interface MapView {
  centerX: number;
  centerY: number;
  zoom: number;
}

/** Web Mercator stops short of the poles. */
export const MAX_LATITUDE = 85.05112878;
/** The side of one tile in map units (the usual 256-pixel tiles). */
export const TILE_SIZE = 256;
export const MIN_ZOOM = 0;
export const MAX_ZOOM = 19;
/** How far a fitted view zooms in on one point or on points close together (about a street). */
export const DEFAULT_MAX_FIT_ZOOM = 16;
/** The earth's circumference at the equator in metres (the WGS 84 sphere Web Mercator uses). */
const EARTH_CIRCUMFERENCE = 40_075_016.686;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** A real coordinate pair: finite numbers within the ranges of latitude and longitude. */
export function isLatLng(point: Partial<LatLng> | null | undefined): point is LatLng {
  if (!point) return false;
  const { latitude, longitude } = point;
  return (
    typeof latitude === "number" &&
    typeof longitude === "number" &&
    Number.isFinite(latitude) &&
    Number.isFinite(longitude) &&
    Math.abs(latitude) <= 90 &&
    Math.abs(longitude) <= 180
  );
}

/** A point in world units: x from 0 (180° W) to 1 (180° E), y from 0 (north edge) to 1 (south edge). */
export function project({ latitude, longitude }: LatLng): { x: number; y: number } {
  const lat = (clamp(latitude, -MAX_LATITUDE, MAX_LATITUDE) * Math.PI) / 180;
  const x = (longitude + 180) / 360;
  const y = (1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2;
  return { x, y };
}

/** The inverse of `project`. Longitudes wrap into −180…180. */
export function unproject(x: number, y: number): LatLng {
  const n = Math.PI - 2 * Math.PI * y;
  const latitude = (180 / Math.PI) * Math.atan(Math.sinh(n));
  let longitude = x * 360 - 180;
  longitude = ((((longitude + 180) % 360) + 360) % 360) - 180;
  return { latitude, longitude };
}

/** The size of the whole world in map units at a zoom level. */
export function worldSize(zoom: number): number {
  return TILE_SIZE * 2 ** zoom;
}

/** Where a point lands on a map of `width` × `height` units showing `view`. */
export function toScreen(
  view: MapView,
  width: number,
  height: number,
  point: LatLng,
): { x: number; y: number } {
  const { x, y } = project(point);
  const size = worldSize(view.zoom);
  return { x: (x - view.centerX) * size + width / 2, y: (y - view.centerY) * size + height / 2 };
}

/** Which point a spot on the map shows (the inverse of `toScreen`). */
export function fromScreen(view: MapView, width: number, height: number, sx: number, sy: number): LatLng {
  const size = worldSize(view.zoom);
  return unproject(view.centerX + (sx - width / 2) / size, view.centerY + (sy - height / 2) / size);
}

/**
 * The view that shows every point with `padding` units free on each side. One point (or points
 * close together) zooms to `maxZoom`; no points shows the whole world.
 */
export function fitView(
  points: readonly LatLng[],
  width: number,
  height: number,
  padding = 40,
  maxZoom = DEFAULT_MAX_FIT_ZOOM,
): MapView {
  const valid = points.filter(isLatLng);
  if (valid.length === 0) {
    const zoom = clamp(Math.log2(Math.min(width, height) / TILE_SIZE), MIN_ZOOM, MAX_ZOOM);
    return { centerX: 0.5, centerY: 0.5, zoom };
  }
  const projected = valid.map(project);
  const xs = projected.map((p) => p.x);
  const ys = projected.map((p) => p.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const spanX = maxX - minX;
  const spanY = maxY - minY;
  const innerWidth = Math.max(1, width - 2 * padding);
  const innerHeight = Math.max(1, height - 2 * padding);
  const fits = [
    spanX > 0 ? Math.log2(innerWidth / (spanX * TILE_SIZE)) : Number.POSITIVE_INFINITY,
    spanY > 0 ? Math.log2(innerHeight / (spanY * TILE_SIZE)) : Number.POSITIVE_INFINITY,
  ];
  const zoom = clamp(Math.min(maxZoom, ...fits), MIN_ZOOM, MAX_ZOOM);
  return { centerX: (minX + maxX) / 2, centerY: (minY + maxY) / 2, zoom };
}

/** The same view zoomed by `delta` levels around its centre, within the allowed range. */
export function zoomBy(view: MapView, delta: number): MapView {
  return { ...view, zoom: clamp(view.zoom + delta, MIN_ZOOM, MAX_ZOOM) };
}

/** The view moved by `dx`, `dy` map units (as when the map is dragged the other way). */
export function panBy(view: MapView, dx: number, dy: number): MapView {
  const size = worldSize(view.zoom);
  return {
    ...view,
    centerX: view.centerX + dx / size,
    centerY: clamp(view.centerY + dy / size, 0, 1),
  };
}

export interface Tile {
  z: number;
  /** Tile column, wrapped into 0…2^z − 1 (the world repeats east and west). */
  x: number;
  y: number;
  /** Where the tile is drawn, in map units, and its drawn size. */
  left: number;
  top: number;
  size: number;
}

/**
 * The tiles that cover a view: drawn from the nearest whole zoom level, scaled to the view's
 * zoom. Rows beyond the poles are left out; columns wrap around the world.
 */
export function visibleTiles(view: MapView, width: number, height: number): Tile[] {
  const z = clamp(Math.round(view.zoom), MIN_ZOOM, MAX_ZOOM);
  const count = 2 ** z;
  const size = TILE_SIZE * 2 ** (view.zoom - z);
  const world = worldSize(view.zoom);
  const originX = view.centerX * world - width / 2;
  const originY = view.centerY * world - height / 2;
  const firstX = Math.floor(originX / size);
  // A tile that only touches the right or bottom edge is not drawn.
  const lastX = Math.ceil((originX + width) / size) - 1;
  const firstY = Math.max(0, Math.floor(originY / size));
  const lastY = Math.min(count - 1, Math.ceil((originY + height) / size) - 1);
  const tiles: Tile[] = [];
  for (let ty = firstY; ty <= lastY; ty++) {
    for (let tx = firstX; tx <= lastX; tx++) {
      tiles.push({
        z,
        x: ((tx % count) + count) % count,
        y: ty,
        left: tx * size - originX,
        top: ty * size - originY,
        size,
      });
    }
  }
  return tiles;
}

/** A tile's address from a template such as "https://tile.example/{z}/{x}/{y}.png". */
export function tileUrl(template: string, tile: Pick<Tile, "z" | "x" | "y">): string {
  return template
    .replaceAll("{z}", String(tile.z))
    .replaceAll("{x}", String(tile.x))
    .replaceAll("{y}", String(tile.y));
}

/** The latitudes and longitudes a view spans (its edges). */
export function viewBounds(view: MapView, width: number, height: number) {
  const northWest = fromScreen(view, width, height, 0, 0);
  const southEast = fromScreen(view, width, height, width, height);
  const size = worldSize(view.zoom);
  const west = (view.centerX - width / 2 / size) * 360 - 180;
  const east = (view.centerX + width / 2 / size) * 360 - 180;
  return { north: northWest.latitude, south: southEast.latitude, west, east };
}

const niceSteps = [
  0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 45, 90,
];

/** A round step in degrees that gives about `lines` lines across `span` degrees. */
export function graticuleStep(span: number, lines = 5): number {
  const wanted = Math.abs(span) / lines;
  return niceSteps.find((step) => step >= wanted) ?? 90;
}

export interface GraticuleLine {
  /** "lat" lines run east–west at a latitude; "lng" lines run north–south at a longitude. */
  kind: "lat" | "lng";
  value: number;
  /** The line's position in map units: y for "lat", x for "lng". */
  position: number;
}

/** Light reference lines at round degrees, in map units. */
export function graticule(view: MapView, width: number, height: number): GraticuleLine[] {
  const { north, south, west, east } = viewBounds(view, width, height);
  const step = graticuleStep(Math.max(north - south, (east - west) * (height / width)), 4);
  const lines: GraticuleLine[] = [];
  const decimals = Math.max(0, Math.ceil(-Math.log10(step)));
  const round = (value: number) => Number(value.toFixed(decimals));
  for (let lat = Math.ceil(south / step) * step; lat <= north; lat += step) {
    if (Math.abs(lat) > MAX_LATITUDE) continue;
    const { y } = toScreen(view, width, height, { latitude: lat, longitude: 0 });
    lines.push({ kind: "lat", value: round(lat), position: y });
  }
  const size = worldSize(view.zoom);
  for (let lng = Math.ceil(west / step) * step; lng <= east; lng += step) {
    const x = ((lng + 180) / 360 - view.centerX) * size + width / 2;
    const wrapped = ((((lng + 180) % 360) + 360) % 360) - 180;
    lines.push({ kind: "lng", value: round(wrapped), position: x });
  }
  return lines;
}

/** "48.85° N", "2.35° E": a graticule label. */
export function formatDegrees(value: number, kind: "lat" | "lng"): string {
  const hemisphere = kind === "lat" ? (value < 0 ? "S" : "N") : value < 0 ? "W" : "E";
  const text = Math.abs(value).toFixed(Math.abs(value) % 1 === 0 ? 0 : Math.min(4, decimalsOf(value)));
  return value === 0 ? "0°" : `${text}° ${hemisphere}`;
}

function decimalsOf(value: number): number {
  const text = String(value);
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** Metres per map unit at a latitude and zoom. */
export function metresPerUnit(latitude: number, zoom: number): number {
  const lat = (clamp(latitude, -MAX_LATITUDE, MAX_LATITUDE) * Math.PI) / 180;
  return (EARTH_CIRCUMFERENCE * Math.cos(lat)) / worldSize(zoom);
}

/**
 * A scale bar for the view's centre: a round distance (1, 2 or 5 × 10ⁿ metres) whose bar is at most
 * `maxLength` map units long, with its label ("500 m", "2 km").
 */
export function scaleBar(
  view: MapView,
  maxLength: number,
): { metres: number; length: number; label: string } {
  const { latitude } = unproject(view.centerX, view.centerY);
  const perUnit = metresPerUnit(latitude, view.zoom);
  const most = perUnit * maxLength;
  const magnitude = 10 ** Math.floor(Math.log10(most));
  const metres = [5, 2, 1].map((m) => m * magnitude).find((m) => m <= most) ?? magnitude;
  const label = metres >= 1000 ? `${formatNumber(metres / 1000)} km` : `${formatNumber(metres)} m`;
  return { metres, length: metres / perUnit, label };
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString("en-GB") : String(Number(value.toPrecision(3)));
}

/** A coordinate as it is stored and typed: at most 6 decimals (about 10 cm). */
export function roundCoordinate(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

export type Box = { left: number; top: number; right: number; bottom: number };

const overlaps = (a: Box, b: Box) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * Where each marker's name goes: to the right of the marker, else to the left, else nowhere (the
 * number on the marker and the list beside the map still say which place it is). Greedy, in the
 * order given: earlier markers win. Text width is estimated from the number of characters.
 */
export function placeLabels(
  markers: readonly { x: number; y: number; text: string }[],
  width: number,
  height: number,
  {
    charWidth = 8.2,
    lineHeight = 16,
    radius = 11,
    gap = 5,
    obstacles = [],
  }: {
    charWidth?: number;
    lineHeight?: number;
    radius?: number;
    gap?: number;
    /** Areas labels must keep clear of (controls, the scale bar), in map units. */
    obstacles?: readonly Box[];
  } = {},
): ("right" | "left" | "none")[] {
  const taken: Box[] = markers.map(({ x, y }) => ({
    left: x - radius,
    top: y - radius,
    right: x + radius,
    bottom: y + radius,
  }));
  taken.push(...obstacles);
  return markers.map(({ x, y, text }, index) => {
    const textWidth = text.length * charWidth;
    const top = y - lineHeight / 2;
    const candidates: ["right" | "left", Box][] = [
      [
        "right",
        { left: x + radius + gap, top, right: x + radius + gap + textWidth, bottom: top + lineHeight },
      ],
      [
        "left",
        { left: x - radius - gap - textWidth, top, right: x - radius - gap, bottom: top + lineHeight },
      ],
    ];
    for (const [side, box] of candidates) {
      const inside = box.left >= 0 && box.right <= width && box.top >= 0 && box.bottom <= height;
      const free = taken.every((other, otherIndex) => otherIndex === index || !overlaps(box, other));
      if (inside && free) {
        taken.push(box);
        return side;
      }
    }
    return "none";
  });
}
