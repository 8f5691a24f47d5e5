import { schema, withTenant } from "@ordinavo/db";
import { testEngines } from "@ordinavo/db/testing";
import { buildApiKey } from "@ordinavo/demo";
import { createJobs } from "@ordinavo/jobs";
import type { IntegrationActor, StaffActor } from "@ordinavo/policy";
import { closedGates } from "@ordinavo/policy";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectCaller } from "../../callers";
import { type ApiHarness, buildWorkspace, openApiHarness, refusal } from "../../test-support";
import type { ServiceContext } from "../context";
import {
  cancelImportJob,
  createRowsImport,
  getImportJob,
  listImportRows,
  listJobWarnings,
  runImportForReal,
  startImportJob,
  uploadImportFile,
} from "./jobs";
import { createImportJobRunner } from "./run";

// Import jobs through the real job runtime (in-process executor, outbox relay): a dry run writes
// nothing, the real run creates, a second run leaves everything unchanged; progress and warnings
// are stored; a generated CSV streams in batches; JSON lines; who may see and write jobs.

describe.each(testEngines())("import jobs on %s", (engine) => {
  let h: ApiHarness;
  let tenantId: string;
  let admin: ServiceContext;
  let employee: ServiceContext;
  let otherAdmin: ServiceContext;
  let emails: { admin: string; employee: string };
  const ctxOf = (actor: StaffActor | IntegrationActor, tenant = tenantId): ServiceContext => ({
    db: h.db,
    actor,
    tenantId: tenant,
    gates: closedGates,
    timeZone: "Europe/Paris",
    files: h.services.files!,
  });
  const drain = () =>
    createJobs({
      db: h.db,
      config: { mode: "in-process" },
      imports: createImportJobRunner(h.services),
    }).relay.drain();
  const customersNamed = (name: string) =>
    withTenant(h.db, tenantId, (tx) =>
      tx.select().from(schema.customers).where(eq(schema.customers.name, name)),
    );

  beforeAll(async () => {
    h = await openApiHarness(engine);
    const w = await buildWorkspace(h.db, { admin: "tenant_admin", employee: "employee" });
    tenantId = w.tenantId;
    admin = ctxOf({ kind: "staff", userId: w.staff.admin.userId, tenantId, role: "tenant_admin" });
    employee = ctxOf({ kind: "staff", userId: w.staff.employee.userId, tenantId, role: "employee" });
    emails = { admin: w.staff.admin.email, employee: w.staff.employee.email };
    const other = await buildWorkspace(h.db, { admin: "tenant_admin" });
    otherAdmin = ctxOf(
      { kind: "staff", userId: other.staff.admin.userId, tenantId: other.tenantId, role: "tenant_admin" },
      other.tenantId,
    );
  });
  afterAll(() => h?.destroy());

  const csv = [
    "Customer ID,Name,E-mail,Type,Colour",
    "C-1,Acme Corp,info@acme.example,business,red",
    "C-2,Bolt Ltd,not-an-email,business,blue",
    'C-3,"Comma, Inc",,Public sector,green',
  ].join("\n");

  it("a dry run validates and writes nothing; run for real creates; a second run changes nothing", async () => {
    const uploaded = await uploadImportFile(
      admin,
      { kind: "customer", sourceSystem: "erp", dryRun: true },
      { name: "customers.csv", bytes: new TextEncoder().encode(csv) },
    );
    expect(uploaded).toMatchObject({ status: "pending", format: "csv", dryRun: true });
    expect(uploaded.mapping).toMatchObject({ Name: "name", "E-mail": "email", Type: "type", Colour: "" });
    await startImportJob(admin, {
      importJobId: uploaded.id,
      mapping: { ...uploaded.mapping, "Customer ID": "externalId" },
    });
    await drain();
    const dry = await getImportJob(admin, uploaded.id);
    expect(dry).toMatchObject({
      status: "completed_with_warnings",
      totalRows: 3,
      processedRows: 3,
      failedRows: 1,
      summary: { created: 2, updated: 0, unchanged: 0 },
      canRunForReal: true,
    });
    expect(await customersNamed("Acme Corp")).toEqual([]);
    const rows = await listImportRows(admin, { importJobId: uploaded.id, after: 0, limit: 50 });
    expect(rows.items.map((r) => r.status)).toEqual(["valid", "failed", "valid"]);
    expect(rows.items[1]!.errors).toEqual([{ field: "email", message: "Enter a valid email address" }]);
    expect(rows.items[2]!.warnings).toMatchObject([{ field: "type", code: "value_coerced" }]);
    expect(await listJobWarnings(admin, uploaded.id)).toMatchObject([
      { field: "Colour", code: "unknown_column" },
    ]);
    const failedOnly = await listImportRows(admin, {
      importJobId: uploaded.id,
      status: "failed",
      after: 0,
      limit: 50,
    });
    expect(failedOnly.items.map((r) => r.rowNumber)).toEqual([2]);

    const real = await runImportForReal(admin, uploaded.id);
    await drain();
    expect(await getImportJob(admin, real.id)).toMatchObject({
      status: "completed_with_warnings",
      dryRun: false,
      summary: { created: 2 },
    });
    expect(await customersNamed("Comma, Inc")).toMatchObject([{ type: "public_sector" }]);
    const again = await runImportForReal(admin, uploaded.id);
    await drain();
    expect((await getImportJob(admin, again.id)).summary).toEqual({ created: 0, updated: 0, unchanged: 2 });
    const events = await withTenant(h.db, tenantId, (tx) => tx.select().from(schema.outboxEvents));
    const finished = events.filter(
      (e) => (e.payload as { eventType?: string }).eventType === "import_job.finished",
    );
    expect(finished.map((e) => (e.payload as { source: string }).source)).toEqual([
      "import",
      "import",
      "import",
    ]);
  });

  it("streams a generated CSV in batches, with progress, and reads JSON lines", async () => {
    const lines = ["externalId,name"];
    for (let i = 1; i <= 1203; i++) lines.push(`G-${i},Generated ${i}`);
    const job = await uploadImportFile(
      admin,
      { kind: "customer", sourceSystem: "gen", dryRun: false },
      { name: "big.csv", bytes: new TextEncoder().encode(`${lines.join("\r\n")}\r\n`) },
    );
    await startImportJob(admin, { importJobId: job.id, mapping: job.mapping });
    await drain();
    expect(await getImportJob(admin, job.id)).toMatchObject({
      status: "completed",
      totalRows: 1203,
      processedRows: 1203,
      failedRows: 0,
      summary: { created: 1203 },
    });
    const page = await listImportRows(admin, { importJobId: job.id, after: 1199, limit: 50 });
    expect(page.items.map((r) => r.externalId)).toEqual(["G-1200", "G-1201", "G-1202", "G-1203"]);

    const jsonl = [
      '{"externalId":"J-1","name":"Json One"}',
      "",
      "not json",
      '{"externalId":"J-2","name":"Json Two"}',
    ];
    const lined = await uploadImportFile(
      admin,
      { kind: "customer", sourceSystem: "gen", dryRun: false },
      { name: "rows.jsonl", bytes: new TextEncoder().encode(jsonl.join("\n")) },
    );
    expect(lined.format).toBe("jsonl");
    await startImportJob(admin, { importJobId: lined.id, mapping: lined.mapping });
    await drain();
    const done = await getImportJob(admin, lined.id);
    expect(done).toMatchObject({ totalRows: 3, failedRows: 1, summary: { created: 2 } });
  });

  it("cancels a job before it runs", async () => {
    const job = await uploadImportFile(
      admin,
      { kind: "customer", sourceSystem: "erp", dryRun: true },
      { name: "c.csv", bytes: new TextEncoder().encode(csv) },
    );
    await startImportJob(admin, {
      importJobId: job.id,
      mapping: { ...job.mapping, "Customer ID": "externalId" },
    });
    expect((await cancelImportJob(admin, job.id)).status).toBe("cancelled");
    await drain();
    expect((await getImportJob(admin, job.id)).processedRows).toBe(0);
    await expect(cancelImportJob(admin, job.id)).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("refuses employees, keys without imports:write, and other tenants' jobs", async () => {
    const file = { name: "c.csv", bytes: new TextEncoder().encode(csv) };
    await expect(
      uploadImportFile(employee, { kind: "customer", sourceSystem: "erp", dryRun: true }, file),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const { apiKeyId } = await buildApiKey(h.db, { tenantId, scopes: ["customers:write"] });
    const key = ctxOf({
      kind: "integration",
      apiKeyId,
      tenantId,
      scopes: ["customers:write"],
      sourceSystem: null,
    });
    const input = {
      kind: "customer" as const,
      sourceSystem: "api",
      dryRun: false,
      rows: [{ externalId: "A", name: "A" }],
    };
    await expect(createRowsImport(key, input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const job = await uploadImportFile(admin, { kind: "customer", sourceSystem: "erp", dryRun: true }, file);
    await expect(getImportJob(otherAdmin, job.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(cancelImportJob(otherAdmin, job.id)).rejects.toMatchObject({ code: "NOT_FOUND" });

    const importer = await buildApiKey(h.db, { tenantId, scopes: ["imports:write"] });
    const keyCtx = ctxOf({
      kind: "integration",
      apiKeyId: importer.apiKeyId,
      tenantId,
      scopes: ["imports:write"],
      sourceSystem: null,
    });
    const created = await createRowsImport(keyCtx, input);
    await drain();
    expect(await getImportJob(keyCtx, created.id)).toMatchObject({
      status: "completed",
      summary: { created: 1 },
    });
    // A key sees its own jobs only.
    await expect(getImportJob(keyCtx, job.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("through the procedures: the workspace's admins only; Connect with imports:write, its own jobs", async () => {
    const worker = await h.staff(emails.employee);
    expect(await refusal(worker.imports.list({ page: 1, limit: 20 }))).toBe("FORBIDDEN");
    const boss = await h.staff(emails.admin);
    const listed = await boss.imports.list({ page: 1, limit: 20 });
    expect(listed.items.length).toBeGreaterThan(0);
    const someone = listed.items[0]!;
    expect(await refusal(worker.imports.get({ importJobId: someone.id }))).toBe("FORBIDDEN");

    const reader = await buildApiKey(h.db, { tenantId, scopes: ["customers:write"] });
    const noScope = await connectCaller({ services: h.services, apiKey: reader.secret });
    const rows = [
      { externalId: "K-1", name: "Keyed", email: "bad" },
      { externalId: "K-2", name: "Keyed two" },
    ];
    expect(await refusal(noScope.imports.create({ kind: "customer", sourceSystem: "erp", rows }))).toBe(
      "FORBIDDEN",
    );
    const importer = await buildApiKey(h.db, { tenantId, scopes: ["imports:write"] });
    const connect = await connectCaller({ services: h.services, apiKey: importer.secret });
    const job = await connect.imports.create({ kind: "customer", sourceSystem: "erp", dryRun: true, rows });
    expect(job).toMatchObject({ status: "validating", format: "rows", totalRows: 2 });
    await drain();
    expect(await connect.imports.get({ importJobId: job.id })).toMatchObject({
      status: "completed_with_warnings",
      processedRows: 2,
      failedRows: 1,
      warnings: [],
    });
    const failed = await connect.imports.rows({ importJobId: job.id, status: "failed" });
    expect(failed.items).toMatchObject([{ rowNumber: 1, errors: [{ field: "email" }] }]);
    expect(await refusal(connect.imports.get({ importJobId: someone.id }))).toBe("NOT_FOUND");
  });
});
