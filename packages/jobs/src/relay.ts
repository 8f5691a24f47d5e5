import { type Database, rowsOf, schema, withSystem } from "@ordinavo/db";
import { and, eq, sql } from "drizzle-orm";
import { FinalRunError } from "./executor";

export interface RelayEvent {
  id: string;
  name: string;
  data: Record<string, unknown>;
  ts: number;
}

/** Hands one event to whoever runs functions: an Inngest server, or the local executor. */
export type Deliver = (event: RelayEvent) => Promise<void>;

export interface RelayLog {
  info(message: string, facts?: Record<string, unknown>): void;
  warn(message: string, facts?: Record<string, unknown>): void;
}

export interface RelayOptions {
  db: Database;
  deliver: Deliver;
  log?: RelayLog;
  batchSize?: number;
  /** How long a claimed event stays invisible to other relays before it counts as abandoned. */
  leaseSeconds?: number;
  maxAttempts?: number;
  /** Backoff base: attempt n waits base × 2^(n-1), capped at one hour. */
  backoffSeconds?: number;
  pollIntervalMs?: number;
  /**
   * Which lane an event travels in. Lanes of one pass are delivered side by side, each in order;
   * without it every event shares one lane. Webhook deliveries get a lane per endpoint, so a slow
   * receiver does not hold up the others' deliveries (runtime.ts).
   */
  laneOf?: (event: RelayEvent) => string;
}

type Claimed = {
  id: string;
  name: string;
  payload: Record<string, unknown>;
  attempts: number;
  created_at: string;
};

/**
 * Moves recorded events out of the outbox. A row is claimed (leased) in a short transaction,
 * delivered outside any transaction, then marked done — only after delivery succeeded. If the
 * process dies in between, the lease runs out and another pass delivers it again; the outbox id is
 * the event id, so Inngest deduplicates the resend and local functions are idempotent.
 */
export function createOutboxRelay(options: RelayOptions) {
  const batchSize = options.batchSize ?? 20;
  const lease = options.leaseSeconds ?? 120;
  const maxAttempts = options.maxAttempts ?? 8;
  const backoff = options.backoffSeconds ?? 5;
  const pollInterval = options.pollIntervalMs ?? 1000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;

  async function claim(): Promise<Claimed[]> {
    return withSystem(options.db, async (tx) =>
      rowsOf<Claimed>(
        await tx.execute(sql`
          update outbox_events set attempts = attempts + 1,
                 next_attempt_at = now() + make_interval(secs => ${lease})
          where id in (
            select id from outbox_events
            where status = 'pending' and next_attempt_at <= now()
            order by sequence
            limit ${batchSize}
            for update skip locked)
          returning id, name, payload, attempts, created_at`),
      ),
    );
  }

  async function settle(
    id: string,
    outcome: { ok: true } | { ok: false; error: string; final: boolean; attempts: number },
  ) {
    await withSystem(options.db, async (tx) => {
      const table = schema.outboxEvents;
      if (outcome.ok) {
        await tx
          .update(table)
          .set({ status: "done", processedAt: new Date(), lastError: null })
          .where(eq(table.id, id));
        return;
      }
      const dead = outcome.final || outcome.attempts >= maxAttempts;
      const wait = Math.min(backoff * 2 ** (outcome.attempts - 1), 3600);
      await tx
        .update(table)
        .set({
          status: dead ? "failed" : "pending",
          lastError: outcome.error.slice(0, 500),
          nextAttemptAt: sql`now() + make_interval(secs => ${wait})`,
        })
        .where(and(eq(table.id, id), eq(table.status, "pending")));
    });
  }

  /** Delivers one claimed event and settles its row: done, or back to pending with a backoff. */
  async function handle(row: Claimed, event: RelayEvent) {
    try {
      await options.deliver(event);
      await settle(row.id, { ok: true });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const final = error instanceof FinalRunError;
      // Log the event name and id only: payloads stay out of logs.
      options.log?.warn("Background event failed", {
        event: row.name,
        id: row.id,
        attempt: row.attempts,
        final,
      });
      await settle(row.id, { ok: false, error: message, final, attempts: row.attempts });
    }
  }

  /**
   * One pass: claim due events and deliver them, in order within each lane (lanes side by side).
   * Returns how many were handled.
   */
  async function runOnce(): Promise<number> {
    const claimed = await claim();
    const lanes = new Map<string, Array<{ row: Claimed; event: RelayEvent }>>();
    for (const row of claimed) {
      const event = { id: row.id, name: row.name, data: row.payload, ts: new Date(row.created_at).getTime() };
      const lane = options.laneOf?.(event) ?? "";
      lanes.set(lane, [...(lanes.get(lane) ?? []), { row, event }]);
    }
    await Promise.all(
      [...lanes.values()].map(async (entries) => {
        for (const { row, event } of entries) await handle(row, event);
      }),
    );
    return claimed.length;
  }

  /** Runs passes until the outbox has nothing due (tests and `drain` on shutdown). */
  async function drain(maxPasses = 100): Promise<number> {
    let total = 0;
    for (let pass = 0; pass < maxPasses; pass++) {
      const handled = await runOnce();
      total += handled;
      if (handled === 0) break;
    }
    return total;
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(async () => {
      running = drain(10).catch((error: unknown) => {
        options.log?.warn("Outbox relay pass failed", {
          error: error instanceof Error ? error.name : "unknown",
        });
        return 0;
      });
      await running;
      running = undefined;
      schedule();
    }, pollInterval);
  }

  return {
    runOnce,
    drain,
    /** Polls the outbox in the background. */
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    /** Stops polling and waits for the pass under way. */
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

export type OutboxRelay = ReturnType<typeof createOutboxRelay>;
