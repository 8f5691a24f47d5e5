import { execFile } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { createAuth, createMailer, silentLog } from "@ordinavo/auth";
import { schema } from "@ordinavo/db";
import { createTestDatabase, type TestDatabase } from "@ordinavo/db/testing";
import { seedDemo } from "@ordinavo/demo";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiServices } from "./context";
import { handleConnectRequest } from "./http";

const run = promisify(execFile);
const packageDir = path.resolve(import.meta.dirname, "..");

/** The README's example script, run as a separate process against a real HTTP server. */
describe("examples/list-customers.ts", () => {
  let database: TestDatabase;
  let server: ReturnType<typeof createServer>;
  let url = "";
  let secret = "";

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    await seedDemo(database.db, { password: "example-pass-2026", now: new Date("2026-11-20T09:00:00Z") });
    const mailer = createMailer({ db: database.db, from: "x <x@example.com>", log: silentLog });
    const services: ApiServices = {
      db: database.db,
      auth: createAuth({ db: database.db, mailer, log: silentLog, secureCookies: false }),
      links: { workspace: (p) => p, portal: (p) => p },
      origins: { workspace: [], portal: [] },
      devMailbox: false,
    };
    const [demo] = await database.db.select().from(schema.tenants).where(eq(schema.tenants.slug, "demo"));
    ({ secret } = await services.auth.apiKeys.create({
      tenantId: demo!.id,
      name: "Example script",
      scopes: ["customers:read"],
      createdById: null,
    }));
    server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const request = new Request(`http://127.0.0.1${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks),
      });
      const response = await handleConnectRequest({ request, services, endpoint: "/api/connect" });
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name] = value;
      });
      res.writeHead(response.status, headers);
      res.end(Buffer.from(await response.arrayBuffer()));
    }).listen(0, "127.0.0.1");
    await once(server, "listening");
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/connect`;
  }, 120_000);
  afterAll(async () => {
    server?.close();
    await database?.destroy();
  });

  const script = (env: Record<string, string>) =>
    run(process.execPath, ["--import", "tsx", "examples/list-customers.ts"], {
      cwd: packageDir,
      env: { PATH: process.env.PATH ?? "", ...env },
    });

  it("lists every customer of the key's workspace, page by page", async () => {
    const { stdout } = await script({ ORDINAVO_URL: url, ORDINAVO_API_KEY: secret });
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^Workspace: .+ \(scopes: customers:read\)$/);
    const count = Number(/^(\d+) customers$/.exec(lines.at(-1)!)?.[1]);
    expect(count).toBeGreaterThanOrEqual(20);
    expect(lines).toHaveLength(count + 2);
  });

  it("fails clearly with a wrong key", async () => {
    const error = await script({ ORDINAVO_URL: url, ORDINAVO_API_KEY: "ordv_nope_nope" }).catch((e) => e);
    expect(error.code).toBe(1);
    expect(error.stderr).toContain("A valid API key is required");
  });
});
