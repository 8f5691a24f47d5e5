import { withSystem } from "@ordinavo/db";
import { loginEvents, portalSessions, staffSessions } from "@ordinavo/db/schema";
import { testEngines } from "@ordinavo/db/testing";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MINUTE } from "./clock";
import { createAuth } from "./create-auth";
import { THROTTLED_SIGN_IN_MESSAGE } from "./sign-in";
import {
  type AuthHarness,
  createPortalUser,
  createStaff,
  createTenant,
  GOOD_PASSWORD,
  openHarness,
  unique,
} from "./test-support";
import { hashEmail } from "./tokens";

let addressCounter = 0;
/** A fresh client address per call, so tests do not share an address counter. */
const newAddress = () => {
  addressCounter++;
  return `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
};

describe.each(testEngines())("sign-in throttling on %s", (engine) => {
  let h: AuthHarness;
  beforeAll(async () => {
    h = await openHarness(engine);
  });
  afterAll(() => h?.database.destroy());

  async function failTimes(email: string, times: number, address: () => string = newAddress) {
    for (let attempt = 0; attempt < times; attempt++) {
      const result = await h.auth.staff.signIn({
        email,
        password: `wrong-${attempt}`,
        clientAddress: address(),
      });
      expect(result).toMatchObject({ ok: false, reason: "invalid" });
    }
  }

  it("blocks an account after 5 failures, even with the right password, and recovers after the delay", async () => {
    const user = await createStaff(h.db);
    await failTimes(user.email, 5);
    const blocked = await h.auth.staff.signIn({
      email: user.email,
      password: GOOD_PASSWORD,
      clientAddress: newAddress(),
    });
    expect(blocked).toEqual({
      ok: false,
      reason: "throttled",
      message: THROTTLED_SIGN_IN_MESSAGE,
      retryAfterSeconds: 60,
    });
    h.clock.advance(30_000);
    expect(await h.auth.staff.signIn({ email: user.email, password: GOOD_PASSWORD })).toMatchObject({
      reason: "throttled",
      retryAfterSeconds: 30,
    });
    h.clock.advance(30_000);
    expect(
      (await h.auth.staff.signIn({ email: user.email, password: GOOD_PASSWORD, clientAddress: newAddress() }))
        .ok,
    ).toBe(true);
    // Success clears the account's count: one new failure does not block again.
    await failTimes(user.email, 1);
    expect((await h.auth.staff.signIn({ email: user.email, password: GOOD_PASSWORD })).ok).toBe(true);
  });

  it("grows the delay with further failures, capped at 15 minutes, and forgets after a quiet spell", async () => {
    const user = await createStaff(h.db);
    await failTimes(user.email, 5);
    const waits: number[] = [];
    for (let round = 0; round < 6; round++) {
      const blocked = await h.auth.staff.signIn({ email: user.email, password: "still wrong" });
      if (blocked.ok || blocked.reason !== "throttled") throw new Error("expected a block");
      waits.push(blocked.retryAfterSeconds);
      h.clock.advance(blocked.retryAfterSeconds * 1000);
      await failTimes(user.email, 1);
    }
    expect(waits).toEqual([60, 120, 240, 480, 900, 900]);

    // Quiet for the window after the block ends: the count starts over.
    h.clock.advance(15 * MINUTE + 15 * MINUTE);
    await failTimes(user.email, 1);
    expect((await h.auth.staff.signIn({ email: user.email, password: GOOD_PASSWORD })).ok).toBe(true);
  });

  it("throttles unknown emails exactly like real ones", async () => {
    const email = `nobody-${unique()}@example.test`;
    await failTimes(email, 5);
    expect(await h.auth.staff.signIn({ email, password: GOOD_PASSWORD })).toMatchObject({
      reason: "throttled",
      retryAfterSeconds: 60,
    });
  });

  it("lets the owner in from an address they recently signed in from while the account is blocked", async () => {
    const user = await createStaff(h.db);
    const home = newAddress();
    expect(
      (await h.auth.staff.signIn({ email: user.email, password: GOOD_PASSWORD, clientAddress: home })).ok,
    ).toBe(true);
    h.clock.advance(60 * MINUTE);
    const attacker = newAddress();
    await failTimes(user.email, 5, () => attacker);
    expect(
      await h.auth.staff.signIn({ email: user.email, password: GOOD_PASSWORD, clientAddress: attacker }),
    ).toMatchObject({ reason: "throttled" });
    expect(
      await h.auth.staff.signIn({ email: user.email, password: GOOD_PASSWORD, clientAddress: newAddress() }),
    ).toMatchObject({ reason: "throttled" });
    expect(
      (await h.auth.staff.signIn({ email: user.email, password: GOOD_PASSWORD, clientAddress: home })).ok,
    ).toBe(true);
  });

  it("blocks an address after 20 failures across accounts, and only that address", async () => {
    const address = newAddress();
    for (let attempt = 0; attempt < 20; attempt++) {
      await h.auth.staff.signIn({
        email: `spray-${unique()}@example.test`,
        password: "Winter2030!",
        clientAddress: address,
      });
    }
    const user = await createStaff(h.db);
    expect(
      await h.auth.staff.signIn({ email: user.email, password: GOOD_PASSWORD, clientAddress: address }),
    ).toMatchObject({
      reason: "throttled",
      retryAfterSeconds: 60,
    });
    expect(
      (await h.auth.staff.signIn({ email: user.email, password: GOOD_PASSWORD, clientAddress: newAddress() }))
        .ok,
    ).toBe(true);
    h.clock.advance(MINUTE);
    expect(
      (await h.auth.staff.signIn({ email: user.email, password: GOOD_PASSWORD, clientAddress: address })).ok,
    ).toBe(true);
  });

  it("counts an IPv6 /64 as one address", async () => {
    for (let attempt = 0; attempt < 20; attempt++) {
      await h.auth.staff.signIn({
        email: `v6-${unique()}@example.test`,
        password: "wrong wrong",
        clientAddress: `2001:db8:77:1::${(attempt + 1).toString(16)}`,
      });
    }
    const user = await createStaff(h.db);
    expect(
      await h.auth.staff.signIn({
        email: user.email,
        password: GOOD_PASSWORD,
        clientAddress: "2001:db8:77:1:ffff::9",
      }),
    ).toMatchObject({ reason: "throttled" });
    expect(
      (
        await h.auth.staff.signIn({
          email: user.email,
          password: GOOD_PASSWORD,
          clientAddress: "2001:db8:77:2::9",
        })
      ).ok,
    ).toBe(true);
  });

  it("keeps realms apart and shares state between app instances", async () => {
    const tenant = await createTenant(h.db);
    const email = `both-${unique()}@example.test`;
    await createStaff(h.db, { email });
    await createPortalUser(h.db, tenant.id, { email });
    await failTimes(email, 5);
    expect(await h.auth.staff.signIn({ email, password: GOOD_PASSWORD })).toMatchObject({
      reason: "throttled",
    });
    expect((await h.auth.portal.signIn({ email, password: GOOD_PASSWORD })).ok).toBe(true);

    // A second instance (another process behind the load balancer) sees the same block.
    const second = createAuth({ db: h.db, mailer: h.mailer, log: h.log, secureCookies: true, now: h.clock });
    expect(await second.staff.signIn({ email, password: GOOD_PASSWORD })).toMatchObject({
      reason: "throttled",
    });
  });

  it("records failures and lockouts as login events", async () => {
    const tenant = await createTenant(h.db);
    const user = await createStaff(h.db, { memberships: [{ tenantId: tenant.id, role: "employee" }] });
    await failTimes(user.email, 5);
    await h.auth.staff.signIn({ email: user.email, password: GOOD_PASSWORD });
    const events = await withSystem(h.db, (tx) =>
      tx
        .select()
        .from(loginEvents)
        .where(and(eq(loginEvents.emailHash, hashEmail(user.email)), eq(loginEvents.realm, "staff"))),
    );
    const outcomes = events.map((event) => event.outcome);
    expect(outcomes.filter((outcome) => outcome === "failure")).toHaveLength(5);
    expect(outcomes.filter((outcome) => outcome === "lockout")).toHaveLength(1);
    expect(events.every((event) => event.tenantId === tenant.id && event.userId === user.id)).toBe(true);
  });

  it("housekeeping deletes expired sessions of both realms and stale throttle rows", async () => {
    const tenant = await createTenant(h.db);
    const staffUser = await createStaff(h.db);
    const { user: portalUser } = await createPortalUser(h.db, tenant.id);
    const staff = await h.auth.staff.signIn({ email: staffUser.email, password: GOOD_PASSWORD });
    const portal = await h.auth.portal.signIn({ email: portalUser.email, password: GOOD_PASSWORD });
    if (!staff.ok || !portal.ok) throw new Error("sign-in failed");
    await failTimes(`stale-${unique()}@example.test`, 2);

    h.clock.advance(9 * 60 * MINUTE);
    const { throttleRows } = await h.auth.deleteExpired();
    expect(throttleRows).toBeGreaterThan(0);
    expect(await h.db.select().from(staffSessions).where(eq(staffSessions.id, staff.sessionId))).toEqual([]);
    expect(
      await withSystem(h.db, (tx) =>
        tx.select().from(portalSessions).where(eq(portalSessions.id, portal.sessionId)),
      ),
    ).toEqual([]);
  });
});
