import type { Database } from "@ordinavo/db";
import { staffSessions, staffUsers } from "@ordinavo/db/schema";
import { and, eq, lte, ne, or, sql } from "drizzle-orm";
import type { Adapter, DatabaseSession } from "lucia";
import { type Clock, toWallClock } from "../clock";
import type { BaseSessionAttributes } from "../sessions/realm";
import { isSessionExpired, renewedExpiry, type SessionTimeouts } from "../sessions/timeouts";

export interface StaffSessionAttributes extends BaseSessionAttributes {
  activeTenantId: string | null;
}

export interface StaffUserAttributes {
  email: string;
  name: string;
}

type SessionRow = typeof staffSessions.$inferSelect;

/**
 * Lucia's storage for staff sessions: `staff_sessions` and `staff_users` are global tables (a
 * person may work for several tenants), so plain queries reach them. Expiry is judged here with
 * the injected clock; a disabled user has no sessions that validate.
 */
export function createStaffSessionAdapter(db: Database, clock: Clock, timeouts: SessionTimeouts): Adapter {
  const s = staffSessions;

  const toLucia = (row: SessionRow): DatabaseSession => ({
    id: row.id,
    userId: row.userId,
    expiresAt: toWallClock(clock, row.expiresAt),
    attributes: {
      activeTenantId: row.activeTenantId,
      absoluteExpiresAt: row.absoluteExpiresAt,
      idleExpiresAt: row.expiresAt,
      userAgent: row.userAgent,
    } satisfies StaffSessionAttributes,
  });

  return {
    async getSessionAndUser(sessionId) {
      const [row] = await db
        .select({
          session: s,
          user: {
            id: staffUsers.id,
            email: staffUsers.email,
            name: staffUsers.name,
            disabledAt: staffUsers.disabledAt,
          },
        })
        .from(s)
        .innerJoin(staffUsers, eq(staffUsers.id, s.userId))
        .where(eq(s.id, sessionId));
      if (!row) return [null, null];
      if (isSessionExpired(row.session, clock())) {
        await db.delete(s).where(eq(s.id, sessionId));
        return [null, null];
      }
      // Lucia deletes a session whose user comes back null: a disabled user's sessions end here.
      if (row.user.disabledAt) return [toLucia(row.session), null];
      const attributes: StaffUserAttributes = { email: row.user.email, name: row.user.name };
      return [toLucia(row.session), { id: row.user.id, attributes }];
    },

    async getUserSessions(userId) {
      const rows = await db.select().from(s).where(eq(s.userId, userId));
      return rows.filter((row) => !isSessionExpired(row, clock())).map(toLucia);
    },

    async setSession(session) {
      const attributes = session.attributes as StaffSessionAttributes;
      // Lucia's own date is computed from the wall clock; the stored one comes from ours.
      const now = clock();
      await db.insert(s).values({
        id: session.id,
        userId: session.userId,
        activeTenantId: attributes.activeTenantId,
        expiresAt: renewedExpiry(now, timeouts, attributes.absoluteExpiresAt),
        absoluteExpiresAt: attributes.absoluteExpiresAt,
        userAgent: attributes.userAgent,
        createdAt: now,
        lastSeenAt: now,
      });
    },

    async updateSessionExpiration(sessionId) {
      // Lucia decides when to renew; the new expiry is ours: idle time from now, capped.
      const renewed = new Date(clock().getTime() + timeouts.idleMs).toISOString();
      await db
        .update(s)
        .set({ expiresAt: sql`least(${renewed}::timestamptz, ${s.absoluteExpiresAt})`, lastSeenAt: clock() })
        .where(eq(s.id, sessionId));
    },

    async deleteSession(sessionId) {
      await db.delete(s).where(eq(s.id, sessionId));
    },

    async deleteUserSessions(userId) {
      await db.delete(s).where(eq(s.userId, userId));
    },

    async deleteExpiredSessions() {
      const now = clock();
      await db.delete(s).where(or(lte(s.expiresAt, now), lte(s.absoluteExpiresAt, now)));
    },
  };
}

/** Ends every session of a staff user, or every one but `exceptSessionId`. Returns how many. */
export async function deleteStaffSessions(
  db: Database,
  userId: string,
  exceptSessionId?: string,
): Promise<number> {
  const s = staffSessions;
  const rows = await db
    .delete(s)
    .where(and(eq(s.userId, userId), exceptSessionId ? ne(s.id, exceptSessionId) : undefined))
    .returning({ id: s.id });
  return rows.length;
}
