// `pnpm bench`: an import of 100,000 generated CSV rows of customers, through the whole job path —
// the file in the store, streamed by csv-parse, mapped, validated, upserted in batches of 500 with
// row results and progress — then the same file again (every row unchanged). Real PostgreSQL
// (TEST_DATABASE_URL) only: PGlite is not what an import of this size runs on.
// Target: at least 5,000 rows a second on a 2-core machine.
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { schema, withTenant } from "@ordinavo/db";
import { createTestDatabase } from "@ordinavo/db/testing";
import { buildTeam, buildTenant } from "@ordinavo/demo";
import { DiskFileStore } from "@ordinavo/files";
import { closedGates } from "@ordinavo/policy";
import { eq } from "drizzle-orm";
import type { ServiceContext } from "../src/services/context";
import { getImportJob, startImportJob, uploadImportFile } from "../src/services/imports/jobs";
import { createImportJobRunner } from "../src/services/imports/run";

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);

if (!process.env.TEST_DATABASE_URL) {
  console.info("imports bench: skipped (set TEST_DATABASE_URL to a PostgreSQL server)");
  process.exit(0);
}

const root = mkdtempSync(join(tmpdir(), "ordinavo-import-bench-"));
const database = await createTestDatabase("postgres");
try {
  const { db } = database;
  const files = new DiskFileStore(root);
  const { tenantId } = await buildTenant(db);
  const { admin } = await buildTeam(db, { tenantId, members: { admin: "tenant_admin" } });
  const ctx: ServiceContext = {
    db,
    actor: { kind: "staff", userId: admin.userId, tenantId, role: "tenant_admin" },
    tenantId,
    gates: closedGates,
    timeZone: "UTC",
    files,
  };
  const lines = ["externalId,name,email,phone,industry,type"];
  for (let i = 1; i <= ROWS; i++) {
    lines.push(
      `B-${i},Customer ${i} GmbH,info${i}@example.com,+49 30 ${1000000 + i},Facility services,business`,
    );
  }
  const bytes = new TextEncoder().encode(`${lines.join("\n")}\n`);
  const runner = createImportJobRunner({ db, files });

  const run = async (label: string) => {
    const job = await uploadImportFile(
      ctx,
      { kind: "customer", sourceSystem: "bench", dryRun: false },
      { name: "bench.csv", bytes },
    );
    const started = performance.now();
    await startImportJob(ctx, { importJobId: job.id, mapping: job.mapping });
    // The job function's steps, called as the executor calls them.
    const prepared = await runner.prepare(tenantId, job.id);
    let cursor = prepared?.cursor ?? null;
    while (cursor) cursor = (await runner.batch(tenantId, job.id, cursor)).cursor;
    await runner.finish(tenantId, job.id);
    const seconds = (performance.now() - started) / 1000;
    const done = await getImportJob(ctx, job.id);
    const rate = Math.round(done.processedRows / seconds);
    console.info(
      `imports bench (${label}): ${done.processedRows} rows in ${seconds.toFixed(1)} s = ${rate} rows/s ` +
        `(status ${done.status}, ${JSON.stringify(done.summary)}, load ${loadavg()[0]!.toFixed(2)})`,
    );
    return rate;
  };

  const first = await run("first run, all created");
  const second = await run("same file again, all unchanged");
  const count = await withTenant(db, tenantId, (tx) =>
    tx.$count(schema.customers, eq(schema.customers.tenantId, tenantId)),
  );
  console.info(`imports bench: ${count} customers stored; target ≥ 5000 rows/s`);
  if (Math.min(first, second) < 5000) console.info("imports bench: BELOW TARGET");
} finally {
  await database.destroy();
  rmSync(root, { recursive: true, force: true });
}
