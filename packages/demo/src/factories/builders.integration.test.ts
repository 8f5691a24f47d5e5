import { verifyApiKey, verifyPassword } from "@ordinavo/auth";
import { withTenant } from "@ordinavo/db";
import {
  apiKeys,
  appointments,
  portalAccessGrants,
  portalUsers,
  staffUsers,
  targets,
  tenantMemberships,
  tenantSettings,
} from "@ordinavo/db/schema";
import { createTestDatabase, type TestDatabase, testEngines } from "@ordinavo/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildApiKey,
  buildAppointment,
  buildContact,
  buildCustomer,
  buildLocation,
  buildPortalUser,
  buildRecurringPlan,
  buildStaff,
  buildTarget,
  buildTeam,
  buildTenant,
  buildVisit,
} from "./builders";

const PASSWORD = "builders test passphrase";

describe.each(testEngines())("test data builders on %s", (engine) => {
  let database: TestDatabase;
  const db = () => database.db;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(() => database?.destroy());

  it("makes a tenant with the settings and gates asked for, and unique defaults", async () => {
    const a = await buildTenant(db(), { employeesSeeInternalNotes: true, timeZone: "Europe/Berlin" });
    const b = await buildTenant(db());
    expect(a.slug).not.toBe(b.slug);
    const [settings] = await withTenant(db(), a.tenantId, (tx) => tx.select().from(tenantSettings));
    expect(settings).toMatchObject({ employeesSeeInternalNotes: true, timeZone: "Europe/Berlin" });
    const [defaults] = await withTenant(db(), b.tenantId, (tx) => tx.select().from(tenantSettings));
    expect(defaults).toMatchObject({ employeesSeeInternalNotes: false, timeZone: "Europe/Paris" });
  });

  it("makes staff members with a role and a password they can sign in with", async () => {
    const { tenantId } = await buildTenant(db());
    const team = await buildTeam(db(), {
      tenantId,
      password: PASSWORD,
      members: { admin: "tenant_admin", lucas: { role: "employee", name: "Lucas Moreau" } },
    });
    const noPassword = await buildStaff(db(), { tenantId, role: "dispatcher" });
    expect(team.lucas.name).toBe("Lucas Moreau");
    const roles = await withTenant(db(), tenantId, (tx) =>
      tx.select({ userId: tenantMemberships.userId, role: tenantMemberships.role }).from(tenantMemberships),
    );
    expect(new Map(roles.map((r) => [r.userId, r.role]))).toEqual(
      new Map([
        [team.admin.userId, "tenant_admin"],
        [team.lucas.userId, "employee"],
        [noPassword.userId, "dispatcher"],
      ]),
    );
    const [admin] = await db().select().from(staffUsers).where(eq(staffUsers.id, team.admin.userId));
    expect(await verifyPassword(admin!.passwordHash!, PASSWORD)).toBe(true);
    const [other] = await db().select().from(staffUsers).where(eq(staffUsers.id, noPassword.userId));
    expect(other!.passwordHash).toBeNull();
  });

  it("plans a visit at the target's customer and location, and the open target becomes planned", async () => {
    const { tenantId } = await buildTenant(db());
    const employee = await buildStaff(db(), { tenantId });
    const { customerId } = await buildCustomer(db(), { tenantId, name: "Atelier Lumière" });
    const { locationId } = await buildLocation(db(), { tenantId, customerId });
    await buildContact(db(), { tenantId, customerId, locationId });
    const { targetId } = await buildTarget(db(), { tenantId, customerId, locationId });
    const start = new Date("2030-01-07T08:00:00Z");
    const { appointmentId } = await buildAppointment(db(), {
      tenantId,
      targetId,
      assignedEmployeeId: employee.userId,
      plannedStart: start,
    });
    const visit = await buildVisit(db(), {
      tenantId,
      customerId,
      target: { title: "Unplanned" },
      status: "cancelled",
    });

    const rows = await withTenant(db(), tenantId, async (tx) => ({
      appointment: (await tx.select().from(appointments).where(eq(appointments.id, appointmentId)))[0]!,
      target: (await tx.select().from(targets).where(eq(targets.id, targetId)))[0]!,
      cancelledTarget: (await tx.select().from(targets).where(eq(targets.id, visit.targetId)))[0]!,
    }));
    expect(rows.appointment).toMatchObject({
      customerId,
      locationId,
      assignedEmployeeId: employee.userId,
      plannedStart: start,
      plannedEnd: new Date("2030-01-07T09:00:00Z"),
      status: "scheduled",
    });
    expect(rows.target.status).toBe("planned");
    expect(rows.cancelledTarget).toMatchObject({ title: "Unplanned", status: "open", locationId: null });

    const { recurringPlanId } = await buildRecurringPlan(db(), { tenantId, customerId, locationId });
    expect(recurringPlanId).toEqual(expect.any(String));
  });

  it("gives a portal user a whole customer or selected locations", async () => {
    const { tenantId } = await buildTenant(db());
    const { customerId } = await buildCustomer(db(), { tenantId });
    const sites = [
      (await buildLocation(db(), { tenantId, customerId })).locationId,
      (await buildLocation(db(), { tenantId, customerId })).locationId,
    ];
    const whole = await buildPortalUser(db(), { tenantId, customerId, password: PASSWORD });
    const some = await buildPortalUser(db(), { tenantId, customerId, locationIds: sites });
    const grants = await withTenant(db(), tenantId, (tx) => tx.select().from(portalAccessGrants));
    expect(grants.filter((g) => g.portalUserId === whole.portalUserId).map((g) => g.locationId)).toEqual([
      null,
    ]);
    expect(
      grants
        .filter((g) => g.portalUserId === some.portalUserId)
        .map((g) => g.locationId)
        .sort(),
    ).toEqual([...sites].sort());
    const [user] = await withTenant(db(), tenantId, (tx) =>
      tx.select().from(portalUsers).where(eq(portalUsers.id, whole.portalUserId)),
    );
    expect(user!.email).toBe(whole.email);
    expect(await verifyPassword(user!.passwordHash!, PASSWORD)).toBe(true);
  });

  it("makes an API key whose secret verifies, with its scopes and source limit", async () => {
    const { tenantId } = await buildTenant(db());
    const { apiKeyId, secret } = await buildApiKey(db(), {
      tenantId,
      scopes: ["customers:read"],
      sourceSystem: "sap",
    });
    expect(await verifyApiKey(db(), secret)).toMatchObject({
      apiKeyId,
      tenantId,
      scopes: ["customers:read"],
    });
    const [row] = await withTenant(db(), tenantId, (tx) =>
      tx.select().from(apiKeys).where(eq(apiKeys.id, apiKeyId)),
    );
    expect(row!.sourceSystem).toBe("sap");
    const revoked = await buildApiKey(db(), { tenantId, scopes: ["targets:read"], revokedAt: new Date() });
    expect(await verifyApiKey(db(), revoked.secret)).toBeNull();
  });
});
