import { recordAudit, type Transaction, withTenant } from "@ordinavo/db";
import { portalAccessGrants, portalSessions, portalUsers } from "@ordinavo/db/schema";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { AuthContext } from "../context";
import { recordSecurityEvents } from "../events";

// What a portal user may see, one customer at a time: the whole customer (one grant without a
// location) or selected locations of it (one grant per location). Staff change or revoke a
// customer's grants as a whole. Grants are re-read on every portal request, so a change takes
// effect on the contact's next click; revoking the last grant also ends their sessions.

/** A customer's grants of one portal user: "customer" (all of it), these locations, or none. */
export type CustomerAccess = "none" | "customer" | { locationIds: string[] };

function describe(locationIds: readonly (string | null)[]): CustomerAccess {
  if (locationIds.length === 0) return "none";
  if (locationIds.includes(null)) return "customer";
  return { locationIds: locationIds.filter((id): id is string => id !== null) };
}

/** For audit metadata: the kind of access and how many locations, never names. */
export function accessFacts(access: CustomerAccess, prefix: "from" | "to"): Record<string, string | number> {
  const kind = typeof access === "string" ? access : "locations";
  const locations = typeof access === "string" ? 0 : access.locationIds.length;
  return { [`${prefix}Access`]: kind, [`${prefix}Locations`]: locations };
}

/**
 * Sets one customer's grants of a portal user to exactly `locationIds` (null: the whole customer)
 * in the caller's transaction: grants no longer wanted are revoked, missing ones added, unchanged
 * ones kept. Says what the access was before and whether anything changed.
 */
export async function replaceCustomerGrants(
  tx: Transaction,
  input: {
    tenantId: string;
    portalUserId: string;
    customerId: string;
    locationIds: readonly string[] | null;
    grantedById: string | null;
    now: Date;
  },
): Promise<{ before: CustomerAccess; after: CustomerAccess; changed: boolean }> {
  const g = portalAccessGrants;
  const current = await tx
    .select({ id: g.id, locationId: g.locationId })
    .from(g)
    .where(
      and(
        eq(g.tenantId, input.tenantId),
        eq(g.portalUserId, input.portalUserId),
        eq(g.customerId, input.customerId),
        isNull(g.revokedAt),
      ),
    );
  const wanted: (string | null)[] = input.locationIds === null ? [null] : [...new Set(input.locationIds)];
  const key = (locationId: string | null) => locationId ?? "*";
  const wantedKeys = new Set(wanted.map(key));
  const haveKeys = new Set(current.map((row) => key(row.locationId)));
  const stale = current.filter((row) => !wantedKeys.has(key(row.locationId)));
  const missing = wanted.filter((locationId) => !haveKeys.has(key(locationId)));
  if (stale.length > 0) {
    await tx
      .update(g)
      .set({ revokedAt: input.now })
      .where(
        and(
          eq(g.tenantId, input.tenantId),
          inArray(
            g.id,
            stale.map((row) => row.id),
          ),
        ),
      );
  }
  if (missing.length > 0) {
    await tx.insert(g).values(
      missing.map((locationId) => ({
        tenantId: input.tenantId,
        portalUserId: input.portalUserId,
        customerId: input.customerId,
        locationId,
        grantedById: input.grantedById,
        createdAt: input.now,
      })),
    );
  }
  return {
    before: describe(current.map((row) => row.locationId)),
    after: describe(wanted),
    changed: stale.length + missing.length > 0,
  };
}

/** Saves the customer a portal user is looking at, when they have not chosen one yet. */
async function keepCurrentCustomer(tx: Transaction, tenantId: string, portalUserId: string) {
  const u = portalUsers;
  const g = portalAccessGrants;
  const [user] = await tx
    .select({ currentCustomerId: u.currentCustomerId })
    .from(u)
    .where(and(eq(u.tenantId, tenantId), eq(u.id, portalUserId)));
  if (!user || user.currentCustomerId) return;
  const [oldest] = await tx
    .select({ customerId: g.customerId })
    .from(g)
    .where(and(eq(g.tenantId, tenantId), eq(g.portalUserId, portalUserId), isNull(g.revokedAt)))
    .orderBy(asc(g.createdAt), asc(g.id))
    .limit(1);
  if (!oldest) return;
  await tx
    .update(u)
    .set({ currentCustomerId: oldest.customerId })
    .where(and(eq(u.tenantId, tenantId), eq(u.id, portalUserId)));
}

async function countActiveGrants(tx: Transaction, tenantId: string, portalUserId: string) {
  const g = portalAccessGrants;
  const rows = await tx
    .select({ id: g.id })
    .from(g)
    .where(and(eq(g.tenantId, tenantId), eq(g.portalUserId, portalUserId), isNull(g.revokedAt)));
  return rows.length;
}

/** Ends every session of a portal user in the caller's transaction; returns how many. */
export async function endAllPortalSessions(
  tx: Transaction,
  tenantId: string,
  portalUserId: string,
): Promise<number> {
  const s = portalSessions;
  const rows = await tx
    .delete(s)
    .where(and(eq(s.tenantId, tenantId), eq(s.userId, portalUserId)))
    .returning({ id: s.id });
  return rows.length;
}

/**
 * Staff change what a portal user sees of one customer: the whole customer or selected
 * locations. Only a user who holds access to that customer can be changed (null otherwise: not
 * found). Records grant_changed and an audit row when something changed; sessions stay, and the
 * next request sees the new grants.
 */
export async function changeCustomerAccess(
  ctx: AuthContext,
  input: {
    tenantId: string;
    portalUserId: string;
    customerId: string;
    locationIds: readonly string[] | null;
    actorUserId: string | null;
  },
): Promise<{ changed: boolean } | null> {
  const g = portalAccessGrants;
  const outcome = await withTenant(ctx.db, input.tenantId, async (tx) => {
    const now = ctx.clock();
    const [holds] = await tx
      .select({ id: g.id })
      .from(g)
      .where(
        and(
          eq(g.tenantId, input.tenantId),
          eq(g.portalUserId, input.portalUserId),
          eq(g.customerId, input.customerId),
          isNull(g.revokedAt),
        ),
      )
      .limit(1);
    if (!holds) return null;
    // Replacing grants makes new rows; the customer a contact without a saved choice is looking at
    // (the oldest grant's) must not move because of that, so it is saved first.
    await keepCurrentCustomer(tx, input.tenantId, input.portalUserId);
    const replaced = await replaceCustomerGrants(tx, {
      tenantId: input.tenantId,
      portalUserId: input.portalUserId,
      customerId: input.customerId,
      locationIds: input.locationIds,
      grantedById: input.actorUserId,
      now,
    });
    if (!replaced.changed) return { changed: false };
    await recordSecurityEvents(tx, [
      {
        tenantId: input.tenantId,
        kind: "grant_changed",
        subjectUserId: input.portalUserId,
        actorUserId: input.actorUserId,
        at: now,
      },
    ]);
    await recordAudit(tx, {
      tenantId: input.tenantId,
      actor: { type: input.actorUserId ? "staff" : "system", id: input.actorUserId },
      action: "portal_grant.changed",
      objectType: "portal_user",
      objectId: input.portalUserId,
      changedFields: ["grants"],
      metadata: {
        customerId: input.customerId,
        ...accessFacts(replaced.before, "from"),
        ...accessFacts(replaced.after, "to"),
      },
    });
    return { changed: true };
  });
  if (outcome?.changed) {
    ctx.log.info("Portal access changed", { tenantId: input.tenantId, portalUserId: input.portalUserId });
  }
  return outcome;
}

/**
 * Staff revoke everything a portal user sees of one customer. Records grant_revoked and an audit
 * row. When no grant is left at all, the user's sessions end at once (session_revoked); with
 * grants for other customers left, their sessions stay and the next request no longer shows this
 * customer. Null when the user holds no access to the customer (not found).
 */
export async function revokeCustomerAccess(
  ctx: AuthContext,
  input: { tenantId: string; portalUserId: string; customerId: string; actorUserId: string | null },
): Promise<{ revoked: number; remainingGrants: number; sessionsEnded: number } | null> {
  const g = portalAccessGrants;
  const outcome = await withTenant(ctx.db, input.tenantId, async (tx) => {
    const now = ctx.clock();
    const revoked = await tx
      .update(g)
      .set({ revokedAt: now })
      .where(
        and(
          eq(g.tenantId, input.tenantId),
          eq(g.portalUserId, input.portalUserId),
          eq(g.customerId, input.customerId),
          isNull(g.revokedAt),
        ),
      )
      .returning({ id: g.id, locationId: g.locationId });
    if (revoked.length === 0) return null;
    const remainingGrants = await countActiveGrants(tx, input.tenantId, input.portalUserId);
    const sessionsEnded =
      remainingGrants === 0 ? await endAllPortalSessions(tx, input.tenantId, input.portalUserId) : 0;
    await recordSecurityEvents(tx, [
      {
        tenantId: input.tenantId,
        kind: "grant_revoked",
        subjectUserId: input.portalUserId,
        actorUserId: input.actorUserId,
        at: now,
      },
      ...(sessionsEnded > 0
        ? [
            {
              tenantId: input.tenantId,
              kind: "session_revoked" as const,
              subjectUserId: input.portalUserId,
              actorUserId: input.actorUserId,
              at: now,
            },
          ]
        : []),
    ]);
    await recordAudit(tx, {
      tenantId: input.tenantId,
      actor: { type: input.actorUserId ? "staff" : "system", id: input.actorUserId },
      action: "portal_grant.revoked",
      objectType: "portal_user",
      objectId: input.portalUserId,
      changedFields: ["grants"],
      metadata: {
        customerId: input.customerId,
        ...accessFacts(describe(revoked.map((row) => row.locationId)), "from"),
        remainingGrants,
      },
    });
    return { revoked: revoked.length, remainingGrants, sessionsEnded };
  });
  if (outcome) {
    ctx.log.info("Portal access revoked", {
      tenantId: input.tenantId,
      portalUserId: input.portalUserId,
      sessionsEnded: outcome.sessionsEnded,
    });
  }
  return outcome;
}
