import { withTenant } from "@ordinavo/db";
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
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectCaller } from "./callers";
import { type ApiHarness, openApiHarness, refusal } from "./test-support";

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

  it.each(apiKeyScopes)("a key with only %s reads what its scope opens and nothing else", async (scope) => {
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
  });
});
