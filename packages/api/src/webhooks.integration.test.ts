import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { schema, withTenant } from "@ordinavo/db";
import { testEngines } from "@ordinavo/db/testing";
import type { StaffIds } from "@ordinavo/demo";
import { createJobs } from "@ordinavo/jobs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, buildWorkspace, fieldErrorsOf, openApiHarness, refusal } from "./test-support";

// Webhook settings in the workspace: admins only; the secret shown once (create, rotate); a test
// event and a replay go through the real job runner to a receiver on loopback; the delivery log
// with its filters and pages; another tenant's webhook is not found.

const received: { path: string; headers: IncomingMessage["headers"]; body: string }[] = [];
const failing = new Set<string>();
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      const path = req.url ?? "";
      received.push({ path, headers: req.headers, body });
      if (failing.has(path)) res.writeHead(500).end("down for maintenance");
      else res.writeHead(200).end("ok");
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe.each(testEngines())("webhook settings on %s", (engine) => {
  let h: ApiHarness;
  let tenantId: string;
  let staff: Record<"admin" | "manager" | "dispatcher" | "employee", StaffIds>;
  let otherAdmin: StaffIds;
  let otherTenantId: string;
  const api = (who: keyof typeof staff) => h.staff(staff[who].email);
  const drain = () =>
    createJobs({
      db: h.db,
      config: { mode: "in-process" },
      // No retries in these tests: a failure is final at once.
      webhooks: { allowPrivate: true, requireHttps: false, retryDelaysSeconds: [] },
    }).relay.drain();

  beforeAll(async () => {
    h = await openApiHarness(engine);
    const workspace = await buildWorkspace(h.db, {
      admin: "tenant_admin",
      manager: "manager",
      dispatcher: "dispatcher",
      employee: "employee",
    });
    tenantId = workspace.tenantId;
    staff = workspace.staff;
    const other = await buildWorkspace(h.db, { admin: "tenant_admin" }, { webhookIncludeContacts: true });
    otherAdmin = other.staff.admin;
    otherTenantId = other.tenantId;
  });
  afterAll(() => h?.destroy());

  it("is for tenant admins only", async () => {
    for (const who of ["manager", "dispatcher", "employee"] as const) {
      const other = await api(who);
      expect(await refusal(other.webhooks.list())).toBe("FORBIDDEN");
      expect(
        await refusal(other.webhooks.create({ url: `${base}/x`, eventTypes: ["customer.created"] })),
      ).toBe("FORBIDDEN");
    }
  });

  it("shows the secret once, rotates it with a day's overlap, and keeps URLs out of the audit", async () => {
    const admin = await api("admin");
    const created = await admin.webhooks.create({
      url: `${base}/erp?token=abc123`,
      description: "ERP sync",
      eventTypes: ["customer.created", "visit_report.approved"],
    });
    expect(created.secret).toMatch(/^whsec_/);
    const listed = await admin.webhooks.list();
    expect(listed).toEqual([expect.objectContaining({ id: created.subscription.id, active: true })]);
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    expect(
      JSON.stringify(await admin.webhooks.get({ webhookSubscriptionId: created.subscription.id })),
    ).not.toContain("whsec_");

    const rotated = await admin.webhooks.rotateSecret({ webhookSubscriptionId: created.subscription.id });
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(created.secret);
    const ends = rotated.subscription.previousSecretExpiresAt!.getTime() - Date.now();
    expect(ends).toBeGreaterThan(23.9 * 3600_000);
    expect(ends).toBeLessThanOrEqual(24 * 3600_000);
    const [row] = await withTenant(h.db, tenantId, (tx) =>
      tx
        .select()
        .from(schema.webhookSubscriptions)
        .where(eq(schema.webhookSubscriptions.id, created.subscription.id)),
    );
    expect(row).toMatchObject({ secret: rotated.secret, previousSecret: created.secret });

    const audit = await withTenant(h.db, tenantId, (tx) => tx.select().from(schema.auditLog));
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["webhook_subscription.created", "webhook_subscription.secret_rotated"]),
    );
    expect(JSON.stringify(audit)).not.toContain("abc123");
    expect(JSON.stringify(audit)).not.toContain("ERP sync");
    expect(JSON.stringify(audit)).not.toContain("whsec_");
  });

  it("offers contact details only when the workspace allows them", async () => {
    const admin = await api("admin");
    const errors = await fieldErrorsOf(
      admin.webhooks.create({ url: `${base}/c`, eventTypes: ["target.created"], includeContacts: true }),
    );
    expect(errors.includeContacts?.[0]).toMatch(/turned off/);
    const other = await h.staff(otherAdmin.email);
    const made = await other.webhooks.create({
      url: `${base}/c`,
      eventTypes: ["target.created"],
      includeContacts: true,
    });
    expect(made.subscription.includeContacts).toBe(true);
  });

  it("does not find another tenant's webhook or delivery", async () => {
    const other = await h.staff(otherAdmin.email);
    const theirs = await other.webhooks.create({ url: `${base}/theirs`, eventTypes: ["customer.created"] });
    await other.webhooks.sendTest({ webhookSubscriptionId: theirs.subscription.id });
    const [delivery] = await withTenant(h.db, otherTenantId, (tx) =>
      tx.select().from(schema.webhookDeliveries),
    );
    const admin = await api("admin");
    const id = { webhookSubscriptionId: theirs.subscription.id };
    expect(await refusal(admin.webhooks.get(id))).toBe("NOT_FOUND");
    expect(await refusal(admin.webhooks.rotateSecret(id))).toBe("NOT_FOUND");
    expect(await refusal(admin.webhooks.sendTest(id))).toBe("NOT_FOUND");
    expect(await refusal(admin.webhooks.update({ ...id, active: false }))).toBe("NOT_FOUND");
    expect(await refusal(admin.webhooks.deliveries(id))).toBe("NOT_FOUND");
    expect(await refusal(admin.webhooks.replay({ deliveryId: delivery!.id }))).toBe("NOT_FOUND");
  });

  it("sends a test event, logs it, filters and pages the log, and replays a failed delivery", async () => {
    const admin = await api("admin");
    const path = `/log-${engine}`;
    const { subscription } = await admin.webhooks.create({
      url: `${base}${path}`,
      eventTypes: ["customer.created"],
    });
    const id = { webhookSubscriptionId: subscription.id };

    await admin.webhooks.sendTest(id);
    await drain();
    const first = received.filter((r) => r.path === path);
    expect(first).toHaveLength(1);
    expect(JSON.parse(first[0]!.body)).toMatchObject({
      type: "webhook.test",
      data: { subscriptionId: subscription.id },
    });

    failing.add(path);
    await admin.webhooks.sendTest(id);
    await admin.webhooks.sendTest(id);
    await drain();

    const log = await admin.webhooks.deliveries(id);
    expect(log.items.map((d) => d.status)).toEqual(["failed", "failed", "succeeded"]);
    expect(log.items[0]!.attempts).toEqual([
      expect.objectContaining({
        attemptNumber: 1,
        statusCode: 500,
        error: "http_500",
        responseExcerpt: "down for maintenance",
      }),
    ]);
    expect((await admin.webhooks.deliveries({ ...id, status: "succeeded" })).items).toHaveLength(1);
    expect((await admin.webhooks.deliveries({ ...id, eventType: "customer.created" })).items).toHaveLength(0);
    const page1 = await admin.webhooks.deliveries({ ...id, limit: 2 });
    expect(page1.items).toHaveLength(2);
    const page2 = await admin.webhooks.deliveries({ ...id, limit: 2, after: page1.nextCursor! });
    expect(page2.items.map((d) => d.status)).toEqual(["succeeded"]);
    expect(page2.nextCursor).toBeNull();

    // Replay: the same webhook-id again, now answered.
    failing.delete(path);
    const failed = log.items[0]!;
    await admin.webhooks.replay({ deliveryId: failed.id });
    expect(await refusal(admin.webhooks.replay({ deliveryId: failed.id }))).toBe("CONFLICT");
    await drain();
    const again = received.filter((r) => r.path === path && r.headers["webhook-id"] === failed.id);
    expect(again).toHaveLength(2);
    const after = (await admin.webhooks.deliveries(id)).items.find((d) => d.id === failed.id)!;
    expect(after).toMatchObject({ status: "succeeded", attemptCount: 2 });
    expect(after.attempts.map((a) => a.statusCode)).toEqual([200, 500]);
    expect(await refusal(admin.webhooks.replay({ deliveryId: failed.id }))).toBe("CONFLICT");
  });

  it("disables and re-enables; a disabled webhook takes no test event", async () => {
    const admin = await api("admin");
    const { subscription } = await admin.webhooks.create({
      url: `${base}/toggle`,
      eventTypes: ["customer.created"],
    });
    const id = { webhookSubscriptionId: subscription.id };
    // As if Ordinavo had turned it off after a 410.
    await withTenant(h.db, tenantId, (tx) =>
      tx
        .update(schema.webhookSubscriptions)
        .set({ active: false, disabledReason: "gone", disabledAt: new Date() })
        .where(eq(schema.webhookSubscriptions.id, subscription.id)),
    );
    expect(await admin.webhooks.get(id)).toMatchObject({ active: false, disabledReason: "gone" });
    expect(await refusal(admin.webhooks.sendTest(id))).toBe("CONFLICT");
    expect(await admin.webhooks.update({ ...id, active: true })).toMatchObject({
      active: true,
      disabledReason: null,
      disabledAt: null,
    });
    expect(await admin.webhooks.update({ ...id, active: false })).toMatchObject({
      active: false,
      disabledReason: null,
    });
    const actions = (await withTenant(h.db, tenantId, (tx) => tx.select().from(schema.auditLog)))
      .filter((a) => a.objectId === subscription.id)
      .map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(["webhook_subscription.enabled", "webhook_subscription.disabled"]),
    );
  });
});
