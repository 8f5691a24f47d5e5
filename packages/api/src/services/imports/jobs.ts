import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { recordAudit, schema, type Transaction, withTenant } from "@ordinavo/db";
import {
  importFields,
  importFormats,
  importJobMachine,
  importJobStatuses,
  importRowStatuses,
  maxImportCallRows,
  requiredImportFields,
  upsertKinds,
  ZImportMapping,
} from "@ordinavo/domain";
import { recordEvent } from "@ordinavo/jobs";
import { can } from "@ordinavo/policy";
import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../../errors";
import { idempotentWrite } from "../connect/idempotency";
import { auditActor, type ServiceContext } from "../context";
import { type FileFormat, previewRecords } from "./source";
import { assertMayUpsert } from "./upsert";

// Import jobs as admins and integrations see them: create one (a file, or rows in the call),
// choose the mapping and start it, follow its progress, read its rows and warnings, cancel it,
// and run a successful dry run for real. The work itself is the job function's (./run.ts).

/** The largest import file: about 100,000 rows of ordinary width. */
export const MAX_IMPORT_FILE_BYTES = 20 * 1024 * 1024;

export const ZImportJobView = z.object({
  id: z.string(),
  kind: z.enum(upsertKinds),
  sourceSystem: z.string(),
  status: z.enum(importJobStatuses),
  format: z.enum(importFormats),
  fileName: z.string().nullable(),
  mapping: z.record(z.string(), z.string()),
  dryRun: z.boolean(),
  totalRows: z.number(),
  processedRows: z.number(),
  failedRows: z.number(),
  warningCount: z.number(),
  summary: z.record(z.string(), z.number()),
  error: z.string().nullable(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  /** Whether the caller may cancel it, or run its dry run for real. */
  canCancel: z.boolean(),
  canRunForReal: z.boolean(),
});
export type ImportJobView = z.infer<typeof ZImportJobView>;

type JobRow = typeof schema.importJobs.$inferSelect;

function jobView(job: JobRow): ImportJobView {
  return ZImportJobView.parse({
    ...job,
    canCancel: ["pending", "validating", "running"].includes(job.status),
    canRunForReal:
      job.dryRun && job.format !== "rows" && ["completed", "completed_with_warnings"].includes(job.status),
  });
}

function requireRead(ctx: ServiceContext) {
  if (!can(ctx.actor, "import.read", ctx.gates)) throw new AppError("FORBIDDEN", "You may not see imports.");
}
function requireWrite(ctx: ServiceContext) {
  if (!can(ctx.actor, "import.write", ctx.gates)) throw new AppError("FORBIDDEN", "You may not import.");
}

/** Integrations see the jobs of their own key; staff with import.read every job of the tenant. */
async function visibleJob(tx: Transaction, ctx: ServiceContext, importJobId: string, lock = false) {
  const j = schema.importJobs;
  const query = tx
    .select()
    .from(j)
    .where(
      and(
        eq(j.tenantId, ctx.tenantId),
        eq(j.id, importJobId),
        ctx.actor.kind === "integration" ? eq(j.apiKeyId, ctx.actor.apiKeyId) : undefined,
      ),
    );
  const [job] = lock ? await query.for("update") : await query;
  if (!job) throw new AppError("NOT_FOUND", "No such import job.");
  return job;
}

/** A proposal: each column whose name is a field's name (ignoring case, spaces, dashes, underscores). */
export function proposeMapping(kind: (typeof upsertKinds)[number], columns: string[]) {
  const squash = (text: string) => text.toLowerCase().replace(/[\s_-]+/g, "");
  const mapping: Record<string, string> = {};
  for (const column of columns) {
    const field = importFields[kind].find((name) => squash(name) === squash(column));
    mapping[column] = field ?? "";
  }
  return mapping;
}

function checkMapping(kind: (typeof upsertKinds)[number], mapping: Record<string, string>) {
  const fields = Object.values(mapping).filter(Boolean);
  for (const field of fields) {
    if (!importFields[kind].includes(field)) {
      throw AppError.field("mapping", `"${field.slice(0, 64)}" is not a field of this import.`);
    }
  }
  const twice = fields.find((field, i) => fields.indexOf(field) !== i);
  if (twice) throw AppError.field("mapping", `Two columns are mapped to ${twice}; map each field once.`);
  const missing = requiredImportFields[kind].filter((field) => !fields.includes(field));
  if (missing.length)
    throw AppError.field("mapping", `Map a column to each required field: ${missing.join(", ")}.`);
}

const sourceSystem = z
  .string({ error: "Enter the source system" })
  .trim()
  .min(1, { error: "Enter the source system" })
  .max(64, { error: "A source system has at most 64 characters" })
  .regex(/^[A-Za-z0-9._-]+$/, { error: "Use letters, digits, dots, dashes and underscores" });

export const ZUploadImportInput = z.object({
  kind: z.enum(upsertKinds, { error: "Choose what to import" }),
  sourceSystem,
  dryRun: z.boolean().default(true),
});

/**
 * A file becomes a pending job: stored in the file store, its format told by its name (.jsonl /
 * .ndjson: JSON lines, otherwise CSV), a mapping proposed from its columns. Nothing runs until
 * `startImportJob`.
 */
export async function uploadImportFile(
  ctx: ServiceContext,
  input: z.output<typeof ZUploadImportInput>,
  file: { name: string; bytes: Uint8Array },
) {
  requireWrite(ctx);
  assertMayUpsert(
    { tenantId: ctx.tenantId, actor: ctx.actor, source: "import", gates: ctx.gates },
    input.kind,
    input.sourceSystem,
  );
  if (file.bytes.length === 0) throw AppError.field("file", "The file is empty.");
  if (file.bytes.length > MAX_IMPORT_FILE_BYTES)
    throw AppError.field("file", "Import files can be at most 20 MB.");
  const format: FileFormat = /\.(jsonl|ndjson)$/i.test(file.name) ? "jsonl" : "csv";
  let columns: string[];
  try {
    columns = (await previewRecords(Readable.from([Buffer.from(file.bytes)]), format, 20)).columns;
  } catch {
    throw AppError.field(
      "file",
      format === "csv" ? "This file is not readable CSV." : "This file is not JSON lines.",
    );
  }
  if (columns.length === 0) throw AppError.field("file", "The file has no columns.");
  const fileKey = `${ctx.tenantId}/imports-${randomUUID()}`;
  await ctx.files.put(fileKey, file.bytes, format === "csv" ? "text/csv" : "text/plain");
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const [job] = await tx
      .insert(schema.importJobs)
      .values({
        tenantId: ctx.tenantId,
        kind: input.kind,
        sourceSystem: input.sourceSystem,
        format,
        dryRun: input.dryRun,
        fileKey,
        fileName: file.name.slice(0, 255),
        mapping: proposeMapping(input.kind, columns),
        createdById: ctx.actor.kind === "staff" ? ctx.actor.userId : null,
        apiKeyId: ctx.actor.kind === "integration" ? ctx.actor.apiKeyId : null,
      })
      .returning();
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actor: auditActor(ctx.actor),
      action: "import_job.created",
      objectType: "import_job",
      objectId: job!.id,
      metadata: { kind: input.kind, format, dryRun: input.dryRun },
    });
    return jobView(job!);
  });
}

/** The file's columns and first rows, for the mapping step. */
export async function previewImportJob(ctx: ServiceContext, importJobId: string) {
  requireRead(ctx);
  const job = await withTenant(ctx.db, ctx.tenantId, (tx) => visibleJob(tx, ctx, importJobId));
  if (!job.fileKey || job.format === "rows") return { columns: Object.keys(job.mapping), rows: [] };
  const stream = await ctx.files.open(job.fileKey);
  if (!stream) return { columns: Object.keys(job.mapping), rows: [] };
  const preview = await previewRecords(stream, job.format as FileFormat, 5);
  return {
    columns: preview.columns,
    rows: preview.rows.map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([k, v]) => [
          k,
          typeof v === "string" ? v.slice(0, 200) : (JSON.stringify(v)?.slice(0, 200) ?? ""),
        ]),
      ),
    ),
  };
}

export const ZStartImportInput = z.object({
  importJobId: z.uuid({ error: "Choose an import" }),
  mapping: ZImportMapping,
  dryRun: z.boolean().optional(),
});

/** Starts a pending job with its mapping: it validates, then runs, in the job function. */
export async function startImportJob(ctx: ServiceContext, input: z.output<typeof ZStartImportInput>) {
  requireWrite(ctx);
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const job = await visibleJob(tx, ctx, input.importJobId, true);
    if (job.status !== "pending") throw AppError.field("importJobId", "This import has started already.");
    const kind = job.kind as (typeof upsertKinds)[number];
    checkMapping(kind, input.mapping);
    assertMayUpsert(
      { tenantId: ctx.tenantId, actor: ctx.actor, source: "import", gates: ctx.gates },
      kind,
      job.sourceSystem,
    );
    const [row] = await tx
      .update(schema.importJobs)
      .set({ status: "validating", mapping: input.mapping, dryRun: input.dryRun ?? job.dryRun })
      .where(and(eq(schema.importJobs.tenantId, ctx.tenantId), eq(schema.importJobs.id, job.id)))
      .returning();
    await recordEvent(tx, "ordinavo/import_job.requested", { tenantId: ctx.tenantId, importJobId: job.id });
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actor: auditActor(ctx.actor),
      action: "import_job.started",
      objectType: "import_job",
      objectId: job.id,
      changedFields: ["mapping", "status"],
      metadata: { dryRun: row!.dryRun },
    });
    return jobView(row!);
  });
}

export const ZCreateRowsImportInput = z.object({
  kind: z.enum(upsertKinds, { error: "Choose what to import" }),
  sourceSystem,
  /** Key of the sent rows → field; left out: the rows' keys are the fields. */
  mapping: ZImportMapping.optional(),
  dryRun: z.boolean().default(false),
  rows: z
    .array(z.record(z.string(), z.unknown(), { error: "Each row must be an object of named values" }))
    .min(1, { error: "Send at least one row" })
    .max(maxImportCallRows, { error: `Send at most ${maxImportCallRows} rows per import` }),
});

/**
 * An import of rows sent in the call (Connect): stored as its rows, started at once. With an
 * Idempotency-Key (integrations), a retried call returns the first job instead of a second one.
 */
export async function createRowsImport(
  ctx: ServiceContext,
  input: z.output<typeof ZCreateRowsImportInput>,
  idempotency: { key: string | null; procedure: string } = { key: null, procedure: "imports.create" },
) {
  requireWrite(ctx);
  assertMayUpsert(
    { tenantId: ctx.tenantId, actor: ctx.actor, source: "import", gates: ctx.gates },
    input.kind,
    input.sourceSystem,
  );
  if (input.mapping) checkMapping(input.kind, input.mapping);
  const actor = ctx.actor;
  const inTransaction = <T>(write: (tx: Transaction) => Promise<T>) =>
    actor.kind === "integration" && idempotency.key !== null
      ? idempotentWrite({ ...ctx, actor }, { ...idempotency, input }, write)
      : withTenant(ctx.db, ctx.tenantId, write);
  return inTransaction(async (tx) => {
    const [job] = await tx
      .insert(schema.importJobs)
      .values({
        tenantId: ctx.tenantId,
        kind: input.kind,
        sourceSystem: input.sourceSystem,
        status: "validating",
        format: "rows",
        dryRun: input.dryRun,
        mapping: input.mapping ?? {},
        totalRows: input.rows.length,
        createdById: ctx.actor.kind === "staff" ? ctx.actor.userId : null,
        apiKeyId: ctx.actor.kind === "integration" ? ctx.actor.apiKeyId : null,
      })
      .returning();
    await tx.insert(schema.importRows).values(
      input.rows.map((payload, i) => ({
        tenantId: ctx.tenantId,
        importJobId: job!.id,
        rowNumber: i + 1,
        payload,
      })),
    );
    await recordEvent(tx, "ordinavo/import_job.requested", { tenantId: ctx.tenantId, importJobId: job!.id });
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actor: auditActor(ctx.actor),
      action: "import_job.created",
      objectType: "import_job",
      objectId: job!.id,
      metadata: { kind: input.kind, format: "rows", dryRun: input.dryRun, rows: input.rows.length },
    });
    return jobView(job!);
  });
}

/** A dry run that went through, run for real: a new job from the same file and mapping. */
export async function runImportForReal(ctx: ServiceContext, importJobId: string) {
  requireWrite(ctx);
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const dry = await visibleJob(tx, ctx, importJobId);
    if (!jobView(dry).canRunForReal) {
      throw AppError.field("importJobId", "Only a finished dry run of a file can be run for real.");
    }
    assertMayUpsert(
      { tenantId: ctx.tenantId, actor: ctx.actor, source: "import", gates: ctx.gates },
      dry.kind as "customer",
      dry.sourceSystem,
    );
    const [job] = await tx
      .insert(schema.importJobs)
      .values({
        tenantId: ctx.tenantId,
        kind: dry.kind,
        sourceSystem: dry.sourceSystem,
        status: "validating",
        format: dry.format,
        dryRun: false,
        fileKey: dry.fileKey,
        fileName: dry.fileName,
        mapping: dry.mapping,
        createdById: ctx.actor.kind === "staff" ? ctx.actor.userId : null,
        apiKeyId: ctx.actor.kind === "integration" ? ctx.actor.apiKeyId : null,
      })
      .returning();
    await recordEvent(tx, "ordinavo/import_job.requested", { tenantId: ctx.tenantId, importJobId: job!.id });
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actor: auditActor(ctx.actor),
      action: "import_job.created",
      objectType: "import_job",
      objectId: job!.id,
      metadata: { kind: dry.kind, format: dry.format, dryRun: false, fromDryRun: dry.id },
    });
    return jobView(job!);
  });
}

/** Cancels a job that has not finished; a running job stops before its next batch. */
export async function cancelImportJob(ctx: ServiceContext, importJobId: string) {
  requireWrite(ctx);
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const job = await visibleJob(tx, ctx, importJobId, true);
    if (!importJobMachine.canTransition(job.status, "cancelled")) {
      throw AppError.field("importJobId", "This import has finished; it cannot be cancelled.");
    }
    const [row] = await tx
      .update(schema.importJobs)
      .set({ status: "cancelled", finishedAt: new Date() })
      .where(and(eq(schema.importJobs.tenantId, ctx.tenantId), eq(schema.importJobs.id, job.id)))
      .returning();
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actor: auditActor(ctx.actor),
      action: "import_job.cancelled",
      objectType: "import_job",
      objectId: job.id,
      changedFields: ["status"],
      metadata: { from: job.status },
    });
    return jobView(row!);
  });
}

export async function getImportJob(ctx: ServiceContext, importJobId: string) {
  requireRead(ctx);
  return withTenant(ctx.db, ctx.tenantId, async (tx) => jobView(await visibleJob(tx, ctx, importJobId)));
}

export const ZListImportJobsInput = z.object({
  page: z.number().int().min(1).max(10_000).default(1),
  limit: z.number().int().min(1).max(100).default(20),
});

export async function listImportJobs(ctx: ServiceContext, input: z.output<typeof ZListImportJobsInput>) {
  requireRead(ctx);
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const j = schema.importJobs;
    const rows = await tx
      .select()
      .from(j)
      .where(
        and(
          eq(j.tenantId, ctx.tenantId),
          ctx.actor.kind === "integration" ? eq(j.apiKeyId, ctx.actor.apiKeyId) : undefined,
        ),
      )
      .orderBy(desc(j.createdAt), desc(j.id))
      .limit(input.limit + 1)
      .offset((input.page - 1) * input.limit);
    return { items: rows.slice(0, input.limit).map(jobView), hasMore: rows.length > input.limit };
  });
}

export const ZImportRowView = z.object({
  rowNumber: z.number(),
  externalId: z.string().nullable(),
  status: z.enum(importRowStatuses),
  outcome: z.string().nullable(),
  objectId: z.string().nullable(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })),
  warnings: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
});

export const ZImportRowsInput = z.object({
  importJobId: z.uuid({ error: "Choose an import" }),
  status: z.enum(importRowStatuses).optional(),
  /** Row number after which the page starts. */
  after: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(200).default(50),
});

/** The job's rows in order, with their errors and warnings; paged by row number. */
export async function listImportRows(ctx: ServiceContext, input: z.output<typeof ZImportRowsInput>) {
  requireRead(ctx);
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    await visibleJob(tx, ctx, input.importJobId);
    const r = schema.importRows;
    const w = schema.mappingWarnings;
    const rows = await tx
      .select({
        id: r.id,
        rowNumber: r.rowNumber,
        externalId: r.externalId,
        status: r.status,
        outcome: r.outcome,
        objectId: r.objectId,
        errors: r.errors,
      })
      .from(r)
      .where(
        and(
          eq(r.tenantId, ctx.tenantId),
          eq(r.importJobId, input.importJobId),
          input.status ? eq(r.status, input.status) : undefined,
          sql`${r.rowNumber} > ${input.after}`,
        ),
      )
      .orderBy(r.rowNumber)
      .limit(input.limit + 1);
    const page = rows.slice(0, input.limit);
    const ids = page.map((row) => row.id);
    const warnings = ids.length
      ? await tx
          .select({ rowId: w.importRowId, field: w.field, code: w.code, message: w.message })
          .from(w)
          .where(
            and(
              eq(w.tenantId, ctx.tenantId),
              eq(w.importJobId, input.importJobId),
              sql`${w.importRowId} = any(${sql.param(ids)}::uuid[])`,
            ),
          )
      : [];
    return {
      items: page.map((row) =>
        ZImportRowView.parse({ ...row, warnings: warnings.filter((warning) => warning.rowId === row.id) }),
      ),
      nextAfter: rows.length > input.limit ? page.at(-1)!.rowNumber : null,
    };
  });
}

/** Warnings about the whole job (columns the mapping left out). */
export async function listJobWarnings(ctx: ServiceContext, importJobId: string) {
  requireRead(ctx);
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    await visibleJob(tx, ctx, importJobId);
    const w = schema.mappingWarnings;
    return tx
      .select({ field: w.field, code: w.code, message: w.message })
      .from(w)
      .where(and(eq(w.tenantId, ctx.tenantId), eq(w.importJobId, importJobId), sql`${w.importRowId} is null`))
      .limit(200);
  });
}
