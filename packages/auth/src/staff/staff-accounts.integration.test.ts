import { withTenant } from "@ordinavo/db";
import { staffInvitations, staffUsers, tenantMemberships } from "@ordinavo/db/schema";
import { testEngines } from "@ordinavo/db/testing";
import type { StaffRole } from "@ordinavo/domain/vocabulary";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOUR, MINUTE } from "../clock";
import { listDevMail } from "../mail/mailer";
import { COMMON_PASSWORD_MESSAGE } from "../new-password";
import { hashPassword } from "../password";
import {
  type AuthHarness,
  createStaff,
  createTenant,
  GOOD_PASSWORD,
  OTHER_GOOD_PASSWORD,
  openHarness,
  unique,
} from "../test-support";
import { hashToken } from "../tokens";

const acceptUrl = (token: string) => `http://localhost:3000/invitation/${token}`;
const resetUrl = (token: string) => `http://localhost:3000/reset-password/${token}`;

describe.each(testEngines())("staff invitations and passwords on %s", (engine) => {
  let h: AuthHarness;
  beforeAll(async () => {
    h = await openHarness(engine);
  });
  afterAll(() => h?.database.destroy());

  /** The token of the newest link mailed to `to`. */
  async function mailedToken(to: string, prefix: string): Promise<string> {
    const [mail] = await listDevMail(h.db, { to });
    expect(mail?.link).toBeTruthy();
    expect(mail!.link!.startsWith(prefix)).toBe(true);
    expect(mail!.text).toContain(mail!.link!);
    return mail!.link!.slice(prefix.length);
  }

  async function invite(role: StaffRole = "employee", email = `new-${unique()}@example.test`) {
    const tenant = await createTenant(h.db);
    const admin = await createStaff(h.db, { memberships: [{ tenantId: tenant.id, role: "tenant_admin" }] });
    const invitation = await h.auth.staff.inviteStaff({
      tenantId: tenant.id,
      email,
      role,
      invitedById: admin.id,
      acceptUrl,
    });
    const token = await mailedToken(email, "http://localhost:3000/invitation/");
    return { tenant, admin, invitation, token, email };
  }

  describe("invitations", () => {
    it("mails a single-use link and stores only its hash", async () => {
      const { tenant, invitation, token, email } = await invite();
      const [row] = await withTenant(h.db, tenant.id, (tx) =>
        tx.select().from(staffInvitations).where(eq(staffInvitations.id, invitation.invitationId)),
      );
      expect(row!.tokenHash).toBe(hashToken(token));
      expect(JSON.stringify(row)).not.toContain(token);
      expect(invitation.expiresAt).toEqual(new Date(h.clock().getTime() + 72 * HOUR));
      expect(await h.auth.staff.getInvitation(token)).toEqual({
        invitationId: invitation.invitationId,
        tenantId: tenant.id,
        tenantName: tenant.name,
        email,
        role: "employee",
        expiresAt: invitation.expiresAt,
        existingUser: false,
      });
    });

    it("creates the account and membership on acceptance and signs the person in", async () => {
      const { tenant, token, email } = await invite("tenant_admin");
      const accepted = await h.auth.staff.acceptInvitation(token, {
        name: "Nia New",
        password: GOOD_PASSWORD,
      });
      if (!accepted.ok) throw new Error(accepted.message);
      expect(accepted.tenantIds).toEqual([tenant.id]);
      expect(accepted.activeTenantId).toBe(tenant.id);
      const [user] = await h.db.select().from(staffUsers).where(eq(staffUsers.id, accepted.userId));
      expect(user).toMatchObject({ email, name: "Nia New" });
      expect(await h.auth.staff.memberships(accepted.userId)).toEqual([
        { tenantId: tenant.id, tenantSlug: tenant.slug, tenantName: tenant.name, role: "tenant_admin" },
      ]);
      const validated = await h.auth.staff.validate(accepted.token);
      expect(validated?.user.email).toBe(email);
      expect((await h.auth.staff.signIn({ email, password: GOOD_PASSWORD })).ok).toBe(true);
    });

    it("works once", async () => {
      const { token } = await invite();
      expect((await h.auth.staff.acceptInvitation(token, { name: "One", password: GOOD_PASSWORD })).ok).toBe(
        true,
      );
      expect(await h.auth.staff.getInvitation(token)).toBeNull();
      expect(
        await h.auth.staff.acceptInvitation(token, { name: "Two", password: OTHER_GOOD_PASSWORD }),
      ).toMatchObject({
        ok: false,
        reason: "invalid_invitation",
      });
    });

    it("expires after 72 hours", async () => {
      const { token } = await invite();
      h.clock.advance(72 * HOUR + MINUTE);
      expect(await h.auth.staff.getInvitation(token)).toBeNull();
      expect(
        await h.auth.staff.acceptInvitation(token, { name: "Late", password: GOOD_PASSWORD }),
      ).toMatchObject({
        ok: false,
        reason: "invalid_invitation",
      });
    });

    it("keeps only the newest invitation of an address to a tenant", async () => {
      const { tenant, admin, token: first, email } = await invite();
      await h.auth.staff.inviteStaff({
        tenantId: tenant.id,
        email,
        role: "manager",
        invitedById: admin.id,
        acceptUrl,
      });
      const second = await mailedToken(email, "http://localhost:3000/invitation/");
      expect(second).not.toBe(first);
      expect(await h.auth.staff.getInvitation(first)).toBeNull();
      expect((await h.auth.staff.getInvitation(second))?.role).toBe("manager");
    });

    it("refuses a common or short password and keeps the invitation usable", async () => {
      const { token } = await invite();
      expect(await h.auth.staff.acceptInvitation(token, { name: "Pat", password: "password123" })).toEqual({
        ok: false,
        reason: "password_rejected",
        message: COMMON_PASSWORD_MESSAGE,
      });
      expect(await h.auth.staff.acceptInvitation(token, { name: "Pat", password: "short" })).toMatchObject({
        ok: false,
        reason: "password_rejected",
      });
      expect(
        await h.auth.staff.acceptInvitation(token, { name: " ", password: GOOD_PASSWORD }),
      ).toMatchObject({
        ok: false,
        reason: "invalid_name",
      });
      expect((await h.auth.staff.acceptInvitation(token, { name: "Pat", password: GOOD_PASSWORD })).ok).toBe(
        true,
      );
    });

    it("adds a membership to an existing account, confirmed with its current password", async () => {
      const existing = await createStaff(h.db, { password: OTHER_GOOD_PASSWORD });
      const { tenant, token } = await invite("manager", existing.email);
      expect((await h.auth.staff.getInvitation(token))?.existingUser).toBe(true);
      expect(await h.auth.staff.acceptInvitation(token, { password: GOOD_PASSWORD })).toMatchObject({
        ok: false,
        reason: "wrong_password",
      });
      const accepted = await h.auth.staff.acceptInvitation(token, { password: OTHER_GOOD_PASSWORD });
      if (!accepted.ok) throw new Error(accepted.message);
      expect(accepted.userId).toBe(existing.id);
      expect(accepted.activeTenantId).toBe(tenant.id);
      const [membership] = await withTenant(h.db, tenant.id, (tx) =>
        tx
          .select()
          .from(tenantMemberships)
          .where(and(eq(tenantMemberships.tenantId, tenant.id), eq(tenantMemberships.userId, existing.id))),
      );
      expect(membership?.role).toBe("manager");
      // The password did not change.
      expect((await h.auth.staff.signIn({ email: existing.email, password: OTHER_GOOD_PASSWORD })).ok).toBe(
        true,
      );
    });

    it("re-enables a disabled membership with the invited role", async () => {
      const tenant = await createTenant(h.db);
      const person = await createStaff(h.db, { memberships: [{ tenantId: tenant.id, role: "employee" }] });
      await withTenant(h.db, tenant.id, (tx) =>
        tx
          .update(tenantMemberships)
          .set({ disabledAt: h.clock() })
          .where(eq(tenantMemberships.userId, person.id)),
      );
      expect(await h.auth.staff.memberships(person.id)).toEqual([]);
      await h.auth.staff.inviteStaff({
        tenantId: tenant.id,
        email: person.email,
        role: "dispatcher",
        invitedById: null,
        acceptUrl,
      });
      const token = await mailedToken(person.email, "http://localhost:3000/invitation/");
      expect((await h.auth.staff.acceptInvitation(token, { password: GOOD_PASSWORD })).ok).toBe(true);
      expect((await h.auth.staff.memberships(person.id)).map((m) => m.role)).toEqual(["dispatcher"]);
    });

    it("does not let an invitation take over a disabled account", async () => {
      const disabled = await createStaff(h.db);
      await h.auth.staff.disableUser(disabled.id);
      const { token } = await invite("employee", disabled.email);
      expect(await h.auth.staff.acceptInvitation(token, { password: GOOD_PASSWORD })).toMatchObject({
        ok: false,
        reason: "invalid_invitation",
      });
    });
  });

  describe("password reset", () => {
    it("mails a single-use link that sets the password and ends every session", async () => {
      const user = await createStaff(h.db);
      const one = await h.auth.staff.signIn({ email: user.email, password: GOOD_PASSWORD });
      const two = await h.auth.staff.signIn({ email: user.email, password: GOOD_PASSWORD });
      if (!one.ok || !two.ok) throw new Error("sign-in failed");

      await h.auth.staff.requestPasswordReset({ email: user.email.toUpperCase(), resetUrl });
      const token = await mailedToken(user.email, "http://localhost:3000/reset-password/");

      expect(await h.auth.staff.resetPassword(token, "qwerty123")).toMatchObject({
        ok: false,
        reason: "password_rejected",
      });
      expect(await h.auth.staff.resetPassword(token, OTHER_GOOD_PASSWORD)).toEqual({
        ok: true,
        userId: user.id,
        sessionsEnded: 2,
      });
      expect(await h.auth.staff.validate(one.token)).toBeNull();
      expect(await h.auth.staff.validate(two.token)).toBeNull();
      expect((await h.auth.staff.signIn({ email: user.email, password: GOOD_PASSWORD })).ok).toBe(false);
      expect((await h.auth.staff.signIn({ email: user.email, password: OTHER_GOOD_PASSWORD })).ok).toBe(true);

      expect(await h.auth.staff.resetPassword(token, "a third good passphrase")).toMatchObject({
        ok: false,
        reason: "invalid_token",
      });
    });

    it("expires after an hour", async () => {
      const user = await createStaff(h.db);
      await h.auth.staff.requestPasswordReset({ email: user.email, resetUrl });
      const token = await mailedToken(user.email, "http://localhost:3000/reset-password/");
      h.clock.advance(HOUR + 1000);
      expect(await h.auth.staff.resetPassword(token, OTHER_GOOD_PASSWORD)).toMatchObject({
        ok: false,
        reason: "invalid_token",
      });
    });

    it("answers the same for unknown addresses and sends nothing", async () => {
      const email = `ghost-${unique()}@example.test`;
      await expect(h.auth.staff.requestPasswordReset({ email, resetUrl })).resolves.toBeUndefined();
      expect(await listDevMail(h.db, { to: email })).toEqual([]);
    });

    it("keeps only the newest link and does not resend within a minute", async () => {
      const user = await createStaff(h.db);
      await h.auth.staff.requestPasswordReset({ email: user.email, resetUrl });
      await h.auth.staff.requestPasswordReset({ email: user.email, resetUrl });
      expect(await listDevMail(h.db, { to: user.email })).toHaveLength(1);
      const first = await mailedToken(user.email, "http://localhost:3000/reset-password/");
      h.clock.advance(2 * MINUTE);
      await h.auth.staff.requestPasswordReset({ email: user.email, resetUrl });
      const second = await mailedToken(user.email, "http://localhost:3000/reset-password/");
      expect(second).not.toBe(first);
      expect((await h.auth.staff.resetPassword(first, OTHER_GOOD_PASSWORD)).ok).toBe(false);
      expect((await h.auth.staff.resetPassword(second, OTHER_GOOD_PASSWORD)).ok).toBe(true);
    });
  });

  describe("password change", () => {
    it("checks the current password, refuses common ones, and can end the other sessions", async () => {
      const user = await createStaff(h.db);
      const here = await h.auth.staff.signIn({ email: user.email, password: GOOD_PASSWORD });
      const elsewhere = await h.auth.staff.signIn({ email: user.email, password: GOOD_PASSWORD });
      if (!here.ok || !elsewhere.ok) throw new Error("sign-in failed");
      const keep = { endOtherSessions: true, keepSessionId: here.sessionId };

      expect(await h.auth.staff.changePassword(user.id, "wrong", OTHER_GOOD_PASSWORD, keep)).toMatchObject({
        ok: false,
        reason: "wrong_password",
      });
      expect(await h.auth.staff.changePassword(user.id, GOOD_PASSWORD, "iloveyou", keep)).toEqual({
        ok: false,
        reason: "password_rejected",
        message: COMMON_PASSWORD_MESSAGE,
      });
      expect(await h.auth.staff.changePassword(user.id, GOOD_PASSWORD, OTHER_GOOD_PASSWORD, keep)).toEqual({
        ok: true,
        sessionsEnded: 1,
      });
      expect(await h.auth.staff.validate(here.token)).not.toBeNull();
      expect(await h.auth.staff.validate(elsewhere.token)).toBeNull();
      expect((await h.auth.staff.signIn({ email: user.email, password: OTHER_GOOD_PASSWORD })).ok).toBe(true);
    });

    it("leaves other sessions alone when asked to", async () => {
      const user = await createStaff(h.db, { passwordHash: await hashPassword(GOOD_PASSWORD) });
      const other = await h.auth.staff.signIn({ email: user.email, password: GOOD_PASSWORD });
      if (!other.ok) throw new Error("sign-in failed");
      expect(
        await h.auth.staff.changePassword(user.id, GOOD_PASSWORD, OTHER_GOOD_PASSWORD, {
          endOtherSessions: false,
        }),
      ).toEqual({ ok: true, sessionsEnded: 0 });
      expect(await h.auth.staff.validate(other.token)).not.toBeNull();
    });
  });
});
