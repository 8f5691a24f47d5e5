import { schema, withTenant } from "@ordinavo/db";
import { testEngines } from "@ordinavo/db/testing";
import { buildApiKey, buildCustomer } from "@ordinavo/demo";
import type { IntegrationActor, StaffActor } from "@ordinavo/policy";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, buildWorkspace, openApiHarness } from "../../test-support";
import { type UpsertInput, type UpsertWriter, upsertBatch } from "./upsert";

// The upsert core under imports and Connect writes: create, update, unchanged, parents by external
// id, field errors, other sources' references left alone, the writer's rights, and what a write
// records (events, timeline, audit) — nothing at all for an unchanged row.

describe.each(testEngines())("upsert core on %s", (engine) => {
  let h: ApiHarness;
  let tenantId: string;
  let admin: StaffActor;
  let employee: StaffActor;
  const run = (writer: UpsertWriter, input: Omit<UpsertInput, "dryRun"> & { dryRun?: boolean }) =>
    withTenant(h.db, writer.tenantId, (tx) => upsertBatch(tx, writer, { dryRun: false, ...input }));
  const asAdmin = (): UpsertWriter => ({ tenantId, actor: admin, source: "import" });
  const outbox = async () =>
    (await withTenant(h.db, tenantId, (tx) => tx.select().from(schema.outboxEvents))).map(
      (e) => (e.payload as { eventType: string }).eventType,
    );

  beforeAll(async () => {
    h = await openApiHarness(engine);
    const w = await buildWorkspace(h.db, { admin: "tenant_admin", employee: "employee" });
    tenantId = w.tenantId;
    admin = { kind: "staff", userId: w.staff.admin.userId, tenantId, role: "tenant_admin" };
    employee = { kind: "staff", userId: w.staff.employee.userId, tenantId, role: "employee" };
  });
  afterAll(() => h?.destroy());

  it("creates, updates and leaves unchanged rows by (source system, external id)", async () => {
    const rows = [
      { externalId: "E-1", name: "Alpha GmbH", email: "info@alpha.example", type: "Public sector" },
      { externalId: "E-2", name: "Beta SA", website: "https://beta.example" },
    ];
    const first = await run(asAdmin(), { kind: "customer", sourceSystem: "erp", rows });
    expect(first.map((r) => [r.status, r.outcome])).toEqual([
      ["imported", "created"],
      ["imported", "created"],
    ]);
    expect(first[0]!.warnings).toEqual([expect.objectContaining({ field: "type", code: "value_coerced" })]);
    const [alpha] = await withTenant(h.db, tenantId, (tx) =>
      tx.select().from(schema.customers).where(eq(schema.customers.id, first[0]!.objectId!)),
    );
    expect(alpha).toMatchObject({
      name: "Alpha GmbH",
      number: "E-1",
      type: "public_sector",
      status: "active",
    });
    const eventsAfterCreate = await outbox();
    expect(eventsAfterCreate.filter((t) => t === "customer.created")).toHaveLength(2);

    const again = await run(asAdmin(), { kind: "customer", sourceSystem: "erp", rows });
    expect(again.map((r) => r.status)).toEqual(["unchanged", "unchanged"]);
    expect(again.map((r) => r.objectId)).toEqual(first.map((r) => r.objectId));
    expect(await outbox()).toEqual(eventsAfterCreate);

    const changed = await run(asAdmin(), {
      kind: "customer",
      sourceSystem: "erp",
      rows: [{ externalId: "E-1", name: "Alpha AG" }, rows[1]!],
    });
    expect(changed.map((r) => r.outcome)).toEqual(["updated", "unchanged"]);
    const [after] = await withTenant(h.db, tenantId, (tx) =>
      tx.select().from(schema.customers).where(eq(schema.customers.id, first[0]!.objectId!)),
    );
    // Keys the row leaves out stay as stored.
    expect(after).toMatchObject({ name: "Alpha AG", email: "info@alpha.example" });
    expect((await outbox()).filter((t) => t === "customer.updated")).toHaveLength(1);
  });

  it("another source's references are other objects, and stay untouched", async () => {
    const [crm] = await run(asAdmin(), {
      kind: "customer",
      sourceSystem: "crm",
      rows: [{ externalId: "E-1", number: "CRM-E-1", name: "Alpha from the CRM" }],
    });
    expect(crm!.outcome).toBe("created");
    const refs = await withTenant(h.db, tenantId, (tx) =>
      tx
        .select()
        .from(schema.externalReferences)
        .where(and(eq(schema.externalReferences.externalId, "E-1"))),
    );
    expect(refs.map((r) => r.sourceSystem).sort()).toEqual(["crm", "erp"]);
    expect(new Set(refs.map((r) => r.objectId)).size).toBe(2);
  });

  it("gives field errors and unknown parents per row; the other rows go through", async () => {
    const results = await run(asAdmin(), {
      kind: "location",
      sourceSystem: "erp",
      rows: [
        {
          externalId: "L-1",
          customerExternalId: "E-1",
          name: "Depot",
          addressLine1: "1 Rue X",
          city: "Lyon",
          country: "fr",
          latitude: "45,75",
          longitude: "4.85",
          colour: "blue",
        },
        {
          externalId: "L-2",
          customerExternalId: "NOPE",
          name: "Ghost",
          addressLine1: "x",
          city: "y",
          country: "FR",
        },
        {
          externalId: "L-3",
          customerExternalId: "E-1",
          name: "",
          addressLine1: "x",
          city: "y",
          country: "France",
        },
      ],
    });
    expect(results[0]).toMatchObject({ status: "imported", outcome: "created" });
    expect(results[0]!.warnings.map((w) => w.code).sort()).toEqual(["unknown_column", "value_coerced"]);
    expect(results[1]).toMatchObject({
      status: "failed",
      errors: [{ field: "customerExternalId", message: expect.stringContaining("No customer") }],
    });
    expect(results[1]!.warnings.map((w) => w.code)).toEqual(["reference_not_found"]);
    expect(results[2]!.status).toBe("failed");
    expect(results[2]!.errors.map((e) => e.field).sort()).toEqual(["country", "name"]);

    const targets = await run(asAdmin(), {
      kind: "target",
      sourceSystem: "erp",
      rows: [
        {
          externalId: "T-1",
          customerExternalId: "E-1",
          locationExternalId: "L-1",
          title: "Service",
          priority: "High",
        },
        { externalId: "T-1", customerExternalId: "E-1", title: "Twice" },
        { externalId: "T-2", customerExternalId: "E-2", locationExternalId: "L-1", title: "Wrong place" },
      ],
    });
    expect(targets.map((r) => r.status)).toEqual(["imported", "failed", "failed"]);
    expect(targets[2]!.errors[0]!.field).toBe("locationExternalId");
    const timeline = await withTenant(h.db, tenantId, (tx) =>
      tx
        .select()
        .from(schema.timelineEntries)
        .where(eq(schema.timelineEntries.objectId, targets[0]!.objectId!)),
    );
    expect(timeline).toMatchObject([
      { kind: "imported_job", actorType: "staff", locationId: results[0]!.objectId },
    ]);
    const [target] = await withTenant(h.db, tenantId, (tx) =>
      tx.select().from(schema.targets).where(eq(schema.targets.id, targets[0]!.objectId!)),
    );
    expect(target).toMatchObject({ source: "import", priority: "high", locationId: results[0]!.objectId });
    expect(await outbox()).toContain("target.created");
  });

  it("a dry run classifies and writes nothing", async () => {
    const before = await outbox();
    const results = await run(asAdmin(), {
      kind: "customer",
      sourceSystem: "erp",
      dryRun: true,
      rows: [
        { externalId: "E-9", name: "Dry" },
        { externalId: "E-1", name: "Alpha renamed" },
      ],
    });
    expect(results.map((r) => r.outcome)).toEqual(["created", "updated"]);
    const dry = await withTenant(h.db, tenantId, (tx) =>
      tx.select().from(schema.customers).where(eq(schema.customers.number, "E-9")),
    );
    expect(dry).toEqual([]);
    expect(await outbox()).toEqual(before);
  });

  it("a number another customer holds fails its row", async () => {
    await buildCustomer(h.db, { tenantId, number: "TAKEN-1", name: "Manual" });
    const [row] = await run(asAdmin(), {
      kind: "customer",
      sourceSystem: "erp",
      rows: [{ externalId: "TAKEN-1", name: "Clash" }],
    });
    expect(row).toMatchObject({ status: "failed", errors: [{ field: "number" }] });
  });

  it("refuses writers without the right: an employee, a key without the scope or of another source", async () => {
    const input = { kind: "customer" as const, sourceSystem: "erp", rows: [{ externalId: "X", name: "X" }] };
    await expect(run({ tenantId, actor: employee, source: "import" }, input)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const key = async (scopes: IntegrationActor["scopes"], sourceSystem: string | null = null) => {
      const { apiKeyId } = await buildApiKey(h.db, { tenantId, scopes: [...scopes] });
      return { kind: "integration", apiKeyId, tenantId, scopes, sourceSystem } as IntegrationActor;
    };
    const reader = await key(["customers:read"]);
    await expect(run({ tenantId, actor: reader, source: "api" }, input)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const crmOnly = await key(["customers:write"], "crm");
    await expect(run({ tenantId, actor: crmOnly, source: "api" }, input)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const writer = await key(["customers:write"]);
    const [created] = await run({ tenantId, actor: writer, source: "api" }, input);
    expect(created!.outcome).toBe("created");
    const audit = await withTenant(h.db, tenantId, (tx) =>
      tx.select().from(schema.auditLog).where(eq(schema.auditLog.objectId, created!.objectId!)),
    );
    expect(audit).toMatchObject([{ action: "customer.created", actorType: "integration" }]);
  });
});
