import { importFields, requiredImportFields, type upsertKinds } from "@ordinavo/domain";
import { z } from "zod";
import { permitted, workspaceT } from "../realms/workspace";
import {
  cancelImportJob,
  getImportJob,
  listImportJobs,
  listImportRows,
  listJobWarnings,
  previewImportJob,
  runImportForReal,
  startImportJob,
  uploadImportFile,
  ZImportJobView,
  ZImportRowsInput,
  ZImportRowView,
  ZListImportJobsInput,
  ZStartImportInput,
  ZUploadImportInput,
} from "../services/imports/jobs";

const ZId = z.object({ importJobId: z.uuid({ error: "Choose an import" }) });
const ZWarning = z.object({ field: z.string(), code: z.string(), message: z.string() });

/** Imports, for admins (import.read / import.write): upload, map, start, follow, cancel. */
export const importsRouter = workspaceT.router({
  list: permitted("import.read")
    .input(ZListImportJobsInput)
    .output(z.object({ items: z.array(ZImportJobView), hasMore: z.boolean() }))
    .query(({ ctx, input }) => listImportJobs(ctx.service, input)),

  /** The job, its job-level warnings, and for a pending job the file's columns and first rows. */
  get: permitted("import.read")
    .input(ZId)
    .output(
      z.object({
        job: ZImportJobView,
        warnings: z.array(ZWarning),
        preview: z
          .object({ columns: z.array(z.string()), rows: z.array(z.record(z.string(), z.string())) })
          .nullable(),
        fields: z.array(z.string()),
        requiredFields: z.array(z.string()),
      }),
    )
    .query(async ({ ctx, input }) => {
      const job = await getImportJob(ctx.service, input.importJobId);
      const kind = job.kind as (typeof upsertKinds)[number];
      return {
        job,
        warnings: await listJobWarnings(ctx.service, input.importJobId),
        preview: job.status === "pending" ? await previewImportJob(ctx.service, input.importJobId) : null,
        fields: [...importFields[kind]],
        requiredFields: [...requiredImportFields[kind]],
      };
    }),

  rows: permitted("import.read")
    .input(ZImportRowsInput)
    .output(z.object({ items: z.array(ZImportRowView), nextAfter: z.number().nullable() }))
    .query(({ ctx, input }) => listImportRows(ctx.service, input)),

  upload: permitted("import.write")
    .input(ZUploadImportInput.extend({ file: z.instanceof(File, { error: "Choose a file" }) }))
    .output(ZImportJobView)
    .mutation(async ({ ctx, input }) => {
      const { file, ...rest } = input;
      const bytes = new Uint8Array(await file.arrayBuffer());
      return uploadImportFile(ctx.service, rest, { name: file.name, bytes });
    }),

  start: permitted("import.write")
    .input(ZStartImportInput)
    .output(ZImportJobView)
    .mutation(({ ctx, input }) => startImportJob(ctx.service, input)),

  cancel: permitted("import.write")
    .input(ZId)
    .output(ZImportJobView)
    .mutation(({ ctx, input }) => cancelImportJob(ctx.service, input.importJobId)),

  runForReal: permitted("import.write")
    .input(ZId)
    .output(ZImportJobView)
    .mutation(({ ctx, input }) => runImportForReal(ctx.service, input.importJobId)),
});
