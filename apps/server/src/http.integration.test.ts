import type { Server } from "node:http";
import { createTestDatabase, type TestDatabase } from "@ordinavo/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp as start } from "./test-server";

describe.each(["workspace", "portal"] as const)("the %s app", (app) => {
  let database: TestDatabase;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    ({ server, base } = await start(app, database));
  });
  afterAll(async () => {
    server?.close();
    await database?.destroy().catch(() => {});
  });

  it("shows its name on the home page", async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(app === "workspace" ? "Ordinavo Workspace" : "Ordinavo Customer Portal");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("answers unknown paths with a real 404 page", async () => {
    const response = await fetch(`${base}/no/such/page`);
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain("This page does not exist");
    expect(html).not.toMatch(/at .+\.(ts|js):\d+/);
  });

  it("refuses a cross-site form post before anything runs, and accepts its own origin", async () => {
    const body = new URLSearchParams({ email: "a@b.example", password: "wrong-password" });
    const foreign = await fetch(`${base}/login`, {
      method: "POST",
      body,
      headers: { origin: "http://evil.example" },
    });
    expect(foreign.status).toBe(403);
    const own = await fetch(`${base}/login`, { method: "POST", body, headers: { origin: base } });
    expect(own.status).not.toBe(403);
  });

  it("reports health after touching the database, and 503 when it cannot", async () => {
    const ok = await fetch(`${base}/healthz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: "ok" });

    await database.destroy();
    const down = await fetch(`${base}/healthz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: "unavailable" });
  });
});

describe("the Inngest endpoint", () => {
  let database: TestDatabase;
  let workspace: Awaited<ReturnType<typeof start>>;
  let portal: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    workspace = await start("workspace", database);
    portal = await start("portal", database);
  });
  afterAll(async () => {
    workspace?.server.close();
    portal?.server.close();
    await database?.destroy();
  });

  it("is served by the workspace and refuses unsigned calls", async () => {
    const response = await fetch(`${workspace.base}/api/inngest?fnId=ordinavo-create-follow-up&stepId=step`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ event: { name: "ordinavo/visit_report.approved", data: {} }, steps: {} }),
    });
    expect(response.status).toBe(401);
  });

  it("serves Connect only in the workspace, and only with a valid API key", async () => {
    const anonymous = await fetch(`${workspace.base}/api/connect/whoami`);
    expect(anonymous.status).toBe(401);
    const wrongKey = await fetch(`${workspace.base}/api/connect/whoami`, {
      headers: { authorization: "Bearer ordv_nope_nope" },
    });
    expect(wrongKey.status).toBe(401);
    expect((await fetch(`${portal.base}/api/connect/whoami`)).status).toBe(404);
  });

  it("does not exist in the portal", async () => {
    const response = await fetch(`${portal.base}/api/inngest`, { method: "POST", body: "{}" });
    expect(response.status).toBe(404);
  });
});
