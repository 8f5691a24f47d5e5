import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, type Launched, launch, waitFor } from "./launch.test-support";

describe("npm start's server process", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "ordinavo-launcher-"));
  const running: Launched[] = [];
  afterAll(() => {
    for (const launched of running) launched.child.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("migrates, seeds, serves both apps, refuses a second process, stops on Ctrl-C and reuses its data", async () => {
    const [workspacePort, portalPort] = [await freePort(), await freePort()];
    const env = { DATA_DIR: dataDir, WORKSPACE_PORT: String(workspacePort), PORTAL_PORT: String(portalPort) };

    const first = launch(env);
    running.push(first);
    await waitFor(first, "Press Ctrl-C to stop.");
    expect(first.output()).toContain(`http://127.0.0.1:${workspacePort}`);
    expect(first.output()).toContain(`http://127.0.0.1:${portalPort}`);
    expect(first.output()).toContain("Demo data seeded");
    const password = /Password:\s+(\S+)/.exec(first.output())?.[1];
    expect(password).toMatch(/^[a-z]+-[a-z]+-[a-z]+-\d{2}$/);
    for (const port of [workspacePort, portalPort]) {
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(await health.json()).toEqual({ status: "ok" });
    }

    // A second process on the same data directory is refused with a clear message.
    const second = launch({
      ...env,
      WORKSPACE_PORT: String(await freePort()),
      PORTAL_PORT: String(await freePort()),
    });
    running.push(second);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain("in use by another Ordinavo process");

    first.child.kill("SIGINT");
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('"message":"Stopped"');

    const again = launch(env);
    running.push(again);
    await waitFor(again, "Press Ctrl-C to stop.");
    expect(again.output()).not.toContain("Demo data seeded");
    expect(again.output()).toContain(`Password:                 ${password}`);
    again.child.kill("SIGTERM");
    expect(await again.exited).toBe(0);
    // Two full starts (migrate, seed, serve) of a real process: minutes on a busy 2-core machine.
  }, 180_000);

  it("refuses an invalid environment with the variable named", async () => {
    const launched = launch({ DATA_DIR: dataDir, WORKSPACE_PORT: "not-a-port" });
    running.push(launched);
    expect(await launched.exited).toBe(1);
    expect(launched.output()).toContain("WORKSPACE_PORT");
  });
});
