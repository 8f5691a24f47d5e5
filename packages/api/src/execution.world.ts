import { schema, withTenant } from "@ordinavo/db";
import type { createTestDatabase } from "@ordinavo/db/testing";
import { buildContact, buildCustomer, buildInternalNote, buildLocation, buildVisit } from "@ordinavo/demo";
import { and, eq, sql } from "drizzle-orm";
import { expect } from "vitest";
import { buildWorkspace, openApiHarness } from "./test-support";

// The world of the mobile execution tests (execution*.integration.test.ts): a tenant with one
// member of each office role and two employees, Lucas (whose visits these are) and Camille; a
// second tenant with an admin and an employee. Lucas's day DAY (February 2027, Paris, UTC+1) has a
// saved route; other visits get days of their own in March. Updates are recorded "now", after the
// visits were made. Each test file opens its own world (one database per file).

export const paris = (day: string, time: string) => new Date(`${day}T${time}:00+01:00`);
export const HOUR = 3_600_000;
export const DAY = "2027-02-10";

export async function openExecutionWorld(engine: Parameters<typeof createTestDatabase>[0]) {
  const h = await openApiHarness(engine);
  const ours = await buildWorkspace(h.db, {
    admin: "tenant_admin",
    manager: { role: "manager", name: "Nadia Lefebvre" },
    dispatcher: "dispatcher",
    lucas: { role: "employee", name: "Lucas Moreau" },
    camille: { role: "employee", name: "Camille Girard" },
  });
  const tenantId = ours.tenantId;
  const staff = ours.staff;
  const other = (await buildWorkspace(h.db, { admin: "tenant_admin", employee: "employee" })).staff;

  const as = (who: keyof typeof staff) => h.staff(staff[who].email);
  const inTenant = <T>(work: Parameters<typeof withTenant<T>>[2]) => withTenant(h.db, tenantId, work);
  const updatesOf = (appointmentId: string) =>
    inTenant((tx) =>
      tx.select().from(schema.mobileUpdates).where(eq(schema.mobileUpdates.appointmentId, appointmentId)),
    );
  const appointmentRow = async (id: string) =>
    (await inTenant((tx) => tx.select().from(schema.appointments).where(eq(schema.appointments.id, id))))[0]!;
  const targetRow = async (id: string) =>
    (await inTenant((tx) => tx.select().from(schema.targets).where(eq(schema.targets.id, id))))[0]!;
  const timelineOf = (objectId: string) =>
    inTenant((tx) =>
      tx.select().from(schema.timelineEntries).where(eq(schema.timelineEntries.objectId, objectId)),
    );
  const auditOf = (objectId: string) =>
    inTenant((tx) => tx.select().from(schema.auditLog).where(eq(schema.auditLog.objectId, objectId)));
  const webhookEventsOf = (objectId: string) =>
    inTenant((tx) =>
      tx
        .select()
        .from(schema.outboxEvents)
        .where(
          and(
            eq(schema.outboxEvents.name, "ordinavo/webhook.event_recorded"),
            sql`${schema.outboxEvents.payload}->>'objectId' = ${objectId}`,
          ),
        ),
    );
  /** The tenant admin switches positions on or off on the settings page. */
  async function setCapturePosition(on: boolean) {
    const admin = await as("admin");
    expect(await admin.settings.update({ capturePosition: on })).toEqual({ changed: ["capturePosition"] });
    expect((await admin.settings.get()).capturePosition).toBe(on);
  }

  let slot = 0;
  /** A fresh visit for Lucas (or `employee`) at the main site, on a day of its own. */
  async function freshVisit(employee: string | null = staff.lucas.userId, time = "09:00") {
    const day = `2027-03-${String(++slot).padStart(2, "0")}`;
    const plannedStart = paris(day, time);
    return buildVisit(h.db, {
      tenantId,
      customerId,
      locationId: siteId,
      target: { title: `Visit ${slot}` },
      assignedEmployeeId: employee,
      plannedStart,
      plannedEnd: new Date(plannedStart.getTime() + HOUR),
    });
  }
  /** Records a status change as Lucas with a new client id. */
  async function step(appointmentId: string, status: string, extra: Record<string, unknown> = {}) {
    const lucas = await as("lucas");
    return lucas.execution.record({
      clientId: crypto.randomUUID(),
      appointmentId,
      kind: "status_change",
      status: status as never,
      recordedAt: new Date(),
      ...extra,
    });
  }

  const { customerId } = await buildCustomer(h.db, {
    tenantId,
    name: "Boulangerie Martin",
    notes: "CUSTOMER-ADMIN-NOTES",
  });
  const { locationId: siteId } = await buildLocation(h.db, {
    tenantId,
    customerId,
    name: "Shop",
    addressLine1: "12 rue Mercière",
    postalCode: "69002",
    city: "Lyon",
    country: "FR",
    latitude: 45.7622,
    longitude: 4.8303,
    accessNotes: "Code 4821 at the gate",
    parkingNotes: "Courtyard behind the shop",
  });
  const { locationId: plainSiteId } = await buildLocation(h.db, {
    tenantId,
    customerId,
    name: "Warehouse",
    addressLine1: "3 quai Perrache",
    postalCode: "69002",
    city: "Lyon",
    country: "FR",
    latitude: null,
    longitude: null,
  });
  const { contactPersonId: contactId } = await buildContact(h.db, {
    tenantId,
    customerId,
    locationId: siteId,
    name: "Marie Dupont",
    role: "Shop manager",
    email: "marie@example.test",
    mobile: "+33 6 12 34 56 78",
    preferredContactMethod: "mobile",
  });
  // The warehouse names no contact on its work: its first current contact stands in. Before it came
  // a customer-wide contact and one since archived, which must not.
  const contactAt = (minute: number) => new Date(Date.UTC(2027, 0, 1, 8, minute));
  await buildContact(h.db, {
    tenantId,
    customerId,
    name: "Head Office",
    phone: "+33 4 00 00 00 01",
    createdAt: contactAt(0),
  });
  await buildContact(h.db, {
    tenantId,
    customerId,
    locationId: plainSiteId,
    name: "Old Keeper",
    phone: "+33 4 00 00 00 02",
    archivedAt: contactAt(5),
    createdAt: contactAt(1),
  });
  await buildContact(h.db, {
    tenantId,
    customerId,
    locationId: plainSiteId,
    name: "Paul Garnier",
    role: "Warehouse keeper",
    phone: "+33 4 72 00 00 03",
    preferredContactMethod: "phone",
    createdAt: contactAt(2),
  });
  await buildContact(h.db, {
    tenantId,
    customerId,
    locationId: plainSiteId,
    name: "Later Colleague",
    phone: "+33 4 00 00 00 04",
    createdAt: contactAt(3),
  });
  // A manager's note on the customer: employees read its text only where the tenant allows it.
  await buildInternalNote(h.db, {
    tenantId,
    customerId,
    body: "INTERNAL-NOTE-BODY",
    authorId: staff.manager.userId,
  });
  await inTenant((tx) =>
    tx.insert(schema.externalReferences).values({
      tenantId,
      objectType: "customer",
      objectId: customerId,
      sourceSystem: "erp",
      externalId: "EXT-REF-4711",
    }),
  );

  const visit = (locationId: string, time: string, extra: object = {}) =>
    buildVisit(h.db, {
      tenantId,
      customerId,
      locationId,
      target: { title: `Service at ${time}`, contactId: locationId === siteId ? contactId : null },
      assignedEmployeeId: staff.lucas.userId,
      plannedStart: paris(DAY, time),
      plannedEnd: new Date(paris(DAY, time).getTime() + HOUR),
      // Fixed times keep their slot when the dispatcher reorders the route.
      fixedTime: true,
      ...extra,
    });
  const first = await visit(siteId, "08:00");
  const second = await visit(plainSiteId, "10:00");
  await visit(siteId, "13:00", { status: "cancelled" });
  const camillesVisit = await buildVisit(h.db, {
    tenantId,
    customerId,
    locationId: siteId,
    assignedEmployeeId: staff.camille.userId,
    plannedStart: paris(DAY, "09:00"),
    plannedEnd: paris(DAY, "10:00"),
  });
  // The dispatcher drives the warehouse first.
  const dispatcher = await as("dispatcher");
  await dispatcher.routes.reorder({
    employeeId: staff.lucas.userId,
    day: DAY,
    appointmentIds: [second.appointmentId, first.appointmentId],
  });
  return {
    h,
    tenantId,
    staff,
    other,
    customerId,
    siteId,
    plainSiteId,
    contactId,
    /** Lucas's visits on DAY: 08:00 (contact, coordinates) and 10:00 (no coordinates), route order reversed. */
    first,
    second,
    camillesVisit,
    as,
    inTenant,
    updatesOf,
    appointmentRow,
    targetRow,
    timelineOf,
    auditOf,
    webhookEventsOf,
    setCapturePosition,
    freshVisit,
    step,
  };
}

export type ExecutionWorld = Awaited<ReturnType<typeof openExecutionWorld>>;
