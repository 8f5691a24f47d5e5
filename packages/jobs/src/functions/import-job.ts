import type { Inngest } from "inngest";
import { importJobRequested } from "../events";

/** Where a job's next batch starts: a byte offset in its file and the row number there. */
export type ImportCursor = { byteOffset: number; rowNumber: number; header: string[] | null };

/**
 * The work of an import job, step by step. It lives beside the upsert core (the api package,
 * which depends on this one); the launcher passes it to `createJobs`. Each call is idempotent: a
 * repeated batch writes what it wrote before (rows upsert by external id, row results by number).
 */
export interface ImportJobRunner {
  /** Counts the rows and checks the mapping; `null` when there is nothing to run. */
  prepare(tenantId: string, importJobId: string): Promise<{ cursor: ImportCursor } | null>;
  /** Validates (and, unless a dry run, upserts) the rows from `cursor`; stops on cancel. */
  batch(
    tenantId: string,
    importJobId: string,
    cursor: ImportCursor,
  ): Promise<{ cursor: ImportCursor | null }>;
  /** Ends the job (completed, completed_with_warnings or failed) with its event and audit. */
  finish(tenantId: string, importJobId: string): Promise<void>;
}

/** The in-process executor answers at most 200 requests per run: keep the steps below that. */
export const MAX_IMPORT_BATCH_STEPS = 180;

/**
 * Runs an import job: one step to prepare, a step per batch (a crash resumes after the last
 * finished batch), one to finish. The payload is re-parsed like any input.
 */
export function createImportJobFunction(inngest: Inngest.Any, runner: ImportJobRunner) {
  return inngest.createFunction(
    { id: "run-import-job", name: "Run an import job", triggers: [importJobRequested], retries: 3 },
    async ({ event, step }) => {
      const { tenantId, importJobId } = importJobRequested.schema.parse(event.data);
      const prepared = await step.run("prepare", () => runner.prepare(tenantId, importJobId));
      if (!prepared) return { ran: false };
      let cursor: ImportCursor | null = prepared.cursor;
      for (let n = 0; cursor && n < MAX_IMPORT_BATCH_STEPS; n++) {
        const from: ImportCursor = cursor;
        cursor = (await step.run(`batch-${n}`, () => runner.batch(tenantId, importJobId, from))).cursor;
      }
      await step.run("finish", () => runner.finish(tenantId, importJobId));
      return { ran: true };
    },
  );
}
