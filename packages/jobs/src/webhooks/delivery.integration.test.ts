import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, LookupFunction } from "node:net";
import { rowsOf, schema, withTenant } from "@ordinavo/db";
import { createTestDatabase, type TestDatabase, testEngines } from "@ordinavo/db/testing";
import { closedGates } from "@ordinavo/policy";
import { and, eq, sql } from "drizzle-orm";
import { Inngest } from "inngest";
import { serve } from "inngest/remix";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalExecutor, createLocalSigningKey } from "../executor";
import { recordEvent } from "../outbox";
import { createOutboxRelay, WEBHOOK_LANE_SQL } from "../relay";
import { APP_ID, createFunctions, createJobs, webhookLane } from "../runtime";
import { retryDelaySeconds, type WebhookDeliveryOptions, type WebhookNotices } from "./deliver";
import { prepareWebhookPayload } from "./payload";
import { newWebhookSecret } from "./signing";

// Webhooks end to end on one database: an event recorded in a writer's transaction, the relay,
// the fan-out and delivery functions run in-process through the real serve handler, and a
// receiver on loopback (WEBHOOK_ALLOW_PRIVATE on) that answers as each test needs.

type Db = TestDatabase["db"];
type Received = { path: string; headers: IncomingMessage["headers"]; body: string };

const received: Received[] = [];
/** Per path, the answers in order; the last one repeats. */
const script = new Map<string, Array<(res: ServerResponse) => void>>();
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
      const answers = script.get(path) ?? [];
      const answer = answers.length > 1 ? answers.shift()! : answers[0];
      if (answer) answer(res);
      else res.writeHead(204).end();
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  server.close();
});

const hits = (path: string) => received.filter((r) => r.path === path);

const local: Omit<WebhookDeliveryOptions, "log"> = {
  allowPrivate: true,
  requireHttps: false,
  timeoutMs: 400,
  // Retries due at once, so one drain runs them.
  retryDelaysSeconds: [0, 0, 0],
};

async function tenantWithCustomer(db: Db, slug: string, gate = false) {
  const [tenant] = await db.insert(schema.tenants).values({ slug, name: slug }).returning();
  const tenantId = tenant!.id;
  return withTenant(db, tenantId, async (tx) => {
    await tx.insert(schema.tenantSettings).values({ tenantId, webhookIncludeContacts: gate });
    const [customer] = await tx
      .insert(schema.customers)
      .values({ tenantId, number: "C-1", name: "Acme", notes: "Secret gate code 1234" })
      .returning();
    const [contact] = await tx
      .insert(schema.contactPersons)
      .values({ tenantId, customerId: customer!.id, name: "Mme Roux", email: "roux@example.test" })
      .returning();
    const [target] = await tx
      .insert(schema.targets)
      .values({ tenantId, customerId: customer!.id, contactId: contact!.id, title: "Pump check" })
      .returning();
    return { tenantId, customerId: customer!.id, targetId: target!.id };
  });
}

async function subscribe(
  db: Db,
  tenantId: string,
  path: string,
  values: Partial<typeof schema.webhookSubscriptions.$inferInsert> = {},
) {
  const secret = newWebhookSecret();
  const [row] = await withTenant(db, tenantId, (tx) =>
    tx
      .insert(schema.webhookSubscriptions)
      .values({
        tenantId,
        url: `${base}${path}`,
        eventTypes: ["customer.created", "target.created"],
        secret,
        ...values,
      })
      .returning(),
  );
  return { id: row!.id, secret };
}

function announce(db: Db, tenantId: string, eventType: string, objectId: string) {
  return withTenant(db, tenantId, (tx) =>
    recordEvent(tx, "ordinavo/webhook.event_recorded", {
      tenantId,
      eventType,
      objectId,
      source: "workspace",
    }),
  );
}

const deliveriesOf = (db: Db, tenantId: string, subscriptionId: string) =>
  withTenant(db, tenantId, (tx) =>
    tx
      .select()
      .from(schema.webhookDeliveries)
      .where(eq(schema.webhookDeliveries.subscriptionId, subscriptionId)),
  );

const attemptsOf = (db: Db, tenantId: string, deliveryId: string) =>
  withTenant(db, tenantId, async (tx) =>
    (
      await tx
        .select()
        .from(schema.webhookDeliveryAttempts)
        .where(eq(schema.webhookDeliveryAttempts.deliveryId, deliveryId))
    ).sort((a, b) => a.attemptNumber - b.attemptNumber),
  );

const subscriptionOf = (db: Db, tenantId: string, id: string) =>
  withTenant(db, tenantId, async (tx) => {
    const [row] = await tx
      .select()
      .from(schema.webhookSubscriptions)
      .where(and(eq(schema.webhookSubscriptions.tenantId, tenantId), eq(schema.webhookSubscriptions.id, id)));
    return row!;
  });

/** Two admins (one disabled) and a dispatcher; notices store mails in the development mailbox. */
async function withAdmins(db: Db, tenantId: string, slug: string) {
  const emails = [`admin-${slug}@example.test`, `off-${slug}@example.test`, `disp-${slug}@example.test`];
  const users = await db
    .insert(schema.staffUsers)
    .values(emails.map((email) => ({ email, name: email })))
    .returning();
  await withTenant(db, tenantId, (tx) =>
    tx.insert(schema.tenantMemberships).values([
      { tenantId, userId: users[0]!.id, role: "tenant_admin" },
      { tenantId, userId: users[1]!.id, role: "tenant_admin", disabledAt: new Date() },
      { tenantId, userId: users[2]!.id, role: "dispatcher" },
    ]),
  );
  const notices: WebhookNotices = {
    mailer: {
      send: async (mail) => {
        await db
          .insert(schema.devMailMessages)
          .values({ to: mail.to, subject: mail.subject, text: mail.text, link: mail.link });
      },
    },
    workspaceLink: (path) => `https://app.example.test${path}`,
  };
  const mailsTo = (to: string) =>
    db.select().from(schema.devMailMessages).where(eq(schema.devMailMessages.to, to));
  return { admin: emails[0]!, disabledAdmin: emails[1]!, dispatcher: emails[2]!, notices, mailsTo };
}

/** The transaction that last wrote the subscription and the one that recorded its disabled notice. */
async function writers(db: Db, tenantId: string, subscriptionId: string) {
  return withTenant(db, tenantId, async (tx) => {
    const [sub] = rowsOf<{ xmin: string }>(
      await tx.execute(
        sql`select xmin::text as xmin from webhook_subscriptions where id = ${subscriptionId}`,
      ),
    );
    const events = rowsOf<{ xmin: string }>(
      await tx.execute(sql`select xmin::text as xmin from outbox_events
        where name = 'ordinavo/webhook.endpoint_disabled' and payload ->> 'subscriptionId' = ${subscriptionId}`),
    );
    return { subscription: sub?.xmin, notices: events.map((e) => e.xmin) };
  });
}

/**
 * The in-process runtime built by hand: `direct: false` sends webhook events through the signed
 * serve handler (as an Inngest server would call the functions), not their batch bodies.
 */
function localRuntime(
  db: Db,
  options: { direct: boolean; pollIntervalMs?: number; webhooks?: Partial<WebhookDeliveryOptions> },
) {
  const signingKey = createLocalSigningKey();
  const inngest = new Inngest({ id: APP_ID, signingKey });
  const functions = createFunctions(inngest, db, { ...local, ...options.webhooks });
  const remix = serve({ client: inngest, functions });
  const executor = createLocalExecutor({
    appId: APP_ID,
    functions,
    handler: (request) => remix({ request }),
    signingKey,
    directRuns: options.direct,
  });
  return createOutboxRelay({
    db,
    deliver: (event) => executor.run(event),
    laneOf: webhookLane,
    pollIntervalMs: options.pollIntervalMs,
  });
}

describe("the retry schedule", () => {
  it("backs off with jitter, honours Retry-After and ends", () => {
    expect(retryDelaySeconds(1, null, undefined, () => 0.5)).toBe(30);
    expect(retryDelaySeconds(1, null, undefined, () => 0)).toBe(24);
    expect(retryDelaySeconds(2, null, undefined, () => 0.999)).toBeCloseTo(143.9, 0);
    expect(retryDelaySeconds(1, 300, undefined, () => 0.5)).toBe(300);
    // A Retry-After beyond a day is held to a day.
    expect(retryDelaySeconds(1, 10 * 86_400, undefined, () => 0.5)).toBe(86_400);
    expect(retryDelaySeconds(10, null)).toBeNull();
  });
});

describe.each(testEngines())("webhook delivery on %s", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(() => database?.destroy());

  it("delivers once, signed, with the Integration column's fields and a stable id", async () => {
    const { db } = database;
    const { tenantId, customerId } = await tenantWithCustomer(db, `once-${engine}`);
    const sub = await subscribe(db, tenantId, `/once-${engine}`);
    const other = await subscribe(db, tenantId, `/other-${engine}`, { eventTypes: ["target.created"] });
    await announce(db, tenantId, "customer.created", customerId);
    const jobs = createJobs({ db, config: { mode: "in-process" }, webhooks: local });
    // The event, then its one delivery.
    expect(await jobs.relay.drain()).toBe(2);
    expect(await jobs.relay.drain()).toBe(0);

    const [hit, ...more] = hits(`/once-${engine}`);
    expect(more).toEqual([]);
    expect(hits(`/other-${engine}`)).toEqual([]);
    const headers = {
      "webhook-id": String(hit!.headers["webhook-id"]),
      "webhook-timestamp": String(hit!.headers["webhook-timestamp"]),
      "webhook-signature": String(hit!.headers["webhook-signature"]),
    };
    const payload = new Webhook(sub.secret).verify(hit!.body, headers) as {
      type: string;
      source: string;
      timestamp: string;
      data: Record<string, unknown>;
    };
    expect(() => new Webhook(sub.secret).verify(hit!.body.replace("Acme", "Acne"), headers)).toThrow();
    expect(payload).toMatchObject({
      type: "customer.created",
      source: "workspace",
      data: { id: customerId, name: "Acme" },
    });
    expect(payload.data).not.toHaveProperty("notes");
    expect(payload.data).not.toHaveProperty("tenantId");
    expect(hit!.body).not.toContain("1234");

    const [delivery] = await deliveriesOf(db, tenantId, sub.id);
    expect(headers["webhook-id"]).toBe(delivery!.id);
    expect(delivery).toMatchObject({ status: "succeeded", attemptCount: 1, lastStatusCode: 204 });
    expect(await attemptsOf(db, tenantId, delivery!.id)).toEqual([
      expect.objectContaining({ attemptNumber: 1, statusCode: 204, error: null }),
    ]);
    expect(await deliveriesOf(db, tenantId, other.id)).toEqual([]);
  });

  it("signs with the previous secret too while a rotation lasts", async () => {
    const { db } = database;
    const { tenantId, customerId } = await tenantWithCustomer(db, `rotation-${engine}`);
    const previous = newWebhookSecret();
    const sub = await subscribe(db, tenantId, `/rotation-${engine}`, {
      previousSecret: previous,
      previousSecretExpiresAt: new Date(Date.now() + 3600_000),
    });
    const expired = await subscribe(db, tenantId, `/rotated-${engine}`, {
      previousSecret: previous,
      previousSecretExpiresAt: new Date(Date.now() - 1000),
    });
    await announce(db, tenantId, "customer.created", customerId);
    await createJobs({ db, config: { mode: "in-process" }, webhooks: local }).relay.drain();
    const headersOf = (path: string) => {
      const hit = hits(path)[0]!;
      const h = hit.headers;
      return {
        body: hit.body,
        headers: {
          "webhook-id": String(h["webhook-id"]),
          "webhook-timestamp": String(h["webhook-timestamp"]),
          "webhook-signature": String(h["webhook-signature"]),
        },
      };
    };
    const during = headersOf(`/rotation-${engine}`);
    expect(() => new Webhook(sub.secret).verify(during.body, during.headers)).not.toThrow();
    expect(() => new Webhook(previous).verify(during.body, during.headers)).not.toThrow();
    const after = headersOf(`/rotated-${engine}`);
    expect(() => new Webhook(expired.secret).verify(after.body, after.headers)).not.toThrow();
    expect(() => new Webhook(previous).verify(after.body, after.headers)).toThrow();
  });

  it("leaves out employees, billing notes, portal texts and follow-up details", async () => {
    const { db } = database;
    const { tenantId, customerId, targetId } = await tenantWithCustomer(db, `fields-${engine}`, true);
    const made = await withTenant(db, tenantId, async (tx) => {
      const [appointment] = await tx
        .insert(schema.appointments)
        .values({
          tenantId,
          targetId,
          customerId,
          plannedStart: new Date("2026-11-20T08:00:00Z"),
          plannedEnd: new Date("2026-11-20T09:00:00Z"),
        })
        .returning();
      const [report] = await tx
        .insert(schema.visitReports)
        .values({
          tenantId,
          appointmentId: appointment!.id,
          targetId,
          customerId,
          title: "Pump check",
          status: "approved",
          billable: true,
          billingNote: "Invoice 3 hours at the night rate",
          portalMessage: "Thanks for having us",
          followUpRequired: true,
          followUpDetails: "Replace the seal",
        })
        .returning();
      const [followUp] = await tx
        .insert(schema.followUps)
        .values({ tenantId, visitReportId: report!.id, customerId, details: "Call Mme Roux about the seal" })
        .returning();
      const [billing] = await tx
        .insert(schema.billingTriggers)
        .values({ tenantId, visitReportId: report!.id, customerId, note: "Night rate" })
        .returning();
      return {
        appointmentId: appointment!.id,
        reportId: report!.id,
        followUpId: followUp!.id,
        billingId: billing!.id,
      };
    });
    const payloadOf = (eventType: string, objectId: string) =>
      withTenant(db, tenantId, async (tx) =>
        (
          await prepareWebhookPayload(tx, {
            tenantId,
            eventType,
            objectId,
            source: "workspace",
            occurredAt: new Date(),
            gates: { ...closedGates, webhookIncludeContacts: true },
          })
        )({ includeContacts: true }),
      );
    const appointment = await payloadOf("appointment.status_changed", made.appointmentId);
    expect(appointment.data).toMatchObject({
      id: made.appointmentId,
      targetId,
      contact: { name: "Mme Roux" },
    });
    expect(appointment.data).not.toHaveProperty("assignedEmployeeId");
    const report = await payloadOf("visit_report.approved", made.reportId);
    expect(report.data).toMatchObject({ id: made.reportId, status: "approved" });
    expect(JSON.stringify(report)).not.toContain("night rate");
    expect(JSON.stringify(report)).not.toContain("Thanks for having us");
    const followUp = await payloadOf("follow_up.created", made.followUpId);
    expect(followUp.data).toMatchObject({ id: made.followUpId, visitReportId: made.reportId });
    expect(JSON.stringify(followUp)).not.toContain("seal");
    const billing = await payloadOf("billing_trigger.created", made.billingId);
    expect(billing.data).toMatchObject({ id: made.billingId, visitReportId: made.reportId });
    // An object gone since the event keeps only its id.
    const gone = crypto.randomUUID();
    expect((await payloadOf("customer.updated", gone)).data).toEqual({ id: gone });
  });

  it("sends contact details only when the tenant allows them and the subscription asks", async () => {
    const { db } = database;
    const open = await tenantWithCustomer(db, `contacts-on-${engine}`, true);
    const shut = await tenantWithCustomer(db, `contacts-off-${engine}`, false);
    await subscribe(db, open.tenantId, `/c-yes-${engine}`, { includeContacts: true });
    await subscribe(db, open.tenantId, `/c-no-${engine}`, { includeContacts: false });
    await subscribe(db, shut.tenantId, `/c-shut-${engine}`, { includeContacts: true });
    await announce(db, open.tenantId, "target.created", open.targetId);
    await announce(db, shut.tenantId, "target.created", shut.targetId);
    await createJobs({ db, config: { mode: "in-process" }, webhooks: local }).relay.drain();
    const bodyOf = (path: string) => JSON.parse(hits(path)[0]!.body) as { data: Record<string, unknown> };
    expect(bodyOf(`/c-yes-${engine}`).data).toMatchObject({
      id: open.targetId,
      title: "Pump check",
      contact: { name: "Mme Roux", email: "roux@example.test" },
    });
    expect(bodyOf(`/c-no-${engine}`).data).not.toHaveProperty("contact");
    expect(bodyOf(`/c-shut-${engine}`).data).not.toHaveProperty("contact");
    expect(hits(`/c-shut-${engine}`)[0]!.body).not.toContain("roux@");
  });

  it("retries after a 500 with the same webhook-id, and logs both attempts", async () => {
    const { db } = database;
    const { tenantId, customerId } = await tenantWithCustomer(db, `retry-${engine}`);
    const path = `/retry-${engine}`;
    script.set(path, [(res) => res.writeHead(500).end("boom"), (res) => res.writeHead(200).end("thanks")]);
    const sub = await subscribe(db, tenantId, path);
    await announce(db, tenantId, "customer.created", customerId);
    await createJobs({ db, config: { mode: "in-process" }, webhooks: local }).relay.drain();

    const ids = hits(path).map((h) => h.headers["webhook-id"]);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
    const [delivery] = await deliveriesOf(db, tenantId, sub.id);
    expect(delivery).toMatchObject({ id: ids[0], status: "succeeded", attemptCount: 2, lastStatusCode: 200 });
    const attempts = await attemptsOf(db, tenantId, delivery!.id);
    expect(attempts.map((a) => [a.attemptNumber, a.statusCode, a.error, a.responseExcerpt])).toEqual([
      [1, 500, "http_500", "boom"],
      [2, 200, null, "thanks"],
    ]);
  });

  it("waits before a retry (a due event the relay holds back)", async () => {
    const { db } = database;
    const { tenantId, customerId } = await tenantWithCustomer(db, `later-${engine}`);
    const path = `/later-${engine}`;
    script.set(path, [(res) => res.writeHead(503, { "retry-after": "120" }).end()]);
    const sub = await subscribe(db, tenantId, path);
    await announce(db, tenantId, "customer.created", customerId);
    const jobs = createJobs({
      db,
      config: { mode: "in-process" },
      webhooks: { ...local, retryDelaysSeconds: [30] },
    });
    await jobs.relay.drain();
    expect(hits(path)).toHaveLength(1);
    const [delivery] = await deliveriesOf(db, tenantId, sub.id);
    expect(delivery!.status).toBe("retrying");
    // Retry-After (120 s) is longer than the schedule's 30 s ± 20 %.
    const wait = delivery!.nextAttemptAt!.getTime() - Date.now();
    expect(wait).toBeGreaterThan(100_000);
    expect(wait).toBeLessThan(121_000);
  });

  it("disables the endpoint on 410 and leaves a notice", async () => {
    const { db } = database;
    const { tenantId, customerId } = await tenantWithCustomer(db, `gone-${engine}`);
    const path = `/gone-${engine}`;
    script.set(path, [(res) => res.writeHead(410).end()]);
    const sub = await subscribe(db, tenantId, path);
    const people = await withAdmins(db, tenantId, `gone-${engine}`);
    await announce(db, tenantId, "customer.created", customerId);
    const jobs = createJobs({
      db,
      config: { mode: "in-process" },
      webhooks: { ...local, notices: people.notices },
    });
    await jobs.relay.runOnce(); // fan-out
    await jobs.relay.runOnce(); // the attempt: 410
    expect(hits(path)).toHaveLength(1);
    expect(await subscriptionOf(db, tenantId, sub.id)).toMatchObject({
      active: false,
      disabledReason: "gone",
    });
    // The admins' notice was recorded by the very transaction that turned the endpoint off…
    const written = await writers(db, tenantId, sub.id);
    expect(written.notices).toEqual([written.subscription]);
    expect(await people.mailsTo(people.admin)).toEqual([]);
    // …and mailed from the outbox to each active admin only.
    await jobs.relay.drain();
    const [mail] = await people.mailsTo(people.admin);
    expect(mail).toMatchObject({ link: "https://app.example.test/settings/webhooks" });
    expect(mail!.text).toContain("410 Gone");
    expect(mail!.text).toContain(new URL(base).host);
    expect(mail!.text).not.toContain(path);
    expect(await people.mailsTo(people.disabledAdmin)).toEqual([]);
    expect(await people.mailsTo(people.dispatcher)).toEqual([]);
    const [delivery] = await deliveriesOf(db, tenantId, sub.id);
    expect(delivery).toMatchObject({ status: "failed", lastStatusCode: 410 });
    const audit = await withTenant(db, tenantId, (tx) => tx.select().from(schema.auditLog));
    expect(audit).toEqual([
      expect.objectContaining({
        action: "webhook_subscription.disabled",
        objectId: sub.id,
        actorType: "system",
        metadata: { reason: "gone" },
      }),
    ]);
    // Later events are not delivered to a disabled endpoint.
    await announce(db, tenantId, "customer.created", customerId);
    await createJobs({ db, config: { mode: "in-process" }, webhooks: local }).relay.drain();
    expect(hits(path)).toHaveLength(1);
  });

  it("disables an endpoint that has failed for three days", async () => {
    const { db } = database;
    const { tenantId, customerId } = await tenantWithCustomer(db, `failing-${engine}`);
    const path = `/failing-${engine}`;
    script.set(path, [(res) => res.writeHead(502).end()]);
    const sub = await subscribe(db, tenantId, path);
    // An older delivery that has been failing since four days ago.
    await withTenant(db, tenantId, async (tx) => {
      const [old] = await tx
        .insert(schema.webhookDeliveries)
        .values({
          tenantId,
          subscriptionId: sub.id,
          eventId: crypto.randomUUID(),
          eventType: "customer.created",
          payload: {},
          status: "failed",
          attemptCount: 1,
        })
        .returning();
      await tx.insert(schema.webhookDeliveryAttempts).values({
        tenantId,
        deliveryId: old!.id,
        attemptNumber: 1,
        startedAt: new Date(Date.now() - 4 * 86_400_000),
        durationMs: 5,
        statusCode: 502,
        error: "http_502",
      });
    });
    const people = await withAdmins(db, tenantId, `failing-${engine}`);
    await announce(db, tenantId, "customer.created", customerId);
    const jobs = createJobs({
      db,
      config: { mode: "in-process" },
      webhooks: { ...local, notices: people.notices },
    });
    await jobs.relay.runOnce(); // fan-out
    await jobs.relay.runOnce(); // the attempt fails: the endpoint has failed since four days ago
    expect(hits(path)).toHaveLength(1);
    expect((await subscriptionOf(db, tenantId, sub.id)).active).toBe(false);
    const written = await writers(db, tenantId, sub.id);
    expect(written.notices).toEqual([written.subscription]);
    await jobs.relay.drain();
    const mails = await people.mailsTo(people.admin);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain("failed for three days");
    const audit = await withTenant(db, tenantId, (tx) => tx.select().from(schema.auditLog));
    expect(audit.map((a) => [a.action, a.metadata])).toEqual([
      ["webhook_subscription.disabled", { reason: "failing" }],
    ]);
  });

  it("counts a redirect as a failed attempt and never follows it", async () => {
    const { db } = database;
    const { tenantId, customerId } = await tenantWithCustomer(db, `moved-${engine}`);
    const path = `/moved-${engine}`;
    script.set(path, [(res) => res.writeHead(302, { location: `${base}${path}-elsewhere` }).end()]);
    const sub = await subscribe(db, tenantId, path);
    await announce(db, tenantId, "customer.created", customerId);
    await createJobs({
      db,
      config: { mode: "in-process" },
      webhooks: { ...local, retryDelaysSeconds: [3600] },
    }).relay.drain();
    expect(hits(path)).toHaveLength(1);
    expect(hits(`${path}-elsewhere`)).toEqual([]);
    const [delivery] = await deliveriesOf(db, tenantId, sub.id);
    expect(delivery).toMatchObject({ status: "retrying", lastStatusCode: 302 });
    expect(await attemptsOf(db, tenantId, delivery!.id)).toEqual([
      expect.objectContaining({ statusCode: 302, error: "http_302" }),
    ]);
  });

  it("records a timeout as a failed attempt", async () => {
    const { db } = database;
    const { tenantId, customerId } = await tenantWithCustomer(db, `slow-${engine}`);
    const path = `/slow-${engine}`;
    script.set(path, [() => {}]);
    const sub = await subscribe(db, tenantId, path);
    await announce(db, tenantId, "customer.created", customerId);
    await createJobs({
      db,
      config: { mode: "in-process" },
      webhooks: { ...local, retryDelaysSeconds: [3600] },
    }).relay.drain();
    const [delivery] = await deliveriesOf(db, tenantId, sub.id);
    expect(delivery).toMatchObject({ status: "retrying", attemptCount: 1, lastStatusCode: null });
    const [attempt] = await attemptsOf(db, tenantId, delivery!.id);
    expect(attempt).toMatchObject({ statusCode: null, error: "timeout" });
    expect(attempt!.durationMs).toBeGreaterThanOrEqual(350);
  });

  it("refuses a name that resolves to a private address unless allowed", async () => {
    const { db } = database;
    const { tenantId, customerId } = await tenantWithCustomer(db, `private-${engine}`);
    const path = `/private-${engine}`;
    const port = new URL(base).port;
    const sub = await subscribe(db, tenantId, path, { url: `http://hooks.example.test:${port}${path}` });
    // The name resolves to loopback (think DNS rebinding).
    const lookup = ((_host: string, options: unknown, callback?: unknown) => {
      const cb = (typeof options === "function" ? options : callback) as (...args: unknown[]) => void;
      const all = typeof options === "object" && (options as { all?: boolean } | null)?.all;
      if (all) cb(null, [{ address: "127.0.0.1", family: 4 }]);
      else cb(null, "127.0.0.1", 4);
    }) as unknown as LookupFunction;
    await announce(db, tenantId, "customer.created", customerId);
    await createJobs({
      db,
      config: { mode: "in-process" },
      webhooks: { ...local, allowPrivate: false, lookup, retryDelaysSeconds: [3600] },
    }).relay.drain();
    expect(hits(path)).toEqual([]);
    const [delivery] = await deliveriesOf(db, tenantId, sub.id);
    expect(await attemptsOf(db, tenantId, delivery!.id)).toEqual([
      expect.objectContaining({ statusCode: null, error: "refused_address" }),
    ]);
  });

  it("does not let a slow receiver hold up another endpoint's delivery", async () => {
    const { db } = database;
    const { tenantId, customerId } = await tenantWithCustomer(db, `lanes-${engine}`);
    const slow = `/lane-slow-${engine}`;
    const fast = `/lane-fast-${engine}`;
    const answeredAt: Record<string, number> = {};
    script.set(slow, [(res) => setTimeout(() => res.writeHead(200).end(), 1500)]);
    script.set(fast, [
      (res) => {
        answeredAt.fast = Date.now();
        res.writeHead(200).end();
      },
    ]);
    // The slow endpoint first: its delivery is claimed ahead of the fast one's.
    await subscribe(db, tenantId, slow);
    await subscribe(db, tenantId, fast);
    await announce(db, tenantId, "customer.created", customerId);
    const jobs = createJobs({ db, config: { mode: "in-process" }, webhooks: { ...local, timeoutMs: 5000 } });
    await jobs.relay.runOnce(); // the event: two deliveries due
    const started = Date.now();
    await jobs.relay.runOnce(); // both deliveries, side by side
    expect(hits(slow)).toHaveLength(1);
    expect(hits(fast)).toHaveLength(1);
    expect(answeredAt.fast! - started).toBeLessThan(1000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
  });

  it("delivers the same through the Inngest functions' serve handler", async () => {
    const { db } = database;
    const { tenantId, customerId } = await tenantWithCustomer(db, `sdk-${engine}`);
    const path = `/sdk-${engine}`;
    script.set(path, [(res) => res.writeHead(500).end(), (res) => res.writeHead(200).end()]);
    const sub = await subscribe(db, tenantId, path);
    await announce(db, tenantId, "customer.created", customerId);
    const relay = localRuntime(db, { direct: false });
    expect(await relay.drain()).toBe(3); // the event, the first attempt, the retry
    const ids = hits(path).map((h) => h.headers["webhook-id"]);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
    const [delivery] = await deliveriesOf(db, tenantId, sub.id);
    expect(delivery).toMatchObject({ id: ids[0], status: "succeeded", attemptCount: 2 });
  });

  it("keeps delivering to other endpoints while a slow one is busy (background relay)", async () => {
    const { db } = database;
    const { tenantId, customerId, targetId } = await tenantWithCustomer(db, `busy-${engine}`);
    const slow = `/busy-slow-${engine}`;
    const fast = `/busy-fast-${engine}`;
    let slowAnsweredAt = 0;
    script.set(slow, [
      (res) =>
        setTimeout(() => {
          slowAnsweredAt = Date.now();
          res.writeHead(200).end();
        }, 1500),
    ]);
    await subscribe(db, tenantId, slow, { eventTypes: ["customer.created"] });
    await subscribe(db, tenantId, fast, { eventTypes: ["customer.created", "target.created"] });
    await announce(db, tenantId, "customer.created", customerId);
    const relay = localRuntime(db, { direct: true, pollIntervalMs: 20, webhooks: { timeoutMs: 5000 } });
    relay.start();
    try {
      await expect.poll(() => hits(fast).length, { timeout: 3000, interval: 10 }).toBe(1);
      expect(hits(slow)).toHaveLength(1);
      // A later event for the fast endpoint goes out while the slow one still has not answered.
      await announce(db, tenantId, "target.created", targetId);
      await expect.poll(() => hits(fast).length, { timeout: 3000, interval: 10 }).toBe(2);
      expect(slowAnsweredAt).toBe(0);
    } finally {
      await relay.stop();
    }
    expect(slowAnsweredAt).toBeGreaterThan(0);
  });

  it("computes an outbox row's lane in SQL as the relay does for its event", async () => {
    const { db } = database;
    const subscriptionId = crypto.randomUUID();
    const rows = [
      { name: "ordinavo/webhook.delivery_due", payload: { subscriptionId } },
      { name: "ordinavo/webhook.event_recorded", payload: { eventType: "customer.created" } },
      { name: "ordinavo/visit_report.approved", payload: {} },
    ];
    for (const row of rows) {
      const [lane] = rowsOf<{ lane: string }>(
        await db.execute(
          sql`select (${WEBHOOK_LANE_SQL}) as lane from (select ${row.name}::text as name, ${JSON.stringify(row.payload)}::jsonb as payload) r`,
        ),
      );
      expect(lane!.lane).toBe(webhookLane({ id: "x", name: row.name, data: row.payload, ts: 0 }));
    }
  });

  it("delivers each event once with two processes on one database", async () => {
    const { db } = database;
    const { tenantId, customerId } = await tenantWithCustomer(db, `two-${engine}`);
    const path = `/two-${engine}`;
    script.set(path, [(res) => setTimeout(() => res.writeHead(200).end(), 20)]);
    await subscribe(db, tenantId, path);
    await subscribe(db, tenantId, `${path}-b`);
    for (let i = 0; i < 6; i++) await announce(db, tenantId, "customer.created", customerId);
    const one = createJobs({ db, config: { mode: "in-process" }, webhooks: local });
    const two = createJobs({ db, config: { mode: "in-process" }, webhooks: local });
    const handled = await Promise.all([one.relay.drain(), two.relay.drain(), one.relay.drain()]);
    // 6 events and 12 deliveries, each handled by one relay.
    expect(handled.reduce((a, b) => a + b, 0)).toBe(18);
    const ids = [...hits(path), ...hits(`${path}-b`)].map((h) => String(h.headers["webhook-id"]));
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
  });
});
