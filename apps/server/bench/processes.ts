// The processes the bench runs: Ordinavo as `npm start` runs it (apps/server's `tsx src/main.ts`,
// the apps' built Remix servers, one process for both apps) and the raw baseline server.
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { request } from "./load";

export const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tsx = path.join(serverDir, "node_modules", ".bin", "tsx");

/** Throws unless both apps have a server build (what `loadBuild` in src/builds.ts reads). */
export function requireBuilds() {
  const require = createRequire(import.meta.url);
  for (const app of ["workspace", "portal"]) {
    try {
      require.resolve(`@ordinavo/${app}/server-build`);
    } catch {
      throw new Error(
        `The ${app} app is not built. Run \`pnpm exec turbo run build --filter=@ordinavo/server...\` ` +
          "(the root `pnpm bench:http` does this first).",
      );
    }
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

interface Managed {
  child: ChildProcess;
  /** Lines the process wrote, with milliseconds since it was spawned. */
  lines: { ms: number; text: string }[];
  spawnedAt: number;
  stop(): Promise<void>;
}

/**
 * Spawns in its own process group (so the stop reaches tsx's child too) and keeps its output.
 * Only this group is signalled, by its id.
 */
function launch(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Managed {
  const spawnedAt = performance.now();
  const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const lines: Managed["lines"] = [];
  const collect = (chunk: Buffer) => {
    const ms = performance.now() - spawnedAt;
    for (const text of chunk.toString("utf8").split("\n")) if (text.trim()) lines.push({ ms, text });
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    child,
    lines,
    spawnedAt,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
      const group = -child.pid;
      try {
        process.kill(group, "SIGTERM");
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(group, "SIGKILL");
        } catch {}
      }, 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface StartTimes {
  /** Spawn → "Database ready" logged (tsx, module loading, migrations). */
  databaseReady: number | null;
  /** Spawn → demo seeded, when this start seeded it. */
  seeded: number | null;
  /** Spawn → both /healthz answer 200. */
  healthy: number;
  /** Spawn → both /login pages answer 200 (the first server render of each app). */
  signInPages: number;
}

export interface Ordinavo extends Managed {
  workspace: string;
  portal: string;
  times: StartTimes;
}

/** Polls until `url` answers 200; returns milliseconds since `since`. */
async function until200(url: string, since: number, deadline: number, managed: Managed): Promise<number> {
  for (;;) {
    if (managed.child.exitCode !== null) {
      throw new Error(`Ordinavo exited while starting:\n${managed.lines.map((l) => l.text).join("\n")}`);
    }
    try {
      const answer = await request(url, { timeoutMs: 5_000 });
      if (answer.status === 200) return performance.now() - since;
    } catch {
      // Not listening yet.
    }
    if (performance.now() > deadline) {
      throw new Error(`${url} did not answer 200 in time:\n${managed.lines.map((l) => l.text).join("\n")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Starts Ordinavo and waits until both apps answer: on PostgreSQL when `databaseUrl` is given,
 * otherwise on the embedded database (PGlite) in `dataDir`, as a plain `npm start`.
 */
export async function startOrdinavo(options: {
  databaseUrl?: string;
  dataDir: string;
  password: string;
  /**
   * Write a V8 CPU profile of the server process into this directory (node --cpu-prof). The
   * process is then started as `node --cpu-prof --import tsx src/main.ts`, which is what tsx's
   * own launcher runs (--cpu-prof is not accepted in NODE_OPTIONS).
   */
  cpuProfileDir?: string;
}): Promise<Ordinavo> {
  const [workspacePort, portalPort] = [await freePort(), await freePort()];
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    WORKSPACE_PORT: String(workspacePort),
    PORTAL_PORT: String(portalPort),
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    DATA_DIR: options.dataDir,
    DEMO_PASSWORD: options.password,
  };
  const managed = options.cpuProfileDir
    ? launch(
        process.execPath,
        ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`, "--import", "tsx", "src/main.ts"],
        env,
        serverDir,
      )
    : launch(tsx, ["src/main.ts"], env, serverDir);
  const workspace = `http://127.0.0.1:${workspacePort}`;
  const portal = `http://127.0.0.1:${portalPort}`;
  try {
    const deadline = managed.spawnedAt + 180_000;
    const healthy = Math.max(
      ...(await Promise.all([
        until200(`${workspace}/healthz`, managed.spawnedAt, deadline, managed),
        until200(`${portal}/healthz`, managed.spawnedAt, deadline, managed),
      ])),
    );
    const signInPages = Math.max(
      ...(await Promise.all([
        until200(`${workspace}/login`, managed.spawnedAt, deadline, managed),
        until200(`${portal}/login`, managed.spawnedAt, deadline, managed),
      ])),
    );
    const logged = (message: string) =>
      managed.lines.find((line) => line.text.includes(`"message":"${message}"`))?.ms ?? null;
    return {
      ...managed,
      workspace,
      portal,
      times: {
        databaseReady: logged("Database ready"),
        seeded: logged("Demo data seeded"),
        healthy,
        signInPages,
      },
    };
  } catch (error) {
    await managed.stop();
    throw error;
  }
}

/**
 * Resolves when each of the in-process scheduler's `count` jobs has had its catch-up run (ran,
 * failed, or skipped because another process ran it), or `maxMs` after the process was spawned.
 */
export async function scheduledJobsSettled(ordinavo: Ordinavo, count: number, maxMs: number) {
  const deadline = ordinavo.spawnedAt + maxMs;
  const ran = () =>
    ordinavo.lines.filter((l) => /"message":"Scheduled job (ran|failed|skipped)/.test(l.text)).length;
  while (ran() < count && performance.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  return ran();
}

export interface Raw extends Managed {
  base: string;
}

/** Starts the raw baseline (bench/raw-server.ts) in its own process. */
export async function startRaw(databaseUrl: string): Promise<Raw> {
  const managed = launch(
    tsx,
    ["bench/raw-server.ts"],
    { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", RAW_DATABASE_URL: databaseUrl },
    serverDir,
  );
  const deadline = performance.now() + 30_000;
  for (;;) {
    const line = managed.lines.find((l) => l.text.startsWith('{"port":'));
    if (line)
      return { ...managed, base: `http://127.0.0.1:${(JSON.parse(line.text) as { port: number }).port}` };
    if (managed.child.exitCode !== null || performance.now() > deadline) {
      await managed.stop();
      throw new Error(`The raw server did not start:\n${managed.lines.map((l) => l.text).join("\n")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
