import { withSystem, withTenant } from "@ordinavo/db";
import {
  auditLog,
  contactPersons,
  locations,
  portalAccessGrants,
  portalInvitations,
  portalSessions,
  portalUsers,
  securityEvents,
} from "@ordinavo/db/schema";
import { testEngines } from "@ordinavo/db/testing";
import { and, asc, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, HOUR } from "../clock";
import { listDevMail } from "../mail/mailer";
import {
  type AuthHarness,
  createCustomer,
  createPortalUser,
  createStaff,
  createTenant,
  GOOD_PASSWORD,
  OTHER_GOOD_PASSWORD,
  openHarness,
  unique,
} from "../test-support";

const PORTAL = "http://portal.test";
const acceptUrl = (token: string) => `${PORTAL}/invitation/${token}`;
const tokenOf = (link: string | null | undefined) => link!.slice(`${PORTAL}/invitation/`.length);

describe.each(testEngines())("portal invitations and grants on %s", (engine) => {
  let h: AuthHarness;
  beforeAll(async () => {
    h = await openHarness(engine);
  });
  afterAll(() => h?.database.destroy());

  /** A tenant with an admin, a customer with two more locations and a contact person. */
  async function world() {
    const tenant = await createTenant(h.db, `Northwind ${unique()}`);
    const admin = await createStaff(h.db, { memberships: [{ tenantId: tenant.id, role: "tenant_admin" }] });
    const { customer, location } = await createCustomer(h.db, tenant.id);
    const more = await withTenant(h.db, tenant.id, async (tx) => {
      const rows = await tx
        .insert(locations)
        .values(
          ["Shop Bellecour", "Shop Part-Dieu"].map((name) => ({
            tenantId: tenant.id,
            customerId: customer.id,
            name,
            addressLine1: "2 Rue",
            city: "Lyon",
            country: "FR",
          })),
        )
        .returning();
      const [contact] = await tx
        .insert(contactPersons)
        .values({ tenantId: tenant.id, customerId: customer.id, name: "Claire Dubois" })
        .returning();
      return { locations: rows, contact: contact! };
    });
    return { tenant, admin, customer, location, ...more };
  }

  async function mailTo(email: string) {
    const [mail] = await listDevMail(h.db, { to: email, limit: 1 });
    return mail!;
  }

  async function eventKinds(tenantId: string, userId: string) {
    const rows = await withTenant(h.db, tenantId, (tx) =>
      tx.select().from(securityEvents).where(eq(securityEvents.subjectUserId, userId)),
    );
    return rows.map((row) => row.kind).sort();
  }

  async function auditActions(tenantId: string) {
    const rows = await withTenant(h.db, tenantId, (tx) =>
      tx.select().from(auditLog).where(eq(auditLog.tenantId, tenantId)).orderBy(asc(auditLog.createdAt)),
    );
    return rows.map((row) => row.action);
  }

  async function grantsOf(tenantId: string, portalUserId: string) {
    const g = portalAccessGrants;
    const rows = await withTenant(h.db, tenantId, (tx) =>
      tx
        .select({ customerId: g.customerId, locationId: g.locationId })
        .from(g)
        .where(and(eq(g.tenantId, tenantId), eq(g.portalUserId, portalUserId), isNull(g.revokedAt))),
    );
    return rows.sort((a, b) => String(a.locationId).localeCompare(String(b.locationId)));
  }

  it("mails an English invitation; a new person accepts with a name and password and is signed in", async () => {
    const w = await world();
    const email = `claire-${unique()}@customer.test`;
    await h.auth.portal.invite({
      tenantId: w.tenant.id,
      contactPersonId: w.contact.id,
      email: email.toUpperCase(),
      name: "Claire Dubois",
      locale: "en",
      customerId: w.customer.id,
      locationIds: null,
      invitedById: w.admin.id,
      acceptUrl,
    });
    const mail = await mailTo(email);
    expect(mail.subject).toBe(`Your invitation to the ${w.tenant.name} customer portal`);
    expect(mail.text).toContain("Hello Claire Dubois,");
    expect(mail.text).toContain(`${w.customer.name} (all locations)`);
    expect(mail.text).toMatch(/expires on \d{1,2} \w+ 2030 at \d{2}:\d{2} \(UTC\)/);
    const token = tokenOf(mail.link);
    expect(mail.text).toContain(mail.link!);

    const lookup = await h.auth.portal.getInvitation(token);
    expect(lookup).toMatchObject({
      ok: true,
      invitation: {
        email,
        name: "Claire Dubois",
        locale: "en",
        tenantName: w.tenant.name,
        places: [{ customerName: w.customer.name, locationName: null }],
        account: null,
      },
    });

    expect(await h.auth.portal.acceptInvitation(token, { name: " ", password: GOOD_PASSWORD })).toMatchObject(
      {
        ok: false,
        reason: "invalid_name",
      },
    );
    expect(
      await h.auth.portal.acceptInvitation(token, { name: "Claire", password: "password1" }),
    ).toMatchObject({ ok: false, reason: "password_rejected" });
    const accepted = await h.auth.portal.acceptInvitation(
      token,
      { name: "Claire D.", password: GOOD_PASSWORD },
      { clientAddress: "192.0.2.9", userAgent: "vitest" },
    );
    if (!accepted.ok) throw new Error(accepted.reason);
    expect(accepted).toMatchObject({ created: true, viaSession: false, customerId: w.customer.id });
    const session = await h.auth.portal.validate(
      decodeURIComponent(accepted.cookie!.split(";")[0]!.split("=")[1]!),
    );
    expect(session?.user).toMatchObject({
      email,
      name: "Claire D.",
      locale: "en",
      currentCustomerId: w.customer.id,
      grants: [expect.objectContaining({ customerId: w.customer.id, locationId: null })],
    });
    const [user] = await withTenant(h.db, w.tenant.id, (tx) =>
      tx.select().from(portalUsers).where(eq(portalUsers.id, accepted.userId)),
    );
    expect(user!.contactPersonId).toBe(w.contact.id);

    // Used up: a second acceptance and the page both say so.
    expect(
      await h.auth.portal.acceptInvitation(token, { name: "X", password: OTHER_GOOD_PASSWORD }),
    ).toMatchObject({ ok: false, reason: "invalid_invitation", problem: "used" });
    expect(await h.auth.portal.getInvitation(token)).toEqual({ ok: false, problem: "used" });
    expect(await eventKinds(w.tenant.id, accepted.userId)).toEqual(["invitation_accepted"]);
    expect(await auditActions(w.tenant.id)).toEqual(["portal_invitation.sent", "portal_invitation.accepted"]);
    // The new account signs in with the password it chose.
    expect((await h.auth.portal.signIn({ email, password: GOOD_PASSWORD })).ok).toBe(true);
  });

  it("mails a French invitation for selected locations; the account keeps French", async () => {
    const w = await world();
    const email = `marc-${unique()}@customer.test`;
    const chosen = w.locations.map((location) => location.id);
    await h.auth.portal.invite({
      tenantId: w.tenant.id,
      contactPersonId: w.contact.id,
      email,
      name: "Marc Perrin",
      locale: "fr",
      customerId: w.customer.id,
      locationIds: chosen,
      invitedById: w.admin.id,
      acceptUrl,
    });
    const mail = await mailTo(email);
    expect(mail.subject).toBe(`Votre invitation au portail client de ${w.tenant.name}`);
    expect(mail.text).toContain("Bonjour Marc Perrin,");
    expect(mail.text).toContain("Vous aurez accès à :");
    expect(mail.text).toContain(`${w.customer.name}, Shop Bellecour`);
    expect(mail.text).toContain(`${w.customer.name}, Shop Part-Dieu`);
    expect(mail.text).not.toContain("Main site");
    expect(mail.text).toMatch(/expire le \d{1,2} \S+ 2030 à \d{2}:\d{2} \(UTC\)/);
    expect(mail.text).not.toMatch(/Hello|Open this link/);

    const accepted = await h.auth.portal.acceptInvitation(tokenOf(mail.link), {
      name: "Marc Perrin",
      password: GOOD_PASSWORD,
    });
    if (!accepted.ok) throw new Error(accepted.reason);
    expect(await grantsOf(w.tenant.id, accepted.userId)).toEqual(
      chosen
        .map((locationId) => ({ customerId: w.customer.id, locationId }))
        .sort((a, b) => a.locationId.localeCompare(b.locationId)),
    );
    const session = await h.auth.portal.validate(
      decodeURIComponent(accepted.cookie!.split(";")[0]!.split("=")[1]!),
    );
    expect(session?.user.locale).toBe("fr");

    // The password reset mail speaks the account's language too.
    await h.auth.portal.requestPasswordReset({ email, resetUrl: (t) => `${PORTAL}/reset-password/${t}` });
    const reset = await mailTo(email);
    expect(reset.subject).toBe(`Réinitialisez votre mot de passe du portail client (${w.tenant.name})`);
    expect(reset.text).toContain("Ouvrez ce lien pour en choisir un nouveau");
  });

  it("resends with a new link (the old one stops working), counts sendings, and revives an expired one", async () => {
    const w = await world();
    const email = `resend-${unique()}@customer.test`;
    const { invitationId, expiresAt } = await h.auth.portal.invite({
      tenantId: w.tenant.id,
      contactPersonId: w.contact.id,
      email,
      name: "Resend Person",
      locale: "en",
      customerId: w.customer.id,
      locationIds: null,
      invitedById: w.admin.id,
      acceptUrl,
    });
    const first = tokenOf((await mailTo(email)).link);
    h.clock.advance(8 * DAY);
    expect(await h.auth.portal.getInvitation(first)).toEqual({ ok: false, problem: "expired" });
    expect(
      await h.auth.portal.acceptInvitation(first, { name: "Too Late", password: GOOD_PASSWORD }),
    ).toMatchObject({ ok: false, reason: "invalid_invitation", problem: "expired" });

    const resent = await h.auth.portal.resendInvitation({
      tenantId: w.tenant.id,
      invitationId,
      actorUserId: w.admin.id,
      acceptUrl,
    });
    expect(resent).toEqual({ sendCount: 2, expiresAt: new Date(h.clock().getTime() + 7 * DAY) });
    expect(resent!.expiresAt.getTime()).toBeGreaterThan(expiresAt.getTime());
    const second = tokenOf((await mailTo(email)).link);
    expect(second).not.toBe(first);
    expect(await h.auth.portal.getInvitation(first)).toEqual({ ok: false, problem: "unknown" });
    expect((await h.auth.portal.getInvitation(second)).ok).toBe(true);
    const [row] = await withTenant(h.db, w.tenant.id, (tx) =>
      tx.select().from(portalInvitations).where(eq(portalInvitations.id, invitationId)),
    );
    expect(row).toMatchObject({ sendCount: 2, lastSentAt: h.clock() });

    // Another tenant cannot resend or withdraw it.
    const other = await createTenant(h.db);
    expect(
      await h.auth.portal.resendInvitation({
        tenantId: other.id,
        invitationId,
        actorUserId: null,
        acceptUrl,
      }),
    ).toBeNull();
    expect(
      await h.auth.portal.withdrawInvitation({ tenantId: other.id, invitationId, actorUserId: null }),
    ).toBe(false);
    expect((await h.auth.portal.getInvitation(second)).ok).toBe(true);
  });

  it("withdraws an open invitation: the link stops working and it cannot be resent", async () => {
    const w = await world();
    const email = `withdraw-${unique()}@customer.test`;
    const { invitationId } = await h.auth.portal.invite({
      tenantId: w.tenant.id,
      contactPersonId: w.contact.id,
      email,
      name: "Withdrawn Person",
      locale: "en",
      customerId: w.customer.id,
      locationIds: null,
      invitedById: w.admin.id,
      acceptUrl,
    });
    const token = tokenOf((await mailTo(email)).link);
    expect(
      await h.auth.portal.withdrawInvitation({
        tenantId: w.tenant.id,
        invitationId,
        actorUserId: w.admin.id,
      }),
    ).toBe(true);
    expect(await h.auth.portal.getInvitation(token)).toEqual({ ok: false, problem: "withdrawn" });
    expect(
      await h.auth.portal.acceptInvitation(token, { name: "Withdrawn", password: GOOD_PASSWORD }),
    ).toMatchObject({ ok: false, reason: "invalid_invitation", problem: "withdrawn" });
    expect(
      await h.auth.portal.resendInvitation({
        tenantId: w.tenant.id,
        invitationId,
        actorUserId: null,
        acceptUrl,
      }),
    ).toBeNull();
    expect(
      await h.auth.portal.withdrawInvitation({ tenantId: w.tenant.id, invitationId, actorUserId: null }),
    ).toBe(false);
    expect(await auditActions(w.tenant.id)).toEqual([
      "portal_invitation.sent",
      "portal_invitation.withdrawn",
    ]);
    expect(await h.auth.portal.getInvitation("not-a-token")).toEqual({ ok: false, problem: "unknown" });
  });

  it("a newer invitation of the same address for the same customer replaces the open one", async () => {
    const w = await world();
    const email = `twice-${unique()}@customer.test`;
    const invite = () =>
      h.auth.portal.invite({
        tenantId: w.tenant.id,
        contactPersonId: w.contact.id,
        email,
        name: "Twice",
        locale: "en",
        customerId: w.customer.id,
        locationIds: null,
        invitedById: w.admin.id,
        acceptUrl,
      });
    await invite();
    const first = tokenOf((await mailTo(email)).link);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await invite();
    expect(await h.auth.portal.getInvitation(first)).toEqual({ ok: false, problem: "withdrawn" });
  });

  it("adds the grants to the tenant's existing account: with its password, or directly when signed in to it", async () => {
    const w = await world();
    const { user, grants } = await createPortalUser(h.db, w.tenant.id);
    const invite = async (locationIds: string[] | null) => {
      await h.auth.portal.invite({
        tenantId: w.tenant.id,
        contactPersonId: w.contact.id,
        email: user.email,
        name: "Someone Else",
        locale: "fr",
        customerId: w.customer.id,
        locationIds,
        invitedById: w.admin.id,
        acceptUrl,
      });
      return tokenOf((await mailTo(user.email)).link);
    };
    const token = await invite([w.locations[0]!.id]);
    expect(await h.auth.portal.getInvitation(token)).toMatchObject({
      ok: true,
      invitation: { account: { portalUserId: user.id, hasPassword: true } },
    });
    expect(await h.auth.portal.acceptInvitation(token, { password: OTHER_GOOD_PASSWORD })).toMatchObject({
      ok: false,
      reason: "wrong_password",
    });
    const accepted = await h.auth.portal.acceptInvitation(token, {
      password: GOOD_PASSWORD,
      name: "Ignored",
    });
    if (!accepted.ok) throw new Error(accepted.reason);
    expect(accepted).toMatchObject({ userId: user.id, created: false, viaSession: false });
    expect(accepted.cookie).toMatch(/^ordinavo_portal=/);
    expect(await grantsOf(w.tenant.id, user.id)).toEqual(
      [
        { customerId: grants[0]!.customerId, locationId: null },
        { customerId: w.customer.id, locationId: w.locations[0]!.id },
      ].sort((a, b) => String(a.locationId).localeCompare(String(b.locationId))),
    );
    const [account] = await withTenant(h.db, w.tenant.id, (tx) =>
      tx.select().from(portalUsers).where(eq(portalUsers.id, user.id)),
    );
    // The account keeps its name, language and password; it opens on the invited customer.
    expect(account).toMatchObject({ name: user.name, locale: "en", currentCustomerId: w.customer.id });

    // Signed in to that account: the next invitation is added without a password. Its access
    // replaces what the account had of this customer.
    const next = await invite(null);
    const direct = await h.auth.portal.acceptInvitation(next, { signedInUserId: user.id });
    expect(direct).toMatchObject({ ok: true, viaSession: true, cookie: null, userId: user.id });
    expect(await grantsOf(w.tenant.id, user.id)).toContainEqual({
      customerId: w.customer.id,
      locationId: null,
    });
    expect(await grantsOf(w.tenant.id, user.id)).toHaveLength(2);

    // Signed in to a different account is no shortcut.
    const stranger = await createPortalUser(h.db, w.tenant.id);
    const third = await invite(null);
    expect(
      await h.auth.portal.acceptInvitation(third, { signedInUserId: stranger.user.id, password: "" }),
    ).toMatchObject({ ok: false, reason: "wrong_password" });
  });

  it("changes a customer's access and revokes it; the last revocation ends the sessions", async () => {
    const w = await world();
    const { user, grants } = await createPortalUser(h.db, w.tenant.id);
    await withTenant(h.db, w.tenant.id, (tx) =>
      tx
        .insert(portalAccessGrants)
        .values({ tenantId: w.tenant.id, portalUserId: user.id, customerId: w.customer.id }),
    );
    const signIn = await h.auth.portal.signIn({ email: user.email, password: GOOD_PASSWORD });
    if (!signIn.ok) throw new Error("sign-in failed");
    const change = (locationIds: string[] | null, tenantId = w.tenant.id) =>
      h.auth.portal.changeCustomerAccess({
        tenantId,
        portalUserId: user.id,
        customerId: w.customer.id,
        locationIds,
        actorUserId: w.admin.id,
      });

    expect(await change([w.locations[0]!.id, w.locations[1]!.id])).toEqual({ changed: true });
    expect(await change([w.locations[1]!.id, w.locations[0]!.id])).toEqual({ changed: false });
    const validated = await h.auth.portal.validate(signIn.token);
    expect(
      validated!.user.grants
        .filter((g) => g.customerId === w.customer.id)
        .map((g) => g.locationId)
        .sort(),
    ).toEqual([w.locations[0]!.id, w.locations[1]!.id].sort());
    expect(await change(null)).toEqual({ changed: true });
    expect(await eventKinds(w.tenant.id, user.id)).toEqual(["grant_changed", "grant_changed"]);
    expect(await change(null, (await createTenant(h.db)).id)).toBeNull();

    const revoke = (customerId: string, tenantId = w.tenant.id) =>
      h.auth.portal.revokeCustomerAccess({
        tenantId,
        portalUserId: user.id,
        customerId,
        actorUserId: w.admin.id,
      });
    expect(await revoke(w.customer.id, (await createTenant(h.db)).id)).toBeNull();
    expect(await revoke(w.customer.id)).toEqual({ revoked: 1, remainingGrants: 1, sessionsEnded: 0 });
    expect(await revoke(w.customer.id)).toBeNull();
    expect(await change(null)).toBeNull();
    // Another customer's grant remains: the session stays, without this customer.
    expect((await h.auth.portal.validate(signIn.token))!.user.grants.map((g) => g.customerId)).toEqual([
      grants[0]!.customerId,
    ]);
    expect(await revoke(grants[0]!.customerId)).toEqual({ revoked: 1, remainingGrants: 0, sessionsEnded: 1 });
    expect(
      await withSystem(h.db, (tx) =>
        tx.select().from(portalSessions).where(eq(portalSessions.userId, user.id)),
      ),
    ).toEqual([]);
    expect(await h.auth.portal.validate(signIn.token)).toBeNull();
    expect(await eventKinds(w.tenant.id, user.id)).toEqual([
      "grant_changed",
      "grant_changed",
      "grant_revoked",
      "grant_revoked",
      "session_revoked",
    ]);
    expect(await auditActions(w.tenant.id)).toEqual([
      "portal_grant.changed",
      "portal_grant.changed",
      "portal_grant.revoked",
      "portal_grant.revoked",
    ]);
  });

  it("refuses an invitation for a disabled account", async () => {
    const w = await world();
    const { user } = await createPortalUser(h.db, w.tenant.id);
    await withTenant(h.db, w.tenant.id, (tx) =>
      tx.update(portalUsers).set({ disabledAt: h.clock() }).where(eq(portalUsers.id, user.id)),
    );
    await h.auth.portal.invite({
      tenantId: w.tenant.id,
      contactPersonId: w.contact.id,
      email: user.email,
      name: "Disabled",
      locale: "en",
      customerId: w.customer.id,
      locationIds: null,
      invitedById: null,
      acceptUrl,
    });
    const token = tokenOf((await mailTo(user.email)).link);
    expect(await h.auth.portal.getInvitation(token)).toEqual({ ok: false, problem: "unavailable" });
    expect(await h.auth.portal.acceptInvitation(token, { password: GOOD_PASSWORD })).toMatchObject({
      ok: false,
      problem: "unavailable",
    });
  });

  it("keeps the link out of the log", async () => {
    const w = await world();
    const email = `log-${unique()}@customer.test`;
    const before = h.log.lines.length;
    await h.auth.portal.invite({
      tenantId: w.tenant.id,
      contactPersonId: w.contact.id,
      email,
      name: "Log",
      locale: "en",
      customerId: w.customer.id,
      locationIds: null,
      invitedById: null,
      acceptUrl,
    });
    const token = tokenOf((await mailTo(email)).link);
    const logged = h.log.lines.slice(before).join("\n");
    expect(logged).toContain("Portal invitation created");
    expect(logged).not.toContain(token);
    expect(logged).not.toContain(email);
    h.clock.advance(HOUR);
  });
});
