import { z } from "zod";
import { hasNoNul } from "./fields";

// Keyset cursors: a list page hands back the sort values of its last row as an opaque string
// (base64url JSON), and the next request sends it as `after`. Anyone can write such a string, so
// decoding checks each value's kind against the sort it belongs to; a cursor that does not fit
// is refused by its field, before any value reaches a query.

const timestampPattern =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?(?:Z|[+-]\d{2}(?::?\d{2}){0,2})?$/;

/** A timestamp as PostgreSQL writes `timestamptz::text`, with a real calendar date and time. */
export function isTimestampText(value: string): boolean {
  const match = timestampPattern.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60
  );
}

/** The kinds of value a cursor holds. */
export const cursorValue = {
  /** A sort text (a name, a number): as stored, so no NUL and not longer than a column holds. */
  text: z.string().max(500).refine(hasNoNul),
  /** The row id that breaks ties. */
  id: z.uuid(),
  /** A timestamp in the database's own text (microseconds kept). */
  timestamp: z.string().max(40).refine(isTimestampText),
} as const;

/** The message for a cursor that does not fit (shown on the `after` field). */
export const STALE_CURSOR_MESSAGE = "This page link is out of date; start again from the first page.";

/** Writes a cursor: the values as base64url JSON. */
export function encodeCursorValues(values: readonly unknown[]): string {
  const bytes = new TextEncoder().encode(JSON.stringify(values));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * Reads a cursor with the schema of its sort: the values, or null when the text is not base64url
 * JSON or the values do not fit (refuse it with `STALE_CURSOR_MESSAGE` on `after`).
 */
export function decodeCursorValues<T extends z.ZodType>(cursor: string, schema: T): z.output<T> | null {
  if (cursor.length > 2000 || !/^[A-Za-z0-9_-]*$/.test(cursor)) return null;
  try {
    const binary = atob(cursor.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    const parsed = schema.safeParse(JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
