import { createAuth, createMailer, hashPassword, silentLog } from "@ordinavo/auth";
import { withTenant } from "@ordinavo/db";
import { createTestDatabase, type TestDatabase, testEngines } from "@ordinavo/db/testing";
import {
  addMembership,
  createAppointment,
  createContactPerson,
  createCustomer,
  createExternalReference,
  createInternalNote,
  createLocation,
  createStaffUser,
  createTarget,
  createTenant,
} from "@ordinavo/demo";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectCaller, workspaceCaller } from "./callers";
import type { ApiServices } from "./context";
import { fieldErrorsOf, PORTAL, refusal, request, WORKSPACE } from "./test-support";

// The four places where review found the policy off the spec's "Who can see what?" table
// (docs/decisions/013-policy-deviations.md), each checked through the API both ways. The data is
// built with factories: one tenant with an admin, a manager and an employee who has one assigned
// appointment, and a second tenant whose rows must never show up.

const PASSWORD = "deviations-pass-2026";

describe.each(testEngines())("policy deviations on %s", (engine) => {
  let database: TestDatabase;
  let services: ApiServices;
  const people = {
    admin: "admin@deviations.test",
    manager: "manager@deviations.test",
    employee: "employee@deviations.test",
  };
  const seen = {} as {
    tenantId: string;
    managerName: string;
    customerId: string;
    contactIds: string[];
    otherTenantContactId: string;
    refs: { sapCustomer: string; crmCustomer: string; sapLocation: string; otherTenant: string };
  };
  const cookies = new Map<string, string>();

  /** A workspace API for this person; each call a fresh request, as over HTTP. */
  async function staff(email: string) {
    let cookie = cookies.get(email);
    if (!cookie) {
      const signIn = await workspaceCaller({ services, request: request(WORKSPACE) });
      await signIn.api.auth.signIn({ email, password: PASSWORD });
      cookie = signIn.cookies[0]!.split(";")[0]!;
      cookies.set(email, cookie);
    }
    return (await workspaceCaller({ services, request: request(WORKSPACE, cookie) })).api;
  }

  /** Sets tenant settings as the admin would on the settings page. */
  async function settings(change: Parameters<Awaited<ReturnType<typeof staff>>["settings"]["update"]>[0]) {
    await (await staff(people.admin)).settings.update(change);
  }

  async function keyWith(
    scopes: Parameters<Awaited<ReturnType<typeof staff>>["apiKeys"]["create"]>[0]["scopes"],
    sourceSystem?: string,
  ) {
    const admin = await staff(people.admin);
    const { secret, apiKey } = await admin.apiKeys.create({
      name: `Key ${scopes.join(" ")}`,
      scopes,
      sourceSystem,
    });
    return { connect: await connectCaller({ services, apiKey: secret }), apiKey };
  }

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const db = database.db;
    const mailer = createMailer({ db, from: "Ordinavo <no-reply@ordinavo.example>", log: silentLog });
    services = {
      db,
      auth: createAuth({ db, mailer, log: silentLog, secureCookies: false }),
      links: {
        workspace: (p) => new URL(p, WORKSPACE).toString(),
        portal: (p) => new URL(p, PORTAL).toString(),
      },
      origins: { workspace: [WORKSPACE], portal: [PORTAL] },
      devMailbox: true,
    };

    const passwordHash = await hashPassword(PASSWORD);
    const admin = await createStaffUser(db, { email: people.admin, name: "Ada Admin", passwordHash });
    const manager = await createStaffUser(db, { email: people.manager, name: "Max Manager", passwordHash });
    const employee = await createStaffUser(db, {
      email: people.employee,
      name: "Eve Employee",
      passwordHash,
    });
    const tenant = await createTenant(db, { slug: "deviations", name: "Deviations Ltd" });
    seen.tenantId = tenant.id;
    seen.managerName = manager.name;

    await withTenant(db, tenant.id, async (tx) => {
      const tenantId = tenant.id;
      await addMembership(tx, { tenantId, userId: admin.id, role: "tenant_admin" });
      await addMembership(tx, { tenantId, userId: manager.id, role: "manager" });
      await addMembership(tx, { tenantId, userId: employee.id, role: "employee" });
      const customer = await createCustomer(tx, { tenantId, name: "Boulangerie Martin" });
      const location = await createLocation(tx, { tenantId, customerId: customer.id });
      const target = await createTarget(tx, { tenantId, customerId: customer.id, locationId: location.id });
      await createAppointment(tx, {
        tenantId,
        targetId: target.id,
        customerId: customer.id,
        locationId: location.id,
        assignedEmployeeId: employee.id,
      });
      await createInternalNote(tx, {
        tenantId,
        customerId: customer.id,
        body: "Owner prefers morning visits",
        authorId: manager.id,
      });
      const contacts = [];
      for (const name of ["Anne Martin", "Bruno Martin", "Chloé Martin"]) {
        contacts.push(
          await createContactPerson(tx, { tenantId, customerId: customer.id, locationId: location.id, name }),
        );
      }
      const sapCustomer = await createExternalReference(tx, {
        tenantId,
        objectType: "customer",
        objectId: customer.id,
        sourceSystem: "sap",
        externalId: "SAP-1",
      });
      const crmCustomer = await createExternalReference(tx, {
        tenantId,
        objectType: "customer",
        objectId: customer.id,
        sourceSystem: "crm",
        externalId: "CRM-1",
      });
      const sapLocation = await createExternalReference(tx, {
        tenantId,
        objectType: "location",
        objectId: location.id,
        sourceSystem: "sap",
        externalId: "SAP-L1",
      });
      seen.customerId = customer.id;
      seen.contactIds = contacts.map((contact) => contact.id);
      seen.refs = {
        sapCustomer: sapCustomer.id,
        crmCustomer: crmCustomer.id,
        sapLocation: sapLocation.id,
        otherTenant: "",
      };
    });

    const other = await createTenant(db, { slug: "elsewhere", name: "Elsewhere SA" });
    await withTenant(db, other.id, async (tx) => {
      const customer = await createCustomer(tx, { tenantId: other.id });
      const contact = await createContactPerson(tx, { tenantId: other.id, customerId: customer.id });
      const ref = await createExternalReference(tx, {
        tenantId: other.id,
        objectType: "customer",
        objectId: customer.id,
        sourceSystem: "sap",
      });
      seen.otherTenantContactId = contact.id;
      seen.refs.otherTenant = ref.id;
    });
  }, 180_000);
  afterAll(() => database?.destroy());

  describe("1. internal notes reach employees through the policy's field list", () => {
    const notesOf = async (email: string) =>
      (await (await staff(email)).customers.get({ customerId: seen.customerId })).internalNotes;

    it("setting off: an employee with assigned work gets no notes", async () => {
      await settings({ employeesSeeInternalNotes: false });
      expect(await notesOf(people.employee)).toBeNull();
    });

    it("setting on: the note's text and times, not who wrote it", async () => {
      await settings({ employeesSeeInternalNotes: true });
      const notes = await notesOf(people.employee);
      expect(notes).toHaveLength(1);
      expect(notes![0]).toMatchObject({ body: "Owner prefers morning visits", canEdit: false });
      expect(notes![0]!.authorName ?? null).toBeNull();
      expect(notes![0]).not.toHaveProperty("authorId");
      expect(JSON.stringify(notes)).not.toContain(seen.managerName);
    });

    it("a manager still sees who wrote it (control)", async () => {
      const notes = await notesOf(people.manager);
      expect(notes![0]).toMatchObject({ body: "Owner prefers morning visits", authorName: seen.managerName });
    });
  });

  describe("2. API contact reads follow the contacts:read scope, not the webhook setting", () => {
    for (const webhookIncludeContacts of [false, true]) {
      it(`webhook setting ${webhookIncludeContacts ? "on" : "off"}: a key with contacts:read lists the contacts`, async () => {
        await settings({ webhookIncludeContacts });
        const { connect } = await keyWith(["contacts:read"]);
        const { items } = await connect.contacts.list({});
        expect(items.map((contact) => contact.id).sort()).toEqual([...seen.contactIds].sort());
        expect(items[0]).not.toHaveProperty("tenantId");
        expect(items.map((contact) => contact.id)).not.toContain(seen.otherTenantContactId);
      });

      it(`webhook setting ${webhookIncludeContacts ? "on" : "off"}: a key without contacts:read is refused`, async () => {
        await settings({ webhookIncludeContacts });
        const { connect } = await keyWith(["customers:read", "locations:read"]);
        expect(await refusal(connect.contacts.list({}))).toBe("FORBIDDEN");
      });
    }

    it("pages by last change and filters by updatedSince", async () => {
      const { connect } = await keyWith(["contacts:read"]);
      const first = await connect.contacts.list({ limit: 2 });
      expect(first.items).toHaveLength(2);
      expect(first.nextCursor).not.toBeNull();
      const second = await connect.contacts.list({ limit: 2, after: first.nextCursor! });
      expect(second.items).toHaveLength(1);
      expect(second.nextCursor).toBeNull();
      const all = [...first.items, ...second.items].map((contact) => contact.id);
      expect(new Set(all).size).toBe(3);
      expect((await connect.contacts.list({ updatedSince: new Date(Date.now() + 60_000) })).items).toEqual(
        [],
      );
    });

    it("answers a bad cursor or date on its field, not with a server error", async () => {
      const { connect } = await keyWith(["contacts:read"]);
      const forged = Buffer.from(JSON.stringify(["yesterday", "not-a-uuid"])).toString("base64url");
      expect(await fieldErrorsOf(connect.contacts.list({ after: forged }))).toHaveProperty("after");
      expect(
        await fieldErrorsOf(connect.contacts.list({ updatedSince: "2026-11-20T09:00" as unknown as Date })),
      ).toHaveProperty("updatedSince");
    });
  });

  describe("3. a key limited to one source system sees only that source's references", () => {
    it("the admin issues a limited key, and the key list shows the limit", async () => {
      const admin = await staff(people.admin);
      const { apiKey } = await keyWith(["customers:read"], " sap ");
      expect(apiKey.sourceSystem).toBe("sap");
      const listed = (await admin.apiKeys.list()).find((key) => key.id === apiKey.id);
      expect(listed?.sourceSystem).toBe("sap");
      expect(await admin.apiKeys.sourceSystems()).toEqual(["crm", "sap"]);
    });

    it("limited to sap: only sap references of the kinds its scopes read", async () => {
      const { connect } = await keyWith(["customers:read"], "sap");
      const { items } = await connect.externalReferences.list({});
      expect(items.map((ref) => ref.id)).toEqual([seen.refs.sapCustomer]);
      expect(items[0]).toMatchObject({ sourceSystem: "sap", externalId: "SAP-1", objectType: "customer" });
    });

    it("limited to sap: asking for another source is refused", async () => {
      const { connect } = await keyWith(["customers:read"], "sap");
      expect(await refusal(connect.externalReferences.list({ sourceSystem: "crm" }))).toBe("FORBIDDEN");
    });

    it("without a limit: every source of the kinds its scopes read, nothing of another tenant", async () => {
      const { connect } = await keyWith(["customers:read"]);
      const ids = (await connect.externalReferences.list({})).items.map((ref) => ref.id);
      expect(ids.sort()).toEqual([seen.refs.sapCustomer, seen.refs.crmCustomer].sort());
      expect(ids).not.toContain(seen.refs.otherTenant);
      const both = await keyWith(["customers:read", "locations:read"], "sap");
      expect((await both.connect.externalReferences.list({})).items.map((ref) => ref.id).sort()).toEqual(
        [seen.refs.sapCustomer, seen.refs.sapLocation].sort(),
      );
    });

    it("a NUL character in the source filter is a field error, not a server error", async () => {
      const { connect } = await keyWith(["customers:read"]);
      expect(
        await fieldErrorsOf(connect.externalReferences.list({ sourceSystem: "sap\u0000" })),
      ).toHaveProperty("sourceSystem");
      const admin = await staff(people.admin);
      expect(
        await fieldErrorsOf(
          admin.apiKeys.create({ name: "NUL", scopes: ["customers:read"], sourceSystem: "s\u0000p" }),
        ),
      ).toHaveProperty("sourceSystem");
    });

    it("a kind outside the key's scopes is refused", async () => {
      const { connect } = await keyWith(["customers:read"]);
      expect(await refusal(connect.externalReferences.list({ objectType: "location" }))).toBe("FORBIDDEN");
    });

    it("a source system that is too long is a field error on create", async () => {
      const admin = await staff(people.admin);
      const errors = await fieldErrorsOf(
        admin.apiKeys.create({ name: "Too long", scopes: ["customers:read"], sourceSystem: "s".repeat(65) }),
      );
      expect(errors).toHaveProperty("sourceSystem");
    });
  });

  describe("4. reviewing and publishing reports: the admin's, the manager's only where the tenant says so", () => {
    const allowed = async (email: string) => (await (await staff(email)).session.me()).active!.allowedActions;

    it("only the admin changes the setting", async () => {
      const manager = await staff(people.manager);
      expect(await refusal(manager.settings.update({ managersReviewReports: true }))).toBe("FORBIDDEN");
      expect(await refusal(manager.settings.get())).toBe("FORBIDDEN");
    });

    it("off (the default): a manager may neither review nor publish; the admin may", async () => {
      const admin = await staff(people.admin);
      expect((await admin.settings.get()).managersReviewReports).toBe(false);
      const manager = await allowed(people.manager);
      expect(manager).toContain("visit_report.read");
      expect(manager).not.toContain("visit_report.review");
      expect(manager).not.toContain("visit_report.publish");
      expect(manager).not.toContain("attachment.release");
      expect(await allowed(people.admin)).toEqual(
        expect.arrayContaining(["visit_report.review", "visit_report.publish"]),
      );
    });

    it("on: the manager may review and publish; employees still may not", async () => {
      const admin = await staff(people.admin);
      expect(await admin.settings.update({ managersReviewReports: true })).toEqual({
        changed: ["managersReviewReports"],
      });
      expect((await admin.settings.get()).managersReviewReports).toBe(true);
      expect(await allowed(people.manager)).toEqual(
        expect.arrayContaining(["visit_report.review", "visit_report.publish", "attachment.release"]),
      );
      expect(await allowed(people.employee)).not.toContain("visit_report.review");
    });

    it("off again: taken back at the manager's next request", async () => {
      await settings({ managersReviewReports: false });
      expect(await allowed(people.manager)).not.toContain("visit_report.review");
    });
  });
});
