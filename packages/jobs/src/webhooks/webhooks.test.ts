import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, LookupFunction } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { retryAfterSeconds, sendWebhook } from "./send";
import { newWebhookSecret, signWebhook, verifyWebhook } from "./signing";

describe("signing (checked with the Standard Webhooks reference library)", () => {
  const body = JSON.stringify({ type: "customer.created", data: { id: "c1" } });

  it("verifies, and refuses a changed body, an old timestamp and another secret", () => {
    const secret = newWebhookSecret();
    const headers = signWebhook({ id: "msg_1", at: new Date(), body, secrets: [secret] });
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(`${body} `, { ...headers })).toThrow();
    const old = signWebhook({ id: "msg_1", at: new Date(Date.now() - 10 * 60_000), body, secrets: [secret] });
    expect(() => new Webhook(secret).verify(body, { ...old })).toThrow();
    expect(() => new Webhook(newWebhookSecret()).verify(body, { ...headers })).toThrow();
  });

  it("signs with both secrets while a rotation lasts", () => {
    const [current, previous] = [newWebhookSecret(), newWebhookSecret()];
    const headers = signWebhook({ id: "msg_2", at: new Date(), body, secrets: [current, previous] });
    expect(headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(() => new Webhook(current).verify(body, { ...headers })).not.toThrow();
    expect(() => new Webhook(previous).verify(body, { ...headers })).not.toThrow();
    // Our own check agrees with the library.
    expect(verifyWebhook({ secret: previous, headers, body, now: new Date() })).toBe(true);
    expect(verifyWebhook({ secret: previous, headers, body: "{}", now: new Date() })).toBe(false);
  });

  it("refuses secrets that are not whsec_ keys", () => {
    expect(() => signWebhook({ id: "m", at: new Date(), body, secrets: ["plain"] })).toThrow(/whsec_/);
    expect(() => signWebhook({ id: "m", at: new Date(), body, secrets: [] })).toThrow();
  });
});

describe("sending to a receiver on loopback", () => {
  let server: Server;
  let base: string;
  let connections = 0;
  const received: { path: string; headers: IncomingMessage["headers"]; body: string }[] = [];
  const answers: Record<string, (res: ServerResponse) => void> = {
    "/ok": (res) => res.writeHead(204).end(),
    "/moved": (res) => res.writeHead(302, { location: "/ok" }).end(),
    "/gone": (res) => res.writeHead(410).end("endpoint removed"),
    "/busy": (res) => res.writeHead(503, { "retry-after": "30" }).end("x".repeat(5000)),
    "/slow": () => {},
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => {
        body += chunk;
      });
      req.on("end", () => {
        received.push({ path: req.url ?? "", headers: req.headers, body });
        (answers[req.url ?? ""] ?? ((r: ServerResponse) => r.writeHead(404).end()))(res);
      });
    });
    server.on("connection", () => {
      connections += 1;
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    server.close();
  });

  const signed = (body: string) =>
    signWebhook({ id: "msg_send", at: new Date(), body, secrets: [newWebhookSecret()] });
  const send = (path: string, extra: Partial<Parameters<typeof sendWebhook>[0]> = {}) => {
    const body = JSON.stringify({ path });
    return sendWebhook({
      url: `${base}${path}`,
      headers: { ...signed(body) },
      body,
      allowPrivate: true,
      requireHttps: false,
      ...extra,
    });
  };

  it("delivers the signed body as sent", async () => {
    const outcome = await send("/ok");
    expect(outcome).toMatchObject({ ok: true, statusCode: 204, error: null, gone: false });
    const last = received.at(-1)!;
    expect(last.body).toBe(JSON.stringify({ path: "/ok" }));
    expect(last.headers["webhook-id"]).toBe("msg_send");
    expect(last.headers["content-type"]).toBe("application/json");
  });

  it("counts a redirect as a failure and does not follow it", async () => {
    const before = received.length;
    expect(await send("/moved")).toMatchObject({ ok: false, statusCode: 302, error: "http_302" });
    expect(received.length - before).toBe(1);
  });

  it("reports 410 as gone, keeps a short excerpt and the receiver's Retry-After", async () => {
    expect(await send("/gone")).toMatchObject({ ok: false, gone: true, responseExcerpt: "endpoint removed" });
    const busy = await send("/busy", { excerptBytes: 100 });
    expect(busy).toMatchObject({ ok: false, statusCode: 503, retryAfterSeconds: 30 });
    expect(busy.responseExcerpt).toHaveLength(100);
  });

  it("gives up on a receiver that does not answer in time", async () => {
    expect(await send("/slow", { timeoutMs: 200 })).toMatchObject({
      ok: false,
      statusCode: null,
      error: "timeout",
    });
  });

  it("refuses private addresses before connecting, whatever the name resolves to", async () => {
    const port = (server.address() as AddressInfo).port;
    const resolvesTo =
      (address: string): LookupFunction =>
      (_hostname, options, callback) => {
        if (options.all)
          (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [
            { address, family: 4 },
          ]);
        else callback(null, address, 4);
      };
    const body = "{}";
    const before = connections;
    for (const address of ["127.0.0.1", "10.20.30.40", "169.254.169.254", "192.168.1.10"]) {
      const outcome = await sendWebhook({
        url: `http://hooks.customer.test:${port}/ok`,
        headers: { ...signed(body) },
        body,
        allowPrivate: false,
        requireHttps: false,
        lookup: resolvesTo(address),
        timeoutMs: 2000,
      });
      expect(outcome, address).toMatchObject({ ok: false, error: "refused_address", statusCode: null });
    }
    // An address written in the URL is checked too.
    expect(
      await sendWebhook({ url: `${base}/ok`, headers: {}, body, allowPrivate: false, requireHttps: false }),
    ).toMatchObject({ ok: false, error: "refused_address" });
    expect(connections - before, "no connection was opened").toBe(0);
  });

  it("sends only to https outside development", async () => {
    expect(await send("/ok", { requireHttps: true })).toMatchObject({ ok: false, error: "insecure_url" });
    expect(await send("/ok", { url: "ftp://example.test/" })).toMatchObject({
      ok: false,
      error: "insecure_url",
    });
  });
});

describe("Retry-After", () => {
  it("reads seconds and HTTP dates", () => {
    const now = new Date("2026-12-05T10:00:00Z");
    expect(retryAfterSeconds("120", now)).toBe(120);
    expect(retryAfterSeconds("Sat, 05 Dec 2026 10:01:00 GMT", now)).toBe(60);
    expect(retryAfterSeconds("soon", now)).toBeNull();
    expect(retryAfterSeconds(undefined, now)).toBeNull();
  });
});
