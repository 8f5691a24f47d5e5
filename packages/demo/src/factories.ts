/**
 * Row factories shared by the demo seed and by tests in other packages.
 *
 * Global rows (tenants, staff users) are created with the database handle. Everything a tenant
 * owns is created with a transaction from `withTenant` (or `withSystem` in seeds); the input
 * names the owning tenant and the required parents, and may override any other column.
 *
 * Each `createX` inserts one row and returns it. Each `xValues` builds the same row without
 * inserting it, for callers that insert many rows at once (see `insertMany`).
 */
import { createHash, randomUUID } from "node:crypto";
import { type Database, type Transaction, withTenant } from "@ordinavo/db";
import {
  appointments,
  attachments,
  billingTriggers,
  contactPersons,
  customers,
  externalReferences,
  followUps,
  internalNotes,
  locations,
  mobileUpdates,
  portalAccessGrants,
  portalInvitations,
  portalRequests,
  portalUsers,
  recurringOccurrences,
  recurringPlans,
  routeStops,
  routes,
  staffUsers,
  targets,
  tenantMemberships,
  tenantSettings,
  tenants,
  timelineEntries,
  visitReports,
} from "@ordinavo/db/schema";
import type { PgInsertValue, PgTable } from "drizzle-orm/pg-core";

type Insert<T extends PgTable> = T["$inferInsert"];
type Row<T extends PgTable> = T["$inferSelect"];

/** The columns a caller must give, plus any others it wants to set. */
type FactoryInput<T extends PgTable, Required extends keyof Insert<T>> = Pick<Insert<T>, Required> &
  Partial<Insert<T>>;

/** Something short and unique for default names and keys in tests. */
const unique = () => randomUUID().slice(0, 8);

function only<T>(rows: T[]): T {
  const [row] = rows;
  if (row === undefined) throw new Error("The insert returned no row");
  return row;
}

/**
 * Inserts rows in multi-row statements of `batchSize`. Use it for seed volume; PostgreSQL takes at
 * most 65,535 parameters per statement, so keep batchSize × columns below that.
 */
export async function insertMany<T extends PgTable>(
  tx: Database,
  table: T,
  rows: readonly Insert<T>[],
  batchSize = 500,
): Promise<void> {
  for (let start = 0; start < rows.length; start += batchSize) {
    await tx.insert(table).values(rows.slice(start, start + batchSize) as PgInsertValue<T>[]);
  }
}

// --- Global rows -------------------------------------------------------------------------------

export type CreateTenantInput = { slug: string; name: string } & Partial<
  Omit<Insert<typeof tenantSettings>, "tenantId" | "updatedAt">
>;

/**
 * A tenant and its settings row, in one transaction. Call it with the database handle, or inside
 * `withSystem` (a seed building several things at once).
 */
export async function createTenant(db: Database, input: CreateTenantInput): Promise<Row<typeof tenants>> {
  const { slug, name, ...settings } = input;
  return db.transaction(async (tx) => {
    const tenant = only(await tx.insert(tenants).values({ slug, name }).returning());
    await withTenant(tx, tenant.id, (scoped) =>
      scoped.insert(tenantSettings).values({ ...settings, tenantId: tenant.id }),
    );
    return tenant;
  });
}

export function staffUserValues(input: Partial<Insert<typeof staffUsers>> = {}): Insert<typeof staffUsers> {
  const tag = unique();
  return { email: `staff-${tag}@example.test`, name: `Staff ${tag}`, passwordHash: null, ...input };
}

/** A staff user (global: memberships tie it to tenants). No password unless `passwordHash` is given. */
export async function createStaffUser(
  db: Database,
  input: Partial<Insert<typeof staffUsers>> = {},
): Promise<Row<typeof staffUsers>> {
  return only(await db.insert(staffUsers).values(staffUserValues(input)).returning());
}

// --- Tenant-owned rows (inside withTenant / withSystem) -------------------------------------------

export function membershipValues(
  input: FactoryInput<typeof tenantMemberships, "tenantId" | "userId">,
): Insert<typeof tenantMemberships> {
  return { role: "employee", ...input };
}

/** Makes a staff user a member of a tenant; the role defaults to employee. */
export async function addMembership(
  tx: Transaction,
  input: FactoryInput<typeof tenantMemberships, "tenantId" | "userId">,
): Promise<Row<typeof tenantMemberships>> {
  return only(await tx.insert(tenantMemberships).values(membershipValues(input)).returning());
}

export function customerValues(input: FactoryInput<typeof customers, "tenantId">): Insert<typeof customers> {
  const tag = unique();
  return { number: `T-${tag.toUpperCase()}`, name: `Customer ${tag}`, ...input };
}

export async function createCustomer(
  tx: Transaction,
  input: FactoryInput<typeof customers, "tenantId">,
): Promise<Row<typeof customers>> {
  return only(await tx.insert(customers).values(customerValues(input)).returning());
}

export function locationValues(
  input: FactoryInput<typeof locations, "tenantId" | "customerId">,
): Insert<typeof locations> {
  return {
    name: "Head office",
    addressLine1: "1 Place Bellecour",
    postalCode: "69002",
    city: "Lyon",
    country: "FR",
    latitude: 45.7578,
    longitude: 4.832,
    ...input,
  };
}

export async function createLocation(
  tx: Transaction,
  input: FactoryInput<typeof locations, "tenantId" | "customerId">,
): Promise<Row<typeof locations>> {
  return only(await tx.insert(locations).values(locationValues(input)).returning());
}

export function contactPersonValues(
  input: FactoryInput<typeof contactPersons, "tenantId" | "customerId">,
): Insert<typeof contactPersons> {
  const tag = unique();
  return { name: `Contact ${tag}`, email: `contact-${tag}@example.test`, ...input };
}

export async function createContactPerson(
  tx: Transaction,
  input: FactoryInput<typeof contactPersons, "tenantId" | "customerId">,
): Promise<Row<typeof contactPersons>> {
  return only(await tx.insert(contactPersons).values(contactPersonValues(input)).returning());
}

export function externalReferenceValues(
  input: FactoryInput<typeof externalReferences, "tenantId" | "objectType" | "objectId">,
): Insert<typeof externalReferences> {
  return { sourceSystem: "erp", externalId: `EXT-${unique()}`, ...input };
}

export async function createExternalReference(
  tx: Transaction,
  input: FactoryInput<typeof externalReferences, "tenantId" | "objectType" | "objectId">,
): Promise<Row<typeof externalReferences>> {
  return only(await tx.insert(externalReferences).values(externalReferenceValues(input)).returning());
}

/** A manager-only note; by default about the customer itself. */
export function internalNoteValues(
  input: FactoryInput<typeof internalNotes, "tenantId" | "customerId">,
): Insert<typeof internalNotes> {
  return { objectType: "customer", objectId: input.customerId, body: "Internal note", ...input };
}

export async function createInternalNote(
  tx: Transaction,
  input: FactoryInput<typeof internalNotes, "tenantId" | "customerId">,
): Promise<Row<typeof internalNotes>> {
  return only(await tx.insert(internalNotes).values(internalNoteValues(input)).returning());
}

export function targetValues(
  input: FactoryInput<typeof targets, "tenantId" | "customerId">,
): Insert<typeof targets> {
  return { title: "Service visit", ...input };
}

export async function createTarget(
  tx: Transaction,
  input: FactoryInput<typeof targets, "tenantId" | "customerId">,
): Promise<Row<typeof targets>> {
  return only(await tx.insert(targets).values(targetValues(input)).returning());
}

/** Without times, tomorrow at the next full hour for 60 minutes; without an end, 60 minutes after the start. */
export function appointmentValues(
  input: FactoryInput<typeof appointments, "tenantId" | "targetId" | "customerId">,
): Insert<typeof appointments> {
  const nextHour = Math.ceil(Date.now() / 3_600_000) * 3_600_000;
  const plannedStart = input.plannedStart ?? new Date(nextHour + 24 * 3_600_000);
  const plannedEnd = input.plannedEnd ?? new Date(plannedStart.getTime() + 60 * 60_000);
  return { ...input, plannedStart, plannedEnd };
}

export async function createAppointment(
  tx: Transaction,
  input: FactoryInput<typeof appointments, "tenantId" | "targetId" | "customerId">,
): Promise<Row<typeof appointments>> {
  return only(await tx.insert(appointments).values(appointmentValues(input)).returning());
}

export function routeValues(
  input: FactoryInput<typeof routes, "tenantId" | "employeeId" | "day">,
): Insert<typeof routes> {
  return { ...input };
}

export async function createRoute(
  tx: Transaction,
  input: FactoryInput<typeof routes, "tenantId" | "employeeId" | "day">,
): Promise<Row<typeof routes>> {
  return only(await tx.insert(routes).values(routeValues(input)).returning());
}

export function routeStopValues(
  input: FactoryInput<typeof routeStops, "tenantId" | "routeId" | "appointmentId" | "position">,
): Insert<typeof routeStops> {
  return { workMinutes: 60, ...input };
}

export async function createRouteStop(
  tx: Transaction,
  input: FactoryInput<typeof routeStops, "tenantId" | "routeId" | "appointmentId" | "position">,
): Promise<Row<typeof routeStops>> {
  return only(await tx.insert(routeStops).values(routeStopValues(input)).returning());
}

export function recurringPlanValues(
  input: FactoryInput<typeof recurringPlans, "tenantId" | "customerId" | "locationId">,
): Insert<typeof recurringPlans> {
  return {
    title: "Weekly service visit",
    rrule: "FREQ=WEEKLY;BYDAY=MO",
    startsOn: new Date().toISOString().slice(0, 10),
    startTime: "09:00",
    timeZone: "Europe/Paris",
    durationMinutes: 60,
    ...input,
  };
}

export async function createRecurringPlan(
  tx: Transaction,
  input: FactoryInput<typeof recurringPlans, "tenantId" | "customerId" | "locationId">,
): Promise<Row<typeof recurringPlans>> {
  return only(await tx.insert(recurringPlans).values(recurringPlanValues(input)).returning());
}

/** `occursOn` is the occurrence's local date in its plan's time zone (unique per plan). */
export function recurringOccurrenceValues(
  input: FactoryInput<typeof recurringOccurrences, "tenantId" | "planId" | "occursAt" | "occursOn">,
): Insert<typeof recurringOccurrences> {
  return { planVersion: 1, ...input };
}

export async function createRecurringOccurrence(
  tx: Transaction,
  input: FactoryInput<typeof recurringOccurrences, "tenantId" | "planId" | "occursAt" | "occursOn">,
): Promise<Row<typeof recurringOccurrences>> {
  return only(await tx.insert(recurringOccurrences).values(recurringOccurrenceValues(input)).returning());
}

export function mobileUpdateValues(
  input: FactoryInput<typeof mobileUpdates, "tenantId" | "appointmentId">,
): Insert<typeof mobileUpdates> {
  return { kind: "comment", body: "Comment from site", recordedAt: new Date(), ...input };
}

export async function createMobileUpdate(
  tx: Transaction,
  input: FactoryInput<typeof mobileUpdates, "tenantId" | "appointmentId">,
): Promise<Row<typeof mobileUpdates>> {
  return only(await tx.insert(mobileUpdates).values(mobileUpdateValues(input)).returning());
}

export function visitReportValues(
  input: FactoryInput<typeof visitReports, "tenantId" | "appointmentId" | "targetId" | "customerId">,
): Insert<typeof visitReports> {
  return { title: "Visit report", ...input };
}

/** A draft report unless `status` (and the matching timestamps) say otherwise. */
export async function createVisitReport(
  tx: Transaction,
  input: FactoryInput<typeof visitReports, "tenantId" | "appointmentId" | "targetId" | "customerId">,
): Promise<Row<typeof visitReports>> {
  return only(await tx.insert(visitReports).values(visitReportValues(input)).returning());
}

/** Attachment metadata only; no file is stored. The checksum defaults to a hash of the storage key. */
export function attachmentValues(
  input: FactoryInput<typeof attachments, "tenantId" | "customerId" | "ownerType" | "ownerId">,
): Insert<typeof attachments> {
  const storageKey = input.storageKey ?? `test/${randomUUID()}`;
  return {
    fileName: "photo.jpg",
    contentType: "image/jpeg",
    sizeBytes: 245_760,
    checksumSha256: createHash("sha256").update(storageKey).digest("hex"),
    ...input,
    storageKey,
  };
}

export async function createAttachment(
  tx: Transaction,
  input: FactoryInput<typeof attachments, "tenantId" | "customerId" | "ownerType" | "ownerId">,
): Promise<Row<typeof attachments>> {
  return only(await tx.insert(attachments).values(attachmentValues(input)).returning());
}

export function followUpValues(
  input: FactoryInput<typeof followUps, "tenantId" | "visitReportId" | "customerId">,
): Insert<typeof followUps> {
  return { details: "Follow-up visit needed", ...input };
}

export async function createFollowUp(
  tx: Transaction,
  input: FactoryInput<typeof followUps, "tenantId" | "visitReportId" | "customerId">,
): Promise<Row<typeof followUps>> {
  return only(await tx.insert(followUps).values(followUpValues(input)).returning());
}

export function billingTriggerValues(
  input: FactoryInput<typeof billingTriggers, "tenantId" | "visitReportId" | "customerId">,
): Insert<typeof billingTriggers> {
  return { ...input };
}

export async function createBillingTrigger(
  tx: Transaction,
  input: FactoryInput<typeof billingTriggers, "tenantId" | "visitReportId" | "customerId">,
): Promise<Row<typeof billingTriggers>> {
  return only(await tx.insert(billingTriggers).values(billingTriggerValues(input)).returning());
}

export function portalUserValues(
  input: FactoryInput<typeof portalUsers, "tenantId">,
): Insert<typeof portalUsers> {
  const tag = unique();
  return { email: `portal-${tag}@example.test`, name: `Portal user ${tag}`, passwordHash: null, ...input };
}

/** A portal user; it sees nothing until `grantPortalAccess` gives it a customer or locations. */
export async function createPortalUser(
  tx: Transaction,
  input: FactoryInput<typeof portalUsers, "tenantId">,
): Promise<Row<typeof portalUsers>> {
  return only(await tx.insert(portalUsers).values(portalUserValues(input)).returning());
}

export function portalGrantValues(
  input: FactoryInput<typeof portalAccessGrants, "tenantId" | "portalUserId" | "customerId">,
): Insert<typeof portalAccessGrants> {
  return { locationId: null, ...input };
}

/** Access to a whole customer (no `locationId`) or to one of its locations. */
export async function grantPortalAccess(
  tx: Transaction,
  input: FactoryInput<typeof portalAccessGrants, "tenantId" | "portalUserId" | "customerId">,
): Promise<Row<typeof portalAccessGrants>> {
  return only(await tx.insert(portalAccessGrants).values(portalGrantValues(input)).returning());
}

/** An invitation whose token nobody knows (only a hash of a random value is stored). */
export function portalInvitationValues(
  input: FactoryInput<typeof portalInvitations, "tenantId" | "contactPersonId" | "email" | "grants">,
): Insert<typeof portalInvitations> {
  return {
    tokenHash: createHash("sha256").update(randomUUID()).digest("hex"),
    expiresAt: new Date(Date.now() + 7 * 24 * 3_600_000),
    ...input,
  };
}

export async function createPortalInvitation(
  tx: Transaction,
  input: FactoryInput<typeof portalInvitations, "tenantId" | "contactPersonId" | "email" | "grants">,
): Promise<Row<typeof portalInvitations>> {
  return only(await tx.insert(portalInvitations).values(portalInvitationValues(input)).returning());
}

export function portalRequestValues(
  input: FactoryInput<typeof portalRequests, "tenantId" | "customerId" | "locationId">,
): Insert<typeof portalRequests> {
  const preferredDates = input.preferredDates ?? [];
  return {
    type: "service",
    title: "Service request",
    description: "Please send someone to take a look.",
    firstPreferredDate: preferredDates[0]?.date ?? null,
    ...input,
    preferredDates,
  };
}

export async function createPortalRequest(
  tx: Transaction,
  input: FactoryInput<typeof portalRequests, "tenantId" | "customerId" | "locationId">,
): Promise<Row<typeof portalRequests>> {
  return only(await tx.insert(portalRequests).values(portalRequestValues(input)).returning());
}

export function timelineEntryValues(
  input: FactoryInput<
    typeof timelineEntries,
    "tenantId" | "customerId" | "kind" | "objectType" | "objectId" | "occurredAt"
  >,
): Insert<typeof timelineEntries> {
  return { ...input };
}

export async function createTimelineEntry(
  tx: Transaction,
  input: FactoryInput<
    typeof timelineEntries,
    "tenantId" | "customerId" | "kind" | "objectType" | "objectId" | "occurredAt"
  >,
): Promise<Row<typeof timelineEntries>> {
  return only(await tx.insert(timelineEntries).values(timelineEntryValues(input)).returning());
}
