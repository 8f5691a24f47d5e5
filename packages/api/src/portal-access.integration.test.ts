import { randomUUID } from "node:crypto";
import { listDevMail } from "@ordinavo/auth";
import { schema, withTenant } from "@ordinavo/db";
import { testEngines } from "@ordinavo/db/testing";
import {
  buildContact,
  buildCustomer,
  buildLocation,
  buildPortalUser,
  createPortalRequest,
  type StaffIds,
} from "@ordinavo/demo";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { portalCaller } from "./callers";
import { createPortalPreviewCaller, openPortalPreview } from "./portal-preview";
import { PREVIEW_READ_ONLY_MESSAGE } from "./realms/portal";
import {
  type ApiHarness,
  buildWorkspace,
  fieldErrorsOf,
  openApiHarness,
  PORTAL,
  refusal,
  request,
  TEST_PASSWORD,
} from "./test-support";

// Issue 11, portal access: tenant admins invite a customer's contact persons (whole customer or
// selected locations, mail in English or French), resend or withdraw invitations, change or revoke
// what portal users see, and look at the portal as one of them (read-only, through the portal's
// own procedures). Contacts accept in the portal and switch between the customers they see.
//
// The data: a tenant with the portal on (admin, manager), customer Aubergine with sites Tilleuls
// and Platanes and contacts Claire (email) and Paul (no email), customer Vernay with contact Zoé;
// a stranger tenant with its own customer, contact and portal user.

const NEW_PASSWORD = "a quiet harbour at dawn";

describe.each(testEngines())("portal access on %s", (engine) => {
  let h: ApiHarness;
  let tenantId: string;
  let staff: Record<"admin" | "manager", StaffIds>;
  let aubergine: string;
  let tilleuls: string;
  let platanes: string;
  let vernay: string;
  let claire: string;
  let paul: string;
  let zoe: string;
  let stranger: { tenantId: string; customerId: string; contactId: string; portalUserId: string };
  const email = { claire: "claire@aubergine.example", zoe: "zoe@vernay.example" };

  beforeAll(async () => {
    h = await openApiHarness(engine);
    ({ tenantId, staff } = await buildWorkspace(
      h.db,
      { admin: "tenant_admin", manager: "manager" },
      { portalEnabled: true, name: "Propreté Rhône" },
    ));
    ({ customerId: aubergine } = await buildCustomer(h.db, { tenantId, name: "Aubergine" }));
    ({ locationId: tilleuls } = await buildLocation(h.db, {
      tenantId,
      customerId: aubergine,
      name: "Tilleuls",
    }));
    ({ locationId: platanes } = await buildLocation(h.db, {
      tenantId,
      customerId: aubergine,
      name: "Platanes",
    }));
    ({ customerId: vernay } = await buildCustomer(h.db, { tenantId, name: "Vernay" }));
    ({ contactPersonId: claire } = await buildContact(h.db, {
      tenantId,
      customerId: aubergine,
      name: "Claire Dubois",
      email: email.claire,
    }));
    ({ contactPersonId: paul } = await buildContact(h.db, {
      tenantId,
      customerId: aubergine,
      name: "Paul Sans-Mail",
      email: null,
    }));
    ({ contactPersonId: zoe } = await buildContact(h.db, {
      tenantId,
      customerId: vernay,
      name: "Zoé Lefèvre",
      email: email.zoe,
    }));
    const other = await buildWorkspace(h.db, { admin: "tenant_admin" }, { portalEnabled: true });
    const { customerId } = await buildCustomer(h.db, { tenantId: other.tenantId });
    const { contactPersonId } = await buildContact(h.db, {
      tenantId: other.tenantId,
      customerId,
      email: "someone@stranger.example",
    });
    const { portalUserId } = await buildPortalUser(h.db, {
      tenantId: other.tenantId,
      customerId,
      password: TEST_PASSWORD,
    });
    stranger = { tenantId: other.tenantId, customerId, contactId: contactPersonId, portalUserId };
  });
  afterAll(() => h?.destroy());

  const admin = () => h.staff(staff.admin.email);

  /** The newest mailed link to the portal for this address. */
  async function mailedLink(to: string) {
    const [mail] = await listDevMail(h.db, { to, limit: 1 });
    expect(mail?.link, `a mail to ${to}`).toMatch(/^http:\/\/portal\.test\/invitation\/[A-Za-z0-9_-]{43}$/);
    return { mail: mail!, token: mail!.link!.split("/invitation/")[1]! };
  }

  /** A portal caller with this cookie (or none). */
  async function portalAs(cookie?: string) {
    return portalCaller({ services: h.services, request: request(PORTAL, cookie) });
  }

  async function signedIn(address: string, password = TEST_PASSWORD) {
    const signIn = await portalAs();
    await signIn.api.auth.signIn({ email: address, password });
    return signIn.cookies[0]!.split(";")[0]!;
  }

  it("only tenant admins manage portal access, and only their own tenant's", async () => {
    const manager = await h.staff(staff.manager.email);
    expect(await refusal(manager.portalAccess.ofCustomer({ customerId: aubergine }))).toBe("FORBIDDEN");
    expect(
      await refusal(
        manager.portalAccess.invite({
          customerId: aubergine,
          contactPersonId: claire,
          locale: "en",
          access: "customer",
          locationIds: [],
        }),
      ),
    ).toBe("FORBIDDEN");
    const api = await admin();
    expect(await refusal(api.portalAccess.ofCustomer({ customerId: stranger.customerId }))).toBe("NOT_FOUND");
    expect(
      await refusal(
        api.portalAccess.invite({
          customerId: stranger.customerId,
          contactPersonId: stranger.contactId,
          locale: "en",
          access: "customer",
          locationIds: [],
        }),
      ),
    ).toBe("NOT_FOUND");
    // Another tenant's contact person under our customer: not found either.
    expect(
      await refusal(
        api.portalAccess.invite({
          customerId: aubergine,
          contactPersonId: stranger.contactId,
          locale: "en",
          access: "customer",
          locationIds: [],
        }),
      ),
    ).toBe("NOT_FOUND");
    // Vernay's contact is not Aubergine's.
    expect(
      await refusal(
        api.portalAccess.invite({
          customerId: aubergine,
          contactPersonId: zoe,
          locale: "en",
          access: "customer",
          locationIds: [],
        }),
      ),
    ).toBe("NOT_FOUND");
  });

  it("refuses a contact without email and locations of another customer, beside their fields", async () => {
    const api = await admin();
    expect(
      await fieldErrorsOf(
        api.portalAccess.invite({
          customerId: aubergine,
          contactPersonId: paul,
          locale: "en",
          access: "customer",
          locationIds: [],
        }),
      ),
    ).toEqual({ contactPersonId: ["Add an email address to this contact person first."] });
    const { locationId: vernaySite } = await buildLocation(h.db, { tenantId, customerId: vernay });
    expect(
      await fieldErrorsOf(
        api.portalAccess.invite({
          customerId: aubergine,
          contactPersonId: claire,
          locale: "en",
          access: "locations",
          locationIds: [tilleuls, vernaySite],
        }),
      ),
    ).toEqual({ locationIds: ["Choose one of this customer's locations"] });
    expect(await listDevMail(h.db, { to: email.claire })).toEqual([]);
  });

  it("invites in French for selected locations, lists it as pending, and the contact accepts as a new user", async () => {
    const api = await admin();
    const { invitationId } = await api.portalAccess.invite({
      customerId: aubergine,
      contactPersonId: claire,
      locale: "fr",
      access: "locations",
      locationIds: [tilleuls, platanes],
    });
    const { mail, token } = await mailedLink(email.claire);
    expect(mail.subject).toBe("Votre invitation au portail client de Propreté Rhône");
    expect(mail.text).toContain("Aubergine, Tilleuls");
    expect(mail.text).toContain("Aubergine, Platanes");

    const access = await api.portalAccess.ofCustomer({ customerId: aubergine });
    expect(access.invitations[0]).toMatchObject({
      id: invitationId,
      email: email.claire,
      status: "pending",
      locale: "fr",
      access: "locations",
      sendCount: 1,
      invitedBy: staff.admin.name,
      can: { resend: true, withdraw: true },
    });
    expect(access.invitations[0]!.locations.map((l) => l.name)).toEqual(["Platanes", "Tilleuls"]);
    expect(access.contacts.find((c) => c.id === claire)).toMatchObject({ pendingInvitationId: invitationId });

    // The page in the portal.
    const visitor = await portalAs();
    expect(await visitor.api.invitations.get({ token })).toMatchObject({
      state: "open",
      tenantName: "Propreté Rhône",
      email: email.claire,
      name: "Claire Dubois",
      locale: "fr",
      account: "none",
      places: expect.arrayContaining([
        { customerName: "Aubergine", locationName: "Tilleuls" },
        { customerName: "Aubergine", locationName: "Platanes" },
      ]),
    });
    expect(
      await fieldErrorsOf(visitor.api.invitations.accept({ token, name: "Claire", password: "short" })),
    ).toEqual({ password: ["Use at least 8 characters"] });
    expect(
      await fieldErrorsOf(visitor.api.invitations.accept({ token, name: "", password: NEW_PASSWORD })),
    ).toEqual({ name: ["Enter your name (at most 200 characters)."] });
    const accepting = await portalAs();
    await accepting.api.invitations.accept({
      token,
      name: "Claire Dubois",
      password: NEW_PASSWORD,
      locale: "fr",
    });
    const cookie = accepting.cookies[0]!.split(";")[0]!;
    const me = await (await portalAs(cookie)).api.session.me();
    expect(me).toMatchObject({
      user: { name: "Claire Dubois", email: email.claire, locale: "fr" },
      currentCustomer: { id: aubergine, name: "Aubergine" },
      customers: [{ id: aubergine, name: "Aubergine" }],
    });
    expect(me.places.map((p) => p.locationName).sort()).toEqual(["Platanes", "Tilleuls"]);

    // Used: the link says so, and the list shows the account with its access.
    expect(await visitor.api.invitations.get({ token })).toEqual({ state: "used" });
    expect(
      await refusal(visitor.api.invitations.accept({ token, name: "Again", password: NEW_PASSWORD })),
    ).toBe("NOT_FOUND");
    const after = await api.portalAccess.ofCustomer({ customerId: aubergine });
    expect(after.invitations[0]).toMatchObject({
      status: "accepted",
      can: { resend: false, withdraw: false },
    });
    const user = after.users.find((u) => u.email === email.claire)!;
    expect(user).toMatchObject({
      name: "Claire Dubois",
      access: "locations",
      otherCustomers: 0,
      disabled: false,
    });
    expect(user.lastSignInAt).toBeInstanceOf(Date);
    expect(after.contacts.find((c) => c.id === claire)).toMatchObject({
      portalUserId: user.portalUserId,
      pendingInvitationId: null,
    });
    // Inviting someone who already sees this customer is refused: change their access instead.
    expect(
      await fieldErrorsOf(
        api.portalAccess.invite({
          customerId: aubergine,
          contactPersonId: claire,
          locale: "en",
          access: "customer",
          locationIds: [],
        }),
      ),
    ).toEqual({
      contactPersonId: [
        "This person already sees this customer in the portal. Change their access in the list instead.",
      ],
    });
  });

  it("resends with a new link and withdraws; expired and withdrawn links say so", async () => {
    const api = await admin();
    const { contactPersonId } = await buildContact(h.db, {
      tenantId,
      customerId: aubergine,
      name: "Rémi Renvoi",
      email: "remi@aubergine.example",
    });
    const { invitationId } = await api.portalAccess.invite({
      customerId: aubergine,
      contactPersonId,
      locale: "en",
      access: "customer",
      locationIds: [],
    });
    const first = await mailedLink("remi@aubergine.example");
    expect(first.mail.subject).toBe("Your invitation to the Propreté Rhône customer portal");

    // Expired: the list says so, the link says so, and resending revives it with a new link.
    await withTenant(h.db, tenantId, (tx) =>
      tx
        .update(schema.portalInvitations)
        .set({ expiresAt: new Date(Date.now() - 60_000) })
        .where(eq(schema.portalInvitations.id, invitationId)),
    );
    const visitor = (await portalAs()).api;
    expect(await visitor.invitations.get({ token: first.token })).toEqual({ state: "expired" });
    expect(
      (await api.portalAccess.ofCustomer({ customerId: aubergine })).invitations.find(
        (i) => i.id === invitationId,
      ),
    ).toMatchObject({ status: "expired", can: { resend: true, withdraw: true } });
    const resent = await api.portalAccess.resendInvitation({ invitationId });
    expect(resent.sendCount).toBe(2);
    expect(resent.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    const second = await mailedLink("remi@aubergine.example");
    expect(second.token).not.toBe(first.token);
    expect(await visitor.invitations.get({ token: first.token })).toEqual({ state: "unknown" });
    expect(await visitor.invitations.get({ token: second.token })).toMatchObject({ state: "open" });
    const listed = (await api.portalAccess.ofCustomer({ customerId: aubergine })).invitations.find(
      (i) => i.id === invitationId,
    );
    expect(listed).toMatchObject({ status: "pending", sendCount: 2 });
    expect(listed!.lastSentAt).toBeInstanceOf(Date);

    // Another tenant's admin cannot touch it.
    const strangerAdmin = await buildWorkspace(h.db, { admin: "tenant_admin" });
    const theirs = await h.staff(strangerAdmin.staff.admin.email);
    expect(await refusal(theirs.portalAccess.resendInvitation({ invitationId }))).toBe("NOT_FOUND");
    expect(await refusal(theirs.portalAccess.withdrawInvitation({ invitationId }))).toBe("NOT_FOUND");

    await api.portalAccess.withdrawInvitation({ invitationId });
    expect(await visitor.invitations.get({ token: second.token })).toEqual({ state: "withdrawn" });
    expect(await refusal(api.portalAccess.resendInvitation({ invitationId }))).toBe("CONFLICT");
    expect(await refusal(api.portalAccess.withdrawInvitation({ invitationId }))).toBe("CONFLICT");
    expect(
      (await api.portalAccess.ofCustomer({ customerId: aubergine })).invitations.find(
        (i) => i.id === invitationId,
      ),
    ).toMatchObject({ status: "withdrawn", can: { resend: false, withdraw: false } });
    expect(await visitor.invitations.get({ token: "no-such-token" })).toEqual({ state: "unknown" });
  });

  it("adds a second customer to an existing account, which then switches between them", async () => {
    const api = await admin();
    // Zoé already sees Vernay; now she is invited to Aubergine too (another contact record).
    const { portalUserId } = await buildPortalUser(h.db, {
      tenantId,
      customerId: vernay,
      email: email.zoe,
      name: "Zoé Lefèvre",
      password: TEST_PASSWORD,
      contactPersonId: zoe,
    });
    const { contactPersonId } = await buildContact(h.db, {
      tenantId,
      customerId: aubergine,
      name: "Zoé (Aubergine)",
      email: email.zoe,
    });
    await api.portalAccess.invite({
      customerId: aubergine,
      contactPersonId,
      locale: "en",
      access: "locations",
      locationIds: [tilleuls],
    });
    const { token } = await mailedLink(email.zoe);
    const visitor = await portalAs();
    expect(await visitor.api.invitations.get({ token })).toMatchObject({
      state: "open",
      account: "password",
    });
    expect(await refusal(visitor.api.invitations.accept({ token, password: "not her password" }))).toBe(
      "UNAUTHORIZED",
    );
    await visitor.api.invitations.accept({ token, password: TEST_PASSWORD });
    const cookie = visitor.cookies[0]!.split(";")[0]!;
    const zoeApi = async () => (await portalAs(cookie)).api;

    let me = await (await zoeApi()).session.me();
    expect(me.customers).toEqual([
      { id: aubergine, name: "Aubergine" },
      { id: vernay, name: "Vernay" },
    ]);
    expect(me.currentCustomer).toEqual({ id: aubergine, name: "Aubergine" });
    expect(me.places).toEqual([{ customerName: "Aubergine", locationName: "Tilleuls" }]);

    // Switching: to a granted customer, saved on the account; anything else is not found.
    await (await zoeApi()).account.switchCustomer({ customerId: vernay });
    me = await (await zoeApi()).session.me();
    expect(me.currentCustomer).toEqual({ id: vernay, name: "Vernay" });
    expect(me.places).toEqual([{ customerName: "Vernay", locationName: null }]);
    for (const customerId of [stranger.customerId, "00000000-0000-4000-8000-000000000000"]) {
      expect(await refusal((await zoeApi()).account.switchCustomer({ customerId }))).toBe("NOT_FOUND");
    }
    const ofAubergine = await api.portalAccess.ofCustomer({ customerId: aubergine });
    expect(ofAubergine.users.find((u) => u.portalUserId === portalUserId)).toMatchObject({
      access: "locations",
      otherCustomers: 1,
    });

    // Signed in to that account, a further invitation is added without a password.
    await api.portalAccess.changeAccess({
      customerId: aubergine,
      portalUserId,
      access: "customer",
      locationIds: [],
    });
    const { customerId: third } = await buildCustomer(h.db, { tenantId, name: "Troisième" });
    const { contactPersonId: thirdContact } = await buildContact(h.db, {
      tenantId,
      customerId: third,
      email: email.zoe,
    });
    await api.portalAccess.invite({
      customerId: third,
      contactPersonId: thirdContact,
      locale: "en",
      access: "customer",
      locationIds: [],
    });
    const next = await mailedLink(email.zoe);
    const signedInVisitor = await portalAs(cookie);
    expect(await signedInVisitor.api.invitations.get({ token: next.token })).toMatchObject({
      account: "signed_in",
    });
    await signedInVisitor.api.invitations.accept({ token: next.token });
    expect(signedInVisitor.cookies).toEqual([]);
    me = await (await zoeApi()).session.me();
    expect(me.customers.map((c) => c.name)).toEqual(["Aubergine", "Troisième", "Vernay"]);
    expect(me.currentCustomer.name).toBe("Troisième");
  });

  it("changes and revokes access: the next request follows, and revoking the last grant ends the sessions", async () => {
    const api = await admin();
    const { portalUserId, email: address } = await buildPortalUser(h.db, {
      tenantId,
      customerId: aubergine,
      password: TEST_PASSWORD,
    });
    await withTenant(h.db, tenantId, (tx) =>
      tx.insert(schema.portalAccessGrants).values({ tenantId, portalUserId, customerId: vernay }),
    );
    const cookie = await signedIn(address);
    const me = async () => (await portalAs(cookie)).api.session.me();
    expect((await me()).currentCustomer.name).toBe("Aubergine");

    expect(
      await api.portalAccess.changeAccess({
        customerId: aubergine,
        portalUserId,
        access: "locations",
        locationIds: [platanes],
      }),
    ).toEqual({ changed: true });
    expect((await me()).places).toEqual([{ customerName: "Aubergine", locationName: "Platanes" }]);
    const security = async () =>
      (
        await withTenant(h.db, tenantId, (tx) =>
          tx
            .select({ kind: schema.securityEvents.kind })
            .from(schema.securityEvents)
            .where(
              and(
                eq(schema.securityEvents.tenantId, tenantId),
                eq(schema.securityEvents.subjectUserId, portalUserId),
              ),
            ),
        )
      )
        .map((row) => row.kind)
        .sort();
    expect(await security()).toEqual(["grant_changed"]);

    // Another tenant's ids are not found; so is a customer the user does not see.
    const { customerId: unseen } = await buildCustomer(h.db, { tenantId });
    for (const input of [
      { customerId: aubergine, portalUserId: stranger.portalUserId },
      { customerId: stranger.customerId, portalUserId },
      { customerId: unseen, portalUserId },
    ]) {
      expect(await refusal(api.portalAccess.revokeAccess(input))).toBe("NOT_FOUND");
      expect(
        await refusal(api.portalAccess.changeAccess({ ...input, access: "customer", locationIds: [] })),
      ).toBe("NOT_FOUND");
    }

    // Revoking Aubergine leaves Vernay: the session stays and the next request shows Vernay.
    expect(await api.portalAccess.revokeAccess({ customerId: aubergine, portalUserId })).toEqual({
      remainingGrants: 1,
      sessionsEnded: 0,
    });
    expect((await me()).currentCustomer.name).toBe("Vernay");
    expect((await me()).customers.map((c) => c.name)).toEqual(["Vernay"]);
    // The last one: every session ends at once.
    expect(await api.portalAccess.revokeAccess({ customerId: vernay, portalUserId })).toEqual({
      remainingGrants: 0,
      sessionsEnded: 1,
    });
    expect(await refusal((await portalAs(cookie)).api.session.me())).toBe("UNAUTHORIZED");
    expect(await security()).toEqual(["grant_changed", "grant_revoked", "grant_revoked", "session_revoked"]);
    expect(
      (await api.portalAccess.ofCustomer({ customerId: aubergine })).users.map((u) => u.portalUserId),
    ).not.toContain(portalUserId);
  });

  it("previews the portal as one portal user: only their data, and never a change", async () => {
    const api = await admin();
    const { locationId: vernaySite } = await buildLocation(h.db, {
      tenantId,
      customerId: vernay,
      name: "Vernay Centre",
    });
    const { portalUserId } = await buildPortalUser(h.db, {
      tenantId,
      customerId: aubergine,
      locationIds: [tilleuls],
      name: "Petra Preview",
      password: TEST_PASSWORD,
    });
    await withTenant(h.db, tenantId, (tx) =>
      tx.insert(schema.portalAccessGrants).values({ tenantId, portalUserId, customerId: vernay }),
    );

    // Who may preview whom.
    const manager = await h.staff(staff.manager.email);
    expect(await refusal(manager.portalAccess.previewTarget({ customerId: aubergine, portalUserId }))).toBe(
      "FORBIDDEN",
    );
    expect(
      await refusal(
        api.portalAccess.previewTarget({ customerId: aubergine, portalUserId: stranger.portalUserId }),
      ),
    ).toBe("NOT_FOUND");
    const { customerId: unseen } = await buildCustomer(h.db, { tenantId });
    expect(await refusal(api.portalAccess.previewTarget({ customerId: unseen, portalUserId }))).toBe(
      "NOT_FOUND",
    );

    const { target, portal } = await openPortalPreview(h.services, api, {
      customerId: aubergine,
      portalUserId,
    });
    expect(target).toMatchObject({ tenantId, customerId: aubergine, portalUserId, name: "Petra Preview" });
    const me = await portal.session.me();
    expect(me).toMatchObject({
      user: { name: "Petra Preview" },
      currentCustomer: { id: aubergine, name: "Aubergine" },
      places: [{ customerName: "Aubergine", locationName: "Tilleuls" }],
    });
    expect(me.customers.map((c) => c.name)).toEqual(["Aubergine", "Vernay"]);
    // The same user seen from Vernay.
    const fromVernay = await openPortalPreview(h.services, api, { customerId: vernay, portalUserId });
    expect((await fromVernay.portal.session.me()).places).toEqual([
      { customerName: "Vernay", locationName: null },
    ]);

    // Only this user's data, at the place they see: a request at Tilleuls, none of Platanes', and
    // from Vernay only Vernay's.
    await withTenant(h.db, tenantId, async (tx) => {
      for (const [customerId, locationId, title] of [
        [aubergine, tilleuls, "Preview request at Tilleuls"],
        [aubergine, platanes, "Preview request at Platanes"],
        [vernay, vernaySite, "Preview request at Vernay"],
      ] as const) {
        await createPortalRequest(tx, { tenantId, customerId, locationId, title });
      }
    });
    const titles = async (api: typeof portal) =>
      (await api.requests.list({})).items
        .map((item) => item.title)
        .filter((title) => title.startsWith("Preview"));
    expect(await titles(portal)).toEqual(["Preview request at Tilleuls"]);
    expect(await titles(fromVernay.portal)).toEqual(["Preview request at Vernay"]);

    // Every mutation is refused, whatever it is, before it changes anything (even its input is
    // not read).
    const attempts = [
      () => portal.requests.create({} as never),
      () => portal.account.setLocale({ locale: "fr" }),
      () => portal.account.switchCustomer({ customerId: vernay }),
      () => portal.auth.signOut(),
      () => portal.auth.signIn({ email: "x@y.example", password: "whatever" }),
      () => portal.auth.requestPasswordReset({ email: "x@y.example" }),
      // Opening a file would record a download in the contact's name.
      () => portal.reports.openFile({ attachmentId: randomUUID() }),
      () => portal.requests.openFile({ portalRequestId: randomUUID(), attachmentId: randomUUID() }),
    ];
    for (const attempt of attempts) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "FORBIDDEN", message: PREVIEW_READ_ONLY_MESSAGE });
    }
    const [row] = await withTenant(h.db, tenantId, (tx) =>
      tx.select().from(schema.portalUsers).where(eq(schema.portalUsers.id, portalUserId)),
    );
    expect(row).toMatchObject({ locale: "en", currentCustomerId: null });

    // A user without grants, disabled or of another tenant has no preview.
    await expect(
      createPortalPreviewCaller(h.services, { tenantId, portalUserId: stranger.portalUserId }),
    ).rejects.toThrow(/does not exist/);
    await expect(
      createPortalPreviewCaller(h.services, { tenantId, portalUserId, customerId: stranger.customerId }),
    ).rejects.toThrow(/does not exist/);
  });
});
