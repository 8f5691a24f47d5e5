import { schema, withTenant } from "@ordinavo/db";
import { customerStatuses, customerTypes } from "@ordinavo/domain";
import { project } from "@ordinavo/policy";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../errors";
import { connectT, permitted } from "../realms/connect";

/** What an integration receives about a customer (the policy's integration field list). */
export const ZConnectCustomer = z.object({
  id: z.string(),
  number: z.string(),
  name: z.string(),
  status: z.enum(customerStatuses),
  type: z.enum(customerTypes),
  industry: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  website: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  archivedAt: z.date().nullable(),
});

const ZCursor = z.object({ name: z.string(), id: z.uuid() });
const encodeCursor = (row: { name: string; id: string }) =>
  Buffer.from(JSON.stringify({ name: row.name, id: row.id })).toString("base64url");
function decodeCursor(cursor: string) {
  try {
    return ZCursor.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw AppError.field("after", "This cursor is not valid; start again without it.");
  }
}

export const connectCustomersRouter = connectT.router({
  /** Customers by name, 1–100 at a time; pass `nextCursor` back as `after` for the next page. */
  list: permitted("customer.read")
    .input(
      z.object({
        limit: z.number().int().min(1).max(100).default(50),
        after: z.string().max(500).optional(),
        status: z.enum(customerStatuses).optional(),
        includeArchived: z.boolean().default(false),
      }),
    )
    .output(z.object({ items: z.array(ZConnectCustomer), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const c = schema.customers;
        const after = input.after ? decodeCursor(input.after) : null;
        const rows = await tx
          .select()
          .from(c)
          .where(
            and(
              eq(c.tenantId, ctx.tenantId),
              input.status ? eq(c.status, input.status) : undefined,
              input.includeArchived ? undefined : isNull(c.archivedAt),
              after ? sql`(${c.name}, ${c.id}) > (${after.name}, ${after.id}::uuid)` : undefined,
            ),
          )
          .orderBy(asc(c.name), asc(c.id))
          .limit(input.limit + 1);
        const page = rows.slice(0, input.limit);
        return {
          items: page.map((row) => ZConnectCustomer.parse(project(ctx.actor, "customer", row, ctx.gates))),
          nextCursor: rows.length > input.limit ? encodeCursor(page.at(-1)!) : null,
        };
      }),
    ),
});
