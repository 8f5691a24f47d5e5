/** Portal users, their access grants and invitations, and the requests they send. */
import { createHash, randomUUID } from "node:crypto";
import type { Transaction } from "@ordinavo/db";
import { portalAccessGrants, portalInvitations, portalRequests, portalUsers } from "@ordinavo/db/schema";
import { type FactoryInput, type Insert, only, type Row, unique } from "./core";

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
