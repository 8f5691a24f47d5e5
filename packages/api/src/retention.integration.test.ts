import { buffer } from "node:stream/consumers";
import { inflateRawSync } from "node:zlib";
import { schema, withTenant } from "@ordinavo/db";
import { testEngines } from "@ordinavo/db/testing";
import type { StaffIds } from "@ordinavo/demo";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, buildWorkspace, fieldErrorsOf, openApiHarness, refusal } from "./test-support";

// Retention administration: policies per kind, legal hold per customer, erasing a contact person.

const SOMEONE_ELSE = { name: "Jean Dupont", email: "jean@example.test", phone: "+33 1 00 00 00 00" };
const PERSON = {
  name: "Mireille Fontaine-Quesnel",
  email: "mireille.fq@example.test",
  phone: "+33 6 12 34 56 78",
};

describe.each(testEngines())("retention administration on %s", (engine) => {
  let h: ApiHarness;
  let tenantId: string;
  let otherTenantId: string;
  let staff: Record<"admin" | "manager", StaffIds>;
  let otherCustomerId: string;
  const api = (who: keyof typeof staff) => h.staff(staff[who].email);

  async function customerWithContact(tenant: string, number: string, person = SOMEONE_ELSE) {
    return withTenant(h.db, tenant, async (tx) => {
      const [customer] = await tx
        .insert(schema.customers)
        .values({ tenantId: tenant, number, name: "Boulangerie Fontaine" })
        .returning();
      const customerId = customer!.id;
      const [contact] = await tx
        .insert(schema.contactPersons)
        .values({ tenantId: tenant, customerId, ...person, role: "Owner" })
        .returning();
      const [target] = await tx
        .insert(schema.targets)
        .values({ tenantId: tenant, customerId, contactId: contact!.id, title: "Oven check" })
        .returning();
      const [appointment] = await tx
        .insert(schema.appointments)
        .values({
          tenantId: tenant,
          targetId: target!.id,
          customerId,
          plannedStart: new Date("2026-11-02T08:00:00Z"),
          plannedEnd: new Date("2026-11-02T09:00:00Z"),
        })
        .returning();
      await tx.insert(schema.visitReports).values({
        tenantId: tenant,
        appointmentId: appointment!.id,
        targetId: target!.id,
        customerId,
        title: "Oven check",
        summary: "Cleaned the burners",
      });
      return { customerId, contactId: contact!.id, targetId: target!.id };
    });
  }

  beforeAll(async () => {
    h = await openApiHarness(engine);
    const workspace = await buildWorkspace(h.db, { admin: "tenant_admin", manager: "manager" });
    tenantId = workspace.tenantId;
    staff = workspace.staff;
    const other = await buildWorkspace(h.db, { x: "tenant_admin" });
    otherTenantId = other.tenantId;
    otherCustomerId = (await customerWithContact(otherTenantId, "O-1", PERSON)).customerId;
  });
  afterAll(() => h?.destroy());

  it("lists every kind, saves policies with field errors for out-of-range days, and audits changes", async () => {
    const admin = await api("admin");
    const before = await admin.retention.list();
    expect(before.map((p) => p.subject)).toContain("visit_reports");
    expect(before.every((p) => p.policyId === null)).toBe(true);

    const created = await admin.retention.save({ subject: "visit_reports", retainDays: 730, active: true });
    expect(created).toMatchObject({ shortened: false, policy: { retainDays: 730, active: true } });
    const shorter = await admin.retention.save({ subject: "visit_reports", retainDays: 365, active: true });
    expect(shorter.shortened).toBe(true);
    expect(
      await fieldErrorsOf(admin.retention.save({ subject: "visit_reports", retainDays: 3, active: true })),
    ).toHaveProperty("retainDays");
    expect(
      await fieldErrorsOf(
        admin.retention.save({ subject: "visit_reports", retainDays: 99_999, active: true }),
      ),
    ).toHaveProperty("retainDays");

    const after = await admin.retention.list();
    expect(after.find((p) => p.subject === "visit_reports")).toMatchObject({ retainDays: 365, active: true });
    const audit = await withTenant(h.db, tenantId, (tx) =>
      tx.select().from(schema.auditLog).where(eq(schema.auditLog.objectType, "retention_policy")),
    );
    expect(audit.map((a) => a.action).sort()).toEqual([
      "retention_policy.created",
      "retention_policy.updated",
    ]);
  });

  it("refuses non-admins (FORBIDDEN) and another tenant's customer (NOT_FOUND)", async () => {
    const manager = await api("manager");
    expect(await refusal(manager.retention.list())).toBe("FORBIDDEN");
    expect(
      await refusal(manager.retention.save({ subject: "audit_log", retainDays: 400, active: true })),
    ).toBe("FORBIDDEN");
    const { customerId, contactId } = await customerWithContact(tenantId, "C-403");
    expect(await refusal(manager.retention.setLegalHold({ customerId, held: true }))).toBe("FORBIDDEN");
    expect(await refusal(manager.retention.eraseContact({ contactPersonId: contactId }))).toBe("FORBIDDEN");

    const admin = await api("admin");
    expect(await refusal(admin.retention.setLegalHold({ customerId: otherCustomerId, held: true }))).toBe(
      "NOT_FOUND",
    );
    const [foreignContact] = await withTenant(h.db, otherTenantId, (tx) =>
      tx.select().from(schema.contactPersons),
    );
    expect(await refusal(admin.retention.eraseContact({ contactPersonId: foreignContact!.id }))).toBe(
      "NOT_FOUND",
    );
    expect(await refusal(admin.retention.legalHold({ customerId: otherCustomerId }))).toBe("NOT_FOUND");
  });

  it("sets and clears a legal hold, audited", async () => {
    const admin = await api("admin");
    const { customerId } = await customerWithContact(tenantId, "C-HOLD");
    const set = await admin.retention.setLegalHold({ customerId, held: true });
    expect(set.legalHoldAt).toBeInstanceOf(Date);
    expect((await admin.retention.legalHold({ customerId })).legalHoldAt).not.toBeNull();
    await admin.retention.setLegalHold({ customerId, held: false });
    expect((await admin.retention.legalHold({ customerId })).legalHoldAt).toBeNull();
    const audit = await withTenant(h.db, tenantId, (tx) =>
      tx.select().from(schema.auditLog).where(eq(schema.auditLog.objectId, customerId)),
    );
    expect(audit.map((a) => a.action).sort()).toEqual([
      "customer.legal_hold_cleared",
      "customer.legal_hold_set",
    ]);
  });

  it("erases a contact: no trace of the person's name or email in the tenant's tables; reports keep their text", async () => {
    const admin = await api("admin");
    const { customerId, contactId, targetId } = await customerWithContact(tenantId, "C-ERASE", PERSON);
    const [portalUser] = await withTenant(h.db, tenantId, (tx) =>
      tx
        .insert(schema.portalUsers)
        .values({ tenantId, contactPersonId: contactId, email: PERSON.email, name: PERSON.name })
        .returning(),
    );
    await withTenant(h.db, tenantId, (tx) =>
      tx.insert(schema.externalReferences).values({
        tenantId,
        objectType: "contact_person",
        objectId: contactId,
        sourceSystem: "crm",
        externalId: "mireille-1",
      }),
    );

    await admin.retention.eraseContact({ contactPersonId: contactId });
    // Twice is harmless.
    await admin.retention.eraseContact({ contactPersonId: contactId });

    // Every text column of the tenant's tables that could carry the person: none does.
    const dump = await withTenant(h.db, tenantId, async (tx) =>
      JSON.stringify({
        contacts: await tx.select().from(schema.contactPersons),
        portalUsers: await tx.select().from(schema.portalUsers),
        invitations: await tx.select().from(schema.portalInvitations),
        references: await tx.select().from(schema.externalReferences),
        targets: await tx.select().from(schema.targets),
        reports: await tx.select().from(schema.visitReports),
        audit: await tx.select().from(schema.auditLog),
        timeline: await tx.select().from(schema.timelineEntries),
        outbox: await tx.select().from(schema.outboxEvents),
      }),
    );
    expect(dump).not.toContain(PERSON.name);
    expect(dump).not.toContain(PERSON.email);
    expect(dump).not.toContain(PERSON.phone);
    expect(dump).not.toContain("mireille-1");
    expect(dump).toContain("Cleaned the burners");

    const rows = await withTenant(h.db, tenantId, async (tx) => ({
      contact: (
        await tx.select().from(schema.contactPersons).where(eq(schema.contactPersons.id, contactId))
      )[0]!,
      target: (await tx.select().from(schema.targets).where(eq(schema.targets.id, targetId)))[0]!,
      user: (await tx.select().from(schema.portalUsers).where(eq(schema.portalUsers.id, portalUser!.id)))[0]!,
      audit: await tx.select().from(schema.auditLog).where(eq(schema.auditLog.action, "contact.erased")),
    }));
    expect(rows.contact).toMatchObject({ name: "Erased contact", email: null, phone: null });
    expect(rows.contact.erasedAt).not.toBeNull();
    expect(rows.contact.archivedAt).not.toBeNull();
    expect(rows.target.contactId).toBe(contactId);
    expect(rows.user.disabledAt).not.toBeNull();
    expect(rows.audit).toHaveLength(1);
    expect(rows.audit[0]).toMatchObject({ objectId: contactId, metadata: { customerId, portalUsers: 1 } });
    // The other tenant's person is untouched.
    const [foreign] = await withTenant(h.db, otherTenantId, (tx) => tx.select().from(schema.contactPersons));
    expect(foreign!.name).toBe(PERSON.name);
  });
  it("exports one customer's data as a streamed ZIP: its rows and files, no other customer's; audited", async () => {
    const admin = await api("admin");
    const mine = await customerWithContact(tenantId, "C-EXPORT", { ...SOMEONE_ELSE, name: "Export Person" });
    const notMine = await customerWithContact(tenantId, "C-OTHER", { ...SOMEONE_ELSE, name: "Other Person" });
    const key = `${tenantId}/export-file`;
    await h.services.files!.put(key, new TextEncoder().encode("file bytes 123"), "text/plain");
    await withTenant(h.db, tenantId, (tx) =>
      tx.insert(schema.attachments).values({
        tenantId,
        customerId: mine.customerId,
        ownerType: "target",
        ownerId: mine.targetId,
        storageKey: key,
        fileName: "../../etc/passwd notes.txt",
        sizeBytes: 14,
        contentType: "text/plain",
        checksumSha256: "0".repeat(64),
      }),
    );

    const bundle = await admin.retention.exportCustomer({ customerId: mine.customerId });
    expect(bundle.fileName).toMatch(/^customer-C-EXPORT-\d{4}-\d{2}-\d{2}\.zip$/);
    const entries = unzipEntries(await buffer(bundle.read()));
    const names = [...entries.keys()];
    expect(names.filter((n) => n.endsWith(".json")).sort()).toEqual([
      "appointments.json",
      "attachments.json",
      "contacts.json",
      "customer.json",
      "follow_ups.json",
      "locations.json",
      "portal_requests.json",
      "targets.json",
      "timeline.json",
      "visit_reports.json",
    ]);
    // The uploader's name made safe: no path, no spaces.
    expect(names.filter((n) => !n.endsWith(".json"))).toEqual([
      expect.stringMatching(/^files\/[0-9a-f-]+-etc_passwd_notes\.txt$/),
    ]);
    const all = [...entries.values()].map((b) => b.toString("utf8")).join("\n");
    expect(all).toContain("Export Person");
    expect(all).toContain("Cleaned the burners");
    expect(all).toContain("file bytes 123");
    expect(all).not.toContain("Other Person");
    expect(all).not.toContain(notMine.customerId);
    expect(all).not.toContain(key);
    expect(JSON.parse(entries.get("customer.json")!.toString("utf8"))).toMatchObject({ id: mine.customerId });

    const [audit] = await withTenant(h.db, tenantId, (tx) =>
      tx.select().from(schema.auditLog).where(eq(schema.auditLog.action, "customer.exported")),
    );
    expect(audit).toMatchObject({ objectId: mine.customerId, metadata: { contacts: 1, attachments: 1 } });

    expect(
      await refusal((await api("manager")).retention.exportCustomer({ customerId: mine.customerId })),
    ).toBe("FORBIDDEN");
    expect(await refusal(admin.retention.exportCustomer({ customerId: otherCustomerId }))).toBe("NOT_FOUND");
  });
});

/** The entries of a ZIP (names and inflated bytes), read from its central directory. */
function unzipEntries(zip: Buffer): Map<string, Buffer> {
  const entries = new Map<string, Buffer>();
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    const localName = zip.readUInt16LE(localOffset + 26);
    const localExtra = zip.readUInt16LE(localOffset + 28);
    const start = localOffset + 30 + localName + localExtra;
    const raw = zip.subarray(start, start + compressedSize);
    entries.set(name, method === 8 ? inflateRawSync(raw) : Buffer.from(raw));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
