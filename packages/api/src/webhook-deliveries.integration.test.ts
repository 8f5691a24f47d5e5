import { schema, withTenant } from "@ordinavo/db";
import { testEngines } from "@ordinavo/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, buildWorkspace, openApiHarness, refusal } from "./test-support";

// The delivery log's time range and what an attempt shows: time, status code, duration, a
// truncated answer and the error code — never the secret or the signature.

describe.each(testEngines())("the webhook delivery log on %s", (engine) => {
  let h: ApiHarness;
  let tenantId: string;
  let adminEmail: string;
  let dispatcherEmail: string;

  beforeAll(async () => {
    h = await openApiHarness(engine);
    const workspace = await buildWorkspace(h.db, { admin: "tenant_admin", dispatcher: "dispatcher" });
    tenantId = workspace.tenantId;
    adminEmail = workspace.staff.admin.email;
    dispatcherEmail = workspace.staff.dispatcher.email;
  });
  afterAll(() => h?.destroy());

  it("filters by time range and shows attempts without the secret or a signature", async () => {
    const admin = await h.staff(adminEmail);
    const { subscription, secret } = await admin.webhooks.create({
      url: "https://hooks.example.test/in",
      eventTypes: ["customer.created"],
    });
    const day = (n: number) => new Date(Date.UTC(2026, 10, n, 12));
    const ids = await withTenant(h.db, tenantId, async (tx) => {
      const rows = await tx
        .insert(schema.webhookDeliveries)
        .values(
          [1, 2, 3].map((n) => ({
            tenantId,
            subscriptionId: subscription.id,
            eventId: crypto.randomUUID(),
            eventType: "customer.created",
            payload: { type: "customer.created" },
            status: "failed" as const,
            attemptCount: 1,
            lastStatusCode: 500,
            createdAt: day(n),
          })),
        )
        .returning({ id: schema.webhookDeliveries.id });
      await tx.insert(schema.webhookDeliveryAttempts).values(
        rows.map((row, i) => ({
          tenantId,
          deliveryId: row.id,
          attemptNumber: 1,
          startedAt: day(i + 1),
          durationMs: 42,
          statusCode: 500,
          error: "http_500",
          responseExcerpt: "x".repeat(1000),
        })),
      );
      return rows.map((row) => row.id);
    });
    const id = { webhookSubscriptionId: subscription.id };
    const inRange = await admin.webhooks.deliveries({ ...id, since: day(2), until: day(3) });
    expect(inRange.items.map((d) => d.id)).toEqual([ids[1]]);
    expect((await admin.webhooks.deliveries({ ...id, since: day(2) })).items.map((d) => d.id)).toEqual([
      ids[2],
      ids[1],
    ]);
    expect((await admin.webhooks.deliveries({ ...id, until: day(2) })).items.map((d) => d.id)).toEqual([
      ids[0],
    ]);

    const [attempt] = inRange.items[0]!.attempts;
    expect(attempt).toEqual({
      attemptNumber: 1,
      startedAt: day(2),
      durationMs: 42,
      statusCode: 500,
      error: "http_500",
      responseExcerpt: "x".repeat(500),
    });
    const everything = JSON.stringify(await admin.webhooks.deliveries(id));
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain("whsec_");
    expect(everything).not.toMatch(/v1,/);
    expect(everything).not.toContain("payload");

    // Admins only.
    expect(await refusal((await h.staff(dispatcherEmail)).webhooks.deliveries(id))).toBe("FORBIDDEN");
  });
});
