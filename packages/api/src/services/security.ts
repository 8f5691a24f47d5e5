import { schema, withTenant } from "@ordinavo/db";
import { and, desc, eq, lt } from "drizzle-orm";
import type { StaffContext } from "./context";

// Sign-in outcomes and portal security events of the tenant, newest first. No email addresses:
// the tables keep hashes only.

export interface EventPage {
  before?: Date;
  limit: number;
}

export function listLoginEvents(ctx: StaffContext, input: EventPage & { realm?: "staff" | "portal" }) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const e = schema.loginEvents;
    const rows = await tx
      .select({
        id: e.id,
        realm: e.realm,
        outcome: e.outcome,
        userId: e.userId,
        clientAddress: e.clientAddress,
        userAgent: e.userAgent,
        createdAt: e.createdAt,
      })
      .from(e)
      .where(
        and(
          eq(e.tenantId, ctx.tenantId),
          input.realm ? eq(e.realm, input.realm) : undefined,
          input.before ? lt(e.createdAt, input.before) : undefined,
        ),
      )
      .orderBy(desc(e.createdAt))
      .limit(input.limit + 1);
    const items = rows.slice(0, input.limit);
    return { items, nextBefore: rows.length > input.limit ? items.at(-1)!.createdAt : null };
  });
}

export function listSecurityEvents(ctx: StaffContext, input: EventPage) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const e = schema.securityEvents;
    const rows = await tx
      .select({
        id: e.id,
        kind: e.kind,
        subjectUserId: e.subjectUserId,
        actorUserId: e.actorUserId,
        clientAddress: e.clientAddress,
        createdAt: e.createdAt,
      })
      .from(e)
      .where(and(eq(e.tenantId, ctx.tenantId), input.before ? lt(e.createdAt, input.before) : undefined))
      .orderBy(desc(e.createdAt))
      .limit(input.limit + 1);
    const items = rows.slice(0, input.limit);
    return { items, nextBefore: rows.length > input.limit ? items.at(-1)!.createdAt : null };
  });
}
