import { schema, withTenant } from "@ordinavo/db";
import { priorities, searchText, targetStatuses } from "@ordinavo/domain";
import { and, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { StaffContext } from "../context";
import { cursorCodec, ZCursorInput } from "../cursor";
import { scopeWhere } from "../scope";
import { targetView } from "./views";

// The work list: targets newest first, keyset paged, within the actor's scope (employees: the
// targets of their own appointments).

export const ZListTargetsInput = z.object({
  status: z.array(z.enum(targetStatuses)).max(5).optional(),
  customerId: z.uuid({ error: "Choose a customer" }).optional(),
  priority: z.enum(priorities).optional(),
  /** Part of the title or the customer's name, any case. */
  q: searchText().optional(),
  after: ZCursorInput,
  limit: z.number().int().min(1).max(100).default(25),
});
export type ListTargetsInput = z.output<typeof ZListTargetsInput>;

/** Newest first: creation time (microseconds, as the database has it) and id. */
const byCreation = cursorCodec("timestamp", "uuid");

/** A `like` pattern that matches the text anywhere, with the pattern characters escaped. */
const containing = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, "\\$&")}%`;

export function listTargets(ctx: StaffContext, input: ListTargetsInput) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const { targets: t, customers: c, locations: l, appointments: a } = schema;
    const after = input.after ? byCreation.decode(input.after) : null;
    const pattern = input.q ? containing(input.q) : null;
    const rows = await tx
      .select({
        row: t,
        // Microseconds kept: a Date would round the cursor to milliseconds and skip rows.
        createdAtText: sql<string>`${t.createdAt}::text`,
        customerName: c.name,
        locationName: l.name,
        city: l.city,
        appointmentCount: sql<number>`(select count(*)::int from ${a} where ${and(
          eq(a.tenantId, t.tenantId),
          eq(a.targetId, t.id),
          ne(a.status, "cancelled"),
        )})`,
      })
      .from(t)
      .innerJoin(c, and(eq(c.tenantId, t.tenantId), eq(c.id, t.customerId)))
      .leftJoin(l, and(eq(l.tenantId, t.tenantId), eq(l.id, t.locationId)))
      .where(
        and(
          eq(t.tenantId, ctx.tenantId),
          input.status?.length ? inArray(t.status, input.status) : undefined,
          input.customerId ? eq(t.customerId, input.customerId) : undefined,
          input.priority ? eq(t.priority, input.priority) : undefined,
          pattern ? sql`(lower(${t.title}) like ${pattern} or lower(${c.name}) like ${pattern})` : undefined,
          scopeWhere(ctx, "target", { targetId: t.id }),
          after ? sql`(${t.createdAt}, ${t.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined,
        ),
      )
      .orderBy(desc(t.createdAt), desc(t.id))
      .limit(input.limit + 1);
    const page = rows.slice(0, input.limit);
    const last = page.at(-1);
    return {
      items: page.map(({ row, createdAtText: _, ...joined }) => ({
        ...targetView(ctx.actor, row, ctx.gates),
        ...joined,
        locationName: joined.locationName ?? null,
        city: joined.city ?? null,
      })),
      nextCursor:
        rows.length > input.limit && last ? byCreation.encode([last.createdAtText, last.row.id]) : null,
    };
  });
}
