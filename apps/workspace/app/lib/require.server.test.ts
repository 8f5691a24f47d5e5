import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import { createRequestHandler } from "@remix-run/node";
import { beforeEach, describe, expect, it, vi } from "vitest";

// The API is replaced by a counter: what is tested is how often a page reaches it.
const calls = { callers: 0, me: 0 };
let signedIn = true;
vi.mock("@ordinavo/api", async (original) => ({
  ...(await original<typeof import("@ordinavo/api")>()),
  workspaceCaller: async () => {
    calls.callers += 1;
    const api = {
      session: {
        me: async () => {
          calls.me += 1;
          return { user: { id: "u", name: "Ada", email: "ada@example.test" }, tenants: [], active: null };
        },
      },
    };
    return { api, cookies: [], signedIn };
  },
}));

const { requireWorkspace } = await import("./require.server");

const context = () => ({ services: { api: {} }, clientAddress: null }) as unknown as AppLoadContext;
const get = (cookie = "s=1") => new Request("http://localhost/customers", { headers: { cookie } });

beforeEach(() => {
  calls.callers = 0;
  calls.me = 0;
  signedIn = true;
});

describe("requireWorkspace", () => {
  it("asks for session.me once per request, however many loaders ask", async () => {
    const shared = context();
    const [a, b] = await Promise.all([
      requireWorkspace({ request: get(), context: shared }),
      requireWorkspace({ request: get(), context: shared }),
    ]);
    await requireWorkspace({ request: get(), context: shared });
    expect(a.me.user.name).toBe("Ada");
    expect(b.api).toBe(a.api);
    expect(calls).toEqual({ callers: 1, me: 1 });
  });

  it("asks again for another request, or the same context with another session", async () => {
    await requireWorkspace({ request: get(), context: context() });
    await requireWorkspace({ request: get(), context: context() });
    const reused = context();
    await requireWorkspace({ request: get("s=1"), context: reused });
    await requireWorkspace({ request: get("s=2"), context: reused });
    expect(calls.me).toBe(4);
  });

  it("gives an action a fresh answer and lets the loaders after it ask again", async () => {
    const shared = context();
    await requireWorkspace({ request: get(), context: shared });
    await requireWorkspace({
      request: new Request("http://localhost/x", { method: "POST" }),
      context: shared,
    });
    await requireWorkspace({ request: get(), context: shared });
    await requireWorkspace({ request: get(), context: shared });
    expect(calls.me).toBe(3);
  });

  it("sends a signed-out visitor to sign in, back to the page they asked for", async () => {
    signedIn = false;
    const thrown = await requireWorkspace({
      request: new Request("http://localhost/customers?q=ab"),
      context: context(),
    }).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).headers.get("location")).toBe("/login?redirectTo=%2Fcustomers%3Fq%3Dab");
    expect(calls.me).toBe(0);
  });
});

describe("what the memo relies on in this Remix version", () => {
  it("hands a page's loaders one load context but each its own Request", async () => {
    const seen: { request: Request; context: unknown }[] = [];
    const loader = (args: { request: Request; context: unknown }) => {
      seen.push(args);
      return { ok: true };
    };
    const Nothing = () => null;
    const build = {
      mode: "production",
      basename: "/",
      publicPath: "/build/",
      assetsBuildDirectory: "build",
      isSpaMode: false,
      future: { v3_singleFetch: true },
      assets: { url: "/m.js", version: "1", entry: { module: "/e.js", imports: [] }, routes: {} },
      entry: {
        module: {
          default: () => new Response("<html></html>", { headers: { "content-type": "text/html" } }),
        },
      },
      routes: {
        root: { id: "root", path: "", module: { loader, default: Nothing } },
        "routes/child": {
          id: "routes/child",
          parentId: "root",
          path: "child",
          module: { loader, default: Nothing },
        },
      },
    } as unknown as ServerBuild;
    const handle = createRequestHandler(build, "production");
    const loadContext = { marker: 1 } as unknown as AppLoadContext;
    const response = await handle(new Request("http://localhost/child.data"), loadContext);
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(2);
    expect(seen[0]?.context).toBe(loadContext);
    expect(seen[1]?.context).toBe(loadContext);
    expect(seen[0]?.request).not.toBe(seen[1]?.request);
  });
});
