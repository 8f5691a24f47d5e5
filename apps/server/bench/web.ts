// `pnpm bench:web`: Lighthouse on the pages people open most, in the browser, against Ordinavo as
// `npm start` runs it, in one run.
//
//   1. Ordinavo is started as `npm start` starts it (apps/server `tsx src/main.ts`, the built apps,
//      NODE_ENV=production) on the embedded database (PGlite) in a fresh temporary DATA_DIR, on free
//      loopback ports: it migrates and seeds the demo itself. The demo contact (portal) and the demo
//      dispatcher (workspace) sign in over HTTP; their session cookies go with Lighthouse's requests.
//   2. One headless Chromium (CHROMIUM_PATH, default /usr/bin/chromium; never downloaded) and, per
//      page, BENCH_RUNS Lighthouse 12 navigations with its default settings: mobile, simulated
//      throttling (slow 4G, 4× CPU slowdown). The median run (by performance score, then LCP) is
//      reported.
//   3. Per page: LCP, FCP, TBT, CLS, the performance / accessibility / best-practices scores, bytes
//      transferred (all, JavaScript, the HTML document) and the targets: LCP ≤ 1.0 s (portal) and
//      ≤ 1.5 s (workspace), performance ≥ 0.95, JavaScript ≤ 120 KiB (portal) and ≤ 170 KiB
//      (workspace) transferred. Then what stands in the way: render-blocking requests, the LCP
//      element and its phases, failed accessibility / best-practice audits. Note: the simulation
//      (Lantern) also counts every High-priority script requested before the first paint (Remix's
//      module preloads) as blocking it, though the render-blocking audit lists only stylesheets;
//      the bench prints those scripts too. CPU work is the host's × 4: run on a quiet machine.
//
// Settings (environment): BENCH_RUNS (3), BENCH_PAGES (comma-separated page keys, default all:
// portal-login, portal-home, portal-requests, portal-appointments, workspace-today,
// workspace-customers, workspace-board, workspace-appointment), BENCH_OUT (write the results as JSON
// to this file), BENCH_STRICT=1 (exit 1 when a target is missed; otherwise the exit code is 0 unless
// something crashed), CHROMIUM_PATH. Quick smoke run: BENCH_RUNS=1 BENCH_PAGES=portal-login.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEMO_ACCOUNTS } from "@ordinavo/demo";
import { request } from "./load";
import { type Ordinavo, requireBuilds, startOrdinavo } from "./processes";
import { type Chrome, launchChrome, type Numbers, runLighthouse, summarise } from "./web-audit";

const env = process.env;
const settings = {
  runs: Math.max(1, Math.round(Number(env.BENCH_RUNS || 3))),
  pages: (env.BENCH_PAGES ?? "")
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean),
  out: env.BENCH_OUT || null,
  strict: env.BENCH_STRICT === "1",
  chromium: env.CHROMIUM_PATH || "/usr/bin/chromium",
};
if (!Number.isFinite(settings.runs)) throw new Error("BENCH_RUNS must be a number ≥ 1");

const PASSWORD = "bench-web-demo-2026";
const KiB = 1024;
const targets = {
  portal: { lcpMs: 1000, jsBytes: 120 * KiB, performance: 0.95 },
  workspace: { lcpMs: 1500, jsBytes: 170 * KiB, performance: 0.95 },
};
const say = (line = "") => console.info(line);

type AppName = keyof typeof targets;
interface Page {
  key: string;
  app: AppName;
  path: string;
  /** Signed in as: the demo contact (portal) or the demo dispatcher (workspace). */
  signedIn: boolean;
}

const allPages = (appointmentPath: string | null): Page[] => [
  { key: "portal-login", app: "portal", path: "/login", signedIn: false },
  { key: "portal-home", app: "portal", path: "/", signedIn: true },
  { key: "portal-requests", app: "portal", path: "/requests", signedIn: true },
  { key: "portal-appointments", app: "portal", path: "/appointments", signedIn: true },
  { key: "workspace-today", app: "workspace", path: "/", signedIn: true },
  { key: "workspace-customers", app: "workspace", path: "/customers", signedIn: true },
  { key: "workspace-board", app: "workspace", path: "/board", signedIn: true },
  ...(appointmentPath
    ? [{ key: "workspace-appointment", app: "workspace" as const, path: appointmentPath, signedIn: true }]
    : []),
];

/** Signs in through the app's own procedure (as bench/http.ts does) and returns the Cookie header. */
async function signIn(base: string, email: string): Promise<string> {
  const answer = await request(`${base}/api/trpc/auth.signIn`, {
    headers: { origin: base, "content-type": "application/json" },
    body: JSON.stringify({ json: { email, password: PASSWORD } }),
  });
  const cookies = answer.headers["set-cookie"] ?? [];
  if (answer.status !== 200 || cookies.length === 0)
    throw new Error(`Signing in ${email} at ${base} failed: ${answer.status} ${answer.body.slice(0, 300)}`);
  return cookies.map((c) => c.split(";")[0]).join("; ");
}

/** The first appointment linked from the dispatch board (this week), else from Today. */
async function findAppointmentPath(workspace: string, cookie: string): Promise<string | null> {
  for (const page of ["/board", "/"]) {
    const answer = await request(`${workspace}${page}`, { headers: { cookie } });
    const match = /href="(\/appointments\/[0-9a-f-]{36})"/.exec(answer.body);
    if (match) return match[1]!;
  }
  return null;
}

interface Outcome {
  page: Page;
  url: string;
  runs: Numbers[];
  median: Numbers;
  misses: string[];
}

function medianRun(runs: Numbers[]): Numbers {
  const sorted = [...runs].sort((a, b) => (a.performance ?? 0) - (b.performance ?? 0) || b.lcpMs - a.lcpMs);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

function missesOf(app: AppName, n: Numbers, page: Page): string[] {
  const t = targets[app];
  return [
    !(n.lcpMs <= t.lcpMs) && "LCP",
    !((n.performance ?? 0) >= t.performance) && "perf",
    !(n.jsBytes <= t.jsBytes) && "JS",
    // A signed-in page that ended on the sign-in page measured the wrong thing.
    page.signedIn && new URL(n.finalUrl).pathname.startsWith("/login") && "redirected to /login",
  ].filter((m): m is string => Boolean(m));
}

const fmt = (value: number | null, digits: number) =>
  value === null || !Number.isFinite(value) ? "—" : value.toFixed(digits);
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
const kib = (bytes: number) => `${(bytes / KiB).toFixed(1)}`;

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) =>
    r.map((cell, i) => (i === 0 || i === r.length - 1 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)));
  return [line(rows[0]!), widths.map((w) => "-".repeat(w)), ...rows.slice(1).map(line)]
    .map((r) => r.join("  ").trimEnd())
    .join("\n");
}

function printResults(outcomes: Outcome[]) {
  const header = [
    "page",
    "LCP s",
    "FCP s",
    "TBT ms",
    "CLS",
    "perf",
    "a11y",
    "BP",
    "total KiB",
    "JS KiB",
    "HTML KiB",
  ];
  const rows = outcomes.map(({ page, median: n, misses }) => [
    page.key,
    fmt(n.lcpMs / 1000, 2),
    fmt(n.fcpMs / 1000, 2),
    fmt(n.tbtMs, 0),
    fmt(n.cls, 3),
    fmt(n.performance, 2),
    fmt(n.accessibility, 2),
    fmt(n.bestPractices, 2),
    kib(n.totalBytes),
    kib(n.jsBytes),
    kib(n.htmlBytes),
    misses.length ? `MISS: ${misses.join(", ")}` : "ok",
  ]);
  say(`\n${table([[...header, "targets"], ...rows])}`);
  say(
    `  targets: LCP ≤ ${targets.portal.lcpMs / 1000} s portal, ≤ ${targets.workspace.lcpMs / 1000} s workspace; ` +
      `perf ≥ ${targets.portal.performance}; JS ≤ ${targets.portal.jsBytes / KiB} KiB portal, ` +
      `≤ ${targets.workspace.jsBytes / KiB} KiB workspace (transferred). Median of ${settings.runs} run(s).`,
  );

  say("\nWhat stands in the way (median run):");
  for (const { page, url, runs, median: n } of outcomes) {
    say(`\n  ${page.key}  ${url}`);
    if (runs.length > 1) {
      const each = (pick: (r: Numbers) => string) => runs.map(pick).join(" / ");
      say(
        `    runs: LCP ${each((r) => fmt(r.lcpMs / 1000, 2))} s; perf ${each((r) => fmt(r.performance, 2))}`,
      );
    }
    say(
      `    ${n.requests} requests; CSS ${kib(n.cssBytes)} KiB; LCP element: ${n.lcpElement ?? "—"}` +
        (n.lcpPhases.length
          ? ` (${n.lcpPhases.map((p) => `${p.phase} ${fmt(p.ms, 0)} ms`).join(", ")})`
          : ""),
    );
    const blocking = n.blocking.slice(0, 5);
    say(`    render-blocking (Lighthouse audit):${blocking.length ? "" : " none"}`);
    for (const b of blocking)
      say(`      ${fmt(b.ms, 0).padStart(5)} ms  ${kib(b.bytes).padStart(6)} KiB  ${b.url}`);
    const early = n.earlyScripts;
    if (early.count)
      say(
        `    + ${early.count} scripts (${kib(early.bytes)} KiB) the simulation counts as blocking the first paint`,
      );
    if (n.failed.length) say(`    failed a11y/best-practice audits: ${n.failed.join(", ")}`);
    for (const warning of new Set(runs.flatMap((r) => r.warnings))) say(`    warning: ${warning}`);
  }
}

async function main() {
  requireBuilds();
  const started = performance.now();
  say("Ordinavo web bench (Lighthouse, mobile, simulated throttling)");
  say(`  node ${process.version}, ${os.cpus().length} CPUs, load ${load()}, ${new Date().toISOString()}`);

  const dataDir = mkdtempSync(path.join(os.tmpdir(), "ordinavo-bench-web-"));
  let app: Ordinavo | null = null;
  let chrome: Chrome | null = null;
  let cleaning: Promise<void> | null = null;
  const cleanUp = () => {
    cleaning ??= (async () => {
      await Promise.resolve(chrome?.kill()).catch(() => {});
      await app?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    })();
    return cleaning;
  };
  const interrupted = () => void cleanUp().finally(() => process.exit(130));
  process.once("SIGINT", interrupted).once("SIGTERM", interrupted);

  try {
    say("\nStarting Ordinavo on the embedded database: migrate, seed the demo, serve");
    app = await startOrdinavo({ dataDir, password: PASSWORD });
    say(`  both apps answer after ${(app.times.signInPages / 1000).toFixed(1)} s`);
    const cookies: Record<AppName, string> = {
      portal: await signIn(app.portal, DEMO_ACCOUNTS.portal),
      workspace: await signIn(app.workspace, DEMO_ACCOUNTS.dispatcher),
    };
    const appointmentPath = await findAppointmentPath(app.workspace, cookies.workspace);
    if (!appointmentPath) say("  no appointment found on the board or Today: workspace-appointment skipped");

    const pages = allPages(appointmentPath).filter(
      (p) => settings.pages.length === 0 || settings.pages.includes(p.key),
    );
    const unknown = settings.pages.filter((key) => !allPages("/").some((p) => p.key === key));
    if (unknown.length) throw new Error(`Unknown BENCH_PAGES: ${unknown.join(", ")}`);

    chrome = await launchChrome(settings.chromium);
    const outcomes: Outcome[] = [];
    for (const page of pages) {
      const url = `${page.app === "portal" ? app.portal : app.workspace}${page.path}`;
      const cookie = page.signedIn ? cookies[page.app] : undefined;
      const check = await request(url, { headers: cookie ? { cookie } : {} });
      if (check.status !== 200) throw new Error(`${url} answered ${check.status}, not 200`);
      const runs: Numbers[] = [];
      for (let i = 0; i < settings.runs; i++)
        runs.push(summarise(await runLighthouse(chrome.port, url, cookie)));
      const median = medianRun(runs);
      outcomes.push({ page, url, runs, median, misses: missesOf(page.app, median, page) });
      say(
        `  ${page.key}: ${runs.length} run(s) done (${((performance.now() - started) / 1000).toFixed(0)} s)`,
      );
    }

    printResults(outcomes);
    const missed = outcomes.filter((o) => o.misses.length > 0).length;
    say(
      `\n${missed ? `${missed} of ${outcomes.length} pages miss a target` : "All pages meet the targets"}; ` +
        `run took ${((performance.now() - started) / 1000).toFixed(0)} s.`,
    );
    const indexes = outcomes.flatMap((o) => o.runs.map((r) => r.benchmarkIndex));
    say(
      `Host: load ${load()}; Lighthouse benchmark index ${fmt(Math.min(...indexes), 0)}–${fmt(Math.max(...indexes), 0)} ` +
        "(CPU figures are the host's × 4: a busy host inflates TBT, FCP and LCP).",
    );
    if (settings.out) {
      const results = { node: process.version, at: new Date().toISOString(), settings, targets, outcomes };
      writeFileSync(settings.out, `${JSON.stringify(results, null, 2)}\n`);
      say(`Results written to ${settings.out}`);
    }
    if (settings.strict && missed) process.exitCode = 1;
  } finally {
    await cleanUp();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
