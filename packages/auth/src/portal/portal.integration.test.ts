import { withSystem, withTenant } from "@ordinavo/db";
import { portalSessions, portalUsers, securityEvents, staffSessions } from "@ordinavo/db/schema";
import { testEngines } from "@ordinavo/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, HOUR } from "../clock";
import { listDevMail } from "../mail/mailer";
import { INVALID_SIGN_IN_MESSAGE } from "../sign-in";
import {
  type AuthHarness,
  createPortalUser,
  createStaff,
  createTenant,
  GOOD_PASSWORD,
  OTHER_GOOD_PASSWORD,
  openHarness,
  unique,
} from "../test-support";
import { hashToken } from "../tokens";

describe.each(testEngines())("portal sessions on %s", (engine) => {
  let h: AuthHarness;
  beforeAll(async () => {
    h = await openHarness(engine);
  });
  afterAll(() => h?.database.destroy());

  async function securityKinds(tenantId: string, userId: string) {
    const rows = await withTenant(h.db, tenantId, (tx) =>
      tx.select().from(securityEvents).where(eq(securityEvents.subjectUserId, userId)),
    );
    return rows.map((row) => row.kind).sort();
  }

  async function portalSignedIn(grants = 1) {
    const tenant = await createTenant(h.db);
    const { user, grants: rows } = await createPortalUser(h.db, tenant.id, { grants });
    const result = await h.auth.portal.signIn({
      email: user.email,
      password: GOOD_PASSWORD,
      clientAddress: "192.0.2.5",
    });
    if (!result.ok) throw new Error(`sign-in failed: ${result.reason}`);
    return { tenant, user, grants: rows, result };
  }

  it("signs in and validates with the tenant and the grants", async () => {
    const { tenant, user, grants, result } = await portalSignedIn(2);
    expect(result.cookie).toMatch(
      /^ordinavo_portal=[A-Za-z0-9_-]{43}; HttpOnly; Max-Age=86400; Path=\/; SameSite=Lax$/,
    );
    expect(result.tenantId).toBe(tenant.id);
    const validated = await h.auth.portal.validate(result.token);
    expect(validated).toEqual({
      user: {
        id: user.id,
        tenantId: tenant.id,
        email: user.email,
        name: user.name,
        locale: "en",
        currentCustomerId: null,
        grants: expect.arrayContaining(
          grants.map((grant) => ({ id: grant.id, customerId: grant.customerId, locationId: null })),
        ),
      },
      session: {
        id: hashToken(result.token),
        expiresAt: new Date(h.clock().getTime() + 2 * HOUR),
        absoluteExpiresAt: new Date(h.clock().getTime() + DAY),
      },
    });
    expect(validated!.user.grants).toHaveLength(2);
  });

  it("answers a wrong password and an unknown email identically, and records sign_in_failed", async () => {
    const tenant = await createTenant(h.db);
    const { user } = await createPortalUser(h.db, tenant.id);
    const wrong = await h.auth.portal.signIn({ email: user.email, password: "nope nope nope" });
    const unknown = await h.auth.portal.signIn({
      email: `x-${unique()}@customer.test`,
      password: GOOD_PASSWORD,
    });
    expect(wrong).toEqual({ ok: false, reason: "invalid", message: INVALID_SIGN_IN_MESSAGE });
    expect(unknown).toEqual(wrong);
    expect(await securityKinds(tenant.id, user.id)).toEqual(["sign_in_failed"]);
  });

  it("never accepts a staff cookie, and staff never accepts a portal cookie", async () => {
    const { result: portal } = await portalSignedIn();
    const tenant = await createTenant(h.db);
    const staffUser = await createStaff(h.db, { memberships: [{ tenantId: tenant.id, role: "manager" }] });
    const staff = await h.auth.staff.signIn({ email: staffUser.email, password: GOOD_PASSWORD });
    if (!staff.ok) throw new Error("staff sign-in failed");

    expect(await h.auth.portal.validate(staff.token)).toBeNull();
    expect(await h.auth.staff.validate(portal.token)).toBeNull();
    // Both still work in their own realm, and each lives only in its own table.
    expect(await h.auth.staff.validate(staff.token)).not.toBeNull();
    expect(await h.auth.portal.validate(portal.token)).not.toBeNull();
    expect(await h.db.select().from(staffSessions).where(eq(staffSessions.id, portal.sessionId))).toEqual([]);
    expect(
      await withSystem(h.db, (tx) =>
        tx.select().from(portalSessions).where(eq(portalSessions.id, staff.sessionId)),
      ),
    ).toEqual([]);

    // Cookie names differ, and each realm reads only its own from a header carrying both.
    expect(h.auth.staff.cookieName).not.toBe(h.auth.portal.cookieName);
    const header = `${portal.cookie.split(";")[0]}; ${staff.cookie.split(";")[0]}`;
    expect(h.auth.staff.readToken(header)).toBe(staff.token);
    expect(h.auth.portal.readToken(header)).toBe(portal.token);
    expect(h.auth.staff.readToken(portal.cookie.split(";")[0])).toBeNull();
    expect(h.auth.portal.readToken(staff.cookie.split(";")[0])).toBeNull();
  });

  it("has a shorter idle timeout than staff", async () => {
    const { result } = await portalSignedIn();
    h.clock.advance(2 * HOUR + 1000);
    expect(await h.auth.portal.validate(result.token)).toBeNull();
  });

  it("ends at the absolute lifetime even when used", async () => {
    const { result } = await portalSignedIn();
    for (let hour = 1; hour < 24; hour++) {
      h.clock.advance(HOUR + 10 * 60_000);
      const validated = await h.auth.portal.validate(result.token);
      if (hour * 70 < 24 * 60) expect(validated, `hour ${hour}`).not.toBeNull();
      else expect(validated, `hour ${hour}`).toBeNull();
    }
  });

  it("signs out", async () => {
    const { result } = await portalSignedIn();
    expect(await h.auth.portal.signOut(result.token)).toBe(
      "ordinavo_portal=; HttpOnly; Max-Age=0; Path=/; SameSite=Lax",
    );
    expect(await h.auth.portal.validate(result.token)).toBeNull();
  });

  it("revoking a grant takes effect on the next request; revoking the last one ends the sessions", async () => {
    const { tenant, user, grants, result } = await portalSignedIn(2);
    const staffUser = await createStaff(h.db, {
      memberships: [{ tenantId: tenant.id, role: "tenant_admin" }],
    });
    const outcome = await h.auth.portal.revokeGrant(tenant.id, grants[0]!.id, staffUser.id);
    expect(outcome).toEqual({ revoked: true, portalUserId: user.id, remainingGrants: 1, sessionsEnded: 0 });
    // The session stays, and its very next validation holds only the remaining grant.
    expect((await h.auth.portal.validate(result.token))!.user.grants.map((grant) => grant.id)).toEqual([
      grants[1]!.id,
    ]);
    expect(await securityKinds(tenant.id, user.id)).toEqual(["grant_revoked"]);

    // Revoking the last grant ends every session at once, and sign-in is refused like a wrong password.
    const second = await h.auth.portal.signIn({ email: user.email, password: GOOD_PASSWORD });
    if (!second.ok) throw new Error("sign-in failed");
    expect(await h.auth.portal.revokeGrant(tenant.id, grants[1]!.id, staffUser.id)).toEqual({
      revoked: true,
      portalUserId: user.id,
      remainingGrants: 0,
      sessionsEnded: 2,
    });
    const left = await withSystem(h.db, (tx) =>
      tx.select().from(portalSessions).where(eq(portalSessions.userId, user.id)),
    );
    expect(left).toEqual([]);
    expect(await h.auth.portal.validate(result.token)).toBeNull();
    expect(await h.auth.portal.validate(second.token)).toBeNull();
    expect(await securityKinds(tenant.id, user.id)).toEqual([
      "grant_revoked",
      "grant_revoked",
      "session_revoked",
    ]);
    expect(await h.auth.portal.signIn({ email: user.email, password: GOOD_PASSWORD })).toMatchObject({
      ok: false,
      reason: "invalid",
    });
  });

  it("does not revoke another tenant's grant", async () => {
    const { grants, result } = await portalSignedIn();
    const other = await createTenant(h.db);
    expect(await h.auth.portal.revokeGrant(other.id, grants[0]!.id, null)).toMatchObject({ revoked: false });
    expect(await h.auth.portal.validate(result.token)).not.toBeNull();
  });

  it("refuses sessions of a user without grants or disabled", async () => {
    const { tenant, user, result } = await portalSignedIn();
    const other = await h.auth.portal.signIn({ email: user.email, password: GOOD_PASSWORD });
    if (!other.ok) throw new Error("sign-in failed");
    expect(await h.auth.portal.disableUser(tenant.id, user.id, null)).toEqual({
      disabled: true,
      sessionsEnded: 2,
    });
    expect(await h.auth.portal.validate(result.token)).toBeNull();
    expect(await h.auth.portal.signIn({ email: user.email, password: GOOD_PASSWORD })).toMatchObject({
      ok: false,
    });

    // Disabled behind the service's back: the next validation refuses and deletes the session.
    const second = await portalSignedIn();
    await withTenant(h.db, second.tenant.id, (tx) =>
      tx.update(portalUsers).set({ disabledAt: h.clock() }).where(eq(portalUsers.id, second.user.id)),
    );
    expect(await h.auth.portal.validate(second.result.token)).toBeNull();
  });

  describe("one email in several tenants", () => {
    it("signs in to the most recently created account when the password fits several", async () => {
      const email = `shared-${unique()}@customer.test`;
      const older = await createTenant(h.db);
      const newer = await createTenant(h.db);
      await createPortalUser(h.db, older.id, { email });
      await new Promise((resolve) => setTimeout(resolve, 5));
      const { user: newest } = await createPortalUser(h.db, newer.id, { email: email.toUpperCase() });
      const result = await h.auth.portal.signIn({ email, password: GOOD_PASSWORD });
      expect(result).toMatchObject({ ok: true, tenantId: newer.id, userId: newest.id });
    });

    it("signs in to the account whose password matches", async () => {
      const email = `split-${unique()}@customer.test`;
      const first = await createTenant(h.db);
      const second = await createTenant(h.db);
      const { user: a } = await createPortalUser(h.db, first.id, { email, password: OTHER_GOOD_PASSWORD });
      await createPortalUser(h.db, second.id, { email });
      expect(await h.auth.portal.signIn({ email, password: OTHER_GOOD_PASSWORD })).toMatchObject({
        ok: true,
        tenantId: first.id,
        userId: a.id,
      });
    });
  });

  describe("password reset", () => {
    const resetUrl = (token: string) => `http://localhost:3001/reset-password/${token}`;

    it("mails a single-use link per account, ends sessions and records security events", async () => {
      const { tenant, user, result } = await portalSignedIn();
      await h.auth.portal.requestPasswordReset({ email: user.email, resetUrl });
      const [mail] = await listDevMail(h.db, { to: user.email });
      expect(mail!.subject).toContain(tenant.name);
      const token = mail!.link!.slice("http://localhost:3001/reset-password/".length);

      expect(await h.auth.portal.resetPassword(token, "football")).toMatchObject({
        ok: false,
        reason: "password_rejected",
      });
      expect(await h.auth.portal.resetPassword(token, OTHER_GOOD_PASSWORD)).toEqual({
        ok: true,
        userId: user.id,
        sessionsEnded: 1,
      });
      expect(await h.auth.portal.validate(result.token)).toBeNull();
      expect(await h.auth.portal.resetPassword(token, "another fine passphrase")).toMatchObject({
        ok: false,
        reason: "invalid_token",
      });
      expect((await h.auth.portal.signIn({ email: user.email, password: OTHER_GOOD_PASSWORD })).ok).toBe(
        true,
      );
      expect(await securityKinds(tenant.id, user.id)).toEqual([
        "password_changed",
        "password_reset_requested",
        "session_revoked",
      ]);
    });

    it("sends nothing for unknown addresses", async () => {
      const email = `nobody-${unique()}@customer.test`;
      await h.auth.portal.requestPasswordReset({ email, resetUrl });
      expect(await listDevMail(h.db, { to: email })).toEqual([]);
    });
  });

  it("changes the password and can end the other sessions", async () => {
    const { tenant, user, result } = await portalSignedIn();
    const other = await h.auth.portal.signIn({ email: user.email, password: GOOD_PASSWORD });
    if (!other.ok) throw new Error("sign-in failed");
    expect(
      await h.auth.portal.changePassword(user.id, GOOD_PASSWORD, OTHER_GOOD_PASSWORD, {
        endOtherSessions: true,
        keepSessionId: result.sessionId,
      }),
    ).toEqual({ ok: true, sessionsEnded: 1 });
    expect(await h.auth.portal.validate(result.token)).not.toBeNull();
    expect(await h.auth.portal.validate(other.token)).toBeNull();
    expect(await securityKinds(tenant.id, user.id)).toEqual(["password_changed", "session_revoked"]);
  });
});
