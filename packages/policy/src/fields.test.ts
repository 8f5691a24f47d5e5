import { describe, expect, it } from "vitest";
import type { Actor } from "./actors";
import {
  type Audience,
  columns,
  fieldKinds,
  fieldRules,
  fieldsFor,
  project,
  projectWebhookPayload,
  unwritableVisitReportFields,
  webhookKinds,
} from "./fields";
import {
  allScopes,
  gatesWith,
  openGates,
  portalUser,
  sampleRow,
  staff,
  wholeCustomerGrant,
} from "./test-support";

const everyone: [string, Actor][] = [
  ["tenant admin", staff("tenant_admin")],
  ["manager", staff("manager")],
  ["dispatcher", staff("dispatcher")],
  ["employee", staff("employee")],
  ["integration", allScopes()],
  ["portal user", portalUser(wholeCustomerGrant)],
];

const cases = everyone.flatMap(([who, actor]) => fieldKinds.map((kind) => [who, kind, actor] as const));

describe("project keeps only allowed fields", () => {
  it.each(cases)("%s × %s: unknown fields are dropped", (_who, kind, actor) => {
    const row = { ...sampleRow(kind), passwordHash: "x", internalScore: 3, __proto__: { inherited: true } };
    const view = project(actor, kind, row, openGates);
    if (view === null) return;
    const allowed = fieldsFor(actor, kind, openGates) ?? [];
    expect(Object.keys(view).every((field) => allowed.includes(field))).toBe(true);
    for (const stranger of ["somethingNew", "passwordHash", "internalScore", "inherited"]) {
      expect(view).not.toHaveProperty(stranger);
    }
  });

  it.each(cases)("%s × %s: nothing sent that nobody may get", (_who, kind, actor) => {
    const view = project(actor, kind, sampleRow(kind), openGates) ?? {};
    for (const field of ["tenantId", "storageKey", "secretHash", "secret"])
      expect(view).not.toHaveProperty(field);
  });

  it("returns a new object and leaves the row alone", () => {
    const row = sampleRow("customer");
    const before = { ...row };
    const view = project(staff("tenant_admin"), "customer", row);
    expect(view).not.toBe(row);
    expect(row).toEqual(before);
  });

  it("leaves out fields the row does not have instead of inventing them", () => {
    expect(project(staff("employee"), "customer", { id: "c-1", name: "Acme", notes: "n" })).toEqual({
      id: "c-1",
      name: "Acme",
    });
  });

  it("keeps null values of allowed fields", () => {
    expect(project(staff("employee"), "customer", { id: "c-1", name: "Acme", email: null })).toEqual({
      id: "c-1",
      name: "Acme",
      email: null,
    });
  });

  it("an integration without the scope gets nothing, even where its audience has a list", () => {
    expect(fieldRules.customer.integration).toBeDefined();
    expect(
      project({ ...allScopes(), scopes: ["targets:read"] }, "customer", sampleRow("customer")),
    ).toBeNull();
  });
});

describe("the field tables", () => {
  const audiences = fieldKinds.flatMap((kind) =>
    (Object.keys(fieldRules[kind]) as Audience[]).map((audience) => [kind, audience] as const),
  );

  it.each(audiences)("%s × %s names columns only, once each", (kind, audience) => {
    const listed = fieldRules[kind][audience]?.fields ?? [];
    const known: readonly string[] = columns[kind];
    for (const field of listed) expect(known, `${kind}.${field}`).toContain(field);
    expect(new Set(listed).size).toBe(listed.length);
  });

  it("webhooks carry customer data, never internal or admin objects", () => {
    expect(webhookKinds).toEqual(
      expect.arrayContaining([
        "customer",
        "location",
        "target",
        "appointment",
        "visit_report",
        "billing_trigger",
      ]),
    );
    for (const kind of [
      "internal_note",
      "api_key",
      "webhook_subscription",
      "attachment",
      "timeline_entry",
      "portal_request",
    ]) {
      expect(webhookKinds).not.toContain(kind);
    }
  });

  it("webhook payloads drop unknown fields too", () => {
    const payload = projectWebhookPayload("customer", sampleRow("customer"), {
      gates: openGates,
      subscription: { includeContacts: true },
    });
    expect(payload).toHaveProperty("name");
    expect(payload).not.toHaveProperty("somethingNew");
    expect(payload).not.toHaveProperty("notes");
  });

  it("webhook contacts need the tenant gate and the subscription", () => {
    const row = sampleRow("contact_person");
    const send = (tenant: boolean, subscription: boolean) =>
      projectWebhookPayload("contact_person", row, {
        gates: gatesWith({ webhookIncludeContacts: tenant }),
        subscription: { includeContacts: subscription },
      });
    expect(send(true, true)).toHaveProperty("email");
    expect(send(true, false)).toBeNull();
    expect(send(false, true)).toBeNull();
    expect(send(false, false)).toBeNull();
  });
});

describe("visit report writes", () => {
  it.each<[string, Actor, Record<string, unknown>, string[]]>([
    ["employee writes the form", staff("employee"), { summary: "s", billable: true }, []],
    ["employee cannot set the billing note", staff("employee"), { billingNote: "b" }, ["billingNote"]],
    ["admin author may set the billing note", staff("tenant_admin"), { billingNote: "b" }, []],
    ["nobody sets review fields by writing", staff("tenant_admin"), { approvedAt: "now" }, ["approvedAt"]],
    ["nobody sets portal texts by writing", staff("tenant_admin"), { portalTitle: "t" }, ["portalTitle"]],
    ["managers do not author", staff("manager"), { summary: "s" }, ["summary"]],
    ["integrations do not author", allScopes(), { summary: "s" }, ["summary"]],
    ["unknown keys are refused", staff("employee"), { somethingNew: 1 }, ["somethingNew"]],
    [
      "an unknown role writes nothing",
      { ...staff("employee"), role: "constructor" } as unknown as Actor,
      { summary: "s" },
      ["summary"],
    ],
  ])("%s", (_case, actor, change, refused) => {
    expect(unwritableVisitReportFields(actor, change)).toEqual(refused);
  });
});
