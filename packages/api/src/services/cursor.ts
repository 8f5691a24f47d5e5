import { z } from "zod";
import { AppError } from "../errors";

// Opaque page cursors: the sort values of a page's last row, base64url JSON. A cursor comes back
// from the client, so decoding checks every value against the type its column has; a cursor that
// was tampered with is a field error on `after`, never a database error.

export type CursorPart = "text" | "uuid" | "timestamp" | "int";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The database's own text of a timestamptz (microseconds kept), or an ISO instant. */
const timestamp = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)?$/;

/** The calendar day of a timestamp text exists (no 2026-02-31), in years the database can hold. */
function realDay(value: string): boolean {
  const [year, month, day] = value.slice(0, 10).split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const partSchemas: Record<CursorPart, z.ZodType<string | number>> = {
  text: z
    .string()
    .max(500)
    .refine((value) => !value.includes("\u0000")),
  uuid: z.string().regex(uuid),
  timestamp: z.string().regex(timestamp).refine(realDay),
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
    encode: (values) => Buffer.from(JSON.stringify(values)).toString("base64url"),
    decode(cursor, field = "after") {
      try {
        return schema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"))) as Values<P>;
      } catch {
        throw AppError.field(field, "This page link is out of date; start again from the first page.");
      }
    },
  };
}
