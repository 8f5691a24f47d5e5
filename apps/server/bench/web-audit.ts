// Lighthouse for `pnpm bench:web` (bench/web.ts): one headless Chromium for all pages, one
// Lighthouse navigation per call with Lighthouse's default settings (mobile: Moto G Power screen,
// simulated throttling = slow 4G and 4× CPU slowdown), and the numbers the bench prints, read from
// the report.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import lighthouse, { type Flags, type Result } from "lighthouse";

export interface Chrome {
  port: number;
  kill(): void | Promise<void>;
}
type Launch = (options: {
  chromePath?: string;
  chromeFlags?: string[];
  handleSIGINT?: boolean;
  logLevel?: "silent" | "error" | "info" | "verbose";
}) => Promise<Chrome>;

/** Starts Chromium (never downloads one). chrome-launcher is Lighthouse's dependency: found from there. */
export async function launchChrome(chromePath: string): Promise<Chrome> {
  const fromLighthouse = createRequire(createRequire(import.meta.url).resolve("lighthouse"));
  const { launch } = (await import(pathToFileURL(fromLighthouse.resolve("chrome-launcher")).href)) as {
    launch: Launch;
  };
  return launch({
    chromePath,
    // chrome-launcher adds its defaults (no extensions, no background networking, no sync, …).
    chromeFlags: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    handleSIGINT: false, // bench/web.ts stops Chromium and the server itself
    logLevel: "silent",
  });
}

/**
 * One Lighthouse navigation; `cookie` is sent with every request the page makes. A failed
 * recording (NO_NAVSTART, NO_FCP, … on a busy host) is tried again, up to three times in all.
 */
export async function runLighthouse(port: number, url: string, cookie?: string): Promise<Result> {
  const flags: Flags = {
    port,
    output: "json",
    logLevel: "error",
    onlyCategories: ["performance", "accessibility", "best-practices"],
    ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
  };
  for (let attempt = 1; ; attempt++) {
    const lhr = (await lighthouse(url, flags))?.lhr;
    const problem = lhr ? lhr.runtimeError?.message : "no result";
    if (lhr && !problem) return lhr;
    if (attempt === 3) throw new Error(`Lighthouse failed on ${url}: ${problem}`);
    console.warn(`  Lighthouse failed on ${url} (${problem}); trying again`);
  }
}

export interface Numbers {
  finalUrl: string;
  lcpMs: number;
  fcpMs: number;
  tbtMs: number;
  cls: number;
  performance: number | null;
  accessibility: number | null;
  bestPractices: number | null;
  requests: number;
  totalBytes: number;
  jsBytes: number;
  htmlBytes: number;
  cssBytes: number;
  /** Render-blocking requests, biggest estimated cost first. */
  blocking: { url: string; ms: number; bytes: number }[];
  /**
   * Scripts the simulation counts as render-blocking although the render-blocking audit lists
   * only stylesheets: Lantern treats every High-priority script (module preloads included)
   * requested before the observed first paint as blocking the first paint.
   */
  earlyScripts: { count: number; bytes: number };
  /** Lighthouse's measure of the host's speed (its 4× CPU slowdown assumes ~1000–2000+). */
  benchmarkIndex: number;
  lcpElement: string | null;
  /** TTFB / load delay / load time / render delay of the LCP, as Lighthouse splits it. */
  lcpPhases: { phase: string; ms: number }[];
  /** Failed accessibility / best-practice audits (ids), and Lighthouse's own warnings. */
  failed: string[];
  warnings: string[];
}

type Row = Record<string, unknown>;
type Details = { type?: string; items?: (Row & Details)[] };

export function summarise(lhr: Result): Numbers {
  const audit = (id: string) => lhr.audits[id];
  const value = (id: string) => audit(id)?.numericValue ?? Number.NaN;
  const items = (id: string) => ((audit(id)?.details as Details | undefined)?.items ?? []) as Row[];
  const score = (id: string) => lhr.categories[id]?.score ?? null;

  const requests = items("network-requests");
  const bytes = (type?: string) =>
    requests
      .filter((r) => type === undefined || r.resourceType === type)
      .reduce((sum, r) => sum + (Number(r.transferSize) || 0), 0);

  const blockingRows = items("render-blocking-resources").length
    ? items("render-blocking-resources")
    : items("render-blocking-insight");
  const blocking = blockingRows
    .map((r) => ({ url: String(r.url), ms: Number(r.wastedMs) || 0, bytes: Number(r.totalBytes) || 0 }))
    .sort((a, b) => b.ms - a.ms || b.bytes - a.bytes);

  const metrics = items("metrics")[0];
  const observedFcp = Number(metrics?.observedFirstContentfulPaint ?? Number.POSITIVE_INFINITY);
  const early = requests.filter(
    (r) =>
      r.resourceType === "Script" &&
      (r.priority === "High" || r.priority === "VeryHigh") &&
      Number(r.networkRequestTime) < observedFcp,
  );

  // largest-contentful-paint-element: a list of two tables, the element and the phases.
  const [elementTable, phaseTable] = (
    audit("largest-contentful-paint-element")?.details as Details | undefined
  )?.items ?? [undefined, undefined];
  const node = elementTable?.items?.[0]?.node as Row | undefined;
  const lcpElement = node
    ? `${String(node.nodeLabel ?? "").slice(0, 60)} — ${String(node.selector ?? node.snippet ?? "")}`
    : null;
  const lcpPhases = (phaseTable?.items ?? []).map((r) => ({ phase: String(r.phase), ms: Number(r.timing) }));

  // Failed audits, each with what its first finding points at (an element, or the issue's kind).
  const failed = ["accessibility", "best-practices"].flatMap((category) =>
    (lhr.categories[category]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0 && audit(ref.id)?.score !== null && (audit(ref.id)?.score ?? 1) < 1)
      .map((ref) => {
        const first = items(ref.id)[0];
        const node = first?.node as Row | undefined;
        const hint = node?.snippet ?? first?.issueType ?? first?.description ?? "";
        return hint ? `${ref.id} (${String(hint).slice(0, 100)})` : ref.id;
      }),
  );

  return {
    finalUrl: lhr.finalDisplayedUrl,
    lcpMs: value("largest-contentful-paint"),
    fcpMs: value("first-contentful-paint"),
    tbtMs: value("total-blocking-time"),
    cls: value("cumulative-layout-shift"),
    performance: score("performance"),
    accessibility: score("accessibility"),
    bestPractices: score("best-practices"),
    requests: requests.length,
    totalBytes: bytes(),
    jsBytes: bytes("Script"),
    htmlBytes: bytes("Document"),
    cssBytes: bytes("Stylesheet"),
    blocking,
    earlyScripts: {
      count: early.length,
      bytes: early.reduce((sum, r) => sum + (Number(r.transferSize) || 0), 0),
    },
    benchmarkIndex: lhr.environment.benchmarkIndex,
    lcpElement,
    lcpPhases,
    failed,
    warnings: lhr.runWarnings.map(String),
  };
}
