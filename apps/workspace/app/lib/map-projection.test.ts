import { describe, expect, it } from "vitest";
import {
  fitView,
  formatDegrees,
  fromScreen,
  graticule,
  graticuleStep,
  isLatLng,
  MAX_LATITUDE,
  placeLabels,
  project,
  scaleBar,
  tileUrl,
  toScreen,
  unproject,
  visibleTiles,
  zoomBy,
} from "./map-projection";

const paris = { latitude: 48.8566, longitude: 2.3522 };
const lyon = { latitude: 45.764, longitude: 4.8357 };

describe("project / unproject", () => {
  it.each([
    [
      { latitude: 0, longitude: 0 },
      { x: 0.5, y: 0.5 },
    ],
    [
      { latitude: 0, longitude: -180 },
      { x: 0, y: 0.5 },
    ],
    [
      { latitude: MAX_LATITUDE, longitude: 180 },
      { x: 1, y: 0 },
    ],
  ])("puts %o at %o", (point, expected) => {
    const { x, y } = project(point);
    expect(x).toBeCloseTo(expected.x, 9);
    expect(y).toBeCloseTo(expected.y, 6);
  });

  it("clamps the poles to the Web Mercator edge", () => {
    expect(project({ latitude: 90, longitude: 0 }).y).toBeCloseTo(0, 6);
    expect(project({ latitude: -90, longitude: 0 }).y).toBeCloseTo(1, 6);
  });

  it.each([
    paris,
    lyon,
    { latitude: -33.8688, longitude: 151.2093 },
    { latitude: 64.1466, longitude: -21.9426 },
  ])("round-trips %o", (point) => {
    const { x, y } = project(point);
    const back = unproject(x, y);
    expect(back.latitude).toBeCloseTo(point.latitude, 9);
    expect(back.longitude).toBeCloseTo(point.longitude, 9);
  });

  it("wraps longitudes past the antimeridian", () => {
    expect(unproject(1.25, 0.5).longitude).toBeCloseTo(-90, 9);
  });
});

describe("isLatLng", () => {
  it.each([
    [{ latitude: 48.8, longitude: 2.3 }, true],
    [{ latitude: 91, longitude: 0 }, false],
    [{ latitude: 0, longitude: -181 }, false],
    [{ latitude: Number.NaN, longitude: 0 }, false],
    [{ latitude: null, longitude: 2 }, false],
    [null, false],
  ])("%o → %s", (point, expected) => {
    expect(isLatLng(point as never)).toBe(expected);
  });
});

describe("fitView", () => {
  it("keeps every point inside the padding", () => {
    const view = fitView([paris, lyon], 800, 400, 40);
    for (const point of [paris, lyon]) {
      const at = toScreen(view, 800, 400, point);
      expect(at.x).toBeGreaterThanOrEqual(40 - 1e-6);
      expect(at.x).toBeLessThanOrEqual(760 + 1e-6);
      expect(at.y).toBeGreaterThanOrEqual(40 - 1e-6);
      expect(at.y).toBeLessThanOrEqual(360 + 1e-6);
    }
    // The tighter side touches the padding: north–south here.
    expect(toScreen(view, 800, 400, paris).y).toBeCloseTo(40, 6);
    expect(toScreen(view, 800, 400, lyon).y).toBeCloseTo(360, 6);
  });

  it("centres one point at the maximum zoom", () => {
    const view = fitView([paris], 800, 400, 40, 15);
    expect(view.zoom).toBe(15);
    const at = toScreen(view, 800, 400, paris);
    expect(at.x).toBeCloseTo(400, 6);
    expect(at.y).toBeCloseTo(200, 6);
  });

  it("shows the whole world without points", () => {
    const view = fitView([], 512, 512);
    expect(view).toEqual({ centerX: 0.5, centerY: 0.5, zoom: 1 });
  });

  it("ignores points that are not coordinates", () => {
    expect(fitView([paris, { latitude: Number.NaN, longitude: 0 }], 800, 400, 40, 15)).toEqual(
      fitView([paris], 800, 400, 40, 15),
    );
  });
});

describe("toScreen / fromScreen", () => {
  it("are inverses", () => {
    const view = fitView([paris, lyon], 640, 360, 30);
    const at = toScreen(view, 640, 360, lyon);
    const back = fromScreen(view, 640, 360, at.x, at.y);
    expect(back.latitude).toBeCloseTo(lyon.latitude, 9);
    expect(back.longitude).toBeCloseTo(lyon.longitude, 9);
  });

  it("zooming in by one level doubles distances from the centre", () => {
    const view = fitView([paris, lyon], 800, 400, 40);
    const a = toScreen(view, 800, 400, paris);
    const b = toScreen(zoomBy(view, 1), 800, 400, paris);
    expect(b.x - 400).toBeCloseTo(2 * (a.x - 400), 6);
    expect(b.y - 200).toBeCloseTo(2 * (a.y - 200), 6);
  });
});

describe("visibleTiles", () => {
  it("covers the view with whole tiles at the nearest zoom", () => {
    const view = { centerX: 0.5, centerY: 0.5, zoom: 2 };
    const tiles = visibleTiles(view, 512, 512);
    expect(tiles).toHaveLength(4);
    expect(tiles.map((t) => `${t.z}/${t.x}/${t.y}`).sort()).toEqual(["2/1/1", "2/1/2", "2/2/1", "2/2/2"]);
    expect(tiles.every((t) => t.size === 256)).toBe(true);
    const minLeft = Math.min(...tiles.map((t) => t.left));
    expect(minLeft).toBe(0);
  });

  it("wraps columns and leaves out rows beyond the poles", () => {
    const tiles = visibleTiles({ centerX: 0, centerY: 0, zoom: 1 }, 512, 512);
    expect(tiles.every((t) => t.y >= 0 && t.y <= 1)).toBe(true);
    expect(tiles.every((t) => t.x >= 0 && t.x <= 1)).toBe(true);
  });

  it("scales tiles at fractional zoom", () => {
    const tiles = visibleTiles({ centerX: 0.5, centerY: 0.5, zoom: 2.4 }, 300, 300);
    expect(tiles[0]?.z).toBe(2);
    expect(tiles[0]?.size).toBeCloseTo(256 * 2 ** 0.4, 6);
  });
});

describe("tileUrl", () => {
  it("fills in the template", () => {
    expect(tileUrl("https://tile.example/{z}/{x}/{y}.png", { z: 5, x: 16, y: 11 })).toBe(
      "https://tile.example/5/16/11.png",
    );
  });
});

describe("graticule", () => {
  it.each([
    [10, 2],
    [1, 0.2],
    [0.03, 0.01],
    [500, 90],
  ])("a span of %s° gets a step of %s°", (span, step) => {
    expect(graticuleStep(span)).toBe(step);
  });

  it("draws round degrees inside the view", () => {
    const view = fitView([paris, lyon], 800, 400, 40);
    const lines = graticule(view, 800, 400);
    expect(lines.some((l) => l.kind === "lat")).toBe(true);
    expect(lines.some((l) => l.kind === "lng")).toBe(true);
    for (const line of lines) {
      expect(line.position).toBeGreaterThanOrEqual(-1e-6);
      expect(line.position).toBeLessThanOrEqual((line.kind === "lat" ? 400 : 800) + 1e-6);
      expect(Number.isInteger(line.value * 1000)).toBe(true);
    }
  });

  it.each([
    [48.5, "lat", "48.5° N"],
    [-33, "lat", "33° S"],
    [-2.25, "lng", "2.25° W"],
    [0, "lng", "0°"],
  ] as const)("formats %s (%s) as %s", (value, kind, text) => {
    expect(formatDegrees(value, kind)).toBe(text);
  });
});

describe("scaleBar", () => {
  it("picks a round distance no longer than the space", () => {
    const view = fitView([paris, lyon], 800, 400, 40);
    const bar = scaleBar(view, 160);
    expect(bar.length).toBeLessThanOrEqual(160);
    expect(bar.length).toBeGreaterThan(160 / 5);
    expect(String(bar.metres)).toMatch(/^[125]0*$/);
    expect(bar.label).toMatch(/^\d+ (m|km)$/);
  });

  it("uses metres at street level", () => {
    const bar = scaleBar(fitView([paris], 800, 400, 40, 16), 160);
    expect(bar.label).toMatch(/ m$/);
  });
});

describe("placeLabels", () => {
  it("puts a label on the right when there is room", () => {
    expect(placeLabels([{ x: 50, y: 50, text: "Depot" }], 400, 200)).toEqual(["right"]);
  });

  it("flips to the left at the right edge", () => {
    expect(placeLabels([{ x: 380, y: 50, text: "Depot" }], 400, 200)).toEqual(["left"]);
  });

  it("gives way to an earlier marker's label, and to obstacles", () => {
    const markers = [
      { x: 50, y: 100, text: "Head office north" },
      { x: 280, y: 104, text: "Warehouse" },
    ];
    // The second name fits neither right (edge) nor left (the first name is there).
    expect(placeLabels(markers, 300, 200)).toEqual(["right", "none"]);
    const blocked = placeLabels([{ x: 150, y: 100, text: "Head office" }], 400, 200, {
      obstacles: [{ left: 160, top: 80, right: 400, bottom: 120 }],
    });
    expect(blocked).toEqual(["left"]);
  });

  it("leaves a label out when it fits nowhere", () => {
    expect(placeLabels([{ x: 30, y: 50, text: "A very long location name" }], 60, 100)).toEqual(["none"]);
  });
});
