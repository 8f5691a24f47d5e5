import { hash } from "@node-rs/argon2";
import { rowsOf } from "@ordinavo/db";
import { loginEvents, staffSessions, staffUsers } from "@ordinavo/db/schema";
import { testEngines } from "@ordinavo/db/testing";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, HOUR, MINUTE } from "../clock";
import { createAuth } from "../create-auth";
import { INVALID_SIGN_IN_MESSAGE } from "../sign-in";
import {
  type AuthHarness,
  cookieValue,
  createStaff,
  createTenant,
  GOOD_PASSWORD,
  openHarness,
  unique,
} from "../test-support";
import { hashToken } from "../tokens";

describe.each(testEngines())("staff sessions on %s", (engine) => {
  let h: AuthHarness;
  beforeAll(async () => {
    h = await openHarness(engine);
  });
  afterAll(() => h?.database.destroy());

  async function signedIn(password = GOOD_PASSWORD) {
    const tenant = await createTenant(h.db);
    const user = await createStaff(h.db, {
      password,
      memberships: [{ tenantId: tenant.id, role: "dispatcher" }],
    });
    const result = await h.auth.staff.signIn({
      email: user.email,
      password,
      clientAddress: "198.51.100.10",
      userAgent: "Vitest",
    });
    if (!result.ok) throw new Error(`sign-in failed: ${result.reason}`);
    return { tenant, user, result };
  }

  it("signs in with the right password and validates the cookie's token", async () => {
    const { tenant, user, result } = await signedIn();
    expect(result.userId).toBe(user.id);
    expect(result.tenantIds).toEqual([tenant.id]);
    expect(result.activeTenantId).toBe(tenant.id);
    expect(result.cookie).toMatch(
      /^ordinavo_staff=[A-Za-z0-9_-]{43}; HttpOnly; Max-Age=604800; Path=\/; SameSite=Lax$/,
    );
    expect(cookieValue(result.cookie)).toBe(result.token);

    const validated = await h.auth.staff.validate(result.token);
    expect(validated).toEqual({
      user: { id: user.id, email: user.email, name: user.name },
      session: {
        id: hashToken(result.token),
        activeTenantId: tenant.id,
        expiresAt: new Date(h.clock().getTime() + 8 * HOUR),
        absoluteExpiresAt: new Date(h.clock().getTime() + 7 * DAY),
      },
    });
  });

  it("uses __Host- cookies with Secure outside local development", async () => {
    const secure = createAuth({ db: h.db, mailer: h.mailer, log: h.log, secureCookies: true, now: h.clock });
    const user = await createStaff(h.db);
    const result = await secure.staff.signIn({ email: user.email, password: GOOD_PASSWORD });
    if (!result.ok) throw new Error("sign-in failed");
    expect(secure.staff.cookieName).toBe("__Host-ordinavo_staff");
    expect(secure.portal.cookieName).toBe("__Host-ordinavo_portal");
    expect(result.cookie).toMatch(
      /^__Host-ordinavo_staff=[A-Za-z0-9_-]{43}; HttpOnly; Max-Age=604800; Path=\/; SameSite=Lax; Secure$/,
    );
    expect(await secure.staff.signOut(result.token)).toBe(
      "__Host-ordinavo_staff=; HttpOnly; Max-Age=0; Path=/; SameSite=Lax; Secure",
    );
  });

  it("accepts the email in any case and with spaces around it", async () => {
    const user = await createStaff(h.db, { email: `Mixed.${unique()}@Example.test` });
    const result = await h.auth.staff.signIn({
      email: `  ${user.email.toUpperCase()} `,
      password: GOOD_PASSWORD,
    });
    expect(result.ok).toBe(true);
  });

  it("answers a wrong password and an unknown email identically", async () => {
    const user = await createStaff(h.db);
    const wrong = await h.auth.staff.signIn({ email: user.email, password: "not the password" });
    const unknown = await h.auth.staff.signIn({
      email: `nobody-${unique()}@example.test`,
      password: GOOD_PASSWORD,
    });
    const empty = await h.auth.staff.signIn({ email: "", password: "" });
    expect(wrong).toEqual({ ok: false, reason: "invalid", message: INVALID_SIGN_IN_MESSAGE });
    expect(unknown).toEqual(wrong);
    expect(empty).toEqual(wrong);
  });

  it("refuses a disabled user with the same answer, even with the right password", async () => {
    const user = await createStaff(h.db);
    await h.auth.staff.disableUser(user.id);
    expect(await h.auth.staff.signIn({ email: user.email, password: GOOD_PASSWORD })).toMatchObject({
      ok: false,
      reason: "invalid",
    });
  });

  it("upgrades a weaker password hash at the next sign-in", async () => {
    const weak = await hash(GOOD_PASSWORD, { algorithm: 2, memoryCost: 4096, timeCost: 1, parallelism: 1 });
    const user = await createStaff(h.db, { passwordHash: weak });
    expect((await h.auth.staff.signIn({ email: user.email, password: GOOD_PASSWORD })).ok).toBe(true);
    const [row] = await h.db.select().from(staffUsers).where(eq(staffUsers.id, user.id));
    expect(row!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect((await h.auth.staff.signIn({ email: user.email, password: GOOD_PASSWORD })).ok).toBe(true);
  });

  it("stores only the token's hash: the session table holds nothing that works as a cookie", async () => {
    const { user, result } = await signedIn();
    const rows = await h.db.select().from(staffSessions).where(eq(staffSessions.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(hashToken(result.token));
    const dump = rowsOf<Record<string, unknown>>(
      await h.db.execute(
        sql`select row_to_json(s)::text as json from staff_sessions s where user_id = ${user.id}`,
      ),
    );
    expect(JSON.stringify(dump)).not.toContain(result.token);
    // The stored id itself, presented as a cookie token, is no session.
    expect(await h.auth.staff.validate(rows[0]!.id)).toBeNull();
  });

  it("starts a new session on every sign-in", async () => {
    const { user, result: first } = await signedIn();
    const second = await h.auth.staff.signIn({ email: user.email, password: GOOD_PASSWORD });
    if (!second.ok) throw new Error("second sign-in failed");
    expect(second.token).not.toBe(first.token);
    expect(second.sessionId).not.toBe(first.sessionId);
    const rows = await h.db.select().from(staffSessions).where(eq(staffSessions.userId, user.id));
    expect(rows).toHaveLength(2);
    expect(await h.auth.staff.validate(first.token)).not.toBeNull();
    expect(await h.auth.staff.validate(second.token)).not.toBeNull();
  });

  it("signs out: the session is gone and the cookie is cleared", async () => {
    const { result } = await signedIn();
    const cleared = await h.auth.staff.signOut(result.token);
    expect(cleared).toBe("ordinavo_staff=; HttpOnly; Max-Age=0; Path=/; SameSite=Lax");
    expect(await h.auth.staff.validate(result.token)).toBeNull();
    const rows = await h.db.select().from(staffSessions).where(eq(staffSessions.id, result.sessionId));
    expect(rows).toHaveLength(0);
  });

  it("refuses malformed tokens without trouble", async () => {
    for (const token of ["", "x", "a".repeat(44), "ordinavo_staff=abc", "a".repeat(10_000)]) {
      expect(await h.auth.staff.validate(token)).toBeNull();
    }
  });

  it("ends a session after the idle timeout, counted from its last use", async () => {
    const { result } = await signedIn();
    h.clock.advance(3 * HOUR);
    expect(await h.auth.staff.validate(result.token)).not.toBeNull();
    h.clock.advance(8 * HOUR - MINUTE);
    expect(await h.auth.staff.validate(result.token)).not.toBeNull();
    h.clock.advance(8 * HOUR);
    expect(await h.auth.staff.validate(result.token)).toBeNull();
    // Expired sessions are deleted when met.
    expect(
      await h.db.select().from(staffSessions).where(eq(staffSessions.id, result.sessionId)),
    ).toHaveLength(0);
  });

  it("keeps a session in use alive (sliding renewal) but not past its absolute lifetime", async () => {
    const { result } = await signedIn();
    const signedInAt = h.clock().getTime();
    // Used every 5 hours: each use after half the idle time renews it for 8 more hours.
    for (let step = 1; step <= 40; step++) {
      h.clock.advance(5 * HOUR);
      const validated = await h.auth.staff.validate(result.token);
      const elapsed = h.clock().getTime() - signedInAt;
      if (elapsed < 7 * DAY) {
        expect(validated, `after ${elapsed / HOUR} h`).not.toBeNull();
        expect(validated!.session.expiresAt.getTime()).toBeLessThanOrEqual(signedInAt + 7 * DAY);
      } else {
        expect(validated, `after ${elapsed / HOUR} h`).toBeNull();
        break;
      }
    }
    expect(h.clock().getTime() - signedInAt).toBeGreaterThanOrEqual(7 * DAY);
  });

  it("renews by moving expires_at, at most once a minute, never beyond absolute_expires_at", async () => {
    const { result } = await signedIn();
    const stored = async () =>
      (await h.db.select().from(staffSessions).where(eq(staffSessions.id, result.sessionId)))[0]!;
    h.clock.advance(5 * MINUTE);
    expect((await h.auth.staff.validate(result.token))!.session.expiresAt).toEqual(
      new Date(h.clock().getTime() + 8 * HOUR),
    );
    const renewed = await stored();
    expect(renewed.expiresAt.getTime()).toBe(h.clock().getTime() + 8 * HOUR);
    expect(renewed.lastSeenAt.getTime()).toBe(h.clock().getTime());

    h.clock.advance(30_000);
    await h.auth.staff.validate(result.token);
    expect(await stored()).toEqual(renewed);

    // Used every 6 hours: near the end of its life the session's expiry is the absolute one.
    let late = await h.auth.staff.validate(result.token);
    while (h.clock().getTime() + 8 * HOUR < renewed.absoluteExpiresAt.getTime()) {
      h.clock.advance(6 * HOUR);
      late = await h.auth.staff.validate(result.token);
    }
    expect(late!.session.expiresAt).toEqual(late!.session.absoluteExpiresAt);
    expect((await stored()).expiresAt).toEqual(late!.session.absoluteExpiresAt);
  });

  it("ends the sessions of a disabled user at once", async () => {
    const { user, result } = await signedIn();
    const outcome = await h.auth.staff.disableUser(user.id);
    expect(outcome.sessionsEnded).toBe(1);
    expect(await h.auth.staff.validate(result.token)).toBeNull();
  });

  it("refuses a session whose user was disabled behind its back", async () => {
    const { user, result } = await signedIn();
    await h.db.update(staffUsers).set({ disabledAt: h.clock() }).where(eq(staffUsers.id, user.id));
    expect(await h.auth.staff.validate(result.token)).toBeNull();
    expect(await h.db.select().from(staffSessions).where(eq(staffSessions.userId, user.id))).toHaveLength(0);
  });

  it("ends all other sessions on request", async () => {
    const { user, result: keep } = await signedIn();
    const other = await h.auth.staff.signIn({ email: user.email, password: GOOD_PASSWORD });
    if (!other.ok) throw new Error("sign-in failed");
    expect(await h.auth.staff.endSessions(user.id, keep.sessionId)).toBe(1);
    expect(await h.auth.staff.validate(keep.token)).not.toBeNull();
    expect(await h.auth.staff.validate(other.token)).toBeNull();
  });

  it("lists memberships and switches only to a tenant the person belongs to", async () => {
    const first = await createTenant(h.db, `A ${unique()}`);
    const second = await createTenant(h.db, `B ${unique()}`);
    const foreign = await createTenant(h.db);
    const user = await createStaff(h.db, {
      memberships: [
        { tenantId: second.id, role: "employee" },
        { tenantId: first.id, role: "tenant_admin" },
      ],
    });
    const result = await h.auth.staff.signIn({ email: user.email, password: GOOD_PASSWORD });
    if (!result.ok) throw new Error("sign-in failed");
    expect(result.tenantIds).toEqual([first.id, second.id]);
    expect(await h.auth.staff.memberships(user.id)).toEqual([
      { tenantId: first.id, tenantSlug: first.slug, tenantName: first.name, role: "tenant_admin" },
      { tenantId: second.id, tenantSlug: second.slug, tenantName: second.name, role: "employee" },
    ]);

    expect(await h.auth.staff.switchTenant(result.token, second.id)).toBe(true);
    expect((await h.auth.staff.validate(result.token))!.session.activeTenantId).toBe(second.id);
    expect(await h.auth.staff.switchTenant(result.token, foreign.id)).toBe(false);
    expect((await h.auth.staff.validate(result.token))!.session.activeTenantId).toBe(second.id);
    expect(await h.auth.staff.switchTenant("not-a-token", first.id)).toBe(false);
  });

  it("records login events per tenant, with the email only as a hash", async () => {
    const { tenant, user } = await signedIn();
    await h.auth.staff.signIn({
      email: user.email,
      password: "wrong password",
      clientAddress: "198.51.100.11",
    });
    const events = await h.database.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.system_access', 'on', true)`);
      return tx.select().from(loginEvents).where(eq(loginEvents.userId, user.id));
    });
    expect(events.map((event) => [event.outcome, event.tenantId, event.realm]).sort()).toEqual([
      ["failure", tenant.id, "staff"],
      ["success", tenant.id, "staff"],
    ]);
    for (const event of events) {
      expect(event.emailHash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(event)).not.toContain(user.email);
    }
    expect(events.find((event) => event.outcome === "success")).toMatchObject({
      clientAddress: "198.51.100.10",
      userAgent: "Vitest",
    });
  });

  it("logs nothing secret", () => {
    const all = h.log.lines.join("\n");
    expect(all).not.toContain(GOOD_PASSWORD);
    expect(all).not.toMatch(/[A-Za-z0-9_-]{43}/);
  });
});
