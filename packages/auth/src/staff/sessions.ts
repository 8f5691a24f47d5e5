import { type Database, withSystem } from "@ordinavo/db";
import { staffSessions, tenantMemberships, tenants } from "@ordinavo/db/schema";
import { and, eq, isNull } from "drizzle-orm";
import type { AuthContext } from "../context";
import { createSessionRealm, type SessionRealm } from "../sessions/realm";
import type { SessionTimeouts } from "../sessions/timeouts";
import { hashToken } from "../tokens";
import {
  createStaffSessionAdapter,
  type StaffSessionAttributes,
  type StaffUserAttributes,
} from "./session-adapter";

export type StaffSessionRealm = SessionRealm<StaffSessionAttributes, StaffUserAttributes>;

export function createStaffSessionRealm(ctx: AuthContext, timeouts: SessionTimeouts): StaffSessionRealm {
  return createSessionRealm<StaffSessionAttributes, StaffUserAttributes>({
    realm: "staff",
    adapter: createStaffSessionAdapter(ctx.db, ctx.clock, timeouts),
    timeouts,
    secureCookies: ctx.secureCookies,
    clock: ctx.clock,
  });
}

/** True when the person is an enabled member of a tenant that is not archived. */
export async function isEnabledMember(db: Database, userId: string, tenantId: string): Promise<boolean> {
  const m = tenantMemberships;
  const rows = await withSystem(db, (tx) =>
    tx
      .select({ id: m.id })
      .from(m)
      .innerJoin(tenants, eq(tenants.id, m.tenantId))
      .where(
        and(eq(m.userId, userId), eq(m.tenantId, tenantId), isNull(m.disabledAt), isNull(tenants.archivedAt)),
      )
      .limit(1),
  );
  return rows.length > 0;
}

/** Points the session of `token` at another tenant. */
export async function setActiveTenant(db: Database, token: string, tenantId: string): Promise<void> {
  await db
    .update(staffSessions)
    .set({ activeTenantId: tenantId })
    .where(eq(staffSessions.id, hashToken(token)));
}
