import { testEngines } from "@ordinavo/db/testing";
import { createJobs } from "@ordinavo/jobs";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { workspaceCaller } from "./callers";
import { handleWorkspaceRequest } from "./http";
import {
  type ApiHarness,
  buildWorkspace,
  openApiHarness,
  request,
  TEST_PASSWORD,
  WORKSPACE,
} from "./test-support";

// Input a stranger can type or a script can send must be answered with a 4xx and a message that
// says what to fix — never a 500. These go through the HTTP handler, as the world sees it.

const cursor = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString("base64url");
const NUL = "\u0000";
const FAR_DAY = "9999-12-31";

interface Answer {
  status: number;
  code?: string;
  message?: string;
  fields: Record<string, string[]>;
}

describe.each(testEngines())("bad input on %s", (engine) => {
  let h: ApiHarness;
  const cookies = new Map<string, string>();
  let customerId: string;
  let accounts: { admin: string; dispatcher: string };
  let targetId: string;
  let employeeId: string;

  /** One procedure call over HTTP, signed in as the dispatcher unless told otherwise. */
  async function call(
    method: string,
    procedure: string,
    input?: unknown,
    options: { signedIn?: boolean; as?: string } = {},
  ): Promise<Answer> {
    const headers = new Headers({ origin: WORKSPACE, "content-type": "application/json" });
    if (options.signedIn !== false) headers.set("cookie", cookies.get(options.as ?? accounts.dispatcher)!);
    const encoded = JSON.stringify({ json: input });
    const query = method === "GET" && input !== undefined ? `?input=${encodeURIComponent(encoded)}` : "";
    const response = await handleWorkspaceRequest({
      request: new Request(`${WORKSPACE}/api/trpc/${procedure}${query}`, {
        method,
        headers,
        body: method === "GET" || method === "HEAD" ? undefined : encoded,
      }),
      services: h.services,
      endpoint: "/api/trpc",
    });
    const body = (await response.json()) as {
      error?: { json: { message: string; data: { code: string; fieldErrors?: Record<string, string[]> } } };
    };
    const error = body.error?.json;
    return {
      status: response.status,
      code: error?.data.code,
      message: error?.message,
      fields: error?.data.fieldErrors ?? {},
    };
  }

  /** A refusal that names the field to fix. */
  function expectFieldRefusal(answer: Answer, field: string) {
    expect(answer.status, JSON.stringify(answer)).toBe(400);
    expect(answer.code).toBe("VALIDATION");
    expect(Object.keys(answer.fields)).toContain(field);
    expect(answer.fields[field]!.join(" ")).not.toMatch(/something went wrong/i);
  }

  beforeAll(async () => {
    h = await openApiHarness(engine);
    const { staff } = await buildWorkspace(h.db, {
      admin: "tenant_admin",
      dispatcher: "dispatcher",
      employee: "employee",
    });
    accounts = { admin: staff.admin.email, dispatcher: staff.dispatcher.email };
    for (const email of [accounts.dispatcher, accounts.admin]) {
      const signIn = await workspaceCaller({ services: h.services, request: request(WORKSPACE) });
      await signIn.api.auth.signIn({ email, password: TEST_PASSWORD });
      cookies.set(email, signIn.cookies[0]!.split(";")[0]!);
    }
    const admin = await h.staff(accounts.admin);
    const dispatcher = await h.staff(accounts.dispatcher);
    const customer = await admin.customers.create({ number: "BAD-1", name: "Bad Input Test" });
    customerId = customer.id;
    targetId = (await dispatcher.targets.create({ customerId, title: "Check the input" })).id;
    employeeId = staff.employee.userId;
  }, 180_000);
  afterAll(() => h?.destroy());

  describe("a well-formed cursor holding the wrong values", () => {
    it.each([
      ["name", ["Bad Input Test", "not-a-uuid"]],
      ["number", ["BAD-1", "not-a-uuid"]],
      ["recent", ["not a date", "7d1f4a2e-0000-4000-8000-000000000000"]],
      ["recent", ["2025-13-45 25:61:00+00", "7d1f4a2e-0000-4000-8000-000000000000"]],
      ["recent", ["2025-03-01 10:00:00+00", "not-a-uuid"]],
      ["name", [`A${NUL}`, "7d1f4a2e-0000-4000-8000-000000000000"]],
    ])("is refused on the %s sort (%j)", async (sort, values) => {
      expectFieldRefusal(await call("GET", "customers.list", { sort, after: cursor(values) }), "after");
    });

    it("still pages with a cursor the server made", async () => {
      const first = await call("GET", "customers.list", { sort: "recent", limit: 1 });
      expect(first.status).toBe(200);
    });
  });

  describe("NUL characters in text", () => {
    it("are refused in a customer search", async () => {
      expectFieldRefusal(await call("GET", "customers.list", { q: `ab${NUL}c` }), "q");
    });

    it("are refused in an internal note", async () => {
      const note = { objectType: "customer", objectId: customerId, body: `Door code 12${NUL}34` };
      const answer = await call("POST", "internalNotes.add", note, { as: accounts.admin });
      expectFieldRefusal(answer, "body");
    });
  });

  describe("dates far outside any plan", () => {
    it("are refused on the board", async () => {
      for (const span of ["day", "week"]) {
        expectFieldRefusal(await call("GET", "board.view", { day: FAR_DAY, span }), "day");
      }
      expectFieldRefusal(await call("GET", "board.view", { day: "1000-01-01", span: "week" }), "day");
    });

    it("are refused for a route day", async () => {
      expectFieldRefusal(await call("GET", "routes.day", { employeeId, day: FAR_DAY }), "day");
    });

    it("are refused for appointments", async () => {
      const far = await call("POST", "appointments.create", {
        targetId,
        plannedStart: `${FAR_DAY}T08:00:00Z`,
        plannedEnd: `${FAR_DAY}T09:00:00Z`,
        assignedEmployeeId: null,
      });
      expectFieldRefusal(far, "plannedStart");
      const ancient = await call("POST", "appointments.create", {
        targetId,
        plannedStart: "1899-12-31T08:00:00Z",
        plannedEnd: "1899-12-31T09:00:00Z",
        assignedEmployeeId: null,
      });
      expectFieldRefusal(ancient, "plannedStart");
    });

    it("leave ordinary days alone", async () => {
      expect((await call("GET", "board.view", { day: "2026-11-23", span: "week" })).status).toBe(200);
      expect((await call("GET", "routes.day", { employeeId, day: "2026-11-23" })).status).toBe(200);
    });
  });

  describe("the wrong HTTP method", () => {
    it.each([
      ["GET", "customers.create", { number: "BAD-2", name: "Never" }],
      ["POST", "customers.list", {}],
      ["PUT", "customers.list", {}],
      ["DELETE", "customers.create", {}],
    ])("%s on %s is 405, not an internal error", async (method, procedure, input) => {
      for (const signedIn of [true, false]) {
        const answer = await call(method, procedure, input, { signedIn });
        expect(answer.status, JSON.stringify(answer)).toBe(405);
        expect(answer.code).toBe("METHOD_NOT_ALLOWED");
        expect(answer.message).toMatch(/GET|POST/);
      }
    });
  });

  describe("a request the parser cannot read", () => {
    it("is a 400", async () => {
      const response = await handleWorkspaceRequest({
        request: new Request(`${WORKSPACE}/api/trpc/customers.list?input=%7Bnot-json`, {
          headers: { cookie: cookies.get(accounts.dispatcher)!, origin: WORKSPACE },
        }),
        services: h.services,
        endpoint: "/api/trpc",
      });
      expect(response.status).toBe(400);
    });
  });
});

describe("PUT /api/inngest from anyone", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("neither calls out nor fails with a 500", async () => {
    const outbound = vi.fn(async () => Response.json({}));
    vi.stubGlobal("fetch", outbound);
    const jobs = createJobs({ db: {} as never, config: { mode: "in-process" } });
    const response = await jobs.handler(
      new Request(`${WORKSPACE}/api/inngest`, { method: "PUT", headers: { host: "workspace.test" } }),
    );
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(outbound).not.toHaveBeenCalled();
  });
});
