import { schema, withTenant } from "@ordinavo/db";
import { and, desc, eq, lt } from "drizzle-orm";
import { z } from "zod";
import { permitted, workspaceT } from "../realms/workspace";

const ZPage = z.object({
  realm: z.enum(["staff", "portal"]).optional(),
  before: z.date().optional(),
  limit: z.number().int().min(1).max(100).default(50),
});

/** Sign-in outcomes and portal security events, for tenant admins. No email addresses: hashes only. */
export const securityRouter = workspaceT.router({
  loginEvents: permitted("login_events.read")
    .input(ZPage)
    .output(
      z.object({
        items: z.array(
          z.object({
            id: z.string(),
            realm: z.string(),
            outcome: z.string(),
            userId: z.string().nullable(),
            clientAddress: z.string().nullable(),
            userAgent: z.string().nullable(),
            createdAt: z.date(),
          }),
        ),
        nextBefore: z.date().nullable(),
      }),
    )
    .query(({ ctx, input }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
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
      }),
    ),

  securityEvents: permitted("login_events.read")
    .input(ZPage.omit({ realm: true }))
    .output(
      z.object({
        items: z.array(
          z.object({
            id: z.string(),
            kind: z.string(),
            subjectUserId: z.string().nullable(),
            actorUserId: z.string().nullable(),
            clientAddress: z.string().nullable(),
            createdAt: z.date(),
          }),
        ),
        nextBefore: z.date().nullable(),
      }),
    )
    .query(({ ctx, input }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
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
      }),
    ),
});
