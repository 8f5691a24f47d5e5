import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DEMO_ACCOUNTS } from "@ordinavo/demo";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, type Launched, launch, waitFor } from "./launch.test-support";

// Two server processes on one PostgreSQL, as behind a load balancer: they start together on an
// empty database (one migrates and seeds, the other waits for the start-up lock and finds it done),
// a session made on one is valid on the other, sign-in throttling counts failures from both, and
// each scheduled job runs in one of them. The outbox relay's leases have their own two-relay test
// (packages/jobs relay.integration.test.ts).

const serverUrl = process.env.TEST_DATABASE_URL;
const PASSWORD = "two processes, one database";

describe.skipIf(!serverUrl)("two server processes on one PostgreSQL", () => {
  const name = `ordinavo_processes_${randomBytes(5).toString("hex")}`;
  const admin = serverUrl ? postgres(serverUrl, { max: 1, onnotice: () => {} }) : null;
  const dirs: string[] = [];
  const running: Launched[] = [];

  afterAll(async () => {
    for (const launched of running) launched.child.kill("SIGKILL");
    await Promise.all(running.map((launched) => launched.exited));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    await admin?.unsafe(`drop database if exists ${name} with (force)`);
    await admin?.end();
  });

  /** One process on the shared database, with its own data directory and ports. */
  async function start(databaseUrl: string) {
    const dataDir = mkdtempSync(path.join(tmpdir(), "ordinavo-process-"));
    dirs.push(dataDir);
    const [workspacePort, portalPort] = [await freePort(), await freePort()];
    const launched = launch({
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      DEMO_PASSWORD: PASSWORD,
      WORKSPACE_PORT: String(workspacePort),
      PORTAL_PORT: String(portalPort),
    });
    running.push(launched);
    return { launched, workspace: `http://127.0.0.1:${workspacePort}` };
  }

  const signIn = (base: string, email: string, password: string) =>
    fetch(`${base}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: base },
      body: new URLSearchParams({ email, password, redirectTo: "/" }),
    });

  /** The log lines of a process, parsed. */
  const linesOf = (launched: Launched) =>
    launched
      .output()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { message: string; function?: string });

  it("share sessions, throttles and schedules", async () => {
    await admin!.unsafe(`create database ${name}`);
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    const [a, b] = await Promise.all([start(url.toString()), start(url.toString())]);
    await Promise.all([
      waitFor(a.launched, "Press Ctrl-C to stop."),
      waitFor(b.launched, "Press Ctrl-C to stop."),
    ]);
    const seeded = [a, b].filter((p) => p.launched.output().includes("Demo data seeded"));
    expect(seeded).toHaveLength(1);

    // A session made on A opens the workspace on B.
    const signedIn = await signIn(a.workspace, DEMO_ACCOUNTS.dispatcher, PASSWORD);
    expect(signedIn.status).toBe(302);
    const cookie = signedIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const home = await fetch(`${b.workspace}/`, { headers: { cookie }, redirect: "manual" });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("Sign out");
    const stranger = await fetch(`${b.workspace}/`, { redirect: "manual" });
    expect(stranger.status).toBe(302);

    // Five failures, spread over both processes, block the account on both.
    for (const base of [a.workspace, b.workspace, a.workspace, b.workspace, a.workspace]) {
      expect((await signIn(base, DEMO_ACCOUNTS.manager, "not the password")).status).toBe(401);
    }
    expect((await signIn(b.workspace, DEMO_ACCOUNTS.manager, PASSWORD)).status).toBe(429);

    // Each daily job's catch-up run (15 s after start) ran in one process; the other skipped it.
    const settled = (launched: Launched) =>
      linesOf(launched).filter((l) => l.message.startsWith("Scheduled job")).length >= 3;
    await expect.poll(() => settled(a.launched) && settled(b.launched), { timeout: 60_000 }).toBe(true);
    const ran = [a, b].flatMap((p) => linesOf(p.launched).filter((l) => l.message === "Scheduled job ran"));
    const skipped = [a, b].flatMap((p) =>
      linesOf(p.launched).filter((l) => l.message.startsWith("Scheduled job skipped")),
    );
    expect(ran.map((l) => l.function).sort()).toEqual(skipped.map((l) => l.function).sort());
    expect(new Set(ran.map((l) => l.function)).size).toBe(ran.length);
    expect(ran.map((l) => l.function)).toContain("ordinavo-platform-housekeeping");

    for (const p of [a, b]) p.launched.child.kill("SIGTERM");
    expect(await a.launched.exited).toBe(0);
    expect(await b.launched.exited).toBe(0);
  }, 240_000);
});
