import { createHash } from "node:crypto";
import { schema, type Transaction, withTenant } from "@ordinavo/db";
import { and, eq, lt, sql } from "drizzle-orm";
import superjson, { type SuperJSONResult } from "superjson";
import { z } from "zod";
import { AppError } from "../../errors";
import type { IntegrationContext } from "./sync";

// `Idempotency-Key` for Connect writes. The key row is inserted first, in the write's own
// transaction: the unique index (tenant, API key, key) makes a concurrent duplicate wait for the
// first call and then find its row, so two calls never both write. The first call's answer is
// stored in the same transaction as the write; a retry with the same key and the same input gets
// that answer back and writes nothing; the same key with other input (or for another procedure)
// is refused. Keys older than 24 hours no longer count (housekeeping removes them later).

/** How long a key holds its answer. */
export const IDEMPOTENCY_WINDOW_HOURS = 24;

export const IDEMPOTENCY_HEADER = "idempotency-key";

const windowStart = sql`now() - ${sql.raw(`interval '${IDEMPOTENCY_WINDOW_HOURS} hours'`)}`;

const keyMessage =
  "Give the Idempotency-Key header as 1–255 visible ASCII characters (a UUID is a good choice).";

/** The header's value: visible ASCII, 1–255 characters. */
export const ZIdempotencyKey = z
  .string()
  .min(1, { error: keyMessage })
  .max(255, { error: keyMessage })
  .regex(/^[\x21-\x7e]+$/, { error: keyMessage });

/** The header of a request, checked; null when absent. A malformed one is a field error. */
export function idempotencyKeyOf(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const parsed = ZIdempotencyKey.safeParse(value.trim());
  if (!parsed.success) throw AppError.field("Idempotency-Key", keyMessage);
  return parsed.data;
}

/** JSON with object keys sorted (and Dates as ISO text): equal inputs give equal text. */
export function canonicalJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export const requestHash = (procedure: string, input: unknown) =>
  createHash("sha256")
    .update(`${procedure}\n${canonicalJson(input)}`)
    .digest("hex");

/**
 * Runs `write` in one transaction of the key's tenant, exactly once per Idempotency-Key: with no
 * key it simply runs; with a key it runs only if the key is new (or older than 24 h), stores the
 * answer beside it, and otherwise returns the stored answer of the first call.
 */
export function idempotentWrite<T>(
  ctx: IntegrationContext,
  options: { key: string | null; procedure: string; input: unknown },
  write: (tx: Transaction) => Promise<T>,
): Promise<T> {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    if (options.key === null) return write(tx);
    const k = schema.connectIdempotencyKeys;
    const hash = requestHash(options.procedure, options.input);
    const identity = and(
      eq(k.tenantId, ctx.tenantId),
      eq(k.apiKeyId, ctx.actor.apiKeyId),
      eq(k.key, options.key),
    );
    // First: claim the key. A concurrent call with the same key waits here until the other
    // transaction ends, then finds its row (or claims the key if that one rolled back).
    const claimed = await tx
      .insert(k)
      .values({
        tenantId: ctx.tenantId,
        apiKeyId: ctx.actor.apiKeyId,
        key: options.key,
        procedure: options.procedure,
        requestHash: hash,
      })
      .onConflictDoNothing()
      .returning({ id: k.id });
    let id = claimed[0]?.id;
    if (id === undefined) {
      // A key past its window is free again: take it over for this call.
      const [renewed] = await tx
        .update(k)
        .set({ procedure: options.procedure, requestHash: hash, response: null, createdAt: sql`now()` })
        .where(and(identity, lt(k.createdAt, windowStart)))
        .returning({ id: k.id });
      id = renewed?.id;
    }
    if (id === undefined) {
      const [stored] = await tx
        .select({ procedure: k.procedure, requestHash: k.requestHash, response: k.response })
        .from(k)
        .where(identity);
      if (!stored || stored.procedure !== options.procedure || stored.requestHash !== hash) {
        throw new AppError(
          "CONFLICT",
          "This Idempotency-Key was already used for a different request in the last 24 hours. Use a new key for a new request.",
          { "Idempotency-Key": ["Already used for a different request."] },
        );
      }
      if (stored.response === null) {
        // Cannot happen: the answer is stored in the transaction that claimed the key.
        throw new AppError("CONFLICT", "The first request with this Idempotency-Key has not finished yet.");
      }
      return superjson.deserialize<T>(stored.response as SuperJSONResult);
    }
    const result = await write(tx);
    await tx
      .update(k)
      .set({ response: superjson.serialize(result) })
      .where(and(eq(k.tenantId, ctx.tenantId), eq(k.id, id)));
    return result;
  });
}
