/** What the row factories share: input and row types, and inserting many rows at once. */
import { randomUUID } from "node:crypto";
import type { Database } from "@ordinavo/db";
import type { PgInsertValue, PgTable } from "drizzle-orm/pg-core";

export type Insert<T extends PgTable> = T["$inferInsert"];
export type Row<T extends PgTable> = T["$inferSelect"];

/** The columns a caller must give, plus any others it wants to set. */
export type FactoryInput<T extends PgTable, Required extends keyof Insert<T>> = Pick<Insert<T>, Required> &
  Partial<Insert<T>>;

/** Something short and unique for default names and keys in tests. */
export const unique = () => randomUUID().slice(0, 8);

export function only<T>(rows: T[]): T {
  const [row] = rows;
  if (row === undefined) throw new Error("The insert returned no row");
  return row;
}

/**
 * Inserts rows in multi-row statements of `batchSize`. Use it for seed volume; PostgreSQL takes at
 * most 65,535 parameters per statement, so keep batchSize × columns below that.
 */
export async function insertMany<T extends PgTable>(
  tx: Database,
  table: T,
  rows: readonly Insert<T>[],
  batchSize = 500,
): Promise<void> {
  for (let start = 0; start < rows.length; start += batchSize) {
    await tx.insert(table).values(rows.slice(start, start + batchSize) as PgInsertValue<T>[]);
  }
}
