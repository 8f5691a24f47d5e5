import { schema, withTenant } from "@ordinavo/db";
import { testEngines } from "@ordinavo/db/testing";
import {
  buildContact,
  buildCustomer,
  buildInternalNote,
  buildLocation,
  buildVisit,
  createExternalReference,
  type StaffIds,
} from "@ordinavo/demo";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, buildWorkspace, fieldErrorsOf, openApiHarness, refusal } from "./test-support";

// Customer records: customers, locations, contacts, notes. The data: a tenant with one member of
// each role and a second employee; the employee works at one of the two sites of each of two
// customers (Aubergine and Gérance), the colleague for a third; more customers (a prospect, an
// inactive and an archived one among them) to page through; a second tenant with its own admin.

describe.each(testEngines())("customer records on %s", (engine) => {
  let h: ApiHarness;
  let tenantId: string;
  let staffOf: Record<"admin" | "manager" | "dispatcher" | "employee" | "colleague", StaffIds>;
  let otherAdmin: StaffIds;

  /** Rows of a table in the tenant (owner's view through the app role's tenant setting). */
  const count = (table: typeof schema.customers | typeof schema.locations | typeof schema.contactPersons) =>
    withTenant(h.db, tenantId, async (tx) => {
      const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(table);
      return row!.n;
    });
  const auditOf = (objectId: string) =>
    withTenant(h.db, tenantId, (tx) =>
      tx
        .select()
        .from(schema.auditLog)
        .where(eq(schema.auditLog.objectId, objectId))
        .orderBy(schema.auditLog.createdAt),
    );

  /** A customer with two sites, references, a note and contacts; `worker` has a visit at the first site. */
  async function customerWithWork(number: string, name: string, worker: StaffIds) {
    const { customerId } = await buildCustomer(h.db, {
      tenantId,
      number,
      name,
      notes: "Keys at the lodge, door code 1234",
      industry: "Property management",
    });
    const sites = [];
    for (const [site, city] of [
      ["Résidence Les Tilleuls", "Lyon"],
      ["Résidence du Parc", "Villeurbanne"],
    ] as const) {
      const { locationId } = await buildLocation(h.db, {
        tenantId,
        customerId,
        name: site,
        city,
        accessNotes: "Key box by the bins",
        defaultPriority: "high",
      });
      sites.push(locationId);
    }
    await withTenant(h.db, tenantId, (tx) =>
      createExternalReference(tx, {
        tenantId,
        objectType: "customer",
        objectId: customerId,
        sourceSystem: "sap",
      }),
    );
    await buildInternalNote(h.db, {
      tenantId,
      customerId,
      body: "Contract renewal at risk",
      authorId: staffOf.manager.userId,
    });
    await buildContact(h.db, { tenantId, customerId });
    await buildContact(h.db, { tenantId, customerId, locationId: sites[0]! });
    await buildVisit(h.db, {
      tenantId,
      customerId,
      locationId: sites[0]!,
      assignedEmployeeId: worker.userId,
    });
    return { customerId, sites };
  }

  beforeAll(async () => {
    h = await openApiHarness(engine);
    const ours = await buildWorkspace(h.db, {
      admin: "tenant_admin",
      manager: "manager",
      dispatcher: "dispatcher",
      employee: "employee",
      colleague: "employee",
    });
    tenantId = ours.tenantId;
    staffOf = ours.staff;
    await customerWithWork("C-1001", "Gérance Saône & Rhône", staffOf.employee);
    await customerWithWork("C-1005", "Aubergine Traiteur", staffOf.employee);
    const vernay = await customerWithWork("C-1002", "Boulangeries Vernay", staffOf.colleague);
    // Cancelled work is no assigned work.
    await buildVisit(h.db, {
      tenantId,
      customerId: vernay.customerId,
      locationId: vernay.sites[1]!,
      assignedEmployeeId: staffOf.employee.userId,
      status: "cancelled",
    });
    await buildCustomer(h.db, { tenantId, number: "C-1003", name: "Cabinet Prospect", status: "prospect" });
    await buildCustomer(h.db, { tenantId, number: "C-1004", name: "Dépôt Inactif", status: "inactive" });
    await buildCustomer(h.db, { tenantId, number: "C-1006", name: "Ancien Client", archivedAt: new Date() });
    for (const [i, name] of ["Ferme", "Garage", "Hôtel", "Imprimerie", "Jardinerie"].entries()) {
      const { customerId } = await buildCustomer(h.db, {
        tenantId,
        number: `C-20${i}0`,
        name: `${name} Rhône`,
      });
      await buildLocation(h.db, { tenantId, customerId, city: i % 2 ? "Lyon" : "Vienne" });
    }

    const theirs = await buildWorkspace(h.db, { admin: "tenant_admin" });
    otherAdmin = theirs.staff.admin;
    await buildCustomer(h.db, { tenantId: theirs.tenantId, number: "C-1001", name: "Northwind Client" });
  }, 180_000);
  afterAll(() => h?.destroy());

  describe("customers", () => {
    it("creates a customer with references, audits field names only, and shows it", async () => {
      const admin = await h.staff(staffOf.admin.email);
      const created = await admin.customers.create({
        number: "T-0001",
        name: "Atelier Test Lumière",
        type: "business",
        email: "contact@lumiere.example",
        phone: "+33 4 78 00 00 01",
        notes: "Ring twice — secret door code 4242",
        externalReferences: [{ sourceSystem: "sap", externalId: "TEST-1" }],
      });
      expect(created).toMatchObject({ number: "T-0001", status: "active", type: "business" });

      const detail = await admin.customers.get({ customerId: created.id });
      expect(detail.externalReferences).toEqual([
        expect.objectContaining({ sourceSystem: "sap", externalId: "TEST-1" }),
      ]);
      expect(detail.can).toMatchObject({ edit: true, archive: true, writeNotes: true });

      const [entry] = await auditOf(created.id);
      expect(entry).toMatchObject({ action: "customer.created", objectType: "customer", actorType: "staff" });
      expect(entry!.changedFields).toEqual(
        expect.arrayContaining(["number", "name", "notes", "externalReferences"]),
      );
      // Free text never reaches the audit log.
      expect(JSON.stringify(entry)).not.toContain("4242");
      expect(JSON.stringify(entry)).not.toContain("Lumière");
    });

    it("refuses a duplicate number on the number field and writes nothing", async () => {
      const admin = await h.staff(staffOf.admin.email);
      const before = await count(schema.customers);
      const errors = await fieldErrorsOf(admin.customers.create({ number: "C-1001", name: "Copy" }));
      expect(errors.number).toEqual(["Another customer already has this number"]);
      expect(await count(schema.customers)).toBe(before);
    });

    it("answers bad input field by field and writes nothing", async () => {
      const admin = await h.staff(staffOf.admin.email);
      const before = await count(schema.customers);
      const errors = await fieldErrorsOf(
        admin.customers.create({
          number: "has spaces",
          name: "  ",
          email: "not-an-address",
          phone: "12",
          website: "ftp://x.example",
          status: "dormant" as never,
        }),
      );
      expect(Object.keys(errors).sort()).toEqual(["email", "name", "number", "phone", "status", "website"]);
      expect(await count(schema.customers)).toBe(before);
    });

    it("updates only what changed and records which fields", async () => {
      const admin = await h.staff(staffOf.admin.email);
      const created = await admin.customers.create({ number: "T-0002", name: "Boulangerie Test" });
      await admin.customers.update({ customerId: created.id, name: "Boulangerie Test", industry: "Bakery" });
      const entries = await auditOf(created.id);
      expect(entries.at(-1)).toMatchObject({ action: "customer.updated", changedFields: ["industry"] });
      const dup = await fieldErrorsOf(admin.customers.update({ customerId: created.id, number: "C-1001" }));
      expect(dup.number).toBeDefined();
    });

    it("searches by the start of name, number or city, any case", async () => {
      const dispatcher = await h.staff(staffOf.dispatcher.email);
      const byName = await dispatcher.customers.list({ q: "gérance" });
      expect(byName.items.map((c) => c.number)).toContain("C-1001");
      const byNumber = await dispatcher.customers.list({ q: "c-100" });
      expect(byNumber.items.map((c) => c.number)).toContain("C-1001");
      const byCity = await dispatcher.customers.list({ q: "LYON" });
      expect(byCity.items.length).toBeGreaterThan(0);
      // The list shows each customer's (first) city.
      expect(byCity.items.some((c) => c.city === "Lyon")).toBe(true);
      expect(byName.items.find((c) => c.number === "C-1001")?.city).toEqual(expect.any(String));
      const none = await dispatcher.customers.list({ q: "zzzz-nothing" });
      expect(none).toEqual({ items: [], nextCursor: null });
    });

    it("pages with cursors through every customer exactly once, in each sort", async () => {
      const dispatcher = await h.staff(staffOf.dispatcher.email);
      for (const sort of ["name", "number", "recent"] as const) {
        const seen: string[] = [];
        let after: string | undefined;
        do {
          const page = await dispatcher.customers.list({ sort, limit: 7, after, archived: "all" });
          seen.push(...page.items.map((c) => c.id));
          after = page.nextCursor ?? undefined;
        } while (after);
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen.length).toBe(await count(schema.customers));
      }
      expect(await refusal(dispatcher.customers.list({ after: "garbage" }))).toBe("BAD_REQUEST");
    });

    it("archives and restores; archived customers leave the default list", async () => {
      const admin = await h.staff(staffOf.admin.email);
      const created = await admin.customers.create({ number: "T-0003", name: "Zeta Archivable" });
      await admin.customers.setArchived({ customerId: created.id, archived: true });
      const active = await admin.customers.list({ q: "zeta archivable" });
      expect(active.items).toHaveLength(0);
      const archived = await admin.customers.list({ q: "zeta archivable", archived: "archived" });
      expect(archived.items.map((c) => c.id)).toEqual([created.id]);
      await admin.customers.setArchived({ customerId: created.id, archived: false });
      expect((await admin.customers.list({ q: "zeta archivable" })).items).toHaveLength(1);
      const actions = (await auditOf(created.id)).map((e) => e.action);
      expect(actions).toEqual(["customer.created", "customer.archived", "customer.restored"]);
    });
  });

  describe("who sees what", () => {
    it("lets only tenant admins write customer records", async () => {
      for (const email of [staffOf.manager.email, staffOf.dispatcher.email, staffOf.employee.email]) {
        const api = await h.staff(email);
        expect(await refusal(api.customers.create({ number: "X-1", name: "Nope" }))).toBe("FORBIDDEN");
      }
    });

    it("shows internal notes and references to managers, not to dispatchers", async () => {
      const manager = await h.staff(staffOf.manager.email);
      const dispatcher = await h.staff(staffOf.dispatcher.email);
      const [gerance] = (await manager.customers.list({ q: "C-1001" })).items;
      const asManager = await manager.customers.get({ customerId: gerance!.id });
      expect(asManager.externalReferences).not.toBeNull();
      expect(asManager.internalNotes).not.toBeNull();
      const note = await manager.internalNotes.add({
        objectType: "customer",
        objectId: gerance!.id,
        body: "Pays late; call Mme Roux first",
      });
      const asDispatcher = await dispatcher.customers.get({ customerId: gerance!.id });
      expect(asDispatcher.externalReferences).toBeNull();
      expect(asDispatcher.internalNotes).toBeNull();
      expect(JSON.stringify(asDispatcher)).not.toContain("Mme Roux");
      expect(
        await refusal(
          dispatcher.internalNotes.add({ objectType: "customer", objectId: gerance!.id, body: "x" }),
        ),
      ).toBe("FORBIDDEN");
      const [entry] = await auditOf(note.id);
      expect(JSON.stringify(entry)).not.toContain("Roux");
    });

    it("limits employees to customers of their assigned work, with limited fields", async () => {
      const employee = await h.staff(staffOf.employee.email);
      const admin = await h.staff(staffOf.admin.email);
      const mine = await employee.customers.list({ limit: 100 });
      const all = await admin.customers.list({ limit: 100 });
      expect(mine.items.length).toBeGreaterThan(0);
      expect(mine.items.length).toBeLessThan(all.items.length);
      for (const customer of mine.items) {
        expect(Object.keys(customer).sort()).toEqual(expect.arrayContaining(["id", "name", "number"]));
        expect(customer).not.toHaveProperty("notes");
        expect(customer).not.toHaveProperty("status");
        expect(customer).not.toHaveProperty("city");
      }
      // A filter on a field they do not see is ignored rather than answered.
      const filtered = await employee.customers.list({ limit: 100, status: "prospect" });
      expect(filtered.items.map((c) => c.id)).toEqual(mine.items.map((c) => c.id));
      const detail = await employee.customers.get({ customerId: mine.items[0]!.id });
      expect(detail.externalReferences).toBeNull();
      expect(detail.internalNotes).toBeNull();
      expect(detail.customer).not.toHaveProperty("notes");
      const mineIds = new Set(mine.items.map((c) => c.id));
      const other = all.items.find((c) => !mineIds.has(c.id))!;
      expect(await refusal(employee.customers.get({ customerId: other.id }))).toBe("NOT_FOUND");
    });

    it("hides another tenant's customers as missing", async () => {
      const admin = await h.staff(staffOf.admin.email);
      const northwind = await h.staff(otherAdmin.email);
      const [gerance] = (await admin.customers.list({ q: "C-1001" })).items;
      expect(await refusal(northwind.customers.get({ customerId: gerance!.id }))).toBe("NOT_FOUND");
      expect(await refusal(northwind.customers.update({ customerId: gerance!.id, name: "Mine" }))).toBe(
        "NOT_FOUND",
      );
      expect((await northwind.customers.list({ q: "gérance" })).items).toHaveLength(0);
      expect(
        await refusal(
          northwind.locations.create({
            customerId: gerance!.id,
            name: "X",
            addressLine1: "1 rue",
            city: "Lyon",
            country: "FR",
          }),
        ),
      ).toBe("NOT_FOUND");
    });
  });

  describe("locations and contacts", () => {
    it("creates a location, checks coordinates, and audits it", async () => {
      const admin = await h.staff(staffOf.admin.email);
      const customer = await admin.customers.create({ number: "T-0010", name: "Site Holder" });
      const before = await count(schema.locations);
      const bad = await fieldErrorsOf(
        admin.locations.create({
          customerId: customer.id,
          name: "Depot",
          addressLine1: "",
          city: "Lyon",
          country: "France",
          latitude: 95,
          longitude: 4.8,
        }),
      );
      expect(Object.keys(bad).sort()).toEqual(["addressLine1", "country", "latitude"]);
      const half = await fieldErrorsOf(
        admin.locations.create({
          customerId: customer.id,
          name: "Depot",
          addressLine1: "1 rue X",
          city: "Lyon",
          country: "FR",
          latitude: 45.7,
        }),
      );
      expect(half.longitude).toBeDefined();
      expect(await count(schema.locations)).toBe(before);

      const location = await admin.locations.create({
        customerId: customer.id,
        name: "Depot",
        addressLine1: "12 rue de la République",
        city: "Lyon",
        country: "fr",
        latitude: 45.764,
        longitude: 4.8357,
        accessNotes: "Key at the caretaker",
        defaultWorkMinutes: 45,
      });
      expect(location).toMatchObject({ country: "FR", defaultWorkMinutes: 45 });
      const update = await fieldErrorsOf(admin.locations.update({ locationId: location.id, latitude: null }));
      expect(update.longitude ?? update.latitude).toBeDefined();
      await admin.locations.update({ locationId: location.id, parkingNotes: "Courtyard" });
      const entries = await auditOf(location.id);
      expect(entries.map((e) => e.action)).toEqual(["location.created", "location.updated"]);
      expect(entries[1]!.changedFields).toEqual(["parkingNotes"]);
      expect(JSON.stringify(entries)).not.toContain("caretaker");
      expect((await admin.locations.get({ locationId: location.id })).location.accessNotes).toBe(
        "Key at the caretaker",
      );
    });

    it("validates contacts and keeps them at the customer's own locations", async () => {
      const admin = await h.staff(staffOf.admin.email);
      const a = await admin.customers.create({ number: "T-0020", name: "Contact Holder A" });
      const b = await admin.customers.create({ number: "T-0021", name: "Contact Holder B" });
      const siteOfB = await admin.locations.create({
        customerId: b.id,
        name: "B site",
        addressLine1: "1 rue B",
        city: "Lyon",
        country: "FR",
      });
      const before = await count(schema.contactPersons);
      const errors = await fieldErrorsOf(
        admin.contacts.create({
          customerId: a.id,
          name: "Jo",
          email: "jo@",
          mobile: "abc",
          preferredContactMethod: "email",
        }),
      );
      expect(Object.keys(errors).sort()).toEqual(["email", "mobile"]);
      const missing = await fieldErrorsOf(
        admin.contacts.create({ customerId: a.id, name: "Jo", preferredContactMethod: "phone" }),
      );
      expect(missing.phone).toBeDefined();
      const gone = await admin.locations.create({
        customerId: a.id,
        name: "Old depot",
        addressLine1: "2 rue A",
        city: "Lyon",
        country: "FR",
      });
      await admin.locations.setArchived({ locationId: gone.id, archived: true });
      const archivedSite = await fieldErrorsOf(
        admin.contacts.create({ customerId: a.id, name: "Jo", email: "jo@a.example", locationId: gone.id }),
      );
      expect(archivedSite.locationId).toEqual(["Choose one of this customer's locations"]);
      const elsewhere = await fieldErrorsOf(
        admin.contacts.create({
          customerId: a.id,
          name: "Jo",
          email: "jo@a.example",
          locationId: siteOfB.id,
        }),
      );
      expect(elsewhere.locationId).toEqual(["Choose one of this customer's locations"]);
      expect(await count(schema.contactPersons)).toBe(before);

      const contact = await admin.contacts.create({
        customerId: a.id,
        name: "Jo Martin",
        email: "jo@a.example",
        role: "Caretaker",
      });
      const cleared = await fieldErrorsOf(
        admin.contacts.update({ contactPersonId: contact.id, email: null }),
      );
      expect(cleared.email).toBeDefined();
      await admin.contacts.update({
        contactPersonId: contact.id,
        phone: "04 78 00 00 00",
        preferredContactMethod: "phone",
      });
      await admin.contacts.setArchived({ contactPersonId: contact.id, archived: true });
      expect((await admin.customers.get({ customerId: a.id })).contacts).toHaveLength(0);
      // Archived ones can still be found, to restore them.
      const withArchived = await admin.customers.get({ customerId: a.id, includeArchived: true });
      expect(withArchived.contacts.map((c) => [c.id, c.archivedAt instanceof Date])).toEqual([
        [contact.id, true],
      ]);
      const actions = (await auditOf(contact.id)).map((e) => e.action);
      expect(actions).toEqual([
        "contact_person.created",
        "contact_person.updated",
        "contact_person.archived",
      ]);
    });

    it("lets nobody but admins change locations and contacts", async () => {
      const manager = await h.staff(staffOf.manager.email);
      const [gerance] = (await manager.customers.list({ q: "C-1001" })).items;
      const detail = await manager.customers.get({ customerId: gerance!.id });
      expect(
        await refusal(manager.locations.update({ locationId: detail.locations[0]!.id, name: "X" })),
      ).toBe("FORBIDDEN");
      expect(
        await refusal(manager.contacts.create({ customerId: gerance!.id, name: "X", email: "x@y.example" })),
      ).toBe("FORBIDDEN");
    });

    it("shows an employee only the locations of their work", async () => {
      const employee = await h.staff(staffOf.employee.email);
      const admin = await h.staff(staffOf.admin.email);
      const [first] = (await employee.customers.list({})).items;
      const mine = await employee.customers.get({ customerId: first!.id });
      const all = await admin.customers.get({ customerId: first!.id });
      const mineIds = new Set(mine.locations.map((l) => l.id));
      // The customer has sites the employee does not work at.
      expect(mine.locations.length).toBeGreaterThan(0);
      expect(all.locations.length).toBeGreaterThan(mine.locations.length);
      for (const location of all.locations.filter((l) => !mineIds.has(l.id))) {
        expect(await refusal(employee.locations.get({ locationId: location.id }))).toBe("NOT_FOUND");
      }
      for (const location of mine.locations) {
        expect(location).not.toHaveProperty("defaultPriority");
        expect(location).toHaveProperty("accessNotes");
      }
    });
  });
});
