import { execFile } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { schema, withTenant } from "@ordinavo/db";
import { testEngines } from "@ordinavo/db/testing";
import { buildApiKey, buildCustomer, buildTenant } from "@ordinavo/demo";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleConnectRequest } from "./http";
import { type ApiHarness, openApiHarness } from "./test-support";

const run = promisify(execFile);
const packageDir = path.resolve(import.meta.dirname, "..");

/**
 * The README's "Ordinavo Connect from a script" example (examples/sync-and-upsert.ts), run as a
 * separate process against the real Connect HTTP handler: an incremental sync and an upsert with
 * an Idempotency-Key, twice, as a scheduled job would.
 */
describe.each(testEngines())("examples/sync-and-upsert.ts on %s", (engine) => {
  let h: ApiHarness;
  let server: ReturnType<typeof createServer>;
  let url = "";
  let secret = "";
  let tenantId = "";

  beforeAll(async () => {
    h = await openApiHarness(engine);
    ({ tenantId } = await buildTenant(h.db, { name: "Rhône Facility Services" }));
    for (let n = 1; n <= 3; n++) {
      await buildCustomer(h.db, {
        tenantId,
        number: `C-${n}`,
        name: `Customer ${n}`,
        updatedAt: new Date(`2026-0${n}-01T08:00:00Z`),
      });
    }
    const other = await buildTenant(h.db);
    await buildCustomer(h.db, { tenantId: other.tenantId, name: "Not theirs" });
    ({ secret } = await buildApiKey(h.db, { tenantId, scopes: ["customers:read", "customers:write"] }));
    server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const request = new Request(`http://127.0.0.1${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks),
      });
      const response = await handleConnectRequest({
        request,
        services: h.services,
        endpoint: "/api/connect",
      });
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
    await h?.destroy();
  });

  const script = async (env: Record<string, string>) => {
    const { stdout } = await run(process.execPath, ["--import", "tsx", "examples/sync-and-upsert.ts"], {
      cwd: packageDir,
      env: { PATH: process.env.PATH ?? "", ORDINAVO_URL: url, ORDINAVO_API_KEY: secret, ...env },
    });
    return stdout.trim().split("\n");
  };

  it("syncs what changed, upserts once with a retry, and picks up from where it stopped", async () => {
    const first = await script({});
    expect(first.filter((line) => line.startsWith("changed"))).toEqual([
      "changed\tC-1\tCustomer 1",
      "changed\tC-2\tCustomer 2",
      "changed\tC-3\tCustomer 3",
    ]);
    const since = first.find((line) => line.startsWith("next updatedSince"))!.split("\t")[1]!;
    // A minute before the last change seen.
    expect(since).toBe("2026-03-01T07:59:00.000Z");
    const upsert = first.find((line) => line.startsWith("upsert"))!.split("\t");
    expect(upsert.slice(0, 3)).toEqual(["upsert", "0", "created"]);
    // The retry with the same Idempotency-Key got the first answer, not a second write.
    expect(first.at(-1)).toBe("retry\tcreated");

    const second = await script({ ORDINAVO_SINCE: since });
    // Only what changed since: the last customer (inside the minute's overlap) and the upserted one.
    expect(second.filter((line) => line.startsWith("changed"))).toEqual([
      "changed\tC-3\tCustomer 3",
      "changed\tERP-1001\tBoulangerie Martin",
    ]);
    expect(
      second
        .find((line) => line.startsWith("upsert"))!
        .split("\t")
        .slice(0, 4),
    ).toEqual(["upsert", "0", "unchanged", upsert[3]]);
    const stored = await withTenant(h.db, tenantId, (tx) =>
      tx
        .select({ id: schema.customers.id })
        .from(schema.customers)
        .where(and(eq(schema.customers.tenantId, tenantId), eq(schema.customers.number, "ERP-1001"))),
    );
    expect(stored).toHaveLength(1);
    // Two runs, two keys: one stored answer each.
    const keys = await withTenant(h.db, tenantId, (tx) => tx.select().from(schema.connectIdempotencyKeys));
    expect(keys).toHaveLength(2);
  }, 60_000);
});
