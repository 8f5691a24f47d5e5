import { type Database, withSystem, withTenant } from "@ordinavo/db";
import { portalAccessGrants, portalSessions, portalUsers } from "@ordinavo/db/schema";
import { and, asc, eq, isNull, lte, or, sql } from "drizzle-orm";
import type { Adapter, DatabaseSession } from "lucia";
import { type Clock, toWallClock } from "../clock";
import type { BaseSessionAttributes } from "../sessions/realm";
import { isSessionExpired, renewedExpiry, type SessionTimeouts } from "../sessions/timeouts";

export interface PortalSessionAttributes extends BaseSessionAttributes {
  tenantId: string;
}

export interface PortalGrant {
  id: string;
  customerId: string;
  /** null: the whole customer; otherwise this one location of it. */
  locationId: string | null;
}

export interface PortalUserAttributes {
  tenantId: string;
  email: string;
  name: string;
  locale: string;
  /** The customer the contact last chose (a hint; the realm checks it against the grants). */
  currentCustomerId: string | null;
  grants: PortalGrant[];
}

type SessionRow = typeof portalSessions.$inferSelect;

/** The portal user's unrevoked grants, read inside their tenant. */
export async function activeGrants(
  db: Database,
  tenantId: string,
  portalUserId: string,
): Promise<PortalGrant[]> {
  const g = portalAccessGrants;
  return withTenant(db, tenantId, (tx) =>
    tx
      .select({ id: g.id, customerId: g.customerId, locationId: g.locationId })
      .from(g)
      .where(and(eq(g.tenantId, tenantId), eq(g.portalUserId, portalUserId), isNull(g.revokedAt)))
      .orderBy(asc(g.createdAt), asc(g.id)),
  );
}

/**
 * Lucia's storage for portal sessions. `portal_sessions` and `portal_users` are tenant tables; a
 * session is looked up by its hash before the tenant is known, so the lookup runs in system mode
 * (both tables accept it), and the grants — customer data, no system access — are read inside
 * the session's tenant. A session validates only while its user is enabled and still holds at
 * least one unrevoked grant.
 */
export function createPortalSessionAdapter(db: Database, clock: Clock, timeouts: SessionTimeouts): Adapter {
  const s = portalSessions;

  const toLucia = (row: SessionRow): DatabaseSession => ({
    id: row.id,
    userId: row.userId,
    expiresAt: toWallClock(clock, row.expiresAt),
    attributes: {
      tenantId: row.tenantId,
      absoluteExpiresAt: row.absoluteExpiresAt,
      idleExpiresAt: row.expiresAt,
      userAgent: row.userAgent,
    } satisfies PortalSessionAttributes,
  });

  return {
    async getSessionAndUser(sessionId) {
      const found = await withSystem(db, async (tx) => {
        const [row] = await tx
          .select({
            session: s,
            user: {
              id: portalUsers.id,
              email: portalUsers.email,
              name: portalUsers.name,
              locale: portalUsers.locale,
              currentCustomerId: portalUsers.currentCustomerId,
              disabledAt: portalUsers.disabledAt,
            },
          })
          .from(s)
          .innerJoin(portalUsers, and(eq(portalUsers.tenantId, s.tenantId), eq(portalUsers.id, s.userId)))
          .where(eq(s.id, sessionId));
        if (row && isSessionExpired(row.session, clock())) {
          await tx.delete(s).where(eq(s.id, sessionId));
          return null;
        }
        return row ?? null;
      });
      if (!found) return [null, null];
      const session = toLucia(found.session);
      // A null user makes Lucia delete the session: disabled users and users without any grant
      // lose their sessions on their next request.
      if (found.user.disabledAt) return [session, null];
      const grants = await activeGrants(db, found.session.tenantId, found.user.id);
      if (grants.length === 0) return [session, null];
      const attributes: PortalUserAttributes = {
        tenantId: found.session.tenantId,
        email: found.user.email,
        name: found.user.name,
        locale: found.user.locale,
        currentCustomerId: found.user.currentCustomerId,
        grants,
      };
      return [session, { id: found.user.id, attributes }];
    },

    async getUserSessions(userId) {
      const rows = await withSystem(db, (tx) => tx.select().from(s).where(eq(s.userId, userId)));
      return rows.filter((row) => !isSessionExpired(row, clock())).map(toLucia);
    },

    async setSession(session) {
      const attributes = session.attributes as PortalSessionAttributes;
      // Lucia's own date is computed from the wall clock; the stored one comes from ours.
      const now = clock();
      await withSystem(db, (tx) =>
        tx.insert(s).values({
          id: session.id,
          tenantId: attributes.tenantId,
          userId: session.userId,
          expiresAt: renewedExpiry(now, timeouts, attributes.absoluteExpiresAt),
          absoluteExpiresAt: attributes.absoluteExpiresAt,
          userAgent: attributes.userAgent,
          createdAt: now,
          lastSeenAt: now,
        }),
      );
    },

    async updateSessionExpiration(sessionId) {
      // Lucia decides when to renew; the new expiry is ours: idle time from now, capped.
      const renewed = new Date(clock().getTime() + timeouts.idleMs).toISOString();
      await withSystem(db, (tx) =>
        tx
          .update(s)
          .set({
            expiresAt: sql`least(${renewed}::timestamptz, ${s.absoluteExpiresAt})`,
            lastSeenAt: clock(),
          })
          .where(eq(s.id, sessionId)),
      );
    },

    async deleteSession(sessionId) {
      await withSystem(db, (tx) => tx.delete(s).where(eq(s.id, sessionId)));
    },

    async deleteUserSessions(userId) {
      await withSystem(db, (tx) => tx.delete(s).where(eq(s.userId, userId)));
    },

    async deleteExpiredSessions() {
      const now = clock();
      await withSystem(db, (tx) =>
        tx.delete(s).where(or(lte(s.expiresAt, now), lte(s.absoluteExpiresAt, now))),
      );
    },
  };
}
