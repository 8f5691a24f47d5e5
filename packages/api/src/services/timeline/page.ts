import { schema, type Transaction, withTenant } from "@ordinavo/db";
import { and, desc, eq, gte, inArray, lt, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { AppError } from "../../errors";
import type { StaffContext } from "../context";
import { cursorCodec } from "../cursor";
import { visibleCustomer } from "../visibility";
import { localDayRange } from "./filters";
import { type EntryRow, generatedPlanOf, isHidden, type Segment, segment } from "./grouping";
import { loadPreviews, type PreviewIndex } from "./hydrate";
import { queryKinds, readableGroups, timelineGroups, visibleKinds } from "./kinds";
import { shapeItems } from "./shape";
import type { ZCustomerTimelineInput } from "./views";

// One customer's history, newest first, keyset paged on (occurred_at desc, id desc) along the index
// timeline_entries_customer_idx. Entries are an index into existing records: each page is read
// from the index, then the records behind it are loaded (one query per kind of record) and shown
// as the viewer may see them. Decision for entries whose record the viewer may not see: they are
// left out (their kinds are filtered in SQL where the policy says so up front, e.g. notes, so
// pages stay full); an entry whose record no longer exists keeps its kind, time and who.

/** Newest first: the entry's time (microseconds, as stored) and its id. */
const byTime = cursorCodec("timestamp", "uuid");

/** How many entries one page may add to finish a group it ends with, at most. */
const GROUP_TAIL_LIMIT = 2000;
const GROUP_TAIL_CHUNK = 200;

type Input = z.output<typeof ZCustomerTimelineInput>;

export function customerTimeline(ctx: StaffContext, input: Input) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const customer = await visibleCustomer(tx, ctx, input.customerId);
    // The policy's check of timeline entries, for this customer's (the role decides, not the row).
    const visible = visibleKinds(ctx, { customerId: customer.id, locationId: input.locationId ?? null });
    if (visible.length === 0) throw new AppError("FORBIDDEN", "Your role does not allow this.");
    if (input.locationId) await requireLocationOfCustomer(tx, ctx, customer.id, input.locationId);
    const after = input.after ? byTime.decode(input.after) : null;
    const range = localDayRange(ctx, input);
    const groups = readableGroups(visible).map((id) => ({ id, label: timelineGroups[id].label }));
    const kinds = queryKinds(visible, input);
    if (kinds?.length === 0) return { items: [], nextCursor: null, groups };

    const te = schema.timelineEntries;
    const where = (from: readonly [string, string] | null): SQL =>
      and(
        eq(te.tenantId, ctx.tenantId),
        eq(te.customerId, customer.id),
        input.locationId ? eq(te.locationId, input.locationId) : undefined,
        kinds ? inArray(te.kind, kinds) : undefined,
        range.from ? gte(te.occurredAt, range.from) : undefined,
        range.until ? lt(te.occurredAt, range.until) : undefined,
        from ? sql`(${te.occurredAt}, ${te.id}) < (${from[0]}::timestamptz, ${from[1]}::uuid)` : undefined,
      )!;

    const rows = await readEntries(tx, where(after), input.limit + 1);
    const page = rows.slice(0, input.limit);
    let more = rows.length > input.limit;
    const previews = await loadPreviews(tx, ctx, page);
    const segments = segment(
      page.filter((row) => !isHidden(row, previews)),
      previews,
    );
    let last = page.at(-1);
    // A page that ends in a group reads on until the group ends, so the group is whole and the
    // next page starts after it.
    const tail = segments.at(-1);
    if (more && last && tail?.planId) {
      const finished = await finishGroup(tx, ctx, where, last, tail, previews);
      last = finished.last;
      more = finished.more;
    }
    const items = await shapeItems(tx, ctx, segments, previews);
    return { items, nextCursor: more && last ? byTime.encode([last.occurredAtText, last.id]) : null, groups };
  });
}

async function readEntries(tx: Transaction, where: SQL, limit: number): Promise<EntryRow[]> {
  const te = schema.timelineEntries;
  return tx
    .select({
      id: te.id,
      kind: te.kind,
      objectType: te.objectType,
      objectId: te.objectId,
      locationId: te.locationId,
      occurredAt: te.occurredAt,
      // Microseconds kept: a Date would round the cursor to milliseconds and skip entries.
      occurredAtText: sql<string>`${te.occurredAt}::text`,
      actorType: te.actorType,
      actorId: te.actorId,
    })
    .from(te)
    .where(where)
    .orderBy(desc(te.occurredAt), desc(te.id))
    .limit(limit);
}

/**
 * Reads on after `last` while the entries continue the group (`GROUP_TAIL_CHUNK` at a time, at
 * most `GROUP_TAIL_LIMIT`), adding them to `tail`. Returns the last entry taken and whether more
 * entries follow.
 */
async function finishGroup(
  tx: Transaction,
  ctx: StaffContext,
  where: (from: readonly [string, string] | null) => SQL,
  last: EntryRow,
  tail: Segment,
  previews: PreviewIndex,
): Promise<{ last: EntryRow; more: boolean }> {
  let taken = 0;
  let current = last;
  while (taken < GROUP_TAIL_LIMIT) {
    const chunk = await readEntries(tx, where([current.occurredAtText, current.id]), GROUP_TAIL_CHUNK);
    await loadPreviews(tx, ctx, chunk, previews);
    for (const row of chunk) {
      if (!isHidden(row, previews)) {
        if (generatedPlanOf(row, previews) !== tail.planId) return { last: current, more: true };
        tail.rows.push(row);
      }
      current = row;
      taken++;
    }
    if (chunk.length < GROUP_TAIL_CHUNK) return { last: current, more: false };
  }
  return { last: current, more: true };
}

/**
 * A location filter must name one of this customer's locations, archived ones too (it is history,
 * and the filter offers them): `requireLocationOf` (visibility.ts) accepts current ones only.
 */
async function requireLocationOfCustomer(
  tx: Transaction,
  ctx: StaffContext,
  customerId: string,
  locationId: string,
) {
  const l = schema.locations;
  const [row] = await tx
    .select({ id: l.id })
    .from(l)
    .where(and(eq(l.tenantId, ctx.tenantId), eq(l.id, locationId), eq(l.customerId, customerId)));
  if (!row) throw AppError.field("locationId", "Choose one of this customer's locations");
}
