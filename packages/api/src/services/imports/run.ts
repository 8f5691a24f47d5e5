import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { type Database, rowsOf, schema, type Transaction, withTenant } from "@ordinavo/db";
import { type ImportJobStatus, importJobMachine, type UpsertKind, upsertKinds } from "@ordinavo/domain";
import type { FileStore } from "@ordinavo/files";
import type { ImportCursor, ImportJobRunner } from "@ordinavo/jobs";
import { closedGates, type IntegrationActor, type StaffActor } from "@ordinavo/policy";
import { and, eq, sql } from "drizzle-orm";
import { gatesOf } from "../../members";
import { recordWebhookEvents } from "../webhook-events";
import { countRecords, type FileFormat, readRecords, type SourceRecord } from "./source";
import { upsertBatch } from "./upsert";

// Processing an import job, batch by batch, each batch in its own transaction: the rows are
// mapped, validated and (unless a dry run) upserted; each row's result and warnings are stored;
// the job's progress moves on. A cancelled job stops before its next batch.

/** Rows per transaction. */
export const IMPORT_BATCH_ROWS = 500;
/** Steps of the job function, at most: big files get bigger steps (several transactions each). */
const MAX_STEPS = 170;

type Job = typeof schema.importJobs.$inferSelect;

async function loadJob(tx: Transaction, tenantId: string, importJobId: string, lock = false) {
  const j = schema.importJobs;
  const query = tx
    .select()
    .from(j)
    .where(and(eq(j.tenantId, tenantId), eq(j.id, importJobId)));
  const [job] = lock ? await query.for("update") : await query;
  return job ?? null;
}

/** The job's writer: whoever created it, with the rights they hold now (not when they created it). */
async function writerOf(tx: Transaction, job: Job) {
  const s = schema.tenantSettings;
  const [settings] = await tx.select().from(s).where(eq(s.tenantId, job.tenantId));
  const gates = settings ? gatesOf(settings) : closedGates;
  let actor: StaffActor | IntegrationActor | null = null;
  if (job.apiKeyId) {
    const k = schema.apiKeys;
    const [key] = await tx
      .select()
      .from(k)
      .where(and(eq(k.tenantId, job.tenantId), eq(k.id, job.apiKeyId)));
    if (key && !key.revokedAt && (!key.expiresAt || key.expiresAt > new Date())) {
      actor = {
        kind: "integration",
        apiKeyId: key.id,
        tenantId: job.tenantId,
        scopes: key.scopes,
        sourceSystem: key.sourceSystem,
      };
    }
  } else if (job.createdById) {
    const m = schema.tenantMemberships;
    const [member] = await tx
      .select()
      .from(m)
      .where(and(eq(m.tenantId, job.tenantId), eq(m.userId, job.createdById)));
    if (member && !member.disabledAt) {
      actor = { kind: "staff", userId: member.userId, tenantId: job.tenantId, role: member.role };
    }
  }
  return actor
    ? { tenantId: job.tenantId, actor, gates, source: "import" as const, importJobId: job.id }
    : null;
}

/** Maps a record's columns to fields: mapped columns only; a column mapped to "" is ignored. */
export function applyMapping(mapping: Record<string, string>, values: Record<string, unknown>) {
  const row: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(values)) {
    const field = mapping[column];
    if (field) row[field] = value;
  }
  return row;
}

async function fail(db: Database, job: Job, error: string) {
  await withTenant(db, job.tenantId, async (tx) => {
    const current = await loadJob(tx, job.tenantId, job.id, true);
    if (!current || !importJobMachine.canTransition(current.status, "failed")) return;
    await tx
      .update(schema.importJobs)
      .set({ status: "failed", error, finishedAt: new Date() })
      .where(and(eq(schema.importJobs.tenantId, job.tenantId), eq(schema.importJobs.id, job.id)));
    await finishRecords(tx, current, "failed");
  });
}

/** The ending's webhook event (source "import") and audit entry: counts and statuses only. */
async function finishRecords(tx: Transaction, job: Job, status: ImportJobStatus) {
  const actor = job.apiKeyId
    ? { type: "integration" as const, id: job.apiKeyId }
    : { type: "staff" as const, id: job.createdById };
  const writer: StaffActor | IntegrationActor = job.apiKeyId
    ? { kind: "integration", apiKeyId: job.apiKeyId, tenantId: job.tenantId, scopes: [], sourceSystem: null }
    : { kind: "staff", userId: job.createdById ?? "", tenantId: job.tenantId, role: "tenant_admin" };
  await recordWebhookEvents(tx, { tenantId: job.tenantId, actor: writer, source: "import" }, [
    { eventType: "import_job.finished", objectId: job.id },
  ]);
  await tx.insert(schema.auditLog).values({
    tenantId: job.tenantId,
    actorType: actor.type,
    actorId: actor.id,
    action: "import_job.finished",
    objectType: "import_job",
    objectId: job.id,
    metadata: { status, dryRun: job.dryRun, kind: job.kind, totalRows: job.totalRows },
  });
}

export function createImportJobRunner(deps: { db: Database; files?: FileStore }): ImportJobRunner {
  const { db } = deps;

  async function open(job: Job): Promise<Readable> {
    if (job.format === "rows") return Readable.from([]);
    // Read at use: a launcher may settle its file store after creating the runner.
    const stream = job.fileKey && deps.files ? await deps.files.open(job.fileKey) : null;
    if (!stream) throw new Error("The import file is missing");
    return stream;
  }

  return {
    async prepare(tenantId, importJobId) {
      const job = await withTenant(db, tenantId, (tx) => loadJob(tx, tenantId, importJobId));
      if (job?.status !== "validating") return null;
      let total = job.totalRows;
      let columns: string[] = Object.keys(job.mapping);
      if (job.format !== "rows") {
        try {
          ({ total, columns } = await countRecords(await open(job), job.format as FileFormat));
        } catch {
          await fail(db, job, `The file could not be read as ${job.format === "csv" ? "CSV" : "JSON lines"}`);
          return null;
        }
      }
      const started = await withTenant(db, tenantId, async (tx) => {
        const current = await loadJob(tx, tenantId, importJobId, true);
        if (current?.status !== "validating") return false;
        // Columns the mapping leaves out (or maps to no field) are reported once for the job.
        const unmapped = columns.filter((column) => !job.mapping[column]);
        if (unmapped.length) {
          await tx.insert(schema.mappingWarnings).values(
            unmapped.map((column) => ({
              tenantId,
              importJobId,
              field: column.slice(0, 100),
              code: "unknown_column",
              message: "This column is not mapped to a field; its values were left out.",
            })),
          );
        }
        await tx
          .update(schema.importJobs)
          .set({
            status: "running",
            totalRows: total,
            startedAt: new Date(),
            warningCount: sql`${schema.importJobs.warningCount} + ${unmapped.length}`,
          })
          .where(and(eq(schema.importJobs.tenantId, tenantId), eq(schema.importJobs.id, importJobId)));
        return true;
      });
      if (!started) return null;
      return { cursor: { byteOffset: 0, rowNumber: 0, header: null } };
    },

    async batch(tenantId, importJobId, cursor) {
      const job = await withTenant(db, tenantId, (tx) => loadJob(tx, tenantId, importJobId));
      if (job?.status !== "running") return { cursor: null };
      const stepRows = Math.max(
        IMPORT_BATCH_ROWS,
        Math.ceil(job.totalRows / MAX_STEPS / IMPORT_BATCH_ROWS) * IMPORT_BATCH_ROWS,
      );
      let records: SourceRecord[];
      let next: ImportCursor | null;
      if (job.format === "rows") {
        const r = schema.importRows;
        const stored = await withTenant(db, tenantId, (tx) =>
          tx
            .select({ rowNumber: r.rowNumber, payload: r.payload })
            .from(r)
            .where(
              and(
                eq(r.tenantId, tenantId),
                eq(r.importJobId, importJobId),
                sql`${r.rowNumber} > ${cursor.rowNumber}`,
              ),
            )
            .orderBy(r.rowNumber)
            .limit(stepRows),
        );
        records = stored.map((row) => ({ rowNumber: row.rowNumber, values: row.payload }));
        const last = records.at(-1);
        next =
          records.length === stepRows && last
            ? { byteOffset: 0, rowNumber: last.rowNumber, header: null }
            : null;
      } else {
        try {
          const read = await readRecords(await open(job), job.format as FileFormat, cursor, stepRows);
          records = read.records;
          next = read.next;
        } catch {
          await fail(db, job, `The file could not be read past row ${cursor.rowNumber}`);
          return { cursor: null };
        }
      }
      for (let start = 0; start < records.length; start += IMPORT_BATCH_ROWS) {
        const goOn = await processBatch(db, job, records.slice(start, start + IMPORT_BATCH_ROWS));
        if (!goOn) return { cursor: null };
      }
      return { cursor: next };
    },

    async finish(tenantId, importJobId) {
      await withTenant(db, tenantId, async (tx) => {
        const job = await loadJob(tx, tenantId, importJobId, true);
        if (job?.status !== "running") return;
        const r = schema.importRows;
        const counts = await tx
          .select({ status: r.status, outcome: r.outcome, count: sql<number>`count(*)::int` })
          .from(r)
          .where(and(eq(r.tenantId, tenantId), eq(r.importJobId, importJobId)))
          .groupBy(r.status, r.outcome);
        const summary: Record<string, number> = { created: 0, updated: 0, unchanged: 0 };
        let failed = 0;
        let processed = 0;
        for (const row of counts) {
          processed += row.count;
          if (row.status === "failed") failed += row.count;
          else if (row.outcome) summary[row.outcome] = (summary[row.outcome] ?? 0) + row.count;
        }
        const status: ImportJobStatus =
          processed > 0 && failed === processed
            ? "failed"
            : failed > 0 || job.warningCount > 0
              ? "completed_with_warnings"
              : "completed";
        await tx
          .update(schema.importJobs)
          .set({
            status,
            summary,
            failedRows: failed,
            processedRows: processed,
            totalRows: Math.max(job.totalRows, processed),
            finishedAt: new Date(),
            error: status === "failed" ? "Every row failed" : null,
          })
          .where(and(eq(schema.importJobs.tenantId, tenantId), eq(schema.importJobs.id, importJobId)));
        await finishRecords(tx, job, status);
      });
    },
  };
}

/** One batch in one transaction. False when the job is no longer running (cancelled). */
async function processBatch(db: Database, job: Job, records: SourceRecord[]): Promise<boolean> {
  if (records.length === 0) return true;
  const { tenantId } = job;
  return withTenant(db, tenantId, async (tx) => {
    const current = await loadJob(tx, tenantId, job.id, true);
    if (current?.status !== "running") return false;
    const writer = await writerOf(tx, current);
    if (!writer) {
      await tx
        .update(schema.importJobs)
        .set({ status: "failed", error: "The job's creator may no longer import", finishedAt: new Date() })
        .where(and(eq(schema.importJobs.tenantId, tenantId), eq(schema.importJobs.id, job.id)));
      await finishRecords(tx, current, "failed");
      return false;
    }
    const kind = current.kind as UpsertKind;
    if (!upsertKinds.includes(kind)) return false;
    const mapped = records.map((record) =>
      current.format === "rows" && Object.keys(current.mapping).length === 0
        ? record.values
        : applyMapping(current.mapping, record.values),
    );
    const usable = records.map((record) => !record.problem);
    const results = await upsertBatch(tx, writer, {
      kind,
      sourceSystem: current.sourceSystem,
      rows: mapped.map((row, i) => (usable[i] ? row : {})),
      dryRun: current.dryRun,
    });
    const objectType = {
      customer: "customer",
      location: "location",
      contact: "contact_person",
      target: "target",
    } as const;
    const rows = records.map((record, i) => {
      const result = results[i]!;
      const errors = record.problem ? [{ field: "row", message: record.problem }] : result.errors;
      const failed = errors.length > 0;
      const externalId =
        typeof mapped[i]!.externalId === "string" ? (mapped[i]!.externalId as string).slice(0, 200) : null;
      return {
        id: randomUUID(),
        tenantId,
        importJobId: job.id,
        rowNumber: record.rowNumber,
        externalId,
        payload: mapped[i]!,
        status: failed ? ("failed" as const) : current.dryRun ? ("valid" as const) : result.status,
        outcome: failed ? null : (result.outcome ?? null),
        objectType: result.objectId ? objectType[kind] : null,
        objectId: result.objectId ?? null,
        errors,
      };
    });
    // One parameter for the whole batch: the rows as a JSON record set.
    const stored = rowsOf<{ id: string; row_number: number }>(
      await tx.execute(sql`
        insert into import_rows
          (id, tenant_id, import_job_id, row_number, external_id, payload, status, outcome, object_type, object_id, errors)
        select v.id, ${tenantId}::uuid, ${job.id}::uuid, v."rowNumber", v."externalId", v.payload, v.status,
          v.outcome, v."objectType", v."objectId", v.errors
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(
          id uuid, "rowNumber" int4, "externalId" text, payload jsonb, status text, outcome text,
          "objectType" text, "objectId" uuid, errors jsonb)
        on conflict (tenant_id, import_job_id, row_number) do update set
          external_id = excluded.external_id, payload = excluded.payload, status = excluded.status,
          outcome = excluded.outcome, object_type = excluded.object_type, object_id = excluded.object_id,
          errors = excluded.errors
        returning id, row_number`),
    ).map((row) => ({ id: row.id, rowNumber: row.row_number }));
    const idOf = new Map(stored.map((row) => [row.rowNumber, row.id]));
    const warnings = records.flatMap((record, i) =>
      results[i]!.warnings.filter((w) => w.code !== "unknown_column").map((w) => ({
        tenantId,
        importJobId: job.id,
        importRowId: idOf.get(record.rowNumber) ?? null,
        field: w.field.slice(0, 100),
        code: w.code,
        message: w.message,
      })),
    );
    if (warnings.length) await tx.insert(schema.mappingWarnings).values(warnings);
    const failedCount = rows.filter((row) => row.status === "failed").length;
    await tx
      .update(schema.importJobs)
      .set({
        processedRows: sql`greatest(${schema.importJobs.processedRows}, ${records.at(-1)!.rowNumber})`,
        failedRows: sql`${schema.importJobs.failedRows} + ${failedCount}`,
        warningCount: sql`${schema.importJobs.warningCount} + ${warnings.length}`,
      })
      .where(and(eq(schema.importJobs.tenantId, tenantId), eq(schema.importJobs.id, job.id)));
    return true;
  });
}
