import { readdirSync, readFileSync } from "node:fs";
import http, { type IncomingHttpHeaders, type Server } from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { createTestDatabase, type TestDatabase } from "@ordinavo/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBuild } from "./builds";
import { startApp } from "./test-server";

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as sent (still encoded). */
  raw: Buffer;
}

/** A GET with exactly the Accept-Encoding given (fetch would add its own and decode). */
function get(base: string, pathname: string, acceptEncoding?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = acceptEncoding ? { "accept-encoding": acceptEncoding } : {};
    http
      .get(`${base}${pathname}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, raw: Buffer.concat(chunks) }),
        );
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

/** The body decoded as its Content-Encoding says. */
function decoded(answer: Answer): Buffer {
  const encoding = answer.headers["content-encoding"];
  if (encoding === "br") return zlib.brotliDecompressSync(answer.raw);
  if (encoding === "gzip") return zlib.gunzipSync(answer.raw);
  expect(encoding, "no other encoding is sent").toBeUndefined();
  return answer.raw;
}

describe("compressed answers", () => {
  let database: TestDatabase;
  const servers: Server[] = [];
  let workspace: string;
  let plain: string;
  let script: { name: string; bytes: Buffer };

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    const on = await startApp("workspace", database);
    const off = await startApp("portal", database, { compress: false });
    servers.push(on.server, off.server);
    workspace = on.base;
    plain = off.base;
    // The workspace's largest browser file: the build left .br and .gz copies beside it.
    const { clientDir } = await loadBuild("workspace");
    const assets = path.join(clientDir, "assets");
    const name = readdirSync(assets)
      .filter((file) => file.endsWith(".js"))
      .map((file) => ({ file, size: readFileSync(path.join(assets, file)).length }))
      .sort((a, b) => b.size - a.size)[0]!.file;
    script = { name, bytes: readFileSync(path.join(assets, name)) };
  });
  afterAll(async () => {
    for (const server of servers) server.close();
    await database?.destroy().catch(() => {});
  });

  it("sends a browser file as the build's brotli copy, cached for a year, when brotli is accepted", async () => {
    const answer = await get(workspace, `/assets/${script.name}`, "gzip, deflate, br");
    expect(answer.status).toBe(200);
    expect(answer.headers["content-encoding"]).toBe("br");
    expect(answer.headers.vary).toMatch(/accept-encoding/i);
    expect(answer.headers["content-type"]).toMatch(/javascript/);
    expect(answer.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    // The copy made at build, not one made now: the same bytes as the file on disk.
    const { clientDir } = await loadBuild("workspace");
    expect(answer.raw.equals(readFileSync(path.join(clientDir, "assets", `${script.name}.br`)))).toBe(true);
    expect(decoded(answer).equals(script.bytes)).toBe(true);
    expect(answer.raw.length).toBeLessThan(script.bytes.length / 2);
  });

  it("sends gzip to a browser without brotli, and the file as it is to one that accepts neither", async () => {
    const gzip = await get(workspace, `/assets/${script.name}`, "gzip");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(decoded(gzip).equals(script.bytes)).toBe(true);

    const identity = await get(workspace, `/assets/${script.name}`);
    expect(identity.headers["content-encoding"]).toBeUndefined();
    expect(identity.raw.equals(script.bytes)).toBe(true);
    expect(identity.headers.vary).toMatch(/accept-encoding/i);
  });

  it("compresses pages and API answers on the fly, and never caches them", async () => {
    const page = await get(workspace, "/login", "gzip, br");
    expect(page.status).toBe(200);
    expect(page.headers["content-encoding"]).toBe("br");
    expect(page.headers["cache-control"]).toBe("private, no-store");
    expect(decoded(page).toString("utf8")).toContain("Ordinavo Workspace");

    // A batch of calls nobody signed in for: a JSON answer of several KB.
    const calls = Array.from({ length: 8 }, () => "customers.list").join(",");
    const api = await get(workspace, `/api/trpc/${calls}?batch=1`, "gzip");
    expect(api.status).toBe(401);
    expect(api.headers["content-encoding"]).toBe("gzip");
    expect(api.headers["content-type"]).toMatch(/json/);
    const body = decoded(api).toString("utf8");
    expect(body.length).toBeGreaterThan(1024);
    expect(JSON.parse(body)).toHaveLength(8);

    // A small answer is not worth compressing: sent as it is.
    const small = await get(workspace, "/api/connect/customers.list", "gzip, br");
    expect(small.status).toBe(401);
    expect(small.raw.length).toBeLessThan(1024);
    expect(small.headers["content-encoding"]).toBeUndefined();
  });

  it("leaves pages alone when compression is off (a proxy in front does it) but still sends compressed files", async () => {
    const page = await get(plain, "/login", "gzip, br");
    expect(page.status).toBe(200);
    expect(page.headers["content-encoding"]).toBeUndefined();
    expect(page.raw.toString("utf8")).toContain("Ordinavo Customer Portal");

    const { clientDir } = await loadBuild("portal");
    const file = readdirSync(path.join(clientDir, "assets")).find((name) => name.endsWith(".js.br"))!;
    const asset = await get(plain, `/assets/${file.replace(/\.br$/, "")}`, "br");
    expect(asset.headers["content-encoding"]).toBe("br");
  });
});
