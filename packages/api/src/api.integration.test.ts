import { schema, withTenant } from "@ordinavo/db";
import { testEngines } from "@ordinavo/db/testing";
import { buildCustomer, buildPortalUser, type StaffIds } from "@ordinavo/demo";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectCaller, portalCaller, workspaceCaller } from "./callers";
import type { ApiServices } from "./context";
import { describeError } from "./errors";
import {
  type ApiHarness,
  buildWorkspace,
  openApiHarness,
  PORTAL,
  refusal,
  request,
  TEST_PASSWORD,
  WORKSPACE,
} from "./test-support";

// Sign-in, roles, invitations, realms and API keys. The data: a tenant with one member of each
// role, eight customers and a portal user who sees one of them; a second tenant with its own
// admin and customers, whose rows must never show up.

/** "name=value" of the first Set-Cookie a call produced. */
const cookiePair = (cookies: string[]) => cookies[0]!.split(";")[0]!;

describe.each(testEngines())("the API on %s", (engine) => {
  let h: ApiHarness;
  let services: ApiServices;
  let staffOf: Record<"admin" | "manager" | "dispatcher" | "employee", StaffIds>;
  let otherAdmin: StaffIds;
  let portalEmail: string;

  const signIn = async (email: string) => {
    const { api, cookies } = await workspaceCaller({ services, request: request(WORKSPACE) });
    await api.auth.signIn({ email, password: TEST_PASSWORD });
    return cookiePair(cookies);
  };
  /** A fresh request with this cookie, as the next HTTP request would be. */
  const asStaff = async (cookie: string) =>
    (await workspaceCaller({ services, request: request(WORKSPACE, cookie) })).api;
  const staff = async (email: string) => asStaff(await signIn(email));

  beforeAll(async () => {
    h = await openApiHarness(engine);
    services = h.services;
    const ours = await buildWorkspace(
      h.db,
      { admin: "tenant_admin", manager: "manager", dispatcher: "dispatcher", employee: "employee" },
      { name: "Rhône Facility Services" },
    );
    staffOf = ours.staff;
    const names = ["Atelier", "Boulangerie", "Clinique", "Dépôt", "École", "Ferme", "Garage", "Hôtel"];
    const customerIds: string[] = [];
    for (const [i, name] of names.entries()) {
      const { customerId } = await buildCustomer(h.db, {
        tenantId: ours.tenantId,
        number: `C-${1001 + i}`,
        name: `${name} Test`,
        notes: "Internal remark the integration must not receive",
      });
      customerIds.push(customerId);
    }
    ({ email: portalEmail } = await buildPortalUser(h.db, {
      tenantId: ours.tenantId,
      customerId: customerIds[0]!,
      password: TEST_PASSWORD,
    }));

    const theirs = await buildWorkspace(h.db, { admin: "tenant_admin" }, { name: "Northwind Maintenance" });
    otherAdmin = theirs.staff.admin;
    for (const name of ["Aardvark Other", "Abbey Other", "Acme Other"]) {
      await buildCustomer(h.db, { tenantId: theirs.tenantId, name });
    }
  }, 120_000);
  afterAll(() => h?.destroy());

  it("signs a staff member in and tells them who and where they are", async () => {
    const api = await staff(staffOf.admin.email);
    const me = await api.session.me();
    expect(me.user.email).toBe(staffOf.admin.email);
    expect(me.active).toMatchObject({ role: "tenant_admin" });
    expect(me.active!.allowedActions).toContain("user.manage");
  });

  it("answers a wrong password and an unknown address alike", async () => {
    const { api } = await workspaceCaller({ services, request: request(WORKSPACE) });
    const wrong = await api.auth
      .signIn({ email: staffOf.admin.email, password: "not-the-password" })
      .catch((e) => e);
    const unknown = await api.auth
      .signIn({ email: "nobody@demo.example", password: "not-the-password" })
      .catch((e) => e);
    expect(wrong.code).toBe("UNAUTHORIZED");
    expect(unknown.code).toBe(wrong.code);
    expect(unknown.message).toBe(wrong.message);
  });

  it("refuses what the role does not allow, with the same rule the UI uses", async () => {
    const employee = await staff(staffOf.employee.email);
    const me = await employee.session.me();
    expect(me.active!.allowedActions).not.toContain("user.manage");
    expect(await refusal(employee.users.list())).toBe("FORBIDDEN");
    expect(await refusal(employee.apiKeys.list())).toBe("FORBIDDEN");
    expect(await refusal(employee.settings.get())).toBe("FORBIDDEN");
    const manager = await staff(staffOf.manager.email);
    expect(await refusal(manager.apiKeys.create({ name: "x", scopes: ["customers:read"] }))).toBe(
      "FORBIDDEN",
    );
  });

  it("answers another tenant's member NOT_FOUND, exactly like a missing one", async () => {
    const admin = await staff(staffOf.admin.email);
    const northwindAdmin = await staff(otherAdmin.email);
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
    const admin = await staff(staffOf.admin.email);
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
    const admin = await staff(staffOf.admin.email);
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
    await portalApi.auth.signIn({ email: portalEmail, password: TEST_PASSWORD });
    const portalCookie = cookiePair(portalCookies);
    const { api: wsApi, cookies: wsCookies } = await workspaceCaller({
      services,
      request: request(WORKSPACE),
    });
    await wsApi.auth.signIn({ email: staffOf.admin.email, password: TEST_PASSWORD });
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
    expect(portalMe.user.email).toBe(portalEmail);
    expect(portalMe.places.length).toBeGreaterThan(0);
  });

  it("creates an API key that reads only its own tenant's customers, with the integration's fields", async () => {
    const admin = await staff(staffOf.admin.email);
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
    const theirs = await withTenant(h.db, me.active!.tenantId, (tx) =>
      tx.select({ id: schema.customers.id }).from(schema.customers),
    );
    const ids = new Set(theirs.map((c) => c.id));
    expect(first.items.every((c) => ids.has(c.id))).toBe(true);

    await admin.apiKeys.revoke({ apiKeyId: apiKey.id });
    const revoked = await connectCaller({ services, apiKey: secret });
    expect(await refusal(revoked.whoami())).toBe("UNAUTHORIZED");
  });

  it("refuses an API key whose scopes do not cover the procedure", async () => {
    const admin = await staff(staffOf.admin.email);
    const { secret } = await admin.apiKeys.create({ name: "Targets only", scopes: ["targets:read"] });
    const connect = await connectCaller({ services, apiKey: secret });
    expect(await refusal(connect.customers.list({}))).toBe("FORBIDDEN");
  });

  it("ends a disabled member's access at once", async () => {
    const admin = await staff(staffOf.admin.email);
    const dispatcherCookie = await signIn(staffOf.dispatcher.email);
    const { user } = await (await asStaff(dispatcherCookie)).session.me();
    await admin.users.setDisabled({ userId: user.id, disabled: true });
    // The next request with the same cookie finds no session.
    expect(await refusal((await asStaff(dispatcherCookie)).session.me())).toBe("UNAUTHORIZED");
    await admin.users.setDisabled({ userId: user.id, disabled: false });
    const membership = await withTenant(h.db, (await admin.session.me()).active!.tenantId, (tx) =>
      tx.select().from(schema.tenantMemberships).where(eq(schema.tenantMemberships.userId, user.id)),
    );
    expect(membership[0]!.disabledAt).toBeNull();
  });
});
