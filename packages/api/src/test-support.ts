import { createAuth, createMailer, silentLog } from "@ordinavo/auth";
import { createTestDatabase, type TestDatabase } from "@ordinavo/db/testing";
import { seedDemo } from "@ordinavo/demo";
import { TRPCError } from "@trpc/server";
import { expect } from "vitest";
import { workspaceCaller } from "./callers";
import type { ApiServices } from "./context";

// Test support for integration tests: a seeded demo database, the API services around it, and
// signed-in workspace callers that make each call as a fresh HTTP request would.

export const TEST_PASSWORD = "integration-pass-2026";
export const WORKSPACE = "http://workspace.test";
export const PORTAL = "http://portal.test";
/** The demo's "now": seeded history lies before it, plans after it. */
export const SEED_NOW = new Date("2026-11-20T09:00:00Z");

export function request(origin: string, cookie?: string) {
  const headers = new Headers({ origin, "user-agent": "vitest" });
  if (cookie) headers.set("cookie", cookie);
  return new Request(`${origin}/`, { method: "POST", headers });
}

export interface ApiHarness {
  database: TestDatabase;
  services: ApiServices;
  /** A workspace API signed in as this staff member (one sign-in, reused per email). */
  staff(email: string): Promise<WorkspaceApi>;
  destroy(): Promise<void>;
}

export type WorkspaceApi = Awaited<ReturnType<typeof workspaceCaller>>["api"];

export async function createApiHarness(
  engine: Parameters<typeof createTestDatabase>[0],
): Promise<ApiHarness> {
  const database = await createTestDatabase(engine);
  await seedDemo(database.db, { password: TEST_PASSWORD, now: SEED_NOW });
  const mailer = createMailer({
    db: database.db,
    from: "Ordinavo <no-reply@ordinavo.example>",
    log: silentLog,
  });
  const services: ApiServices = {
    db: database.db,
    auth: createAuth({ db: database.db, mailer, log: silentLog, secureCookies: false }),
    links: {
      workspace: (p) => new URL(p, WORKSPACE).toString(),
      portal: (p) => new URL(p, PORTAL).toString(),
    },
    origins: { workspace: [WORKSPACE], portal: [PORTAL] },
    devMailbox: true,
  };
  const cookies = new Map<string, string>();
  return {
    database,
    services,
    async staff(email) {
      let cookie = cookies.get(email);
      if (!cookie) {
        const signIn = await workspaceCaller({ services, request: request(WORKSPACE) });
        await signIn.api.auth.signIn({ email, password: TEST_PASSWORD });
        cookie = signIn.cookies[0]!.split(";")[0]!;
        cookies.set(email, cookie);
      }
      // Each call gets a fresh caller, as each HTTP request would.
      const session = cookie;
      return new Proxy({} as WorkspaceApi, {
        get(_target, key) {
          // Not a promise: `await h.staff(...)` must not look for a `then` procedure.
          if (key === "then") return undefined;
          return new Proxy(() => {}, {
            get(_t, procedure) {
              return async (input?: unknown) => {
                const { api } = await workspaceCaller({ services, request: request(WORKSPACE, session) });
                const router = (api as unknown as Record<string, Record<string, (i?: unknown) => unknown>>)[
                  key as string
                ]!;
                return router[procedure as string]!(input);
              };
            },
          });
        },
      });
    },
    destroy: () => database.destroy(),
  };
}

/** The tRPC code a call was refused with (fails the test when it was not refused). */
export async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "the call should have been refused").toBeInstanceOf(TRPCError);
  return (error as TRPCError).code;
}

/** The field errors a call was refused with (VALIDATION). */
export async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string[]>> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "the call should have been refused").toBeInstanceOf(TRPCError);
  const { describeError } = await import("./errors");
  const described = describeError(error as TRPCError);
  expect(described.data.code).toBe("VALIDATION");
  return described.data.fieldErrors ?? {};
}
