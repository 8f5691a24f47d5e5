/**
 * Builders for tests: each makes one thing the way a test thinks of it and returns its ids. They
 * take the database handle and open their own tenant-scoped transaction, so a test composes them
 * in any order and builds exactly what it needs:
 *
 *   const { tenantId } = await buildTenant(db, { employeesSeeInternalNotes: true });
 *   const staff = await buildTeam(db, { tenantId, password, members: { admin: "tenant_admin", lucas: "employee" } });
 *   const { customerId } = await buildCustomer(db, { tenantId, name: "Atelier Lumière" });
 *   const { locationId } = await buildLocation(db, { tenantId, customerId });
 *   await buildVisit(db, { tenantId, customerId, locationId, assignedEmployeeId: staff.lucas.userId });
 *
 * Every column a builder does not need can still be given; defaults are unique where it matters
 * (numbers, e-mail addresses, slugs).
 */
import { generateApiKeySecret, hashPassword, hashToken } from "@ordinavo/auth";
import { type Database, withTenant } from "@ordinavo/db";
import {
  apiKeys,
  type appointments,
  type contactPersons,
  type customers,
  type internalNotes,
  type locations,
  type recurringPlans,
  type staffUsers,
  targets,
} from "@ordinavo/db/schema";
import type { ApiKeyScope, StaffRole } from "@ordinavo/domain/vocabulary";
import { eq } from "drizzle-orm";
import { type FactoryInput, type Insert, only, unique } from "./core";
import { createContactPerson, createCustomer, createInternalNote, createLocation } from "./customers";
import { addMembership, type CreateTenantInput, createStaffUser, createTenant } from "./identity";
import { createAppointment, createRecurringPlan, createTarget } from "./planning";
import { createPortalUser, grantPortalAccess } from "./portal";

/** argon2 is slow on purpose: each password is hashed once per test process. */
const hashes = new Map<string, Promise<string>>();
export function passwordHashOf(password: string): Promise<string> {
  let hash = hashes.get(password);
  if (!hash) {
    hash = hashPassword(password);
    hashes.set(password, hash);
  }
  return hash;
}

// --- Tenants and staff -------------------------------------------------------------------------

/** A tenant with its settings row; settings (gates, time zone, travel) may be given. */
export async function buildTenant(
  db: Database,
  input: Partial<CreateTenantInput> = {},
): Promise<{ tenantId: string; slug: string }> {
  const tag = unique();
  const tenant = await createTenant(db, { slug: `t-${tag}`, name: `Tenant ${tag}`, ...input });
  return { tenantId: tenant.id, slug: tenant.slug };
}

export interface StaffIds {
  userId: string;
  email: string;
  name: string;
}

export type BuildStaffInput = {
  tenantId: string;
  /** Defaults to employee. */
  role?: StaffRole;
  /** Without one the account cannot sign in. */
  password?: string;
} & Partial<Omit<Insert<typeof staffUsers>, "passwordHash">>;

/** A staff user and their membership of the tenant, with a role. */
export async function buildStaff(db: Database, input: BuildStaffInput): Promise<StaffIds> {
  const { tenantId, role = "employee", password, ...user } = input;
  const passwordHash = password ? await passwordHashOf(password) : null;
  const created = await createStaffUser(db, { ...user, passwordHash });
  await withTenant(db, tenantId, (tx) => addMembership(tx, { tenantId, userId: created.id, role }));
  return { userId: created.id, email: created.email, name: created.name };
}

export type TeamMember = StaffRole | { role: StaffRole; name?: string; email?: string };

/**
 * Several staff members at once, by a key the test chooses:
 * `buildTeam(db, { tenantId, password, members: { admin: "tenant_admin", lucas: { role: "employee", name: "Lucas Moreau" } } })`.
 */
export async function buildTeam<K extends string>(
  db: Database,
  input: { tenantId: string; password?: string; members: Record<K, TeamMember> },
): Promise<Record<K, StaffIds>> {
  const team = {} as Record<K, StaffIds>;
  for (const [key, member] of Object.entries(input.members) as [K, TeamMember][]) {
    const details = typeof member === "string" ? { role: member } : member;
    team[key] = await buildStaff(db, { tenantId: input.tenantId, password: input.password, ...details });
  }
  return team;
}

// --- Customers --------------------------------------------------------------------------------------

export async function buildCustomer(
  db: Database,
  input: FactoryInput<typeof customers, "tenantId">,
): Promise<{ customerId: string }> {
  const row = await withTenant(db, input.tenantId, (tx) => createCustomer(tx, input));
  return { customerId: row.id };
}

/** A location in central Lyon unless the input says otherwise. */
export async function buildLocation(
  db: Database,
  input: FactoryInput<typeof locations, "tenantId" | "customerId">,
): Promise<{ locationId: string }> {
  const row = await withTenant(db, input.tenantId, (tx) => createLocation(tx, input));
  return { locationId: row.id };
}

/** A contact person of a customer (of one of its locations when `locationId` is given). */
export async function buildContact(
  db: Database,
  input: FactoryInput<typeof contactPersons, "tenantId" | "customerId">,
): Promise<{ contactPersonId: string }> {
  const row = await withTenant(db, input.tenantId, (tx) => createContactPerson(tx, input));
  return { contactPersonId: row.id };
}

/** A manager-only note about the customer (or, with objectType/objectId, about one of its things). */
export async function buildInternalNote(
  db: Database,
  input: FactoryInput<typeof internalNotes, "tenantId" | "customerId">,
): Promise<{ internalNoteId: string }> {
  const row = await withTenant(db, input.tenantId, (tx) => createInternalNote(tx, input));
  return { internalNoteId: row.id };
}

// --- Work and visits --------------------------------------------------------------------------------

/** A target (a piece of work), open unless `status` says otherwise. */
export async function buildTarget(
  db: Database,
  input: FactoryInput<typeof targets, "tenantId" | "customerId">,
): Promise<{ targetId: string }> {
  const row = await withTenant(db, input.tenantId, (tx) => createTarget(tx, input));
  return { targetId: row.id };
}

export type BuildAppointmentInput = { tenantId: string; targetId: string } & Partial<
  Omit<Insert<typeof appointments>, "customerId" | "locationId">
>;

/**
 * An appointment for a target, at the target's customer and location, assigned to
 * `assignedEmployeeId` (or to nobody). Without times: tomorrow at the next full hour, 60 minutes.
 * As planning does, an open target becomes planned when it gets an active appointment.
 */
export async function buildAppointment(
  db: Database,
  input: BuildAppointmentInput,
): Promise<{ appointmentId: string; targetId: string }> {
  return withTenant(db, input.tenantId, async (tx) => {
    const target = only(await tx.select().from(targets).where(eq(targets.id, input.targetId)));
    const row = await createAppointment(tx, {
      ...input,
      customerId: target.customerId,
      locationId: target.locationId,
    });
    if (target.status === "open" && !["cancelled", "no_show"].includes(row.status)) {
      await tx.update(targets).set({ status: "planned" }).where(eq(targets.id, target.id));
    }
    return { appointmentId: row.id, targetId: target.id };
  });
}

/**
 * A piece of work with one visit: a target at a customer (and location) and its appointment,
 * assigned to someone. `target` sets the target's other columns; the rest go to the appointment.
 */
export async function buildVisit(
  db: Database,
  input: {
    tenantId: string;
    customerId: string;
    locationId?: string | null;
    target?: Partial<Insert<typeof targets>>;
  } & Partial<Omit<Insert<typeof appointments>, "customerId" | "locationId" | "targetId">>,
): Promise<{ targetId: string; appointmentId: string }> {
  const { tenantId, customerId, locationId = null, target, ...appointment } = input;
  const { targetId } = await buildTarget(db, { tenantId, customerId, locationId, ...target });
  const { appointmentId } = await buildAppointment(db, { tenantId, targetId, ...appointment });
  return { targetId, appointmentId };
}

/** A recurring plan (weekly on Monday at 09:00, Paris time, unless the input says otherwise). */
export async function buildRecurringPlan(
  db: Database,
  input: FactoryInput<typeof recurringPlans, "tenantId" | "customerId" | "locationId">,
): Promise<{ recurringPlanId: string }> {
  const row = await withTenant(db, input.tenantId, (tx) => createRecurringPlan(tx, input));
  return { recurringPlanId: row.id };
}

// --- Outside access: the portal and the API ---------------------------------------------------------

/**
 * A portal user who sees a whole customer, or only `locationIds` of it. With a `password` they can
 * sign in; `contactPersonId` ties them to a contact.
 */
export async function buildPortalUser(
  db: Database,
  input: {
    tenantId: string;
    customerId: string;
    locationIds?: string[];
    password?: string;
    email?: string;
    name?: string;
    contactPersonId?: string | null;
  },
): Promise<{ portalUserId: string; email: string }> {
  const { tenantId, customerId, locationIds, password, ...user } = input;
  const passwordHash = password ? await passwordHashOf(password) : null;
  return withTenant(db, tenantId, async (tx) => {
    const created = await createPortalUser(tx, { tenantId, ...user, passwordHash });
    for (const locationId of locationIds ?? [null]) {
      await grantPortalAccess(tx, { tenantId, portalUserId: created.id, customerId, locationId });
    }
    return { portalUserId: created.id, email: created.email };
  });
}

/** An API key with its secret (returned once, as on creation); `sourceSystem` limits it to one source. */
export async function buildApiKey(
  db: Database,
  input: { tenantId: string; scopes: ApiKeyScope[] } & Partial<
    Omit<Insert<typeof apiKeys>, "tenantId" | "scopes" | "prefix" | "secretHash">
  >,
): Promise<{ apiKeyId: string; secret: string }> {
  const { secret, prefix } = generateApiKeySecret();
  const row = await withTenant(db, input.tenantId, async (tx) =>
    only(
      await tx
        .insert(apiKeys)
        .values({ name: `Key ${unique()}`, ...input, prefix, secretHash: hashToken(secret) })
        .returning({ id: apiKeys.id }),
    ),
  );
  return { apiKeyId: row.id, secret };
}
