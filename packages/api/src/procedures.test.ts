import { actions } from "@ordinavo/policy";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { connectRouter } from "./connect";
import type { ApiServices } from "./context";
import { portalRouter } from "./portal";
import { connectT } from "./realms/connect";
import { portalT } from "./realms/portal";
import { workspaceT } from "./realms/workspace";
import { workspaceRouter } from "./workspace";

// Nothing below reaches a service: every call is refused before procedure code runs.
const unreachable = new Proxy({} as ApiServices, {
  get: (_target, name) => {
    throw new Error(`an anonymous call reached services.${String(name)}`);
  },
});
const anonymousRequest = { clientAddress: null, userAgent: null, sameOrigin: true };

const realms = [
  {
    name: "workspace",
    router: workspaceRouter,
    call: workspaceT.createCallerFactory(workspaceRouter)({
      services: unreachable,
      request: anonymousRequest,
      sessionToken: null,
      staff: null,
      cookies: [],
    }),
    publicProcedures: [
      "auth.acceptInvitation",
      "auth.invitation",
      "auth.requestPasswordReset",
      "auth.resetPassword",
      "auth.signIn",
      "dev.mailbox",
    ],
  },
  {
    name: "portal",
    router: portalRouter,
    call: portalT.createCallerFactory(portalRouter)({
      services: unreachable,
      request: anonymousRequest,
      sessionToken: null,
      portalUser: null,
      cookies: [],
    }),
    publicProcedures: [
      "auth.requestPasswordReset",
      "auth.resetPassword",
      "auth.signIn",
      "invitations.accept",
      "invitations.get",
    ],
  },
  {
    name: "connect",
    router: connectRouter,
    call: connectT.createCallerFactory(connectRouter)({ services: unreachable, apiKey: null }),
    publicProcedures: [],
  },
] as const;

type AnyProcedure = {
  _def: { meta?: { access?: string }; output?: unknown; inputs: unknown[]; type: string };
};

function proceduresOf(router: { _def: { procedures: object } }) {
  return Object.entries(router._def.procedures as Record<string, AnyProcedure>).sort(([a], [b]) =>
    a.localeCompare(b),
  );
}

function callByPath(caller: unknown, path: string, input: unknown) {
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return (fn as (input: unknown) => Promise<unknown>)(input);
}

describe.each(realms)("every procedure of the $name router", ({ router, call, publicProcedures }) => {
  const procedures = proceduresOf(router);

  it("has procedures", () => {
    expect(procedures.length).toBeGreaterThan(0);
  });

  it.each(procedures)("%s declares who may call it and what it returns", (_path, procedure) => {
    const access = procedure._def.meta?.access;
    expect(access, "meta.access").toBeDefined();
    expect(["public", "signed_in", ...actions]).toContain(access);
    expect(procedure._def.output, "output schema").toBeDefined();
  });

  it("is public exactly where intended", () => {
    const open = procedures.filter(([, p]) => p._def.meta?.access === "public").map(([path]) => path);
    expect(open).toEqual([...publicProcedures]);
  });

  it.each(procedures.filter(([, p]) => p._def.meta?.access !== "public"))(
    "%s refuses an anonymous caller with UNAUTHORIZED",
    async (path) => {
      const error = await callByPath(call, path, undefined).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code).toBe("UNAUTHORIZED");
    },
  );
});

describe("cross-site mutations", () => {
  it("are refused before any procedure code runs", async () => {
    const caller = workspaceT.createCallerFactory(workspaceRouter)({
      services: unreachable,
      request: { ...anonymousRequest, sameOrigin: false },
      sessionToken: null,
      staff: null,
      cookies: [],
    });
    const error = await caller.auth.signIn({ email: "a@b.example", password: "x" }).catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe("FORBIDDEN");
  });
});
