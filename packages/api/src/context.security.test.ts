import { createAuth, createMailer, silentLog } from "@ordinavo/auth";
import { createTestDatabase, type TestDatabase } from "@ordinavo/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workspaceCaller } from "./callers";
import { type ApiServices, fromThisMachine, isLoopbackHost, requestFacts } from "./context";
import { refusal } from "./test-support";

// The development mailbox shows every tenant's invitation and reset links: it must answer only
// a developer on this machine, however the request is dressed up.

const facts = (url: string, headers: Record<string, string>, clientAddress: string | null) =>
  requestFacts(new Request(url, { headers }), [], clientAddress);

describe("a request from this machine", () => {
  it.each([
    ["localhost:3000", true],
    ["127.0.0.1:3000", true],
    ["127.0.0.1", true],
    ["[::1]:3000", true],
    ["LOCALHOST", true],
    ["evil.example", false],
    ["127.0.0.1.evil.example", false],
    ["localhost.evil.example:3000", false],
    ["[::2]:3000", false],
    ["::1", false],
    ["", false],
  ])("Host %j is loopback: %j", (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });

  it("needs a loopback caller, Host and URL, and no proxy headers", () => {
    const local = { host: "127.0.0.1:3000" };
    expect(fromThisMachine(facts("http://127.0.0.1:3000/dev/mail", local, "127.0.0.1"))).toBe(true);
    expect(fromThisMachine(facts("http://127.0.0.1:3000/dev/mail", local, "::ffff:127.0.0.1"))).toBe(true);
    // A caller on the network.
    expect(fromThisMachine(facts("http://127.0.0.1:3000/dev/mail", local, "192.0.2.7"))).toBe(false);
    expect(fromThisMachine(facts("http://127.0.0.1:3000/dev/mail", local, null))).toBe(false);
    // A loopback caller asking for another name (DNS rebinding, a tunnel).
    expect(fromThisMachine(facts("http://127.0.0.1:3000/", { host: "evil.example" }, "127.0.0.1"))).toBe(
      false,
    );
    expect(fromThisMachine(facts("http://evil.example/", local, "127.0.0.1"))).toBe(false);
    // A proxy on this machine passing on somebody else's request.
    for (const header of [
      "x-forwarded-for",
      "x-forwarded-host",
      "x-forwarded-proto",
      "forwarded",
      "x-real-ip",
    ]) {
      expect(fromThisMachine(facts("http://127.0.0.1:3000/", { ...local, [header]: "x" }, "127.0.0.1"))).toBe(
        false,
      );
    }
    // Facts built without the request's host (older callers) never count as local.
    expect(fromThisMachine({ clientAddress: "127.0.0.1", userAgent: null, sameOrigin: true })).toBe(false);
  });
});

describe("the dev.mailbox procedure", () => {
  let database: TestDatabase;
  let services: ApiServices;
  const ask = (devMailbox: boolean, url: string, headers: Record<string, string>, clientAddress: string) =>
    workspaceCaller({
      services: { ...services, devMailbox },
      request: new Request(url, { headers }),
      clientAddress,
    }).then(({ api }) => api.dev.mailbox({}));

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    const mailer = createMailer({ db: database.db, from: "x <x@example.com>", log: silentLog });
    const auth = createAuth({ db: database.db, mailer, log: silentLog, secureCookies: false });
    services = {
      db: database.db,
      auth,
      links: { workspace: (p) => p, portal: (p) => p },
      origins: { workspace: [], portal: [] },
      devMailbox: false,
    };
  });
  afterAll(() => database?.destroy());

  it("answers a developer on this machine when the launcher enabled it", async () => {
    const mails = await ask(true, "http://127.0.0.1:3000/dev/mail", { host: "127.0.0.1:3000" }, "127.0.0.1");
    expect(mails).toEqual([]);
  });

  it("is NOT_FOUND for everybody else", async () => {
    const local = { host: "127.0.0.1:3000" };
    expect(await refusal(ask(false, "http://127.0.0.1:3000/dev/mail", local, "127.0.0.1"))).toBe("NOT_FOUND");
    expect(await refusal(ask(true, "http://127.0.0.1:3000/dev/mail", local, "203.0.113.9"))).toBe(
      "NOT_FOUND",
    );
    expect(
      await refusal(ask(true, "http://127.0.0.1:3000/dev/mail", { host: "evil.example" }, "127.0.0.1")),
    ).toBe("NOT_FOUND");
    expect(
      await refusal(
        ask(
          true,
          "http://127.0.0.1:3000/dev/mail",
          { ...local, "x-forwarded-for": "203.0.113.9" },
          "127.0.0.1",
        ),
      ),
    ).toBe("NOT_FOUND");
  });
});
