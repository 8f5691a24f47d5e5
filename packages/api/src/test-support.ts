import { mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAuth, createMailer, silentLog } from "@ordinavo/auth";
import type { Database } from "@ordinavo/db";
import { createTestDatabase, type TestDatabase } from "@ordinavo/db/testing";
import {
  buildTeam,
  buildTenant,
  type CreateTenantInput,
  type StaffIds,
  seedDemo,
  type TeamMember,
} from "@ordinavo/demo";
import { DiskFileStore } from "@ordinavo/files";
import { TRPCError } from "@trpc/server";
import { expect } from "vitest";
import { workspaceCaller } from "./callers";
import type { ApiServices } from "./context";

// Test support for integration tests: a migrated database, the API services around it, and
// signed-in workspace callers that make each call as a fresh HTTP request would. Tests build the
// data they need with the builders of @ordinavo/demo (buildTenant, buildCustomer, buildVisit…);
// accounts that sign in get TEST_PASSWORD, as `buildWorkspace` gives it to a tenant's staff.

export const TEST_PASSWORD = "integration-pass-2026";
export const WORKSPACE = "http://workspace.test";
export const PORTAL = "http://portal.test";
/** The demo's "now" in `createApiHarness`: seeded history lies before it, plans after it. */
export const SEED_NOW = new Date("2026-11-20T09:00:00Z");

export function request(origin: string, cookie?: string) {
  const headers = new Headers({ origin, "user-agent": "vitest" });
  if (cookie) headers.set("cookie", cookie);
  return new Request(`${origin}/`, { method: "POST", headers });
}

export interface ApiHarness {
  database: TestDatabase;
  db: Database;
  services: ApiServices;
  /** A workspace API signed in as this staff member (one sign-in, reused per email). */
  staff(email: string): Promise<WorkspaceApi>;
  destroy(): Promise<void>;
}

export type WorkspaceApi = Awaited<ReturnType<typeof workspaceCaller>>["api"];

/** A freshly migrated, empty database with the API services around it. */
export async function openApiHarness(engine: Parameters<typeof createTestDatabase>[0]): Promise<ApiHarness> {
  const database = await createTestDatabase(engine);
  const filesRoot = mkdtempSync(join(tmpdir(), "ordinavo-files-"));
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
    // Real files on disk, in a directory of this harness's own (removed by `destroy`).
    files: new DiskFileStore(filesRoot),
  };
  const cookies = new Map<string, string>();
  return {
    database,
    db: database.db,
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
    async destroy() {
      await rm(filesRoot, { recursive: true, force: true });
      await database.destroy();
    },
  };
}

/**
 * The whole demo story (at SEED_NOW) behind the API, for the benchmark and for tests not yet moved
 * to builders. New tests build their own data on `openApiHarness`.
 */
export async function createApiHarness(
  engine: Parameters<typeof createTestDatabase>[0],
): Promise<ApiHarness> {
  const harness = await openApiHarness(engine);
  await seedDemo(harness.db, { password: TEST_PASSWORD, now: SEED_NOW });
  return harness;
}

/**
 * A tenant (with any settings and gates) and its staff, who sign in with TEST_PASSWORD:
 * `buildWorkspace(h.db, { admin: "tenant_admin", lucas: { role: "employee", name: "Lucas Moreau" } })`.
 */
export async function buildWorkspace<K extends string>(
  db: Database,
  members: Record<K, TeamMember>,
  settings: Partial<CreateTenantInput> = {},
): Promise<{ tenantId: string; staff: Record<K, StaffIds> }> {
  const { tenantId } = await buildTenant(db, settings);
  const staff = await buildTeam(db, { tenantId, password: TEST_PASSWORD, members });
  return { tenantId, staff };
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
