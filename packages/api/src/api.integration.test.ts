import { createAuth, createMailer, silentLog } from "@ordinavo/auth";
import { schema, withTenant } from "@ordinavo/db";
import { createTestDatabase, type TestDatabase, testEngines } from "@ordinavo/db/testing";
import { DEMO_ACCOUNTS, NORTHWIND_ACCOUNTS, seedDemo } from "@ordinavo/demo";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectCaller, portalCaller, workspaceCaller } from "./callers";
import type { ApiServices } from "./context";
import { describeError } from "./errors";

const PASSWORD = "integration-pass-2026";
const WORKSPACE = "http://workspace.test";
const PORTAL = "http://portal.test";

function request(origin: string, cookie?: string) {
  const headers = new Headers({ origin, "user-agent": "vitest" });
  if (cookie) headers.set("cookie", cookie);
  return new Request(`${origin}/`, { method: "POST", headers });
}

/** "name=value" of the first Set-Cookie a call produced. */
const cookiePair = (cookies: string[]) => cookies[0]!.split(";")[0]!;

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "the call should have been refused").toBeInstanceOf(TRPCError);
  return (error as TRPCError).code;
}

describe.each(testEngines())("the API on %s", (engine) => {
  let database: TestDatabase;
  let services: ApiServices;

  const signIn = async (email: string) => {
    const { api, cookies } = await workspaceCaller({ services, request: request(WORKSPACE) });
    await api.auth.signIn({ email, password: PASSWORD });
    return cookiePair(cookies);
  };
  /** A fresh request with this cookie, as the next HTTP request would be. */
  const asStaff = async (cookie: string) =>
    (await workspaceCaller({ services, request: request(WORKSPACE, cookie) })).api;
  const staff = async (email: string) => asStaff(await signIn(email));

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await seedDemo(database.db, { password: PASSWORD, now: new Date("2026-11-20T09:00:00Z") });
    const mailer = createMailer({
      db: database.db,
      from: "Ordinavo <no-reply@ordinavo.example>",
      log: silentLog,
    });
    services = {
      db: database.db,
      auth: createAuth({ db: database.db, mailer, log: silentLog, secureCookies: false }),
      links: {
        workspace: (p) => new URL(p, WORKSPACE).toString(),
        portal: (p) => new URL(p, PORTAL).toString(),
      },
      origins: { workspace: [WORKSPACE], portal: [PORTAL] },
      devMailbox: true,
    };
  }, 120_000);
  afterAll(() => database?.destroy());

  it("signs a staff member in and tells them who and where they are", async () => {
    const api = await staff(DEMO_ACCOUNTS.admin);
    const me = await api.session.me();
    expect(me.user.email).toBe(DEMO_ACCOUNTS.admin);
    expect(me.active).toMatchObject({ role: "tenant_admin" });
    expect(me.active!.allowedActions).toContain("user.manage");
  });

  it("answers a wrong password and an unknown address alike", async () => {
    const { api } = await workspaceCaller({ services, request: request(WORKSPACE) });
    const wrong = await api.auth
      .signIn({ email: DEMO_ACCOUNTS.admin, password: "not-the-password" })
      .catch((e) => e);
    const unknown = await api.auth
      .signIn({ email: "nobody@demo.example", password: "not-the-password" })
      .catch((e) => e);
    expect(wrong.code).toBe("UNAUTHORIZED");
    expect(unknown.code).toBe(wrong.code);
    expect(unknown.message).toBe(wrong.message);
  });

  it("refuses what the role does not allow, with the same rule the UI uses", async () => {
    const employee = await staff(DEMO_ACCOUNTS.employee);
    const me = await employee.session.me();
    expect(me.active!.allowedActions).not.toContain("user.manage");
    expect(await refusal(employee.users.list())).toBe("FORBIDDEN");
    expect(await refusal(employee.apiKeys.list())).toBe("FORBIDDEN");
    expect(await refusal(employee.settings.get())).toBe("FORBIDDEN");
    const manager = await staff(DEMO_ACCOUNTS.manager);
    expect(await refusal(manager.apiKeys.create({ name: "x", scopes: ["customers:read"] }))).toBe(
      "FORBIDDEN",
    );
  });

  it("answers another tenant's member NOT_FOUND, exactly like a missing one", async () => {
    const admin = await staff(DEMO_ACCOUNTS.admin);
    const northwindAdmin = await staff(NORTHWIND_ACCOUNTS.admin);
    const northwindMe = await northwindAdmin.session.me();
    const outsider = northwindMe.user.id;
    expect(await refusal(admin.users.changeRole({ userId: outsider, role: "employee" }))).toBe("NOT_FOUND");
    expect(await refusal(admin.users.changeRole({ userId: crypto.randomUUID(), role: "employee" }))).toBe(
      "NOT_FOUND",
    );
    // And nothing changed on the other side.
    expect((await northwindAdmin.session.me()).active!.role).toBe("tenant_admin");
  });

  it("keeps the last tenant admin and rejects bad input field by field without writing", async () => {
    const admin = await staff(DEMO_ACCOUNTS.admin);
    const me = await admin.session.me();
    const error = await admin.users.changeRole({ userId: me.user.id, role: "employee" }).catch((e) => e);
    expect(error.code).toBe("CONFLICT");
    const bad = await admin.users.invite({ email: "not-an-email", role: "owner" as never }).catch((e) => e);
    expect(bad.code).toBe("BAD_REQUEST");
    expect(Object.keys(describeError(bad).data.fieldErrors ?? {}).sort()).toEqual(["email", "role"]);
    const { invitations } = await admin.users.list();
    expect(invitations.some((i) => i.email === "not-an-email")).toBe(false);
  });

  it("invites a person by mail and lets them accept once", async () => {
    const admin = await staff(DEMO_ACCOUNTS.admin);
    await admin.users.invite({ email: "new.tech@demo.example", role: "employee" });
    const [mail] = await services.auth.mail.listDevMail({ to: "new.tech@demo.example" });
    const token = new URL(mail!.link!).pathname.split("/").pop()!;
    const { api, cookies } = await workspaceCaller({ services, request: request(WORKSPACE) });
    expect(await api.auth.invitation({ token })).toMatchObject({
      email: "new.tech@demo.example",
      role: "employee",
    });
    await api.auth.acceptInvitation({ token, name: "Nouveau Technicien", password: "a fresh passphrase 42" });
    const signedIn = (await workspaceCaller({ services, request: request(WORKSPACE, cookiePair(cookies)) }))
      .api;
    expect((await signedIn.session.me()).active!.role).toBe("employee");
    expect(
      await refusal(api.auth.acceptInvitation({ token, name: "Again", password: "another passphrase 42" })),
    ).toBe("NOT_FOUND");
  });

  it("refuses a staff cookie in the portal and a portal cookie in the workspace", async () => {
    const { api: portalApi, cookies: portalCookies } = await portalCaller({
      services,
      request: request(PORTAL),
    });
    await portalApi.auth.signIn({ email: DEMO_ACCOUNTS.portal, password: PASSWORD });
    const portalCookie = cookiePair(portalCookies);
    const { api: wsApi, cookies: wsCookies } = await workspaceCaller({
      services,
      request: request(WORKSPACE),
    });
    await wsApi.auth.signIn({ email: DEMO_ACCOUNTS.admin, password: PASSWORD });
    const staffCookie = cookiePair(wsCookies);

    const portalWithStaffCookie = (await portalCaller({ services, request: request(PORTAL, staffCookie) }))
      .api;
    expect(await refusal(portalWithStaffCookie.session.me())).toBe("UNAUTHORIZED");
    // Same token value under the portal's cookie name: still not a portal session.
    const forged = `${portalCookie.split("=")[0]}=${staffCookie.split("=")[1]}`;
    expect(
      await refusal((await portalCaller({ services, request: request(PORTAL, forged) })).api.session.me()),
    ).toBe("UNAUTHORIZED");
    const workspaceWithPortalCookie = (
      await workspaceCaller({ services, request: request(WORKSPACE, portalCookie) })
    ).api;
    expect(await refusal(workspaceWithPortalCookie.session.me())).toBe("UNAUTHORIZED");

    const portalMe = await (
      await portalCaller({ services, request: request(PORTAL, portalCookie) })
    ).api.session.me();
    expect(portalMe.user.email).toBe(DEMO_ACCOUNTS.portal);
    expect(portalMe.places.length).toBeGreaterThan(0);
  });

  it("creates an API key that reads only its own tenant's customers, with the integration's fields", async () => {
    const admin = await staff(DEMO_ACCOUNTS.admin);
    const { secret, apiKey } = await admin.apiKeys.create({ name: "ERP sync", scopes: ["customers:read"] });
    expect(secret).not.toContain(apiKey.id);
    const connect = await connectCaller({ services, apiKey: secret });
    expect(await connect.whoami()).toEqual({ tenantName: expect.any(String), scopes: ["customers:read"] });

    const first = await connect.customers.list({ limit: 5 });
    expect(first.items).toHaveLength(5);
    expect(first.nextCursor).not.toBeNull();
    const second = await connect.customers.list({ limit: 5, after: first.nextCursor! });
    expect(second.items[0]!.name >= first.items[4]!.name).toBe(true);
    for (const customer of first.items) {
      expect(Object.keys(customer)).not.toContain("notes");
      expect(Object.keys(customer)).not.toContain("tenantId");
    }
    const me = await admin.session.me();
    const theirs = await withTenant(database.db, me.active!.tenantId, (tx) =>
      tx.select({ id: schema.customers.id }).from(schema.customers),
    );
    const ids = new Set(theirs.map((c) => c.id));
    expect(first.items.every((c) => ids.has(c.id))).toBe(true);

    await admin.apiKeys.revoke({ apiKeyId: apiKey.id });
    const revoked = await connectCaller({ services, apiKey: secret });
    expect(await refusal(revoked.whoami())).toBe("UNAUTHORIZED");
  });

  it("refuses an API key whose scopes do not cover the procedure", async () => {
    const admin = await staff(DEMO_ACCOUNTS.admin);
    const { secret } = await admin.apiKeys.create({ name: "Targets only", scopes: ["targets:read"] });
    const connect = await connectCaller({ services, apiKey: secret });
    expect(await refusal(connect.customers.list({}))).toBe("FORBIDDEN");
  });

  it("ends a disabled member's access at once", async () => {
    const admin = await staff(DEMO_ACCOUNTS.admin);
    const dispatcherCookie = await signIn(DEMO_ACCOUNTS.dispatcher);
    const { user } = await (await asStaff(dispatcherCookie)).session.me();
    await admin.users.setDisabled({ userId: user.id, disabled: true });
    // The next request with the same cookie finds no session.
    expect(await refusal((await asStaff(dispatcherCookie)).session.me())).toBe("UNAUTHORIZED");
    await admin.users.setDisabled({ userId: user.id, disabled: false });
    const membership = await withTenant(database.db, (await admin.session.me()).active!.tenantId, (tx) =>
      tx.select().from(schema.tenantMemberships).where(eq(schema.tenantMemberships.userId, user.id)),
    );
    expect(membership[0]!.disabledAt).toBeNull();
  });
});
