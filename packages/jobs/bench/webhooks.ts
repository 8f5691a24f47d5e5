// `pnpm bench`: signed webhook deliveries per second to a receiver on loopback, through the whole
// path — outbox event, relay, fan-out and delivery functions in-process, signing, the HTTP request,
// the attempt log. Runs on embedded PGlite, and on PostgreSQL too when TEST_DATABASE_URL is set
// (BENCH_ENGINE=postgres runs that one only). The receiver is on loopback; the count is fixed.
// Target: at least 500 deliveries a second on PostgreSQL on a 2-core machine.
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { schema, withTenant } from "@ordinavo/db";
import { createTestDatabase, testEngines } from "@ordinavo/db/testing";
import { eq } from "drizzle-orm";
import { recordEvent } from "../src/outbox";
import { createJobs } from "../src/runtime";
import { newWebhookSecret } from "../src/webhooks/signing";

const EVENTS = 500;
const ENDPOINTS = 4;

const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => res.writeHead(204).end());
});
server.listen(0, "127.0.0.1");
await once(server, "listening");
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

try {
  for (const engine of testEngines().filter(
    (e) => !process.env.BENCH_ENGINE || e === process.env.BENCH_ENGINE,
  )) {
    const database = await createTestDatabase(engine);
    try {
      const { db } = database;
      const [tenant] = await db.insert(schema.tenants).values({ slug: "bench", name: "Bench" }).returning();
      const tenantId = tenant!.id;
      const customerId = await withTenant(db, tenantId, async (tx) => {
        await tx.insert(schema.tenantSettings).values({ tenantId });
        for (let i = 0; i < ENDPOINTS; i++) {
          await tx.insert(schema.webhookSubscriptions).values({
            tenantId,
            url: `${base}/hook-${i}`,
            eventTypes: ["customer.updated"],
            secret: newWebhookSecret(),
          });
        }
        const [customer] = await tx
          .insert(schema.customers)
          .values({ tenantId, number: "C-1", name: "Bench customer" })
          .returning();
        return customer!.id;
      });
      await withTenant(db, tenantId, async (tx) => {
        for (let i = 0; i < EVENTS; i++) {
          await recordEvent(tx, "ordinavo/webhook.event_recorded", {
            tenantId,
            eventType: "customer.updated",
            objectId: customerId,
          });
        }
      });
      const jobs = createJobs({
        db,
        config: { mode: "in-process" },
        webhooks: { allowPrivate: true, requireHttps: false },
      });
      const started = performance.now();
      await jobs.relay.drain(10_000);
      const seconds = (performance.now() - started) / 1000;
      const delivered = await withTenant(db, tenantId, (tx) =>
        tx.$count(schema.webhookDeliveries, eq(schema.webhookDeliveries.status, "succeeded")),
      );
      console.info(
        `Webhooks on ${engine}: ${EVENTS} events × ${ENDPOINTS} endpoints = ${delivered} signed deliveries in ` +
          `${seconds.toFixed(2)} s → ${(delivered / seconds).toFixed(0)} deliveries/s (target ≥ 500/s on PostgreSQL)`,
      );
    } finally {
      await database.destroy();
    }
  }
} finally {
  server.close();
}
