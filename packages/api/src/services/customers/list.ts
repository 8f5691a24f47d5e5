import { schema, type Transaction, withTenant } from "@ordinavo/db";
import {
  customerStatuses,
  customerTypes,
  looksLikePhone,
  phoneDigits,
  searchPhrase,
  searchText,
  searchWords,
} from "@ordinavo/domain";
import { fieldsFor } from "@ordinavo/policy";
import { and, asc, desc, eq, inArray, isNotNull, isNull, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
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

type TermKind =
  | "name"
  | "word"
  | "number"
  | "email"
  | "phone"
  | "site"
  | "contact"
  | "contact_email"
  | "contact_phone";

/**
 * The kinds of search words this actor may match on: a field the actor does not receive is not
 * searched either (a match would reveal it), nor are locations or contact persons outside a
 * tenant-wide scope (an employee would learn of sites and people beyond their assigned work).
 */
function searchableKinds(ctx: ServiceContext): TermKind[] {
  const customer = fieldsFor(ctx.actor, "customer", ctx.gates) ?? [];
  const location = seesAll(ctx, "location") ? (fieldsFor(ctx.actor, "location", ctx.gates) ?? []) : [];
  const contact = seesAll(ctx, "contact_person")
    ? (fieldsFor(ctx.actor, "contact_person", ctx.gates) ?? [])
    : [];
  const kinds: TermKind[] = ["name", "word", "number"];
  if (customer.includes("email")) kinds.push("email");
  if (customer.includes("phone")) kinds.push("phone");
  if (["name", "addressLine1", "postalCode", "city"].every((f) => location.includes(f))) kinds.push("site");
  if (contact.includes("name")) kinds.push("contact");
  if (contact.includes("email")) kinds.push("contact_email");
  if (contact.includes("phone") && contact.includes("mobile")) kinds.push("contact_phone");
  return kinds;
}

/**
 * The customers a search finds, each with its rank: 0 when the name or number starts with what
 * was typed, 1 when a word of the name does, 2 for other fields. A customer is found when every
 * typed word starts some word of it (name, number, email, phone, a site's name, street, postal
 * code or city, a contact's name, email or phone), when the whole text starts its name or number,
 * or — for digits — when it starts a phone number. Every branch is a prefix range on the search
 * words' index (decision 018). Null when nothing searchable was typed.
 */
async function searchMatches(tx: Transaction, ctx: ServiceContext, q: string) {
  const t = schema.customerSearchTerms;
  const kinds = searchableKinds(ctx);
  // A one-letter word among longer ones ("B" of "B-000420") would match a good part of the tenant
  // and adds little: the phrase covers it.
  const typed = searchWords(q);
  let words = (typed.some((w) => w.length > 1) ? typed.filter((w) => w.length > 1) : typed).slice(0, 6);
  const phrase = searchPhrase(q);
  const phone = looksLikePhone(q) ? phoneDigits(q) : null;
  if (!phrase && !phone) return null;
  const term = sql`(${t.term} collate "C")`;
  const range = (from: string) => sql`${term} >= ${from} and ${term} < ${from + top}`;
  const wordMatch = (word: string) => and(range(word), inArray(t.kind, kinds)) as SQL;
  if (words.length > 1) words = await fewestFirst(tx, ctx.tenantId, words, wordMatch);
  const [first, ...rest] = words;
  const branches: SQL[] = [];
  if (phrase) branches.push(and(range(phrase), inArray(t.kind, ["name", "number"])) as SQL);
  if (first) {
    // The other words are looked up among the leading word's customers' own words (an index probe
    // by customer), not across the tenant.
    const o = alias(t, "other");
    const otherTerm = sql`(${o.term} collate "C")`;
    const others = rest.map(
      (word) => sql`exists (select 1 from ${t} "other" where ${o.tenantId} = ${ctx.tenantId}
        and ${o.customerId} = ${t.customerId} and ${otherTerm} >= ${word} and ${otherTerm} < ${word + top}
        and ${inArray(o.kind, kinds)})`,
    );
    branches.push(and(wordMatch(first), ...others) as SQL);
  }
  const phoneKinds = kinds.filter((k) => k === "phone" || k === "contact_phone");
  if (phone && phoneKinds.length) branches.push(and(range(phone), inArray(t.kind, phoneKinds)) as SQL);
  const rank = phrase
    ? sql`case when ${t.kind} in ('name', 'number') and ${range(phrase)} then 0 when ${t.kind} = 'word' then 1 else 2 end`
    : sql`2`;
  return tx
    .select({ customerId: t.customerId, rank: sql<number>`min(${rank})::int`.as("rank") })
    .from(t)
    .where(and(eq(t.tenantId, ctx.tenantId), or(...branches)))
    .groupBy(t.customerId)
    .as("found");
}

/**
 * The words ordered by how many search words they match, fewest first (counted up to a cap, from
 * the index alone): the rarest word leads the search and the others are checked per customer.
 */
async function fewestFirst(tx: Transaction, tenantId: string, words: string[], match: (word: string) => SQL) {
  const t = schema.customerSearchTerms;
  const cap = 5000;
  const counts = await Promise.all(
    words.map(async (word) => {
      const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(
        tx
          .select({ one: sql`1`.as("one") })
          .from(t)
          .where(and(eq(t.tenantId, tenantId), match(word)))
          .limit(cap)
          .as("sample"),
      );
      return { word, n: row?.n ?? 0 };
    }),
  );
  return counts.sort((a, b) => a.n - b.n || b.word.length - a.word.length).map((c) => c.word);
}

const byText = cursorCodec("text", "uuid");
const byTime = cursorCodec("timestamp", "uuid");
const byRank = cursorCodec("int", "text", "uuid");

interface PageRow {
  id: string;
  name: string;
  number: string;
  updatedAtText: string;
  rank: number | null;
}

function pageOrder(
  sort: (typeof customerSorts)[number],
  after: string | undefined,
  /** The search's rank column: a search sorted by name lists the best matches first. */
  rank?: SQL.Aliased<number>,
) {
  const c = schema.customers;
  if (rank && sort === "name") {
    const last = after ? byRank.decode(after) : null;
    return {
      orderBy: [asc(rank), asc(c.name), asc(c.id)],
      after: last
        ? sql`(${rank}, ${c.name}, ${c.id}) > (${last[0]}, ${last[1]}, ${last[2]}::uuid)`
        : undefined,
      cursor: (row: PageRow) => byRank.encode([row.rank ?? 0, row.name, row.id]),
    };
  }
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
 * Customers page by page (keyset: pass `nextCursor` back as `after`). With `q`, the customers the
 * search finds (see `searchMatches`), best matches first when sorted by name. The list holds what
 * the actor's scope allows.
 */
export function listCustomers(ctx: ServiceContext, input: ListCustomersInput) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const c = schema.customers;
    const withCity = seesAll(ctx, "location") && ctx.actor.kind === "staff";
    const visible = fieldsFor(ctx.actor, "customer", ctx.gates) ?? [];
    const q = input.q?.trim();
    const found = q ? await searchMatches(tx, ctx, q) : null;
    // Typed text with nothing searchable in it ("--", say) finds nothing rather than everything.
    if (q && !found) return { items: [], nextCursor: null };
    const order = pageOrder(input.sort, input.after, found?.rank);
    const columns = {
      row: c,
      updatedAtText: sql<string>`${c.updatedAt}::text`,
      rank: found ? found.rank : sql<null>`null`,
      city: withCity
        ? // Qualified by hand: inside a select list drizzle writes columns without their table,
          // and "id" would then mean the location's own id.
          sql<string | null>`(select l.city from locations l where l.tenant_id = "customers"."tenant_id"
            and l.customer_id = "customers"."id" and l.archived_at is null order by l.created_at limit 1)`
        : sql<null>`null`,
    };
    const base = found
      ? tx.select(columns).from(c).innerJoin(found, eq(found.customerId, c.id))
      : tx.select(columns).from(c);
    const rows = await base
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
          ? order.cursor({ ...last.row, updatedAtText: last.updatedAtText, rank: last.rank })
          : null,
    };
  });
}
