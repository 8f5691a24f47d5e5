import {
  hasNoNul,
  type ImportContactRow,
  type ImportCustomerRow,
  type ImportLocationRow,
  type ImportTargetRow,
  mappingWarningCodes,
  NUL_MESSAGE,
  type UpsertKind,
} from "@ordinavo/domain";
import { z } from "zod";
import { AppError } from "../../errors";
import { upsertBatch } from "../imports/upsert";
import { idempotentWrite } from "./idempotency";
import type { IntegrationContext } from "./sync";

// Connect's writes: customers, locations, contacts and work (targets) that an integration brings
// in, upserted by (source system, external id) through the same core as import jobs
// (services/imports/upsert.ts: validation, parents by external id, events, timeline, audit).
// Each call is a batch of 1–100 items with a result per item; with an `Idempotency-Key` the call
// happens once, whatever the retries (idempotency.ts).

const ZSourceSystem = z
  .string()
  .trim()
  .min(1, { error: "Give a source system or leave it out" })
  .max(64, { error: "A source system has at most 64 characters" })
  .refine(hasNoNul, { error: NUL_MESSAGE });

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * An item of a batch: an object with the kind's fields (checked one by one, so one bad item does
 * not stop the others). Typed for the client as the row the import core reads.
 */
const item = <Row>() =>
  z.custom<{ [K in keyof Row]?: Row[K] | null } & { externalId: string }>(isRecord, {
    error: "Each item is an object of fields",
  });

const upsertInput = <Row>() =>
  z.object({
    /**
     * The source system whose external ids the items carry. A key limited to one source writes
     * that source (leave it out, or give the same); a key without a source must name one.
     */
    sourceSystem: ZSourceSystem.optional(),
    items: z
      .array(item<Row>())
      .min(1, { error: "Send at least one item" })
      .max(100, { error: "Send at most 100 items per call" }),
    /** Validate and report what would happen, write nothing. */
    dryRun: z.boolean().default(false),
  });

export const ZUpsertCustomersInput = upsertInput<ImportCustomerRow>();
export const ZUpsertLocationsInput = upsertInput<ImportLocationRow>();
export const ZUpsertContactsInput = upsertInput<ImportContactRow>();
export const ZUpsertTargetsInput = upsertInput<ImportTargetRow>();

type UpsertCallInput = z.output<typeof ZUpsertCustomersInput>;

export const upsertOutcomes = ["created", "updated", "unchanged", "failed"] as const;

export const ZUpsertResult = z.object({
  dryRun: z.boolean(),
  sourceSystem: z.string(),
  /** One per item, in the order sent. */
  results: z.array(
    z.object({
      index: z.number().int(),
      /** What the item did (on a dry run: what it would do). */
      outcome: z.enum(upsertOutcomes),
      /** The Ordinavo id of the object written or found; null when it failed or on a dry run's creation. */
      id: z.string().nullable(),
      /** Why a failed item was refused, by field. */
      errors: z.array(z.object({ field: z.string(), message: z.string() })),
      /** What was read other than given (a value coerced, an unknown field left out). */
      warnings: z.array(
        z.object({ field: z.string(), code: z.enum(mappingWarningCodes), message: z.string() }),
      ),
    }),
  ),
  summary: z.object({
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    failed: z.number().int(),
  }),
});
export type UpsertCallResult = z.infer<typeof ZUpsertResult>;

/**
 * The source system a write uses: the key's own when it is limited to one (another one named in
 * the call is refused), otherwise the one the call names (required then).
 */
export function writeSourceSystem(ctx: IntegrationContext, requested: string | undefined): string {
  const own = ctx.actor.sourceSystem;
  if (own !== null) {
    if (requested !== undefined && requested !== own) {
      throw new AppError("FORBIDDEN", "This API key writes the records of its own source system only.", {
        sourceSystem: [`This API key is limited to the source system "${own}".`],
      });
    }
    return own;
  }
  if (requested === undefined) {
    throw AppError.field(
      "sourceSystem",
      "Name the source system whose external ids the items carry (this API key is not limited to one).",
    );
  }
  return requested;
}

/** Upserts one batch of `kind` for the key, once per Idempotency-Key. */
export function upsertForConnect(
  ctx: IntegrationContext,
  kind: UpsertKind,
  input: UpsertCallInput,
  idempotency: { key: string | null; procedure: string },
): Promise<UpsertCallResult> {
  const sourceSystem = writeSourceSystem(ctx, input.sourceSystem);
  return idempotentWrite(ctx, { ...idempotency, input }, async (tx) => {
    const rows = await upsertBatch(
      tx,
      { tenantId: ctx.tenantId, actor: ctx.actor, source: "api", gates: ctx.gates },
      { kind, sourceSystem, rows: input.items as Record<string, unknown>[], dryRun: input.dryRun },
    );
    const results = rows.map((row) => ({
      index: row.index,
      outcome: row.status === "failed" ? ("failed" as const) : (row.outcome ?? "unchanged"),
      id: row.status === "failed" ? null : (row.objectId ?? null),
      errors: row.errors,
      warnings: row.warnings,
    }));
    const count = (outcome: (typeof upsertOutcomes)[number]) =>
      results.filter((result) => result.outcome === outcome).length;
    return {
      dryRun: input.dryRun,
      sourceSystem,
      results,
      summary: {
        created: count("created"),
        updated: count("updated"),
        unchanged: count("unchanged"),
        failed: count("failed"),
      },
    };
  });
}
