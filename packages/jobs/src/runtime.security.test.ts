import type { Database } from "@ordinavo/db";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createJobs, type JobsConfig } from "./runtime";

// PUT /api/inngest asks the app to sync its functions. Unsigned, the SDK answers by calling out to
// the Inngest server; nobody but the Inngest server (or an operator who asked for it) may make
// this process do that. The database is never touched on these paths.

const db = {} as Database;
const url = "http://workspace.test/api/inngest";
/** A request to the serve handler, as the server hands it over (the SDK reads the Host header). */
const put = (headers: Record<string, string> = {}, body?: string) =>
  new Request(url, { method: "PUT", headers: { host: "workspace.test", ...headers }, body });
const cloud: JobsConfig = {
  mode: "inngest",
  isDev: false,
  baseUrl: "http://inngest.test",
  eventKey: "event-key",
  signingKey: "signkey-prod-0123456789abcdef0123456789abcdef",
};

describe("registration requests to the serve handler", () => {
  let outbound: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    outbound = vi.fn(async () => Response.json({ ok: true, modified: false }));
    vi.stubGlobal("fetch", outbound);
  });
  afterEach(() => vi.unstubAllGlobals());

  it("are refused in-process without calling anywhere", async () => {
    const jobs = createJobs({ db, config: { mode: "in-process" } });
    const response = await jobs.handler(put());
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, POST");
    expect(outbound).not.toHaveBeenCalled();
  });

  it("are refused unsigned with an Inngest server, without calling it", async () => {
    const jobs = createJobs({ db, config: cloud });
    const attempts: Record<string, string>[] = [
      {},
      { "x-inngest-sync-kind": "out_of_band" },
      { "x-inngest-sync-kind": "in_band" },
    ];
    for (const headers of attempts) {
      const response = await jobs.handler(put(headers));
      expect(response.status).toBe(401);
    }
    expect(outbound).not.toHaveBeenCalled();
  });

  it("reach the SDK when signed for an in-band sync, which checks the signature and calls nobody", async () => {
    const jobs = createJobs({ db, config: cloud });
    const response = await jobs.handler(
      put(
        {
          "content-type": "application/json",
          "x-inngest-sync-kind": "in_band",
          "x-inngest-signature": `t=${Math.floor(Date.now() / 1000)}&s=${"0".repeat(64)}`,
        },
        JSON.stringify({ url }),
      ),
    );
    // A forged signature: the SDK's own check answers, still without an outbound call.
    expect(response.status, await response.clone().text()).toBe(401);
    expect(outbound).not.toHaveBeenCalled();
  });

  it("register with the Inngest server only when the operator asked for it", async () => {
    const jobs = createJobs({ db, config: { ...cloud, registerOnPut: true } });
    const response = await jobs.handler(put());
    expect(response.status, await response.clone().text()).toBeLessThan(500);
    expect(outbound).toHaveBeenCalledTimes(1);
    expect(String(outbound.mock.calls[0]![0])).toContain("http://inngest.test");
  });

  it("leave the other methods to the SDK", async () => {
    const jobs = createJobs({ db, config: { mode: "in-process" } });
    const unsigned = await jobs.handler(
      new Request(`${url}?fnId=ordinavo-create-follow-up&stepId=step`, {
        method: "POST",
        headers: { host: "workspace.test", "content-type": "application/json" },
        body: JSON.stringify({ event: { name: "x", data: {} }, steps: {} }),
      }),
    );
    expect(unsigned.status).toBe(401);
    expect(outbound).not.toHaveBeenCalled();
  });
});
