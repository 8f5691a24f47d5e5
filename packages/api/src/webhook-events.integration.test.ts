import { schema, withTenant } from "@ordinavo/db";
import { testEngines } from "@ordinavo/db/testing";
import {
  buildContact,
  buildCustomer,
  buildLocation,
  buildPortalUser,
  buildVisit,
  type StaffIds,
} from "@ordinavo/demo";
import { addDays, localDay } from "@ordinavo/domain";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { portalCaller } from "./callers";
import {
  type ApiHarness,
  buildWorkspace,
  fieldErrorsOf,
  openApiHarness,
  PORTAL,
  request,
  TEST_PASSWORD,
} from "./test-support";

// Every operational writer records its webhook event in its own transaction, with where it came
// from: each write below goes through its real procedure as the actor who makes it (staff in the
// workspace, a contact in the portal), and the outbox then holds the event type about the object,
// with the right source. Background jobs (recurring visits, follow-ups) are covered in
// packages/jobs; their source is "job".

type Team = "admin" | "manager" | "dispatcher" | "lucas";
const TZ = "Europe/Paris";
const at = (iso: string) => new Date(iso);

describe.each(testEngines())("webhook events from every writer on %s", (engine) => {
  let h: ApiHarness;
  let tenantId: string;
  let staff: Record<Team, StaffIds>;
  let customerId: string;
  let locationId: string;
  let contactId: string;
  let portalCookie: string | null = null;
  const claire = "claire@events.example";

  const api = (who: Team) => h.staff(staff[who].email);

  async function portal() {
    if (!portalCookie) {
      const signIn = await portalCaller({ services: h.services, request: request(PORTAL) });
      await signIn.api.auth.signIn({ email: claire, password: TEST_PASSWORD });
      portalCookie = signIn.cookies[0]!.split(";")[0]!;
    }
    return (await portalCaller({ services: h.services, request: request(PORTAL, portalCookie) })).api;
  }

  /** The webhook events recorded about one object: "type source", in the order they were written. */
  const eventsAbout = (objectId: string) =>
    withTenant(h.db, tenantId, async (tx) =>
      (
        await tx
          .select({ payload: schema.outboxEvents.payload })
          .from(schema.outboxEvents)
          .where(
            and(
              eq(schema.outboxEvents.name, "ordinavo/webhook.event_recorded"),
              sql`${schema.outboxEvents.payload}->>'objectId' = ${objectId}`,
            ),
          )
          .orderBy(schema.outboxEvents.sequence)
      ).map(({ payload }) => {
        const event = payload as { tenantId: string; eventType: string; source?: string };
        expect(event.tenantId).toBe(tenantId);
        return `${event.eventType} ${event.source ?? "(none)"}`;
      }),
    );

  beforeAll(async () => {
    h = await openApiHarness(engine);
    const built = await buildWorkspace(
      h.db,
      { admin: "tenant_admin", manager: "manager", dispatcher: "dispatcher", lucas: "employee" },
      { portalEnabled: true, timeZone: TZ },
    );
    tenantId = built.tenantId;
    staff = built.staff;
    customerId = (await buildCustomer(h.db, { tenantId, name: "Aubergine Immobilier" })).customerId;
    locationId = (await buildLocation(h.db, { tenantId, customerId, name: "Les Tilleuls" })).locationId;
    contactId = (await buildContact(h.db, { tenantId, customerId, name: "Claire Dubois" })).contactPersonId;
    await buildPortalUser(h.db, {
      tenantId,
      customerId,
      email: claire,
      name: "Claire Dubois",
      password: TEST_PASSWORD,
      contactPersonId: contactId,
    });
  }, 180_000);
  afterAll(() => h?.destroy());

  it("customers: created, updated, archived — from the workspace", async () => {
    const admin = await api("admin");
    const created = await admin.customers.create({ number: "EV-1", name: "Events Co" });
    expect(await eventsAbout(created.id)).toEqual(["customer.created workspace"]);
    await admin.customers.update({ customerId: created.id, phone: "+33 4 78 00 00 02" });
    // Nothing changed: no event.
    await admin.customers.update({ customerId: created.id, phone: "+33 4 78 00 00 02" });
    await admin.customers.setArchived({ customerId: created.id, archived: true });
    expect(await eventsAbout(created.id)).toEqual([
      "customer.created workspace",
      "customer.updated workspace",
      "customer.updated workspace",
    ]);
  });

  it("targets: created and status changed", async () => {
    const dispatcher = await api("dispatcher");
    const target = await dispatcher.targets.create({ customerId, locationId, title: "Gutter check" });
    expect(await eventsAbout(target.id)).toEqual(["target.created workspace"]);
    await dispatcher.targets.changeStatus({ targetId: target.id, status: "cancelled" });
    expect(await eventsAbout(target.id)).toEqual([
      "target.created workspace",
      "target.status_changed workspace",
    ]);
  });

  it("appointments: planned, moved (not for a hand-over alone), status changed by the office and the field", async () => {
    const dispatcher = await api("dispatcher");
    const target = await dispatcher.targets.create({ customerId, locationId, title: "Boiler service" });
    const planned = await dispatcher.appointments.create({
      targetId: target.id,
      plannedStart: at("2030-03-04T08:00:00Z"),
      plannedEnd: at("2030-03-04T09:00:00Z"),
      assignedEmployeeId: staff.lucas.userId,
    });
    const appointmentId = planned.appointment!.id;
    expect(await eventsAbout(appointmentId)).toEqual(["appointment.planned workspace"]);
    // Planning moved the target open → planned.
    expect(await eventsAbout(target.id)).toEqual([
      "target.created workspace",
      "target.status_changed workspace",
    ]);

    await dispatcher.appointments.reschedule({
      appointmentId,
      plannedStart: at("2030-03-05T08:00:00Z"),
      plannedEnd: at("2030-03-05T09:00:00Z"),
    });
    // Handed to someone else at the same time: employee identities stay inside, so no event.
    await dispatcher.appointments.reschedule({
      appointmentId,
      plannedStart: at("2030-03-05T08:00:00Z"),
      plannedEnd: at("2030-03-05T09:00:00Z"),
      assignedEmployeeId: null,
    });
    await dispatcher.appointments.changeStatus({ appointmentId, status: "confirmed" });
    expect(await eventsAbout(appointmentId)).toEqual([
      "appointment.planned workspace",
      "appointment.moved workspace",
      "appointment.status_changed workspace",
    ]);

    // The employee's own status update on site is one too (staff, so the workspace).
    const visit = await buildVisit(h.db, {
      tenantId,
      customerId,
      locationId,
      target: { title: "Leak search" },
      assignedEmployeeId: staff.lucas.userId,
    });
    const lucas = await api("lucas");
    await lucas.execution.record({
      clientId: crypto.randomUUID(),
      appointmentId: visit.appointmentId,
      kind: "status_change",
      status: "en_route",
      recordedAt: new Date(),
    });
    expect(await eventsAbout(visit.appointmentId)).toEqual(["appointment.status_changed workspace"]);
  });

  it("visit reports: submitted, returned, approved; a billable approval's billing trigger", async () => {
    const lucas = await api("lucas");
    const admin = await api("admin");
    const write = async (change: Record<string, unknown>) => {
      const { appointmentId } = await buildVisit(h.db, {
        tenantId,
        customerId,
        locationId,
        target: { title: "Annual check" },
        assignedEmployeeId: staff.lucas.userId,
      });
      const { visitReportId } = await lucas.reports.open({ appointmentId });
      await lucas.reports.update({
        visitReportId: visitReportId!,
        result: "completed",
        summary: "Fine.",
        ...change,
      });
      await lucas.reports.submit({ visitReportId: visitReportId! });
      return visitReportId!;
    };

    const returned = await write({});
    await admin.reports.return({ visitReportId: returned, reason: "Add the meter reading." });
    expect(await eventsAbout(returned)).toEqual([
      "visit_report.submitted workspace",
      "visit_report.returned workspace",
    ]);

    const billable = await write({ billable: true });
    await admin.reports.approve({ visitReportId: billable });
    expect(await eventsAbout(billable)).toEqual([
      "visit_report.submitted workspace",
      "visit_report.approved workspace",
    ]);
    const [trigger] = await withTenant(h.db, tenantId, (tx) =>
      tx
        .select({ id: schema.billingTriggers.id })
        .from(schema.billingTriggers)
        .where(eq(schema.billingTriggers.visitReportId, billable)),
    );
    expect(await eventsAbout(trigger!.id)).toEqual(["billing_trigger.created workspace"]);
  });

  it("portal requests: created from the portal, decided from the workspace; an accepted one's target", async () => {
    const contact = await portal();
    const newRequest = (title: string) => ({
      type: "service" as const,
      title,
      description: "The heating is cold in the mornings.",
      locationId,
      preferredDates: [{ date: addDays(localDay(new Date(), TZ), 3), window: "morning" as const }],
    });
    const manager = await api("manager");

    const { id: acceptedId } = await contact.requests.create(newRequest("Cold heating"));
    expect(await eventsAbout(acceptedId)).toEqual(["portal_request.created portal"]);
    const decision = await manager.portalRequests.accept({
      portalRequestId: acceptedId,
      title: "Cold heating",
    });
    expect(await eventsAbout(acceptedId)).toEqual([
      "portal_request.created portal",
      "portal_request.decided workspace",
    ]);
    // Its target is created once, by the target service.
    expect(await eventsAbout(decision.targetId!)).toEqual(["target.created workspace"]);

    const { id: declinedId } = await contact.requests.create(newRequest("Paint the hall"));
    await manager.portalRequests.decline({ portalRequestId: declinedId, customerMessage: "Not our trade." });
    expect(await eventsAbout(declinedId)).toEqual([
      "portal_request.created portal",
      "portal_request.decided workspace",
    ]);
  });

  it("billing details in a subscription only while the workspace allows them", async () => {
    const admin = await api("admin");
    const wanted = {
      url: "https://erp.example.com/hooks/ordinavo",
      eventTypes: ["billing_trigger.created" as const],
      includeBilling: true,
    };
    const errors = await fieldErrorsOf(admin.webhooks.create(wanted));
    expect(errors.includeBilling?.[0]).toMatch(/turned off/);
    expect((await admin.settings.get()).webhookIncludeBilling).toBe(false);
    expect(await admin.settings.update({ webhookIncludeBilling: true })).toEqual({
      changed: ["webhookIncludeBilling"],
    });
    const made = await admin.webhooks.create(wanted);
    expect(made.subscription).toMatchObject({ includeBilling: true, includeContacts: false });
    const off = await admin.webhooks.update({
      webhookSubscriptionId: made.subscription.id,
      includeBilling: false,
    });
    expect(off.includeBilling).toBe(false);
    await admin.settings.update({ webhookIncludeBilling: false });
    expect(
      Object.keys(
        await fieldErrorsOf(
          admin.webhooks.update({ webhookSubscriptionId: made.subscription.id, includeBilling: true }),
        ),
      ),
    ).toEqual(["includeBilling"]);
  });

  it("a refused write records no event", async () => {
    const dispatcher = await api("dispatcher");
    const target = await dispatcher.targets.create({ customerId, title: "Refused step" });
    await expect(
      dispatcher.targets.changeStatus({ targetId: target.id, status: "in_progress" }),
    ).rejects.toThrow();
    expect(await eventsAbout(target.id)).toEqual(["target.created workspace"]);
  });
});
