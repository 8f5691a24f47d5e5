import { type Database, openDatabase, schema } from "@ordinavo/db";
import { createTestDatabase, type TestDatabase, testEngines } from "@ordinavo/db/testing";
import { eq } from "drizzle-orm";
import { cron, type Inngest } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RelayLog } from "./relay";
import { APP_ID, createJobs, previousDailyRun } from "./runtime";

// Several server processes on one database without an Inngest server: each runs the in-process
// scheduler, and each daily slot must run once. Two runtimes stand for two processes; on
// PostgreSQL each has its own connection pool, as separate processes would.

/** A log that keeps "message function" lines. */
function quietLog(): RelayLog & { messages: string[] } {
  const messages: string[] = [];
  const note = (message: string, facts?: Record<string, unknown>) =>
    messages.push(`${message} ${String(facts?.function ?? "")}`.trim());
  return { messages, info: note, warn: note };
}

describe.each(testEngines())("the in-process scheduler across processes on %s", (engine) => {
  let database: TestDatabase;
  let second: { db: Database; close(): Promise<void> };

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    // PGlite is one session in one process: the second runtime shares the handle. On PostgreSQL it
    // gets a pool of its own on the same database.
    const url = (database as unknown as { url?: string }).url;
    second = url ? await openDatabase({ url }) : { db: database.db, close: async () => {} };
  }, 120_000);
  afterAll(async () => {
    await second?.close();
    await database?.destroy();
  });

  /** A runtime with one counting cron function (daily at 03:15 UTC). */
  function runtime(db: Database, id: string, calls: string[], fail = false) {
    const log = quietLog();
    const jobs = createJobs({
      db,
      config: { mode: "in-process" },
      log,
      scheduler: { catchUpDelayMs: 10, retryDelayMs: 3_600_000 },
      extraFunctions: (inngest: Inngest.Any) => [
        inngest.createFunction({ id, retries: 0, triggers: [cron("TZ=UTC 15 3 * * *")] }, () => {
          calls.push(id);
          if (fail) throw new Error("nightly work failed");
          return "done";
        }),
      ],
    });
    return { jobs, log };
  }

  const claimsOf = (fnId: string) =>
    database.db.select().from(schema.scheduledRuns).where(eq(schema.scheduledRuns.fnId, fnId));

  it("runs a slot in one process when two start together, and not again after a restart", async () => {
    const calls: string[] = [];
    const a = runtime(database.db, "nightly-count", calls);
    const b = runtime(second.db, "nightly-count", calls);
    a.jobs.scheduler.start();
    b.jobs.scheduler.start();
    const fnId = `${APP_ID}-nightly-count`;
    // Done with its catch-up run: ran it, or found it taken.
    const settled = (s: typeof a) =>
      s.log.messages.some((m) => m === `Scheduled job ran ${fnId}` || m.endsWith(`ran it ${fnId}`));
    try {
      await expect.poll(() => settled(a) && settled(b), { timeout: 20_000 }).toBe(true);
    } finally {
      await a.jobs.scheduler.stop();
      await b.jobs.scheduler.stop();
    }
    expect(calls, [...a.log.messages, ...b.log.messages].join("\n")).toEqual(["nightly-count"]);
    const skipped = [...a.log.messages, ...b.log.messages].filter((m) =>
      m.startsWith("Scheduled job skipped"),
    );
    // Every cron function (the product's and this one) ran in one runtime and was skipped in the other.
    expect(skipped.sort()).toEqual(
      a.jobs.scheduler.schedules.map((e) => `Scheduled job skipped: another process ran it ${e.fnId}`).sort(),
    );
    const [claim] = await claimsOf(fnId);
    expect(claim!.slot.toISOString()).toBe(
      previousDailyRun({ hour: 3, minute: 15 }, new Date()).toISOString(),
    );
    expect(claim!.finishedAt).not.toBeNull();

    // A restart later the same day finds the slot done.
    const c = runtime(database.db, "nightly-count", calls);
    c.jobs.scheduler.start();
    try {
      await expect.poll(() => settled(c), { timeout: 20_000 }).toBe(true);
    } finally {
      await c.jobs.scheduler.stop();
    }
    expect(calls).toHaveLength(1);
    // runAll is the manual way: it runs whatever the slots say.
    await c.jobs.scheduler.runAll();
    expect(calls).toHaveLength(2);
  });

  it("gives a failed run's slot back, so the retry can claim it", async () => {
    const calls: string[] = [];
    const a = runtime(database.db, "nightly-failing", calls, true);
    a.jobs.scheduler.start();
    try {
      await expect
        .poll(() => a.log.messages.includes(`Scheduled job failed ${APP_ID}-nightly-failing`), {
          timeout: 20_000,
        })
        .toBe(true);
    } finally {
      await a.jobs.scheduler.stop();
    }
    expect(calls).toEqual(["nightly-failing"]);
    expect(await claimsOf(`${APP_ID}-nightly-failing`)).toEqual([]);
  });
});
