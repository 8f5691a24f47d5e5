// `pnpm bench:http`: Ordinavo's hot paths over real HTTP on real PostgreSQL, each beside a raw
// baseline (bench/raw-server.ts: node:http + postgres.js doing the same main SQL as the same role
// under the same row-level security), in one run.
//
//   1. A fresh database (BENCH_DATABASE, default ordinavo_bench_http) on the server of
//      TEST_DATABASE_URL. Ordinavo is started on it as `npm start` starts it (apps/server `tsx
//      src/main.ts`, the built apps): it migrates and seeds the demo itself. Time to both apps
//      answering is printed (first start).
//   2. 100,000 customers more in the demo tenant (bench/seed.ts), then Ordinavo is restarted and
//      the start is timed again (a restart on a large database).
//   3. Per hot path: req/s at 32 connections (autocannon, after a warm-up) and p50/p95 at one
//      connection, for Ordinavo and for the raw baseline; the ratio of the two; Server-Timing when
//      the answers carry it.
//
// Settings (environment): TEST_DATABASE_URL (required, a PostgreSQL server; `bash
// .ci/start-postgres.sh` prints one), BENCH_SECONDS (8: measured seconds at 32 connections),
// BENCH_WARMUP_SECONDS (2), BENCH_LATENCY_SECONDS (3: sequential seconds, at least 20 requests),
// BENCH_CONNECTIONS (32), BENCH_CUSTOMERS (100000), BENCH_PATHS (comma-separated path keys, default
// all), BENCH_CPU_PROF=1 (profile the Ordinavo process during the run and print where time went;
// adds overhead), BENCH_KEEP_DB=1 (leave the database for a look afterwards), BENCH_DATABASE.
// Quick smoke run: BENCH_SECONDS=1 BENCH_WARMUP_SECONDS=0.5 BENCH_LATENCY_SECONDS=0.5 BENCH_CUSTOMERS=5000.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEMO_ACCOUNTS, DEMO_SLUG } from "@ordinavo/demo";
import postgres from "postgres";
import {
  type Answer,
  type Latency,
  measureLatency,
  measureThroughput,
  request,
  type Target,
  type Throughput,
} from "./load";
import {
  type Ordinavo,
  type Raw,
  requireBuilds,
  type StartTimes,
  scheduledJobsSettled,
  startOrdinavo,
  startRaw,
} from "./processes";
import { largestProfile, summariseProfile } from "./profile";
import { addBulkData, createDatabase, dropDatabase } from "./seed";

// --- Settings, read once -------------------------------------------------------------------------

const env = process.env;
const number = (name: string, fallback: number) => {
  const value = env[name];
  if (value === undefined || value === "") return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0)
    throw new Error(`${name} must be a number ≥ 0 (got "${value}")`);
  return parsed;
};
const settings = {
  serverUrl: env.TEST_DATABASE_URL,
  database: env.BENCH_DATABASE || "ordinavo_bench_http",
  seconds: number("BENCH_SECONDS", 8),
  warmup: number("BENCH_WARMUP_SECONDS", 2),
  latencySeconds: number("BENCH_LATENCY_SECONDS", 3),
  connections: Math.max(1, Math.round(number("BENCH_CONNECTIONS", 32))),
  customers: Math.round(number("BENCH_CUSTOMERS", 100_000)),
  paths: (env.BENCH_PATHS ?? "")
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean),
  cpuProfile: env.BENCH_CPU_PROF === "1",
  keepDatabase: env.BENCH_KEEP_DB === "1",
};
if (!/^[a-z_][a-z0-9_]{0,62}$/.test(settings.database))
  throw new Error("BENCH_DATABASE must be a plain name");

const PASSWORD = "bench-http-demo-2026";
const say = (line = "") => console.info(line);
const seconds = (ms: number | null) => (ms === null ? "—" : `${(ms / 1000).toFixed(2)} s`);

// --- Talking to the apps ---------------------------------------------------------------------------

const input = (value: unknown) => encodeURIComponent(JSON.stringify({ json: value }));

/** Signs in through the app's own procedure (as the e2e fixtures do) and returns the Cookie header. */
async function signIn(base: string, email: string): Promise<string> {
  const answer = await request(`${base}/api/trpc/auth.signIn`, {
    headers: { origin: base, "content-type": "application/json" },
    body: JSON.stringify({ json: { email, password: PASSWORD } }),
  });
  const cookies = answer.headers["set-cookie"] ?? [];
  if (answer.status !== 200 || cookies.length === 0) {
    throw new Error(`Signing in ${email} at ${base} failed: ${answer.status} ${answer.body.slice(0, 300)}`);
  }
  return cookies.map((c) => c.split(";")[0]).join("; ");
}

/** An API key made the way an admin makes one (workspace apiKeys.create), customers:read only. */
async function createApiKey(workspace: string, adminCookie: string): Promise<string> {
  const answer = await request(`${workspace}/api/trpc/apiKeys.create`, {
    headers: { origin: workspace, "content-type": "application/json", cookie: adminCookie },
    body: JSON.stringify({ json: { name: "HTTP bench", scopes: ["customers:read"] } }),
  });
  const secret = (JSON.parse(answer.body) as { result?: { data?: { json?: { secret?: string } } } }).result
    ?.data?.json?.secret;
  if (answer.status !== 200 || !secret)
    throw new Error(`Creating an API key failed: ${answer.body.slice(0, 300)}`);
  return secret;
}

type Json = Record<string, unknown>;
function json(answer: Answer): Json | null {
  try {
    return JSON.parse(answer.body) as Json;
  } catch {
    return null;
  }
}
const trpcData = (answer: Answer) =>
  (json(answer) as { result?: { data?: { json?: Json } } } | null)?.result?.data?.json;
const html = (answer: Answer) => /^text\/html/.test(String(answer.headers["content-type"] ?? ""));
const count = (value: unknown) => (Array.isArray(value) ? value.length : -1);

// --- The hot paths ---------------------------------------------------------------------------------

interface HotPath {
  key: string;
  label: string;
  who: string;
  ordinavo: Target;
  raw: Target;
  /** Null when the answer is what the path should give; otherwise why it is not. */
  checkOrdinavo(answer: Answer): string | null;
  /** A line about the data behind the path (from the raw answer), or a reason it cannot be measured. */
  checkRaw(answer: Answer): { problem: string | null; facts: string };
}

interface Ids {
  customerId: string;
  customerName: string;
  entries: number;
}

function hotPaths(app: Ordinavo, raw: Raw, auth: Record<string, string>, ids: Ids): HotPath[] {
  const ws = app.workspace;
  const staff = (who: keyof typeof auth) => ({ cookie: auth[who]! });
  const ok200 = (answer: Answer) => (answer.status === 200 ? null : `HTTP ${answer.status}`);
  const page = (answer: Answer, needle: string) =>
    ok200(answer) ??
    (!html(answer) ? "not an HTML page" : answer.body.includes(needle) ? null : `the page lacks "${needle}"`);
  const rawJson = (answer: Answer, facts: (body: Json) => { problem?: string | null; facts: string }) => {
    const body = answer.status === 200 ? json(answer) : null;
    if (!body) return { problem: `HTTP ${answer.status}`, facts: "" };
    const result = facts(body);
    return { problem: result.problem ?? null, facts: result.facts };
  };
  return [
    {
      key: "connect",
      label: "Connect customers.list (50)",
      who: "API key",
      ordinavo: {
        url: `${ws}/api/connect/customers.list?input=${input({ limit: 50 })}`,
        headers: { authorization: `Bearer ${auth.apiKey}` },
      },
      raw: { url: `${raw.base}/connect/customers`, headers: { authorization: `Bearer ${auth.apiKey}` } },
      checkOrdinavo: (a) => ok200(a) ?? (count(trpcData(a)?.items) === 50 ? null : "not 50 items"),
      checkRaw: (a) =>
        rawJson(a, (b) => ({
          problem: count(b.items) === 50 ? null : "not 50 items",
          facts: "first page by name",
        })),
    },
    {
      key: "customers",
      label: "tRPC customers.list (25)",
      who: "dispatcher",
      ordinavo: {
        url: `${ws}/api/trpc/customers.list?input=${input({ limit: 25 })}`,
        headers: staff("dispatcher"),
      },
      raw: { url: `${raw.base}/workspace/customers`, headers: staff("dispatcher") },
      checkOrdinavo: (a) => ok200(a) ?? (count(trpcData(a)?.items) === 25 ? null : "not 25 items"),
      checkRaw: (a) =>
        rawJson(a, (b) => ({
          problem: count(b.items) === 25 ? null : "not 25 items",
          facts: "first page by name, with city",
        })),
    },
    {
      key: "customer-page",
      label: "Customer page (loader + HTML)",
      who: "manager",
      ordinavo: { url: `${ws}/customers/${ids.customerId}`, headers: staff("manager") },
      raw: { url: `${raw.base}/workspace/customers/${ids.customerId}`, headers: staff("manager") },
      checkOrdinavo: (a) => page(a, ids.customerName.replaceAll("&", "&amp;").replaceAll("'", "&#x27;")),
      checkRaw: (a) =>
        rawJson(a, (b) => ({
          facts: `${ids.customerName}: ${count(b.locations)} locations, ${count(b.contacts)} contacts, ${ids.entries} timeline entries`,
        })),
    },
    {
      key: "board",
      label: "Board, this week (page)",
      who: "dispatcher",
      ordinavo: { url: `${ws}/board?span=week`, headers: staff("dispatcher") },
      raw: { url: `${raw.base}/workspace/board`, headers: staff("dispatcher") },
      checkOrdinavo: (a) => page(a, "Dispatch board"),
      checkRaw: (a) =>
        rawJson(a, (b) => {
          const n = count(b.appointments);
          return {
            problem: n > 0 ? null : "no appointments this week",
            facts: `${n} appointments this week, ${count(b.people)} people, backlog top ${count(b.backlog)}`,
          };
        }),
    },
    {
      key: "my-day",
      label: "Employee's day (Today page)",
      who: "employee",
      ordinavo: { url: `${ws}/`, headers: staff("employee") },
      raw: { url: `${raw.base}/workspace/my-day`, headers: staff("employee") },
      checkOrdinavo: (a) => page(a, "Welcome"),
      checkRaw: (a) =>
        rawJson(a, (b) => {
          const n = count(b.visits);
          return { problem: n > 0 ? null : "the employee has no visits today", facts: `${n} visits today` };
        }),
    },
    {
      key: "timeline",
      label: "tRPC timeline.customer (30)",
      who: "manager",
      ordinavo: {
        url: `${ws}/api/trpc/timeline.customer?input=${input({ customerId: ids.customerId })}`,
        headers: staff("manager"),
      },
      raw: { url: `${raw.base}/workspace/timeline/${ids.customerId}`, headers: staff("manager") },
      checkOrdinavo: (a) => ok200(a) ?? (count(trpcData(a)?.items) > 0 ? null : "no items"),
      checkRaw: (a) =>
        rawJson(a, (b) => ({
          problem: count(b.items) > 0 ? null : "the customer has no timeline entries",
          facts: `first page of ${ids.entries} entries`,
        })),
    },
    {
      key: "portal",
      label: "Portal appointments (page)",
      who: "portal contact",
      ordinavo: { url: `${app.portal}/appointments`, headers: { cookie: auth.portal! } },
      raw: { url: `${raw.base}/portal/appointments`, headers: { cookie: auth.portal! } },
      checkOrdinavo: (a) => page(a, "<h1"),
      checkRaw: (a) =>
        rawJson(a, (b) => {
          const list = (key: string) => count((b[key] as Json | undefined)?.items);
          return {
            facts: `${list("upcoming")} upcoming, ${list("recent")} recent, ${list("work")} open work shown`,
          };
        }),
    },
  ];
}

// --- Measuring -------------------------------------------------------------------------------------

interface Side {
  throughput: Throughput;
  latency: Latency;
  bytes: number;
}

interface Outcome {
  path: HotPath;
  facts: string;
  skipped?: string;
  ordinavo?: Side;
  raw?: Side;
}

async function measureSide(target: Target, bytes: number): Promise<Side> {
  const throughput = await measureThroughput(target, settings.connections, settings.seconds, settings.warmup);
  const latency = await measureLatency(target, settings.latencySeconds);
  return { throughput, latency, bytes };
}

const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : "—");
const kb = (bytes: number) => (bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} kB` : `${bytes} B`);
const timingText = (timing: Record<string, number>) =>
  Object.keys(timing).length
    ? Object.entries(timing)
        .map(([name, ms]) => `${name} ${fmt(ms, 2)}`)
        .join(", ")
    : "—";

function problems(t: Throughput, l: Latency): string {
  const bad = [
    t.non2xx && `${t.non2xx} non-2xx`,
    t.errors && `${t.errors} errors`,
    l.failures && `${l.failures} failed sequential`,
  ].filter(Boolean);
  return bad.length ? ` [${bad.join(", ")}]` : "";
}

function printSide(name: string, side: Side) {
  const { throughput: t, latency: l } = side;
  say(
    `    ${name.padEnd(9)} ${fmt(t.rps).padStart(8)} req/s @${settings.connections} ` +
      `(p50 ${fmt(t.p50, 0)} ms, p99 ${fmt(t.p99, 0)} ms, n=${t.requests})   @1: p50 ${fmt(l.p50, 2)} ms, p95 ${fmt(l.p95, 2)} ms (n=${l.n})` +
      `   ${kb(side.bytes)}${problems(t, l)}`,
  );
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  return [line(rows[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}

function printStart(label: string, times: StartTimes) {
  const parts: [string, number | null][] = [
    ["database ready", times.databaseReady],
    ["demo seeded", times.seeded],
    ["both /healthz 200", times.healthy],
    ["both /login 200", times.signInPages],
  ];
  const shown = parts.filter(([, ms]) => ms !== null).sort((a, b) => a[1]! - b[1]!);
  say(`  ${label}: ${shown.map(([name, ms]) => `${name} ${seconds(ms)}`).join(", ")}`);
}

function printProfile(dir: string | null) {
  const file = dir ? largestProfile(dir) : null;
  if (!file) {
    say("\nNo CPU profile was written.");
    return;
  }
  const summary = summariseProfile(file, 25);
  const share = (ms: number) =>
    `${fmt(ms, 0).padStart(8)} ms  ${fmt((100 * ms) / summary.totalMs).padStart(5)}%`;
  say(`\nCPU profile of the Ordinavo process (${file}), ${(summary.totalMs / 1000).toFixed(1)} s sampled:`);
  say("  by where the code lives (self time):");
  for (const m of summary.byModule) say(`    ${share(m.ms)}  ${m.module}`);
  say("  top functions (self time):");
  for (const f of summary.byFunction) say(`    ${share(f.ms)}  ${f.name}  ${f.where}`);
}

// --- The run ---------------------------------------------------------------------------------------

async function main() {
  if (!settings.serverUrl) {
    console.error(
      "bench:http needs a PostgreSQL server: set TEST_DATABASE_URL (e.g. the URL `bash .ci/start-postgres.sh` prints).",
    );
    process.exit(2);
  }
  requireBuilds();
  const runStarted = performance.now();
  const admin = postgres(settings.serverUrl, { max: 1, onnotice: () => {} });
  const [{ version }] = (await admin`select current_setting('server_version') as version`) as unknown as [
    { version: string },
  ];
  await admin.end();
  say("Ordinavo HTTP bench");
  say(
    `  node ${process.version}, ${os.cpus().length} CPUs, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}, PostgreSQL ${version}, ${new Date().toISOString()}`,
  );
  say(
    `  ${settings.connections} connections × ${settings.seconds} s after ${settings.warmup} s warm-up; ` +
      `latency: 1 connection × ${settings.latencySeconds} s (≥ 20 requests); loopback only`,
  );

  const databaseUrl = await createDatabase(settings.serverUrl, settings.database);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "ordinavo-bench-http-"));
  const profileDir = path.join(dataDir, "cpu-profiles");
  let app: Ordinavo | null = null;
  let raw: Raw | null = null;
  try {
    say(`\nStarting Ordinavo on an empty database (${settings.database}): migrate, seed the demo, serve`);
    app = await startOrdinavo({ databaseUrl, dataDir, password: PASSWORD });
    printStart("first start", app.times);
    const firstStart = app.times;
    await app.stop();
    app = null;

    say(`\nAdding ${settings.customers.toLocaleString("en")} customers to the demo tenant`);
    const bulk = await addBulkData(databaseUrl, { customers: settings.customers, log: say });
    say(
      `  ${bulk.customers.toLocaleString("en")} customers, ${bulk.locations.toLocaleString("en")} locations, ` +
        `${bulk.contacts.toLocaleString("en")} contacts, ${bulk.targets.toLocaleString("en")} jobs, ` +
        `${bulk.appointments.toLocaleString("en")} visits, ${bulk.timelineEntries.toLocaleString("en")} timeline entries, ` +
        `${bulk.technicians} more technicians; the demo employee has ${bulk.employeeVisitsToday} visits today ` +
        `— seeded in ${bulk.seconds.toFixed(1)} s`,
    );

    say("\nRestarting Ordinavo on the large database");
    app = await startOrdinavo({
      databaseUrl,
      dataDir,
      password: PASSWORD,
      cpuProfileDir: settings.cpuProfile ? profileDir : undefined,
    });
    printStart("restart", app.times);

    const auth: Record<string, string> = {
      dispatcher: await signIn(app.workspace, DEMO_ACCOUNTS.dispatcher),
      manager: await signIn(app.workspace, DEMO_ACCOUNTS.manager),
      employee: await signIn(app.workspace, DEMO_ACCOUNTS.employee),
      portal: await signIn(app.portal, DEMO_ACCOUNTS.portal),
    };
    auth.apiKey = await createApiKey(app.workspace, await signIn(app.workspace, DEMO_ACCOUNTS.admin));

    // The busiest customer's history: the demo customer with the most timeline entries.
    const owner = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    const [busiest] = await owner`select c.id, c.name, count(*)::int as entries
      from timeline_entries e join customers c on c.id = e.customer_id
      join tenants t on t.id = c.tenant_id and t.slug = ${DEMO_SLUG}
      group by c.id, c.name order by count(*) desc, c.name limit 1`;
    await owner.end();
    if (!busiest) throw new Error("The demo tenant has no timeline entries.");
    const ids: Ids = { customerId: busiest.id, customerName: busiest.name, entries: busiest.entries };

    raw = await startRaw(databaseUrl);
    const all = hotPaths(app, raw, auth, ids);
    const unknown = settings.paths.filter((key) => !all.some((p) => p.key === key));
    if (unknown.length)
      throw new Error(
        `Unknown BENCH_PATHS: ${unknown.join(", ")} (known: ${all.map((p) => p.key).join(", ")})`,
      );
    const paths = settings.paths.length ? all.filter((p) => settings.paths.includes(p.key)) : all;

    // The in-process scheduler's catch-up run (15 s after start) would land inside a measurement.
    const ran = await scheduledJobsSettled(app, 3, 50_000);
    say(`  the scheduler's catch-up run: ${ran} of 3 scheduled jobs done before measuring`);

    const outcomes: Outcome[] = [];
    for (const path of paths) {
      say(`\n${path.label} — as ${path.who}`);
      const first = await request(path.ordinavo.url, { headers: path.ordinavo.headers });
      const rawFirst = await request(path.raw.url, { headers: path.raw.headers });
      const ordinavoProblem = path.checkOrdinavo(first);
      const rawCheck = path.checkRaw(rawFirst);
      const skipped = ordinavoProblem
        ? `Ordinavo's answer is not usable: ${ordinavoProblem}`
        : rawCheck.problem
          ? `not measured: ${rawCheck.problem}`
          : undefined;
      say(`    data: ${rawCheck.facts || "—"}`);
      if (skipped) {
        say(`    ${skipped}`);
        outcomes.push({ path, facts: rawCheck.facts, skipped });
        continue;
      }
      const ordinavo = await measureSide(path.ordinavo, Buffer.byteLength(first.body));
      printSide("Ordinavo", ordinavo);
      const baseline = await measureSide(path.raw, Buffer.byteLength(rawFirst.body));
      printSide("raw", baseline);
      outcomes.push({ path, facts: rawCheck.facts, ordinavo, raw: baseline });
    }

    const rows: string[][] = [
      [
        "path",
        `Ordinavo req/s @${settings.connections}`,
        `raw req/s @${settings.connections}`,
        "ratio",
        "Ordinavo p50 / p95 @1",
        "raw p50 / p95 @1",
        "p50 ratio",
        "Ordinavo size",
        "Server-Timing (median ms)",
      ],
    ];
    for (const o of outcomes) {
      if (!o.ordinavo || !o.raw) {
        rows.push([o.path.label, o.skipped ?? "not measured", "", "", "", "", "", "", ""]);
        continue;
      }
      const a = o.ordinavo;
      const b = o.raw;
      rows.push([
        o.path.label,
        fmt(a.throughput.rps),
        fmt(b.throughput.rps),
        fmt(a.throughput.rps / b.throughput.rps, 3),
        `${fmt(a.latency.p50, 2)} / ${fmt(a.latency.p95, 2)} ms`,
        `${fmt(b.latency.p50, 2)} / ${fmt(b.latency.p95, 2)} ms`,
        `${fmt(a.latency.p50 / b.latency.p50, 1)}×`,
        kb(a.bytes),
        timingText(a.latency.serverTiming),
      ]);
    }
    say("\nResults (ratio = Ordinavo req/s ÷ raw req/s; p50 ratio = Ordinavo p50 ÷ raw p50)");
    say(table(rows));
    if (outcomes.every((o) => !o.ordinavo || Object.keys(o.ordinavo.latency.serverTiming).length === 0)) {
      say("Server-Timing: Ordinavo's answers carry no Server-Timing header; server time is not shown.");
    }
    say("\nStart-up, from spawning `tsx src/main.ts` (as `npm start` does) to both apps answering 200:");
    printStart("first start, empty database (migrations + demo seed)", firstStart);
    printStart(`restart, ${settings.customers.toLocaleString("en")} more customers`, app.times);
    say(`\nWhole bench: ${((performance.now() - runStarted) / 1000).toFixed(0)} s`);
  } finally {
    await raw?.stop();
    await app?.stop();
    if (settings.cpuProfile) {
      try {
        printProfile(app === null ? null : profileDir);
      } catch (error) {
        console.error("The CPU profile could not be read:", error);
      }
    }
    if (settings.keepDatabase) say(`\nThe database ${settings.database} is kept (BENCH_KEEP_DB=1).`);
    else await dropDatabase(settings.serverUrl, settings.database);
    if (!settings.cpuProfile) rmSync(dataDir, { recursive: true, force: true });
    else say(`Profiles and data: ${dataDir}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
