import { type Transaction, withTenant } from "@ordinavo/db";
import type { IntegrationActor } from "@ordinavo/policy";
import { and, asc, type Column, eq, getTableColumns, gte, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { z } from "zod";
import { ZSince } from "../contact-sync";
import type { ServiceContext } from "../context";
import { cursorCodec, keysetPage, ZCursorInput } from "../cursor";

// Incremental sync for Connect: every list pages by (updated_at, id), oldest change first, so a
// script can remember the last `updatedAt` it saw, pass it as `updatedSince` next time and follow
// `nextCursor` until it is null. The *_sync_idx indexes (tenant_id, updated_at, id) serve it.

export type IntegrationContext = ServiceContext<IntegrationActor>;

/** The page input every Connect sync list takes. */
export const ZSyncPageInput = z.object({
  limit: z.number().int().min(1).max(100).default(50),
  after: ZCursorInput,
  /** Keeps rows changed at or after this moment (ISO 8601 with an offset, or a Date). */
  updatedSince: ZSince.optional(),
});

export const ZCustomerFilter = z.uuid({ error: "customerId must be a UUID" }).optional();

export type SyncPageInput = z.output<typeof ZSyncPageInput>;

const cursor = cursorCodec("timestamp", "uuid");

/** The columns a table needs for a sync list. */
interface SyncColumns {
  id: Column;
  tenantId: Column;
  updatedAt: Column;
}

/**
 * One page of `table` in the tenant, by (updated_at, id), within `updatedSince` and after the
 * cursor, narrowed by `where`. The rows are the table's own rows (the caller checks and projects
 * them); `nextCursor` follows the last row read, so a row the caller drops does not stop paging.
 */
export async function syncPage<Row extends { id: string }>(
  tx: Transaction,
  ctx: IntegrationContext,
  table: PgTable & SyncColumns,
  input: SyncPageInput,
  where?: SQL,
): Promise<{ rows: Row[]; nextCursor: string | null }> {
  const after = input.after ? cursor.decode(input.after) : null;
  const found = (await tx
    .select({ ...getTableColumns(table), updatedAtText: sql<string>`${table.updatedAt}::text` })
    .from(table as PgTable)
    .where(
      and(
        eq(table.tenantId, ctx.tenantId),
        input.updatedSince ? gte(table.updatedAt, input.updatedSince) : undefined,
        // The database keeps microseconds, a JavaScript Date milliseconds: the cursor carries the
        // database's own text of the timestamp.
        after
          ? sql`(${table.updatedAt}, ${table.id}) > (${after[0]}::timestamptz, ${after[1]}::uuid)`
          : undefined,
        where,
      ),
    )
    .orderBy(asc(table.updatedAt), asc(table.id))
    .limit(input.limit + 1)) as unknown as (Row & { updatedAtText: string })[];
  const { page, nextCursor } = keysetPage(found, input.limit, (last) =>
    cursor.encode([last.updatedAtText, last.id]),
  );
  return {
    rows: page.map(({ updatedAtText: _text, ...row }) => row as unknown as Row),
    nextCursor,
  };
}

/** A read in the key's tenant (every Connect read runs inside one). */
export const inTenant = <T>(ctx: IntegrationContext, work: (tx: Transaction) => Promise<T>) =>
  withTenant(ctx.db, ctx.tenantId, work);
