import { schema, withTenant } from "@ordinavo/db";
import { customerStatuses, customerTypes, searchText } from "@ordinavo/domain";
import { fieldsFor } from "@ordinavo/policy";
import { and, asc, desc, eq, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { ServiceContext } from "../context";
import { cursorCodec, ZCursorInput } from "../cursor";
import { scopeWhere, seesAll } from "../scope";
import { customerView, ZCustomerView } from "./views";

// Customers page by page, for the workspace and for Connect alike: the same scope, search,
// filters and keyset paging, whoever asks. Decision 007 explains the search columns.

export const customerSorts = ["name", "number", "recent"] as const;

export const ZListCustomersInput = z.object({
  q: searchText(100).optional(),
  status: z.enum(customerStatuses, { error: "Choose a status" }).optional(),
  type: z.enum(customerTypes, { error: "Choose a customer type" }).optional(),
  archived: z.enum(["active", "archived", "all"]).default("active"),
  sort: z.enum(customerSorts).default("name"),
  after: ZCursorInput,
  limit: z.number().int().min(1).max(100).default(25),
});
export type ListCustomersInput = z.output<typeof ZListCustomersInput>;

export const ZCustomerListItem = ZCustomerView.extend({ city: z.string().nullable().optional() });

/** The largest code point: `prefix + top` is above every text that starts with `prefix`. */
const top = "\u{10FFFF}";

/** Customers whose name, number or a location's city starts with the search text (any case). */
function searchCondition(tenantId: string, q: string): SQL {
  const c = schema.customers;
  const l = schema.locations;
  const from = q.toLowerCase();
  const to = from + top;
  const range = (column: SQL) => sql`${column} >= ${from} and ${column} < ${to}`;
  return sql`${c.id} in (
    select ${c.id} from ${c} where ${c.tenantId} = ${tenantId} and ${range(sql`(${c.searchName} collate "C")`)}
    union select ${c.id} from ${c} where ${c.tenantId} = ${tenantId} and ${range(sql`(${c.searchNumber} collate "C")`)}
    union select ${l.customerId} from ${l} where ${l.tenantId} = ${tenantId} and ${l.archivedAt} is null
      and ${range(sql`(${l.searchCity} collate "C")`)}
  )`;
}

const byText = cursorCodec("text", "uuid");
const byTime = cursorCodec("timestamp", "uuid");

interface PageRow {
  id: string;
  name: string;
  number: string;
  updatedAtText: string;
}

function pageOrder(sort: (typeof customerSorts)[number], after: string | undefined) {
  const c = schema.customers;
  switch (sort) {
    case "number": {
      const last = after ? byText.decode(after) : null;
      return {
        orderBy: [asc(c.number), asc(c.id)],
        after: last ? sql`(${c.number}, ${c.id}) > (${last[0]}, ${last[1]}::uuid)` : undefined,
        cursor: (row: PageRow) => byText.encode([row.number, row.id]),
      };
    }
    case "recent": {
      const last = after ? byTime.decode(after) : null;
      return {
        orderBy: [desc(c.updatedAt), desc(c.id)],
        after: last
          ? sql`(${c.updatedAt}, ${c.id}) < (${last[0]}::timestamptz, ${last[1]}::uuid)`
          : undefined,
        // The database keeps microseconds, a JavaScript Date only milliseconds: the cursor carries
        // the database's own text of the timestamp.
        cursor: (row: PageRow) => byTime.encode([row.updatedAtText, row.id]),
      };
    }
    default: {
      const last = after ? byText.decode(after) : null;
      return {
        orderBy: [asc(c.name), asc(c.id)],
        after: last ? sql`(${c.name}, ${c.id}) > (${last[0]}, ${last[1]}::uuid)` : undefined,
        cursor: (row: PageRow) => byText.encode([row.name, row.id]),
      };
    }
  }
}

/**
 * Customers page by page (keyset: pass `nextCursor` back as `after`). Search matches the start of
 * the name, the number or a location's city. The list holds what the actor's scope allows.
 */
export function listCustomers(ctx: ServiceContext, input: ListCustomersInput) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const c = schema.customers;
    const order = pageOrder(input.sort, input.after);
    const withCity = seesAll(ctx, "location") && ctx.actor.kind === "staff";
    const visible = fieldsFor(ctx.actor, "customer", ctx.gates) ?? [];
    const q = input.q?.trim();
    const rows = await tx
      .select({
        row: c,
        updatedAtText: sql<string>`${c.updatedAt}::text`,
        city: withCity
          ? // Qualified by hand: inside a select list drizzle writes columns without their table,
            // and "id" would then mean the location's own id.
            sql<string | null>`(select l.city from locations l where l.tenant_id = "customers"."tenant_id"
              and l.customer_id = "customers"."id" and l.archived_at is null order by l.created_at limit 1)`
          : sql<null>`null`,
      })
      .from(c)
      .where(
        and(
          eq(c.tenantId, ctx.tenantId),
          // Filtering by a field the actor does not receive would reveal it: such filters are ignored.
          input.status && visible.includes("status") ? eq(c.status, input.status) : undefined,
          input.type && visible.includes("type") ? eq(c.type, input.type) : undefined,
          input.archived === "active"
            ? isNull(c.archivedAt)
            : input.archived === "archived"
              ? isNotNull(c.archivedAt)
              : undefined,
          q ? searchCondition(ctx.tenantId, q) : undefined,
          scopeWhere(ctx, "customer", { customerId: c.id }),
          order.after,
        ),
      )
      .orderBy(...order.orderBy)
      .limit(input.limit + 1);
    const page = rows.slice(0, input.limit);
    const last = page.at(-1);
    return {
      items: page.map(({ row, city }) => ({
        ...customerView(ctx.actor, row, ctx.gates),
        ...(withCity ? { city } : {}),
      })),
      nextCursor:
        rows.length > input.limit && last
          ? order.cursor({ ...last.row, updatedAtText: last.updatedAtText })
          : null,
    };
  });
}
