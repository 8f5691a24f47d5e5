import { z } from "zod";
import { connectT, permitted, permittedWrite } from "../realms/connect";
import {
  createRowsImport,
  getImportJob,
  listImportRows,
  listJobWarnings,
  ZCreateRowsImportInput,
  ZImportJobView,
  ZImportRowsInput,
  ZImportRowView,
} from "../services/imports/jobs";

/** A job as an integration reads it: status, progress and counts (no `can…` flags of the screen). */
export const ZConnectImportJob = ZImportJobView.omit({
  canCancel: true,
  canRunForReal: true,
  fileName: true,
});

const jobId = z.object({ importJobId: z.uuid({ error: "importJobId must be a UUID" }) });

export const connectImportsRouter = connectT.router({
  /**
   * Up to 1,000 rows of one kind from one source system, upserted by external id in the
   * background; `dryRun` validates only. Poll `imports.get` for the progress, `imports.rows` for
   * each row's result and field errors. Send an `Idempotency-Key` header so a retried call starts
   * one job, not two.
   */
  create: permittedWrite("import.write")
    .input(ZCreateRowsImportInput)
    .output(ZConnectImportJob)
    .mutation(async ({ ctx, input }) =>
      ZConnectImportJob.parse(
        await createRowsImport(ctx.service, input, { key: ctx.idempotencyKey, procedure: "imports.create" }),
      ),
    ),
  /** The job's status, progress (processedRows of totalRows) and counts; only the key's own jobs. */
  get: permitted("import.read")
    .input(jobId)
    .output(
      ZConnectImportJob.extend({
        warnings: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
      }),
    )
    .query(async ({ ctx, input }) => ({
      ...ZConnectImportJob.parse(await getImportJob(ctx.service, input.importJobId)),
      warnings: await listJobWarnings(ctx.service, input.importJobId),
    })),
  /** The job's rows by row number, optionally of one status; pass `nextAfter` back as `after`. */
  rows: permitted("import.read")
    .input(ZImportRowsInput)
    .output(z.object({ items: z.array(ZImportRowView), nextAfter: z.number().nullable() }))
    .query(({ ctx, input }) => listImportRows(ctx.service, input)),
});
