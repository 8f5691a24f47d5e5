import { schema, type Transaction, withTenant } from "@ordinavo/db";
import { testEngines } from "@ordinavo/db/testing";
import {
  buildApiKey,
  buildAppointment,
  buildContact,
  buildCustomer,
  buildLocation,
  buildTarget,
  buildTenant,
  createExternalReference,
  createFollowUp,
  createVisitReport,
} from "@ordinavo/demo";
import { type ApiKeyScope, apiKeyScopes } from "@ordinavo/domain";
import { TRPCClientError } from "@trpc/client";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectCaller } from "./callers";
import { type ConnectRouter, createConnectClient, withIdempotencyKey } from "./client";
import { connectRouter } from "./connect";
import { handleConnectRequest } from "./http";
import { connectT, createConnectContext } from "./realms/connect";
import { type ApiHarness, fieldErrorsOf, openApiHarness, refusal } from "./test-support";

// Ordinavo Connect end to end through the procedures an API key calls: what each scope opens and
// refuses, keyset paging and `updatedSince`, source-scoped references, "event-based" visit
// reports, and another tenant's ids answering NOT_FOUND. One database per engine for the file.

type Connect = Awaited<ReturnType<typeof connectCaller>>;

const at = (day: string) => new Date(`${day}T08:00:00Z`);

describe.each(testEngines())("Ordinavo Connect on %s", (engine) => {
  let h: ApiHarness;
  const w = {} as {
    tenantId: string;
    customerIds: string[];
    locationIds: string[];
    targetIds: string[];
    appointmentId: string;
    reports: { draft: string; submitted: string; approved: string };
    followUpId: string;
    foreign: {
      customerId: string;
      locationId: string;
      targetId: string;
      appointmentId: string;
      reportId: string;
    };
  };
  const keys = new Map<string, string>();

  /** A Connect caller with a key of these scopes (one key per scope set and source). */
  async function connect(scopes: ApiKeyScope[], sourceSystem: string | null = null): Promise<Connect> {
    const name = `${scopes.join(",")}@${sourceSystem ?? "*"}`;
    let secret = keys.get(name);
    if (!secret) {
      ({ secret } = await buildApiKey(h.db, { tenantId: w.tenantId, scopes, sourceSystem }));
      keys.set(name, secret);
    }
    return connectCaller({ services: h.services, apiKey: secret });
  }

  beforeAll(async () => {
    h = await openApiHarness(engine);
    const db = h.db;
    const { tenantId } = await buildTenant(db, { name: "Connect Ltd" });
    w.tenantId = tenantId;
    w.customerIds = [];
    for (const [n, day] of ["2026-01-05", "2026-02-05", "2026-03-05"].entries()) {
      const { customerId } = await buildCustomer(db, { tenantId, name: `Customer ${n}`, updatedAt: at(day) });
      w.customerIds.push(customerId);
    }
    const [first, second] = w.customerIds as [string, string];
    w.locationIds = [];
    for (const [n, day] of ["2026-01-10", "2026-02-10", "2026-03-10", "2026-04-10", "2026-05-10"].entries()) {
      const { locationId } = await buildLocation(db, {
        tenantId,
        customerId: n < 3 ? first : second,
        name: `Site ${n}`,
        accessNotes: "Key under the mat",
        updatedAt: at(day),
      });
      w.locationIds.push(locationId);
    }
    await buildContact(db, { tenantId, customerId: first, name: "Claire Contact" });
    w.targetIds = [];
    for (const day of ["2026-01-15", "2026-02-15", "2026-03-15"]) {
      const { targetId } = await buildTarget(db, {
        tenantId,
        customerId: first,
        locationId: w.locationIds[0],
        title: `Work ${day}`,
        updatedAt: at(day),
      });
      w.targetIds.push(targetId);
    }
    // One report per visit: three visits of the first piece of work.
    const visits: string[] = [];
    for (let n = 0; n < 3; n++) {
      visits.push((await buildAppointment(db, { tenantId, targetId: w.targetIds[0]! })).appointmentId);
    }
    w.appointmentId = visits[0]!;
    await withTenant(db, tenantId, async (tx) => {
      const report = (status: "draft" | "submitted" | "approved") =>
        createVisitReport(tx, {
          tenantId,
          appointmentId: visits[["draft", "submitted", "approved"].indexOf(status)]!,
          targetId: w.targetIds[0]!,
          customerId: first,
          status,
          billingNote: "Invoice the extra hour",
          submittedAt: status === "draft" ? null : new Date(),
        });
      w.reports = {
        draft: (await report("draft")).id,
        submitted: (await report("submitted")).id,
        approved: (await report("approved")).id,
      };
      w.followUpId = (
        await createFollowUp(tx, {
          tenantId,
          visitReportId: w.reports.approved,
          customerId: first,
          targetId: w.targetIds[1],
          details: "Replace the burner next time",
        })
      ).id;
      for (const [objectType, objectId, sourceSystem] of [
        ["customer", first, "sap"],
        ["customer", second, "crm"],
        ["target", w.targetIds[0], "sap"],
        ["location", w.locationIds[0], "sap"],
      ] as const) {
        await createExternalReference(tx, { tenantId, objectType, objectId: objectId!, sourceSystem });
      }
    });

    // Another tenant, whose ids must answer NOT_FOUND.
    const other = await buildTenant(db, { name: "Other Ltd" });
    const { customerId } = await buildCustomer(db, { tenantId: other.tenantId, name: "Not theirs" });
    const { locationId } = await buildLocation(db, { tenantId: other.tenantId, customerId });
    const { targetId } = await buildTarget(db, { tenantId: other.tenantId, customerId, locationId });
    const foreignVisit = await buildAppointment(db, { tenantId: other.tenantId, targetId });
    const reportId = await withTenant(db, other.tenantId, async (tx) => {
      await createExternalReference(tx, {
        tenantId: other.tenantId,
        objectType: "customer",
        objectId: customerId,
        sourceSystem: "sap",
      });
      return (
        await createVisitReport(tx, {
          tenantId: other.tenantId,
          appointmentId: foreignVisit.appointmentId,
          targetId,
          customerId,
          status: "approved",
        })
      ).id;
    });
    w.foreign = { customerId, locationId, targetId, appointmentId: foreignVisit.appointmentId, reportId };
  }, 120_000);

  afterAll(async () => {
    await h?.destroy();
  });

  // ---- Scopes ------------------------------------------------------------------------------------

  /** Each read procedure, a valid input, and the scopes that open it. */
  const reads: { path: string; input: () => unknown; scopes: ApiKeyScope[] }[] = [
    { path: "customers.list", input: () => ({}), scopes: ["customers:read"] },
    { path: "customers.changes", input: () => ({}), scopes: ["customers:read"] },
    { path: "locations.list", input: () => ({}), scopes: ["locations:read"] },
    { path: "locations.get", input: () => ({ locationId: w.locationIds[0] }), scopes: ["locations:read"] },
    { path: "contacts.list", input: () => ({}), scopes: ["contacts:read"] },
    { path: "targets.list", input: () => ({}), scopes: ["targets:read"] },
    { path: "targets.get", input: () => ({ targetId: w.targetIds[0] }), scopes: ["targets:read"] },
    { path: "followUps.list", input: () => ({}), scopes: ["targets:read"] },
    { path: "appointments.list", input: () => ({}), scopes: ["appointments:read"] },
    {
      path: "appointments.get",
      input: () => ({ appointmentId: w.appointmentId }),
      scopes: ["appointments:read"],
    },
    {
      path: "visitReports.get",
      input: () => ({ visitReportId: w.reports.approved }),
      scopes: ["visit_reports:read"],
    },
    // Writes (dry runs, so the table writes nothing): a call of the right scope is answered.
    ...(["customers", "locations", "contacts", "targets"] as const).map((kind) => ({
      path: `${kind}.upsert`,
      input: () => ({ sourceSystem: "scopes", items: [{ externalId: "S-1", name: "Probe" }], dryRun: true }),
      scopes: [`${kind}:write` as ApiKeyScope],
    })),
    {
      path: "externalReferences.list",
      input: () => ({}),
      scopes: [
        "customers:read",
        "locations:read",
        "contacts:read",
        "targets:read",
        "appointments:read",
        "visit_reports:read",
      ],
    },
  ];

  const call = (api: Connect, path: string, input: unknown) => {
    const fn = path
      .split(".")
      .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], api) as (
      input: unknown,
    ) => Promise<unknown>;
    return fn(input);
  };

  it.each(apiKeyScopes)("a key with only %s calls what its scope opens and nothing else", async (scope) => {
    const api = await connect([scope]);
    for (const read of reads) {
      const outcome = await call(api, read.path, read.input()).then(
        () => "ok",
        (error: { code?: string }) => error.code ?? "error",
      );
      expect(`${read.path}: ${outcome}`).toBe(
        `${read.path}: ${read.scopes.includes(scope) ? "ok" : "FORBIDDEN"}`,
      );
    }
    expect((await api.whoami()).scopes).toEqual([scope]);
  });

  // ---- Paging and incremental sync -----------------------------------------------------------------

  it("pages locations by last change, 1–100 at a time, to the end and within the tenant", async () => {
    const api = await connect(["locations:read"]);
    const seen: { id: string; updatedAt: Date }[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await api.locations.list({ limit: 2, after });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      after = page.nextCursor ?? undefined;
      pages++;
    } while (after && pages < 10);
    expect(pages).toBe(3);
    expect(seen.map((l) => l.id)).toEqual(w.locationIds);
    expect(seen.map((l) => l.id)).not.toContain(w.foreign.locationId);
    // The policy's integration list: no on-site notes.
    expect(seen[0]).not.toHaveProperty("accessNotes");
    expect(seen[0]).toHaveProperty("addressLine1");
    expect(await refusal(api.locations.list({ limit: 101 }))).toBe("BAD_REQUEST");
    expect(await refusal(api.locations.list({ limit: 0 }))).toBe("BAD_REQUEST");
  });

  it("keeps what changed at or after updatedSince, oldest first, and pages on from there", async () => {
    const locations = await connect(["locations:read"]);
    const since = await locations.locations.list({ updatedSince: at("2026-03-10"), limit: 2 });
    expect(since.items.map((l) => l.id)).toEqual(w.locationIds.slice(2, 4));
    const rest = await locations.locations.list({ updatedSince: at("2026-03-10"), after: since.nextCursor! });
    expect(rest.items.map((l) => l.id)).toEqual(w.locationIds.slice(4));
    expect(rest.nextCursor).toBeNull();
    // ISO text with an offset works as well as a Date (what a script sends over HTTP).
    const asText = await locations.locations.list({
      updatedSince: "2026-05-01T00:00:00+02:00" as unknown as Date,
    });
    expect(asText.items.map((l) => l.id)).toEqual(w.locationIds.slice(4));

    const customers = await connect(["customers:read"]);
    const changed = await customers.customers.changes({ updatedSince: at("2026-02-01") });
    expect(changed.items.map((c) => c.id)).toEqual(w.customerIds.slice(1));
    expect(changed.items[0]).not.toHaveProperty("notes");
    // The name-ordered list works as before.
    expect((await customers.customers.list({ limit: 100 })).items).toHaveLength(3);

    // The first piece of work changed when its visits were planned (it became "planned"): last.
    const targets = await connect(["targets:read"]);
    const work = await targets.targets.list({ updatedSince: at("2026-03-01") });
    expect(work.items.map((t) => [t.id, t.status])).toEqual([
      [w.targetIds[2], "open"],
      [w.targetIds[0], "planned"],
    ]);
  });

  it("narrows lists to a customer of the key's tenant; another tenant's customer is NOT_FOUND", async () => {
    const api = await connect(["locations:read", "targets:read", "appointments:read"]);
    const second = w.customerIds[1]!;
    expect((await api.locations.list({ customerId: second })).items.map((l) => l.id)).toEqual(
      w.locationIds.slice(3),
    );
    expect((await api.targets.list({ customerId: second })).items).toEqual([]);
    expect(await refusal(api.locations.list({ customerId: w.foreign.customerId }))).toBe("NOT_FOUND");
    expect(await refusal(api.targets.list({ customerId: w.foreign.customerId }))).toBe("NOT_FOUND");
    expect(await refusal(api.appointments.list({ customerId: w.foreign.customerId }))).toBe("NOT_FOUND");
  });

  // ---- Foreign and unseen ids -------------------------------------------------------------------

  it("answers another tenant's ids and missing ids NOT_FOUND", async () => {
    const api = await connect(["locations:read", "targets:read", "appointments:read", "visit_reports:read"]);
    const missing = "00000000-0000-4000-8000-000000000000";
    expect(await refusal(api.locations.get({ locationId: w.foreign.locationId }))).toBe("NOT_FOUND");
    expect(await refusal(api.locations.get({ locationId: missing }))).toBe("NOT_FOUND");
    expect(await refusal(api.targets.get({ targetId: w.foreign.targetId }))).toBe("NOT_FOUND");
    expect(await refusal(api.appointments.get({ appointmentId: w.foreign.appointmentId }))).toBe("NOT_FOUND");
    expect(await refusal(api.visitReports.get({ visitReportId: w.foreign.reportId }))).toBe("NOT_FOUND");
    expect(await refusal(api.visitReports.get({ visitReportId: missing }))).toBe("NOT_FOUND");
    expect((await api.targets.list({ limit: 100 })).items.map((t) => t.id)).not.toContain(w.foreign.targetId);
  });

  // ---- What each kind carries -------------------------------------------------------------------

  it("visit reports are event-based: announced ones only, without billing or review trail", async () => {
    const api = await connect(["visit_reports:read"]);
    expect(await refusal(api.visitReports.get({ visitReportId: w.reports.draft }))).toBe("NOT_FOUND");
    const submitted = await api.visitReports.get({ visitReportId: w.reports.submitted });
    expect(submitted.status).toBe("submitted");
    const approved = await api.visitReports.get({ visitReportId: w.reports.approved });
    expect(approved).toMatchObject({ id: w.reports.approved, status: "approved" });
    expect(approved).not.toHaveProperty("billingNote");
    expect(approved).not.toHaveProperty("authorId");
  });

  it("appointments carry no employee; follow-ups no free text", async () => {
    const appointments = await connect(["appointments:read"]);
    const appointment = await appointments.appointments.get({ appointmentId: w.appointmentId });
    expect(appointment).toMatchObject({ id: w.appointmentId, targetId: w.targetIds[0] });
    expect(appointment).not.toHaveProperty("assignedEmployeeId");
    expect(appointment).not.toHaveProperty("createdById");

    const work = await connect(["targets:read"]);
    const { items } = await work.followUps.list({});
    expect(items).toEqual([expect.objectContaining({ id: w.followUpId, targetId: w.targetIds[1] })]);
    expect(JSON.stringify(items)).not.toContain("burner");
    expect(items[0]).not.toHaveProperty("details");
  });

  it("external references are source scoped: a key limited to sap sees sap's, of the kinds it reads", async () => {
    const sapWork = await connect(["targets:read", "customers:read"], "sap");
    const { items } = await sapWork.externalReferences.list({});
    expect(items.map((r) => [r.objectType, r.sourceSystem]).sort()).toEqual([
      ["customer", "sap"],
      ["target", "sap"],
    ]);
    expect(items.map((r) => r.objectId)).not.toContain(w.foreign.customerId);
    expect(await refusal(sapWork.externalReferences.list({ sourceSystem: "crm" }))).toBe("FORBIDDEN");
    // References are only ever added: updatedSince keeps those added since.
    expect(
      (await sapWork.externalReferences.list({ updatedSince: new Date(Date.now() + 60_000) })).items,
    ).toEqual([]);
    expect((await sapWork.externalReferences.list({ updatedSince: at("2026-01-01") })).items).toHaveLength(2);
  });

  // ---- Writes -----------------------------------------------------------------------------------

  /** The typed client over the real HTTP handler (no socket: its fetch calls the handler). */
  async function overHttp(scopes: ApiKeyScope[], sourceSystem: string | null = null) {
    const { secret } = await buildApiKey(h.db, { tenantId: w.tenantId, scopes, sourceSystem });
    return createConnectClient({
      url: "http://connect.test/api/connect",
      apiKey: secret,
      fetch: (input, init) =>
        handleConnectRequest({
          request: new Request(input as string, init as RequestInit),
          services: h.services,
          endpoint: "/api/connect",
        }),
    });
  }

  /** The app error code and HTTP status a client call was refused with. */
  async function clientRefusal(promise: Promise<unknown>) {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error, "the call should have been refused").toBeInstanceOf(TRPCClientError);
    const { data, message } = error as TRPCClientError<ConnectRouter>;
    return { code: data?.code, status: data?.httpStatus, message, fields: data?.fieldErrors };
  }

  const countRows = (query: (tx: Transaction) => Promise<unknown[]>) =>
    withTenant(h.db, w.tenantId, query).then((rows) => rows.length);

  const customersWithNumber = (number: string) =>
    countRows((tx) =>
      tx
        .select({ id: schema.customers.id })
        .from(schema.customers)
        .where(and(eq(schema.customers.tenantId, w.tenantId), eq(schema.customers.number, number))),
    );

  it("upserts a batch by source and external id: created, per-item field errors, then unchanged, then updated", async () => {
    const api = await connect(["customers:write", "customers:read"]);
    const items = [
      { externalId: "ERP-1", number: "ERP-1", name: "Boulangerie Martin", email: "contact@martin.example" },
      { externalId: "ERP-2", name: "", email: "not an address" },
      { externalId: "ERP-3", number: "ERP-3", name: "Garage Dupont" },
    ];
    const first = await api.customers.upsert({ sourceSystem: "erp", items });
    expect(first.summary).toEqual({ created: 2, updated: 0, unchanged: 0, failed: 1 });
    expect(first.results.map((r) => r.outcome)).toEqual(["created", "failed", "created"]);
    expect(first.results[1]).toMatchObject({ index: 1, id: null });
    expect(first.results[1]!.errors.map((e) => e.field).sort()).toEqual(["email", "name"]);
    const id = first.results[0]!.id!;

    const again = await api.customers.upsert({ sourceSystem: "erp", items: [items[0]!, items[2]!] });
    expect(again.results.map((r) => [r.outcome, r.id])).toEqual([
      ["unchanged", id],
      ["unchanged", first.results[2]!.id],
    ]);

    const renamed = await api.customers.upsert({
      sourceSystem: "erp",
      items: [{ ...items[0]!, name: "Boulangerie Martin & Fils" }],
    });
    expect(renamed.results[0]).toMatchObject({ outcome: "updated", id });
    const { items: changed } = await api.customers.changes({ updatedSince: at("2026-06-01"), limit: 100 });
    expect(changed.find((c) => c.id === id)?.name).toBe("Boulangerie Martin & Fils");
    expect(await customersWithNumber("ERP-1")).toBe(1);

    // The same external id in another source system is another object.
    const crm = await api.customers.upsert({
      sourceSystem: "crm",
      items: [{ externalId: "ERP-1", number: "CRM-1", name: "CRM twin" }],
    });
    expect(crm.results[0]!.outcome).toBe("created");
    expect(crm.results[0]!.id).not.toBe(id);
  });

  it("writes locations, contacts and work under their customer's external id", async () => {
    const api = await connect(
      ["customers:write", "locations:write", "contacts:write", "targets:write", "targets:read"],
      "shop",
    );
    await api.customers.upsert({ items: [{ externalId: "K-1", number: "SHOP-K1", name: "Shop customer" }] });
    const site = await api.locations.upsert({
      items: [
        {
          externalId: "L-1",
          customerExternalId: "K-1",
          name: "Depot",
          addressLine1: "1 rue A",
          city: "Lyon",
          country: "fr",
        },
        {
          externalId: "L-2",
          customerExternalId: "NOPE",
          name: "Lost",
          addressLine1: "2 rue B",
          city: "Lyon",
          country: "FR",
        },
      ],
    });
    expect(site.results.map((r) => r.outcome)).toEqual(["created", "failed"]);
    expect(site.results[1]!.errors[0]!.field).toBe("customerExternalId");
    const contact = await api.contacts.upsert({
      items: [
        {
          externalId: "P-1",
          customerExternalId: "K-1",
          locationExternalId: "L-1",
          name: "Paul",
          email: "paul@shop.example",
        },
      ],
    });
    expect(contact.results[0]!.outcome).toBe("created");
    const work = await api.targets.upsert({
      items: [
        {
          externalId: "W-1",
          customerExternalId: "K-1",
          locationExternalId: "L-1",
          title: "Install the oven",
        },
      ],
    });
    expect(work.results[0]!.outcome).toBe("created");
    const target = await api.targets.get({ targetId: work.results[0]!.id! });
    expect(target).toMatchObject({ title: "Install the oven", locationId: site.results[0]!.id });
  });

  it("writes with the key's own source system, and refuses another one or a missing one", async () => {
    const limited = await connect(["customers:write"], "sap");
    const own = await limited.customers.upsert({
      items: [{ externalId: "SAP-9", number: "SAP-9", name: "Sap customer" }],
    });
    expect(own).toMatchObject({ sourceSystem: "sap", summary: { created: 1 } });
    expect(
      (
        await limited.customers.upsert({
          sourceSystem: "sap",
          items: [{ externalId: "SAP-9", number: "SAP-9", name: "Sap customer" }],
        })
      ).summary.unchanged,
    ).toBe(1);
    expect(
      await refusal(
        limited.customers.upsert({ sourceSystem: "crm", items: [{ externalId: "X", name: "X" }] }),
      ),
    ).toBe("FORBIDDEN");

    const open = await connect(["customers:write"]);
    expect(
      await fieldErrorsOf(open.customers.upsert({ items: [{ externalId: "X", name: "X" }] })),
    ).toHaveProperty("sourceSystem");
    expect(await refusal(open.customers.upsert({ sourceSystem: "erp", items: [] }))).toBe("BAD_REQUEST");
    const many = Array.from({ length: 101 }, (_, n) => ({ externalId: `M-${n}`, name: `M ${n}` }));
    expect(await refusal(open.customers.upsert({ sourceSystem: "erp", items: many }))).toBe("BAD_REQUEST");
  });

  it("a dry run reports what would happen and writes nothing", async () => {
    const api = await connect(["customers:write"]);
    const dry = await api.customers.upsert({
      sourceSystem: "erp",
      items: [{ externalId: "DRY-1", number: "DRY-1", name: "Dry" }],
      dryRun: true,
    });
    expect(dry.results[0]).toMatchObject({ outcome: "created", id: null });
    expect(await customersWithNumber("DRY-1")).toBe(0);
  });

  // ---- Idempotency-Key --------------------------------------------------------------------------

  const idempotencyRows = (key: string) =>
    countRows((tx) =>
      tx
        .select({ id: schema.connectIdempotencyKeys.id })
        .from(schema.connectIdempotencyKeys)
        .where(
          and(
            eq(schema.connectIdempotencyKeys.tenantId, w.tenantId),
            eq(schema.connectIdempotencyKeys.key, key),
          ),
        ),
    );

  it("a retry with the same Idempotency-Key gets the first answer and writes nothing", async () => {
    const client = await overHttp(["customers:write"]);
    const input = { sourceSystem: "erp", items: [{ externalId: "IDEM-1", number: "IDEM-1", name: "Once" }] };
    const first = await client.customers.upsert.mutate(input, withIdempotencyKey("retry-1"));
    expect(first.results[0]!.outcome).toBe("created");
    const retry = await client.customers.upsert.mutate(input, withIdempotencyKey("retry-1"));
    // The stored answer ("created"), not a second run (which would say "unchanged").
    expect(retry).toEqual(first);
    expect(await customersWithNumber("IDEM-1")).toBe(1);
    expect(await idempotencyRows("retry-1")).toBe(1);
    // One webhook event, from the API, in the write's transaction; none from the retry.
    const events = await withTenant(h.db, w.tenantId, (tx) =>
      tx
        .select({ payload: schema.outboxEvents.payload })
        .from(schema.outboxEvents)
        .where(sql`${schema.outboxEvents.payload}->>'objectId' = ${first.results[0]!.id}`),
    );
    expect(events.map((e) => e.payload)).toEqual([
      expect.objectContaining({ eventType: "customer.created", source: "api" }),
    ]);
    // Without the key the same call runs again, and finds nothing to change.
    expect((await client.customers.upsert.mutate(input)).results[0]!.outcome).toBe("unchanged");
  });

  it("a retried import with the same Idempotency-Key starts one job, not two", async () => {
    const client = await overHttp(["imports:write"]);
    const input = {
      kind: "customer" as const,
      sourceSystem: "erp",
      dryRun: true,
      rows: [{ externalId: "IDEM-IMPORT-1", name: "Imported once" }],
    };
    const jobs = () =>
      withTenant(h.db, w.tenantId, (tx) =>
        tx.$count(schema.importJobs, eq(schema.importJobs.sourceSystem, "erp")),
      );
    const before = await jobs();
    const first = await client.imports.create.mutate(input, withIdempotencyKey("import-retry-1"));
    const retry = await client.imports.create.mutate(input, withIdempotencyKey("import-retry-1"));
    expect(retry.id).toBe(first.id);
    expect(await jobs()).toBe(before + 1);
    const other = await clientRefusal(
      client.imports.create.mutate({ ...input, dryRun: false }, withIdempotencyKey("import-retry-1")),
    );
    expect(other.code).toBe("CONFLICT");
    // Without a key each call is a job of its own.
    const again = await client.imports.create.mutate(input);
    expect(again.id).not.toBe(first.id);
    expect(await jobs()).toBe(before + 2);
  });

  it("refuses the same Idempotency-Key with other input, or for another procedure, with a clear CONFLICT", async () => {
    const client = await overHttp(["customers:write", "targets:write"]);
    const input = { sourceSystem: "erp", items: [{ externalId: "IDEM-2", number: "IDEM-2", name: "First" }] };
    await client.customers.upsert.mutate(input, withIdempotencyKey("reuse-1"));
    const other = await clientRefusal(
      client.customers.upsert.mutate(
        { ...input, items: [{ ...input.items[0]!, name: "Second" }] },
        withIdempotencyKey("reuse-1"),
      ),
    );
    expect(other).toMatchObject({ code: "CONFLICT", status: 409 });
    expect(other.message).toContain("Idempotency-Key was already used for a different request");
    const elsewhere = await clientRefusal(
      client.targets.upsert.mutate(
        { sourceSystem: "erp", items: [{ externalId: "T", customerExternalId: "IDEM-2", title: "T" }] },
        withIdempotencyKey("reuse-1"),
      ),
    );
    expect(elsewhere.code).toBe("CONFLICT");
    expect(await customersWithNumber("IDEM-2")).toBe(1);
    const malformed = await clientRefusal(
      client.customers.upsert.mutate(input, withIdempotencyKey("with space")),
    );
    expect(malformed).toMatchObject({ code: "VALIDATION", status: 400 });
    expect(malformed.fields).toHaveProperty("Idempotency-Key");
  });

  it("refuses an Idempotency-Key on a batch of several calls over plain HTTP", async () => {
    const { secret } = await buildApiKey(h.db, { tenantId: w.tenantId, scopes: ["customers:write"] });
    const body = (name: string) => ({
      json: { sourceSystem: "erp", items: [{ externalId: `BATCH-${name}`, number: `BATCH-${name}`, name }] },
    });
    const response = await handleConnectRequest({
      request: new Request("http://connect.test/api/connect/customers.upsert,customers.upsert?batch=1", {
        method: "POST",
        headers: {
          authorization: `Bearer ${secret}`,
          "content-type": "application/json",
          "idempotency-key": "b-1",
        },
        body: JSON.stringify({ 0: body("A"), 1: body("B") }),
      }),
      services: h.services,
      endpoint: "/api/connect",
    });
    // Error answers are superjson-encoded like results: { error: { json: { data: { code } } } }.
    const answers = (await response.json()) as { error?: { json: { data: { code: string } } } }[];
    expect(answers.map((answer) => answer.error?.json.data.code)).toEqual(["VALIDATION", "VALIDATION"]);
    expect(await customersWithNumber("BATCH-A")).toBe(0);
  });

  it("concurrent calls with one Idempotency-Key write once and answer alike", async () => {
    const client = await overHttp(["customers:write"]);
    const input = { sourceSystem: "erp", items: [{ externalId: "RACE-1", number: "RACE-1", name: "Race" }] };
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => client.customers.upsert.mutate(input, withIdempotencyKey("race-1"))),
    );
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]!.results[0]!.outcome).toBe("created");
    expect(await customersWithNumber("RACE-1")).toBe(1);
  });

  it("keys are scoped to the API key, and a key older than 24 hours counts as new", async () => {
    const a = await overHttp(["customers:write"]);
    const b = await overHttp(["customers:write"]);
    const input = (name: string) => ({
      sourceSystem: "erp",
      items: [{ externalId: "OLD-1", number: "OLD-1", name }],
    });
    await a.customers.upsert.mutate(input("Old"), withIdempotencyKey("old-1"));
    // Another API key's "old-1" is its own.
    expect(
      (await b.customers.upsert.mutate(input("Other key"), withIdempotencyKey("old-1"))).results[0]!.outcome,
    ).toBe("updated");
    await withTenant(h.db, w.tenantId, (tx) =>
      tx
        .update(schema.connectIdempotencyKeys)
        .set({ createdAt: new Date(Date.now() - 25 * 3_600_000) })
        .where(eq(schema.connectIdempotencyKeys.key, "old-1")),
    );
    const renewed = await a.customers.upsert.mutate(input("New"), withIdempotencyKey("old-1"));
    expect(renewed.results[0]!.outcome).toBe("updated");
    expect(await idempotencyRows("old-1")).toBe(2);
  });

  it("in-process callers pass the key as well", async () => {
    const { secret } = await buildApiKey(h.db, { tenantId: w.tenantId, scopes: ["customers:write"] });
    const ctx = await createConnectContext({
      services: h.services,
      apiKey: secret,
      idempotencyKey: "in-process-1",
    });
    const api = connectT.createCallerFactory(connectRouter)(ctx);
    const input = {
      sourceSystem: "erp",
      items: [{ externalId: "INP-1", number: "INP-1", name: "In process" }],
    };
    const first = await api.customers.upsert(input);
    expect(await api.customers.upsert(input)).toEqual(first);
    expect(await refusal(api.customers.upsert({ ...input, dryRun: true }))).toBe("CONFLICT");
  });
});
