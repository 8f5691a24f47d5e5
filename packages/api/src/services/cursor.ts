import { cursorValue, decodeCursorValues, encodeCursorValues, STALE_CURSOR_MESSAGE } from "@ordinavo/domain";
import { z } from "zod";
import { AppError } from "../errors";

// Opaque page cursors: the sort values of a page's last row (the format and the value checks are
// the domain's, packages/domain/src/inputs/paging.ts). A cursor comes back from the client, so
// decoding checks every value against the type its column has; a tampered cursor is a field error
// on `after`, never a database error.

export type CursorPart = "text" | "uuid" | "timestamp" | "int";

const partSchemas: Record<CursorPart, z.ZodType<string | number>> = {
  text: cursorValue.text,
  uuid: cursorValue.id,
  timestamp: cursorValue.timestamp,
  int: z.number().int().min(-2147483648).max(2147483647),
};

/** The cursor input of a list procedure. */
export const ZCursorInput = z.string().max(2000, { error: "This page link is too long" }).optional();

type Values<P extends readonly CursorPart[]> = { [I in keyof P]: P[I] extends "int" ? number : string };

export interface CursorCodec<P extends readonly CursorPart[]> {
  encode(values: Values<P>): string;
  /** The values, or a field error on `field` when the cursor is not one this list made. */
  decode(cursor: string, field?: string): Values<P>;
}

export function cursorCodec<const P extends readonly CursorPart[]>(...parts: P): CursorCodec<P> {
  const schema = z.tuple(parts.map((part) => partSchemas[part]) as [z.ZodType, ...z.ZodType[]]);
  return {
    encode: (values) => encodeCursorValues(values),
    decode(cursor, field = "after") {
      const values = decodeCursorValues(cursor, schema);
      if (values === null) throw AppError.field(field, STALE_CURSOR_MESSAGE);
      return values as Values<P>;
    },
  };
}

/**
 * One page of a keyset list: the first `limit` rows (the query asked for `limit + 1`) and the
 * cursor of the last one when more rows follow.
 */
export function keysetPage<R>(rows: readonly R[], limit: number, cursorOf: (row: R) => string) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}
