import { recordAudit, schema, withTenant } from "@ordinavo/db";
import { testEngines } from "@ordinavo/db/testing";
import { buildApiKey, buildLocation, buildRecurringPlan, type StaffIds } from "@ordinavo/demo";
import { generateRecurringVisits } from "@ordinavo/planning";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiHarness,
  buildWorkspace,
  fieldErrorsOf,
  openApiHarness,
  refusal,
  TEST_PASSWORD,
  type WorkspaceApi,
} from "./test-support";

// The audit log as admins read it. The data comes from the real services (customers, notes, work,
// API keys, a password change, a plan's generation by the system) plus an integration's entry; the
// free texts and secrets typed along the way must appear in no audit row.

type Entry = Awaited<ReturnType<WorkspaceApi["audit"]["list"]>>["items"][number];

describe.each(testEngines())("audit log on %s", (engine) => {
  let h: ApiHarness;
  let tenantId: string;
  let staff: Record<"admin" | "manager" | "dispatcher" | "employee", StaffIds>;
  let customerId: string;
  let deletedNoteId: string;
  let keyId: string;
  const secrets = {
    customerNotes: "Gate code 4711, ask for Mme Roux",
    noteBody: "Owner is unhappy with the last invoice",
    noteEdit: "Owner called back: all settled",
    description: "Pipe behind the fridge leaks on Tuesdays",
    password: "Blue-Lantern-Harbour-42",
    apiSecret: "",
  };
  const api = (who: keyof typeof staff) => h.staff(staff[who].email);
  async function everything(filter: object = {}, limit = 100) {
    const all: Entry[] = [];
    let after: string | undefined;
    do {
      const page = await (await api("admin")).audit.list({ limit, after, ...filter });
      all.push(...page.items);
      after = page.nextCursor ?? undefined;
    } while (after);
    return all;
  }

  beforeAll(async () => {
    h = await openApiHarness(engine);
    const workspace = await buildWorkspace(h.db, {
      admin: { role: "tenant_admin", name: "Alice Admin" },
      manager: { role: "manager", name: "Marc Manager" },
      dispatcher: { role: "dispatcher", name: "Dora Dispatch" },
      employee: "employee",
    });
    tenantId = workspace.tenantId;
    staff = workspace.staff;
    const admin = await api("admin");
    const customer = await admin.customers.create({
      number: "C-1001",
      name: "Aubergine",
      notes: secrets.customerNotes,
    });
    customerId = customer.id;
    await admin.customers.update({ customerId, industry: "Hotels" });
    const manager = await api("manager");
    const note = await manager.internalNotes.add({
      objectType: "customer",
      objectId: customerId,
      body: secrets.noteBody,
    });
    await manager.internalNotes.update({ internalNoteId: note.id, body: secrets.noteEdit });
    const gone = await manager.internalNotes.add({ objectType: "customer", objectId: customerId, body: "x" });
    await manager.internalNotes.remove({ internalNoteId: gone.id });
    deletedNoteId = gone.id;
    await (await api("dispatcher")).targets.create({
      customerId,
      title: "Leak",
      description: secrets.description,
    });
    const key = await admin.apiKeys.create({ name: "ERP sync", scopes: ["customers:read"] });
    secrets.apiSecret = key.secret;
    keyId = key.apiKey.id;
    await admin.auth.changePassword({ currentPassword: TEST_PASSWORD, newPassword: secrets.password });
    await admin.users.changeRole({ userId: staff.employee.userId, role: "dispatcher" });
    await admin.users.changeRole({ userId: staff.employee.userId, role: "employee" });
    // The system: a plan's generation. An integration: an entry in its name.
    const { locationId } = await buildLocation(h.db, { tenantId, customerId });
    const { recurringPlanId } = await buildRecurringPlan(h.db, { tenantId, customerId, locationId });
    await generateRecurringVisits(h.db, { tenantId, planId: recurringPlanId });
    const { apiKeyId } = await buildApiKey(h.db, {
      tenantId,
      scopes: ["customers:write"],
      name: "Shop import",
    });
    await withTenant(h.db, tenantId, (tx) =>
      recordAudit(tx, {
        tenantId,
        actor: { type: "integration", id: apiKeyId },
        action: "customer.updated",
        objectType: "customer",
        objectId: customerId,
        changedFields: ["phone"],
      }),
    );
  });
  afterAll(() => h?.destroy());

  it("is for admins only", async () => {
    for (const who of ["manager", "dispatcher", "employee"] as const) {
      expect(await refusal((await api(who)).audit.list({}))).toBe("FORBIDDEN");
    }
  });

  it("names actors, newest first, with the fields that changed", async () => {
    const all = await everything();
    const times = all.map((entry) => entry.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(all[0]).toMatchObject({
      actor: { type: "integration", name: "Shop import" },
      action: "customer.updated",
      changedFields: ["phone"],
      object: { label: "Aubergine", href: `/customers/${customerId}` },
    });
    expect(all.find((entry) => entry.action === "recurring_plan.generated")!.actor).toMatchObject({
      type: "system",
      name: "System",
    });
    expect(all.find((entry) => entry.action === "internal_note.created")!.actor).toMatchObject({
      type: "staff",
      name: "Marc Manager",
    });
    expect(all.find((entry) => entry.action === "api_key.created")!.object).toEqual({
      label: "ERP sync",
      href: "/settings/api-keys",
    });
    expect(
      all.find((entry) => entry.action === "customer.updated" && entry.actor.type === "staff"),
    ).toMatchObject({
      changedFields: ["industry"],
    });
    // A deleted note: the entry stays, the link does not.
    const deleted = all.filter((entry) => entry.objectId === deletedNoteId);
    expect(deleted.map((entry) => entry.action).sort()).toEqual([
      "internal_note.created",
      "internal_note.deleted",
    ]);
    expect(deleted.every((entry) => entry.object === null)).toBe(true);
  });

  it("pages without gaps or repeats", async () => {
    const all = await everything();
    expect(all.length).toBeGreaterThan(8);
    for (const limit of [1, 3, 4]) {
      const paged = await everything({}, limit);
      expect(paged.map((entry) => entry.id)).toEqual(all.map((entry) => entry.id));
    }
  });

  it("filters by actor, action, object and day", async () => {
    const byManager = await everything({ actorType: "staff", actorId: staff.manager.userId });
    expect(new Set(byManager.map((entry) => entry.action))).toEqual(
      new Set(["internal_note.created", "internal_note.updated", "internal_note.deleted"]),
    );
    const notes = await everything({ action: "internal_note." });
    expect(notes.every((entry) => entry.action.startsWith("internal_note."))).toBe(true);
    expect(notes).toHaveLength(byManager.length);
    expect((await everything({ action: "membership.role_changed" })).map((e) => e.metadata)).toEqual([
      { from: "dispatcher", to: "employee" },
      { from: "employee", to: "dispatcher" },
    ]);
    const ofCustomer = await everything({ objectType: "customer", objectId: customerId });
    expect(ofCustomer.map((entry) => entry.action)).toEqual([
      "customer.updated",
      "customer.updated",
      "customer.created",
    ]);
    expect((await everything({ actorType: "system" })).map((entry) => entry.action)).toEqual([
      "recurring_plan.generated",
    ]);
    const { items: lastYear } = await (await api("admin")).audit.list({
      from: "2020-01-01",
      to: "2020-12-31",
    });
    expect(lastYear).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    const around = await everything({
      from: "2020-01-01",
      to: today.replace(/^\d{4}/, (y) => `${Number(y) + 1}`),
    });
    expect(around).toHaveLength((await everything()).length);
  });

  it("offers the actors and recent actions for the filter", async () => {
    const page = await (await api("admin")).audit.list({ limit: 1 });
    expect(page.actors.map((actor) => actor.name)).toEqual(
      expect.arrayContaining(["Alice Admin", "Marc Manager", "ERP sync", "Shop import", "System"]),
    );
    expect(page.actions).toEqual(expect.arrayContaining(["customer.created", "internal_note.updated"]));
  });

  it("refuses filters that do not fit", async () => {
    const admin = await api("admin");
    expect(
      Object.keys(await fieldErrorsOf(admin.audit.list({ from: "2026-03-02", to: "2026-03-01" }))),
    ).toEqual(["to"]);
    expect(Object.keys(await fieldErrorsOf(admin.audit.list({ after: "bogus" })))).toEqual(["after"]);
    expect(Object.keys(await fieldErrorsOf(admin.audit.list({ action: "drop table;" })))).toEqual(["action"]);
    // Kinds typed into the address: plain messages, not the list of codes.
    const typed = { objectType: "gossip", actorType: "robot" } as unknown as Parameters<
      WorkspaceApi["audit"]["list"]
    >[0];
    expect(await fieldErrorsOf(admin.audit.list(typed))).toEqual({
      objectType: ["Choose one of the listed kinds of object"],
      actorType: ["Choose who did it"],
    });
  });

  it("holds no free text, password or secret that the services were given", async () => {
    const rows = await withTenant(h.db, tenantId, (tx) => tx.select().from(schema.auditLog));
    expect(rows.length).toBeGreaterThan(8);
    const stored = JSON.stringify(rows);
    const shown = JSON.stringify(await everything());
    for (const secret of Object.values(secrets)) {
      expect(secret.length).toBeGreaterThan(3);
      expect(stored).not.toContain(secret);
      expect(shown).not.toContain(secret);
    }
  });

  it("shows one tenant's log only", async () => {
    const other = await buildWorkspace(h.db, { admin: "tenant_admin" });
    const outsider = await h.staff(other.staff.admin.email);
    const theirs = await outsider.audit.list({});
    expect(theirs.items).toEqual([]);
    expect(theirs.actors.map((actor) => actor.id)).not.toContain(staff.manager.userId);
    expect((await outsider.audit.list({ objectId: customerId })).items).toEqual([]);
    expect((await outsider.audit.list({ objectId: keyId })).items).toEqual([]);
  });
});
