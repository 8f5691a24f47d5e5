import { schema, withTenant } from "@ordinavo/db";
import { testEngines } from "@ordinavo/db/testing";
import {
  buildApiKey,
  buildContact,
  buildCustomer,
  buildLocation,
  buildVisit,
  type StaffIds,
} from "@ordinavo/demo";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectCaller } from "./callers";
import { type ApiHarness, buildWorkspace, fieldErrorsOf, openApiHarness } from "./test-support";

// Search as people type it (decision 018): any word of the name, accents and case ignored; the
// number with or without its prefix; a contact's name, email or phone however it is written; a
// site's street, postal code or city. Exact and prefix matches of the name or number come first.
// What an actor may not see is not searched: an employee finds no customer by a contact or a site.

describe.each(testEngines())("customer search on %s", (engine) => {
  let h: ApiHarness;
  let tenantId: string;
  let staffOf: Record<"dispatcher" | "employee", StaffIds>;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    h = await openApiHarness(engine);
    const ours = await buildWorkspace(h.db, { dispatcher: "dispatcher", employee: "employee" });
    tenantId = ours.tenantId;
    staffOf = ours.staff;
    const customer = async (key: string, number: string, name: string, extra = {}) => {
      id[key] = (await buildCustomer(h.db, { tenantId, number, name, ...extra })).customerId;
    };
    await customer("hotel", "C-1012", "Hôtel Le Presqu'île", { phone: "+33 4 72 00 10 12" });
    await customer("campus", "C-1013", "Tech Campus Gerland SAS");
    await customer("hotelier", "C-2001", "Hotelier Fournitures");
    await customer("garage", "C-2002", "Garage Martin");
    await customer("martin", "C-2003", "Martin Plomberie");
    await customer("school", "C-2004", "École Saint-Exupéry");
    // Many customers whose later words start with "hotel": the exact/prefix ones must still lead.
    for (let n = 0; n < 30; n++) await customer(`filler${n}`, `F-${300 + n}`, `Annexe ${n} Hotel`);

    const { locationId: site } = await buildLocation(h.db, {
      tenantId,
      customerId: id.school!,
      name: "Groupe scolaire",
      addressLine1: "14 rue Béchevelin",
      postalCode: "69007",
      city: "Lyon",
    });
    await buildLocation(h.db, {
      tenantId,
      customerId: id.garage!,
      name: "Atelier",
      addressLine1: "3 quai Perrache",
      city: "Vénissieux",
      archivedAt: new Date(),
    });
    await buildContact(h.db, {
      tenantId,
      customerId: id.martin!,
      name: "Amandine Rousseau",
      email: "a.rousseau@martin-plomberie.example",
      mobile: "06 12 34 56 78",
    });
    // The employee's only work: a visit at the school.
    await buildVisit(h.db, {
      tenantId,
      customerId: id.school!,
      locationId: site,
      assignedEmployeeId: staffOf.employee.userId,
    });
    const theirs = await buildWorkspace(h.db, { admin: "tenant_admin" });
    await buildCustomer(h.db, { tenantId: theirs.tenantId, number: "C-1012", name: "Hôtel d'ailleurs" });
  }, 180_000);
  afterAll(() => h?.destroy());

  const numbersFound = async (q: string, who: "dispatcher" | "employee" = "dispatcher") => {
    const api = await h.staff(staffOf[who].email);
    return (await api.customers.list({ q, limit: 100 })).items.map((c) => c.number);
  };

  it.each([
    ["hotel", "C-1012"],
    ["HÔTEL", "C-1012"],
    ["presqu", "C-1012"],
    ["presqu'île", "C-1012"],
    ["hotel presq", "C-1012"],
    ["gerland", "C-1013"],
    ["campus ger", "C-1013"],
    ["saint exup", "C-2004"],
    ["ecole", "C-2004"],
    ["1012", "C-1012"],
    ["C-1012", "C-1012"],
    ["c1012", "C-1012"],
    ["martin", "C-2002"],
    ["martin", "C-2003"],
    ["rousseau", "C-2003"],
    ["amandine rou", "C-2003"],
    ["a.rousseau@martin", "C-2003"],
    ["06 12 34", "C-2003"],
    ["+33 6 12 34 56 78", "C-2003"],
    ["0472001012", "C-1012"],
    ["+33 4 72 00", "C-1012"],
    ["bechevelin", "C-2004"],
    ["69007", "C-2004"],
    ["lyon", "C-2004"],
  ])("“%s” finds %s", async (q, number) => {
    expect(await numbersFound(q)).toContain(number);
  });

  it("finds nothing for words no customer has, for an archived site, or in another tenant", async () => {
    expect(await numbersFound("presqu zzz")).toEqual([]);
    expect(await numbersFound("perrache")).toEqual([]);
    expect(await numbersFound("venissieux")).toEqual([]);
    expect(await numbersFound("ailleurs")).toEqual([]);
    expect(await numbersFound("- ' -")).toEqual([]);
  });

  it("ranks a name or number that starts with the text before a later word of a name", async () => {
    const found = await numbersFound("hotel");
    expect(found.slice(0, 2).sort()).toEqual(["C-1012", "C-2001"]);
    expect(found).toHaveLength(32);
    expect((await numbersFound("1012"))[0]).toBe("C-1012");
  });

  it("pages through ranked results exactly once", async () => {
    const api = await h.staff(staffOf.dispatcher.email);
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await api.customers.list({ q: "hotel", limit: 7, after });
      seen.push(...page.items.map((c) => c.number ?? ""));
      after = page.nextCursor ?? undefined;
    } while (after);
    expect(seen).toEqual(await numbersFound("hotel"));
    expect(new Set(seen).size).toBe(32);
  });

  it("follows renames at once", async () => {
    await withTenant(h.db, tenantId, (tx) =>
      tx.update(schema.customers).set({ name: "Garage Zéphyr" }).where(eq(schema.customers.id, id.garage!)),
    );
    expect(await numbersFound("zephyr")).toEqual(["C-2002"]);
    // Martin Plomberie still, by its name and its contact's email; the garage no longer.
    expect(await numbersFound("martin")).toEqual(["C-2003"]);
    await withTenant(h.db, tenantId, (tx) =>
      tx.update(schema.customers).set({ name: "Garage Martin" }).where(eq(schema.customers.id, id.garage!)),
    );
  });

  it("never lets an employee find a customer by a contact or a site, only their own customers", async () => {
    expect(await numbersFound("ecole", "employee")).toEqual(["C-2004"]);
    expect(await numbersFound("bechevelin", "employee")).toEqual([]);
    expect(await numbersFound("martin", "employee")).toEqual([]);
  });

  it("is the same search on Connect, contacts only with contacts:read", async () => {
    const key = async (scopes: Parameters<typeof buildApiKey>[1]["scopes"]) =>
      connectCaller({ services: h.services, apiKey: (await buildApiKey(h.db, { tenantId, scopes })).secret });
    const customers = await key(["customers:read"]);
    expect((await customers.customers.list({ q: "presqu" })).items.map((c) => c.number)).toEqual(["C-1012"]);
    expect((await customers.customers.list({ q: "rousseau" })).items).toEqual([]);
    const withContacts = await key(["customers:read", "contacts:read"]);
    expect((await withContacts.customers.list({ q: "rousseau" })).items.map((c) => c.number)).toEqual([
      "C-2003",
    ]);
    expect(Object.keys(await fieldErrorsOf(customers.customers.list({ q: "x".repeat(101) })))).toEqual(["q"]);
  });
});
