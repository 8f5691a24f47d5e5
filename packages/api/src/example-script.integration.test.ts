import { execFile } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { createAuth, createMailer, silentLog } from "@ordinavo/auth";
import { createTestDatabase, type TestDatabase } from "@ordinavo/db/testing";
import { buildCustomer, buildTenant } from "@ordinavo/demo";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiServices } from "./context";
import { handleConnectRequest } from "./http";

const run = promisify(execFile);
const packageDir = path.resolve(import.meta.dirname, "..");
const CUSTOMERS = 57;

/** The README's example script, run as a separate process against a real HTTP server. */
describe("examples/list-customers.ts", () => {
  let database: TestDatabase;
  let server: ReturnType<typeof createServer>;
  let url = "";
  let secret = "";

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    // More customers than the script's page of 50, so it has to follow the cursor; another
    // tenant's customers must not appear.
    const { tenantId } = await buildTenant(database.db, { name: "Rhône Facility Services" });
    for (let n = 1; n <= CUSTOMERS; n++) {
      await buildCustomer(database.db, { tenantId, number: `C-${1000 + n}`, name: `Customer ${n}` });
    }
    const other = await buildTenant(database.db);
    await buildCustomer(database.db, { tenantId: other.tenantId, name: "Not theirs" });
    const mailer = createMailer({ db: database.db, from: "x <x@example.com>", log: silentLog });
    const services: ApiServices = {
      db: database.db,
      auth: createAuth({ db: database.db, mailer, log: silentLog, secureCookies: false }),
      links: { workspace: (p) => p, portal: (p) => p },
      origins: { workspace: [], portal: [] },
      devMailbox: false,
    };
    ({ secret } = await services.auth.apiKeys.create({
      tenantId,
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
    expect(count).toBe(CUSTOMERS);
    expect(lines).toHaveLength(count + 2);
    expect(new Set(lines.slice(1, -1)).size).toBe(CUSTOMERS);
    expect(stdout).not.toContain("Not theirs");
  });

  it("fails clearly with a wrong key", async () => {
    const error = await script({ ORDINAVO_URL: url, ORDINAVO_API_KEY: "ordv_nope_nope" }).catch((e) => e);
    expect(error.code).toBe(1);
    expect(error.stderr).toContain("A valid API key is required");
  });
});
