import { request as httpRequest } from "node:http";
import { networkInterfaces } from "node:os";
import { Readable } from "node:stream";
import { hashEmail } from "@ordinavo/auth";
import { schema, withSystem } from "@ordinavo/db";
import { createTestDatabase, type TestDatabase, testEngines } from "@ordinavo/db/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MB } from "./body-limit";
import { type StartedApp, startApp } from "./test-server";

// The edge of the product as a stranger meets it: body sizes, page headers, who the client is
// behind a proxy, the development mailbox, and what reaches the log when something breaks.

let database: TestDatabase;
const started: StartedApp[] = [];
async function start(...args: Parameters<typeof startApp>) {
  const app = await startApp(...args);
  started.push(app);
  return app;
}

beforeAll(async () => {
  database = await createTestDatabase("pglite");
});
afterAll(async () => {
  for (const app of started) app.server.close();
  await database?.destroy().catch(() => {});
});

/** A sign-in attempt through the form, as a browser without JavaScript sends it. */
function signInForm(base: string, email: string, headers: Record<string, string> = {}) {
  return fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: base, ...headers },
    body: new URLSearchParams({ email, password: "not-the-password", redirectTo: "/" }),
  });
}

/** Sends headers announcing `declared` bytes, then a few bytes, and waits for the answer. */
function announceLargeBody(base: string, path: string, declared: number) {
  return new Promise<{ status: number; body: string; ms: number }>((resolve, reject) => {
    const startedAt = Date.now();
    const req = httpRequest(`${base}${path}`, {
      method: "POST",
      headers: { origin: base, "content-type": "application/json", "content-length": String(declared) },
    });
    req.on("response", (res) => {
      let body = "";
      res.on("data", (chunk) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, ms: Date.now() - startedAt }));
    });
    req.on("error", reject);
    req.write("{");
    // The rest never comes: only an answer that does not wait for it ends this test.
  });
}

describe("request bodies", () => {
  let app: StartedApp;
  beforeAll(async () => {
    app = await start("workspace", database, {
      bodyLimits: { default: 1 * MB, routes: [{ prefix: "/api/connect", limit: 4 * 1024 }] },
    });
  });

  it("over the limit are refused with 413 before they are read, from the announced length", async () => {
    const answer = await announceLargeBody(app.base, "/api/trpc/auth.signIn", 50 * MB);
    expect(answer.status).toBe(413);
    expect(answer.body).toContain("at most 1 MB");
    expect(answer.ms).toBeLessThan(5_000);
  });

  it("over the limit are refused with 413 when they come in chunks without a length", async () => {
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    const body = new Readable({
      read() {
        sent += chunk.length;
        this.push(sent <= 3 * MB ? chunk : null);
      },
    });
    const response = await fetch(`${app.base}/login`, {
      method: "POST",
      headers: { origin: app.base, "content-type": "application/x-www-form-urlencoded" },
      body: Readable.toWeb(body) as ReadableStream,
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
  });

  it("within the limit reach the app as before", async () => {
    // Read and answered by the sign-in form: too long for an address, but no 413.
    const response = await signInForm(app.base, `padding-${"x".repeat(200_000)}@example.test`);
    expect(response.status).toBe(400);
    const json = await fetch(`${app.base}/api/trpc/auth.signIn`, {
      method: "POST",
      headers: { origin: app.base, "content-type": "application/json" },
      body: JSON.stringify({ json: { email: "a@example.test", password: "x".repeat(100_000) } }),
    });
    expect(json.status).not.toBe(413);
  });

  it("follow a route's own limit where one is set", async () => {
    const response = await fetch(`${app.base}/api/connect/whoami`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: { padding: "x".repeat(8 * 1024) } }),
    });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("at most 4 KB");
  });
});

describe("pages", () => {
  let workspace: StartedApp;
  let portal: StartedApp;
  beforeAll(async () => {
    workspace = await start("workspace", database, { mapTileUrl: "https://tiles.example/{z}/{x}/{y}.png" });
    portal = await start("portal", database);
  });

  it.each(["workspace", "portal"] as const)(
    "of the %s carry a CSP whose nonce is on every script, and are never cached",
    async (which) => {
      const base = which === "workspace" ? workspace.base : portal.base;
      const nonces = new Set<string>();
      for (const path of ["/login", "/forgot-password"]) {
        const response = await fetch(`${base}${path}`);
        expect(response.status).toBe(200);
        const policy = response.headers.get("content-security-policy") ?? "";
        const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
        expect(nonce, policy).toBeDefined();
        nonces.add(nonce!);
        expect(policy).toContain("frame-ancestors 'none'");
        expect(policy).toContain("object-src 'none'");
        expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
        const html = await response.text();
        const scripts = html.match(/<script\b[^>]*>/g) ?? [];
        expect(scripts.length).toBeGreaterThan(0);
        for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
        expect(response.headers.get("cache-control")).toBe("private, no-store");
      }
      // A fresh nonce per response.
      expect(nonces.size).toBe(2);
    },
  );

  it("allow the configured map tiles as images", async () => {
    const policy = (await fetch(`${workspace.base}/login`)).headers.get("content-security-policy");
    expect(policy).toContain("img-src 'self' data: https://tiles.example");
  });

  it("are not cached even when a 404", async () => {
    const response = await fetch(`${workspace.base}/no/such/page`);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
  });

  it("answer a Host header no URL can be made of with 400, not 500", async () => {
    expect(await rawGet(`${workspace.base}/login`, { host: "bad host name" })).toBe(400);
  });

  it("leave fingerprinted assets cacheable", async () => {
    const html = await (await fetch(`${workspace.base}/login`)).text();
    const asset = /(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const response = await fetch(`${workspace.base}${asset}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("immutable");
  });
});

describe("the client's address behind a proxy", () => {
  /** The address the last failed sign-in for `email` was recorded with. */
  async function recordedAddress(email: string) {
    const e = schema.loginEvents;
    const rows = await withSystem(database.db, (tx) =>
      tx.select({ emailHash: e.emailHash, address: e.clientAddress }).from(e),
    );
    const row = rows.find((r) => r.emailHash === hashEmail(email));
    return row?.address ?? null;
  }

  it.each([
    ["no TRUST_PROXY: the socket", false, "203.0.113.9", "127.0.0.1"],
    ["one hop", 1, "203.0.113.9", "203.0.113.9"],
    ["one hop, spoofed first entry", 1, "198.51.100.1, 203.0.113.9", "203.0.113.9"],
    ["a list naming loopback", ["loopback"], "203.0.113.9", "203.0.113.9"],
    ["a list not naming this proxy", ["10.0.0.0/8"], "203.0.113.9", "127.0.0.1"],
  ] as const)("%s", async (_name, trustProxy, forwardedFor, expected) => {
    const app = await start("workspace", database, {
      trustProxy:
        trustProxy === false ? false : typeof trustProxy === "number" ? trustProxy : [...trustProxy],
    });
    const email = `proxy-${Math.random().toString(36).slice(2)}@example.test`;
    const response = await signInForm(app.base, email, { "x-forwarded-for": forwardedFor });
    expect(response.status).toBe(401);
    expect(await recordedAddress(email)).toBe(expected);
  });
});

describe("the development mailbox", () => {
  /** Another address of this machine that is not loopback, when it has one. */
  const outside = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === "IPv4" && !i.internal)?.address;

  it("is not there unless the launcher enabled it, in development", async () => {
    const off = await start("workspace", database, { development: true, devMailbox: false });
    expect((await fetch(`${off.base}/dev/mail`)).status).toBe(404);
    const production = await start("workspace", database, { development: false, devMailbox: true });
    expect((await fetch(`${production.base}/dev/mail`)).status).toBe(404);
  });

  it("opens only to this machine, asked for by a loopback name, without a proxy", async () => {
    const app = await start("workspace", database, {
      development: true,
      devMailbox: true,
      host: "0.0.0.0",
      trustProxy: 1,
    });
    const local = await fetch(`http://127.0.0.1:${app.port}/dev/mail`);
    expect(local.status).toBe(200);
    expect(await local.text()).toContain("Mailbox");
    expect((await fetch(`http://localhost:${app.port}/dev/mail`)).status).toBe(200);

    // A loopback caller asking for another host name (DNS rebinding, a tunnel).
    const rebound = await rawGet(`http://127.0.0.1:${app.port}/dev/mail`, { host: "evil.example" });
    expect(rebound).toBe(404);
    // Through a proxy on this machine, the caller is somebody else.
    for (const header of ["x-forwarded-for", "x-forwarded-host", "forwarded", "x-real-ip"]) {
      const proxied = await fetch(`http://127.0.0.1:${app.port}/dev/mail`, {
        headers: { [header]: header === "forwarded" ? "for=203.0.113.9" : "203.0.113.9" },
      });
      expect(proxied.status, header).toBe(404);
    }
    // A caller on the network, even one that names a loopback host.
    if (outside) {
      expect(await rawGet(`http://${outside}:${app.port}/dev/mail`, { host: `127.0.0.1:${app.port}` })).toBe(
        404,
      );
    }
  });
});

/** A GET with exactly these headers (fetch does not let a test set Host). */
function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<number>((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}

describe.each(testEngines())("a database error during a form action on %s", (engine) => {
  it("reaches the log as kinds and codes, without the SQL or what was typed", async () => {
    const own = await createTestDatabase(engine);
    try {
      const app = await startApp("workspace", own);
      const console = vi.spyOn(globalThis.console, "error").mockImplementation(() => {});
      // Break the table sign-in reads: the failing query carries the typed address as a parameter.
      await own.asOwner("alter table staff_users rename to staff_users_gone");
      const marker = "marker-7f3a9c";
      const response = await signInForm(app.base, `${marker}@example.test`);
      expect(response.status).toBe(500);
      const printed = [...app.lines, ...console.mock.calls.map((call) => call.map(String).join(" "))].join(
        "\n",
      );
      console.mockRestore();
      app.server.close();
      const failure = app.lines.map((line) => JSON.parse(line)).find((l) => l.message === "Request failed");
      expect(failure, printed).toMatchObject({ level: "error", method: "POST", path: "/login" });
      // The database's code (undefined table), under the engine's error class name.
      expect(
        failure.causes.some((cause: string) => cause.endsWith(":42P01")),
        printed,
      ).toBe(true);
      // The procedure's own line names its path.
      const procedure = app.lines
        .map((line) => JSON.parse(line))
        .find((l) => l.message === "Procedure failed");
      expect(procedure).toMatchObject({ path: "auth.signIn", code: "INTERNAL_SERVER_ERROR" });
      expect(printed).not.toContain(marker);
      expect(printed).not.toMatch(/select|staff_users|params/i);
    } finally {
      await own.destroy().catch(() => {});
    }
  });
});
