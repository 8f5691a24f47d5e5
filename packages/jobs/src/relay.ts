import { type Database, rowsOf, schema, withSystem } from "@ordinavo/db";
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
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
   * Which lane an event travels in; must agree with `laneSql`. The common lane ("") delivers its
   * events one after another, in order; a named lane (a webhook endpoint) hands all its claimed
   * events over at once, and whoever runs them keeps to the endpoint's concurrency. While a lane
   * is busy, the background loop claims nothing more for it, so a slow lane (a receiver that
   * times out) holds up only itself. Without it every event shares the common lane.
   */
  laneOf?: (event: RelayEvent) => string;
  /** The same lane, computed in SQL over an outbox row (`name`, `payload`); defaults to WEBHOOK_LANE_SQL. */
  laneSql?: SQL;
  /** At most this many claimed events are being delivered at once (background loop). */
  maxInFlight?: number;
}

/**
 * The lane of an outbox row in SQL, as `webhookLane` (runtime.ts) computes it for an event: a
 * lane per endpoint for webhook deliveries, one for webhook fan-outs, the common lane for the rest.
 */
export const WEBHOOK_LANE_SQL = sql`case
  when name = 'ordinavo/webhook.event_recorded' then 'webhook:fan-out'
  when name = 'ordinavo/webhook.delivery_due' and jsonb_typeof(payload -> 'subscriptionId') = 'string'
  then 'webhook:' || (payload ->> 'subscriptionId') else '' end`;

type Claimed = {
  id: string;
  name: string;
  payload: Record<string, unknown>;
  attempts: number;
  created_at: string;
};

type Outcome = { ok: true } | { ok: false; error: string; final: boolean; attempts: number };

/**
 * Moves recorded events out of the outbox. Rows are claimed (leased) in a short transaction,
 * delivered outside any transaction, then marked done — only after delivery succeeded. If the
 * process dies in between, the lease runs out and another pass delivers it again; the outbox id is
 * the event id, so Inngest deduplicates the resend and local functions are idempotent.
 */
export function createOutboxRelay(options: RelayOptions) {
  const batchSize = options.batchSize ?? 100;
  const lease = options.leaseSeconds ?? 120;
  const maxAttempts = options.maxAttempts ?? 8;
  const backoff = options.backoffSeconds ?? 5;
  const pollInterval = options.pollIntervalMs ?? 1000;
  const maxInFlight = options.maxInFlight ?? 1000;
  const laneSql = options.laneSql ?? WEBHOOK_LANE_SQL;
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  /** Lanes being delivered by this process, with their work. */
  const busy = new Map<string, Promise<void>>();
  let inFlight = 0;
  /** Claims run one at a time, so a lane is never claimed twice while it is busy. */
  let claiming: Promise<unknown> = Promise.resolve();
  let ticking: Promise<unknown> | undefined;

  async function claim(skipLanes: readonly string[]): Promise<Claimed[]> {
    return withSystem(options.db, async (tx) =>
      rowsOf<Claimed>(
        await tx.execute(sql`
          update outbox_events set attempts = attempts + 1,
                 next_attempt_at = now() + make_interval(secs => ${lease})
          where id in (
            select id from outbox_events
            where status = 'pending' and next_attempt_at <= now()
              ${skipLanes.length ? sql`and not ((${laneSql}) = any(${`{${skipLanes.map(quoteArrayItem).join(",")}}`}::text[]))` : sql``}
            order by sequence
            limit ${batchSize}
            for update skip locked)
          returning id, name, payload, attempts, created_at`),
      ),
    );
  }

  /** Marks delivered events done, all in one statement. */
  async function settleDone(ids: readonly string[]) {
    if (ids.length === 0) return;
    await withSystem(options.db, async (tx) => {
      const table = schema.outboxEvents;
      await tx
        .update(table)
        .set({ status: "done", processedAt: new Date(), lastError: null })
        .where(inArray(table.id, [...ids]));
    });
  }

  async function settleFailed(id: string, outcome: Exclude<Outcome, { ok: true }>) {
    await withSystem(options.db, async (tx) => {
      const table = schema.outboxEvents;
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

  /** Delivers one claimed event; a failure is settled at once (back to pending with a backoff). */
  async function handle(row: Claimed, event: RelayEvent): Promise<boolean> {
    try {
      await options.deliver(event);
      return true;
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
      await settleFailed(row.id, { ok: false, error: message, final, attempts: row.attempts });
      return false;
    }
  }

  /** One lane's events: the common lane in order, a named lane all at once; then the done ones settled. */
  async function runLane(lane: string, entries: Array<{ row: Claimed; event: RelayEvent }>) {
    const done: string[] = [];
    if (lane === "") {
      for (const { row, event } of entries) if (await handle(row, event)) done.push(row.id);
    } else {
      const oks = await Promise.all(entries.map(({ row, event }) => handle(row, event)));
      entries.forEach(({ row }, index) => {
        if (oks[index]) done.push(row.id);
      });
    }
    await settleDone(done);
  }

  /** Claims due events of lanes not busy here and starts delivering them; resolves once they are claimed. */
  async function tick(): Promise<{ claimed: number; work: Promise<void> }> {
    const result = claiming.then(async () => {
      const claimed = await claim([...busy.keys()]);
      const lanes = new Map<string, Array<{ row: Claimed; event: RelayEvent }>>();
      for (const row of claimed) {
        const event = {
          id: row.id,
          name: row.name,
          data: row.payload,
          ts: new Date(row.created_at).getTime(),
        };
        const lane = options.laneOf?.(event) ?? "";
        lanes.set(lane, [...(lanes.get(lane) ?? []), { row, event }]);
      }
      const work: Promise<void>[] = [];
      for (const [lane, entries] of lanes) {
        inFlight += entries.length;
        const running = runLane(lane, entries)
          .catch((error: unknown) => {
            options.log?.warn("Outbox relay lane failed", {
              error: error instanceof Error ? error.name : "unknown",
            });
          })
          .finally(() => {
            inFlight -= entries.length;
            busy.delete(lane);
            // The lane is free again: look for its next events now rather than at the next poll.
            kick();
          });
        busy.set(lane, running);
        work.push(running);
      }
      return { claimed: claimed.length, work: Promise.all(work).then(() => {}) };
    });
    claiming = result.catch(() => {});
    return result;
  }

  /**
   * One pass: claim due events and deliver them (lanes side by side), waiting until they are
   * handled. Returns how many were claimed.
   */
  async function runOnce(): Promise<number> {
    const { claimed, work } = await tick();
    await work;
    return claimed;
  }

  /**
   * Runs passes until the outbox has nothing due (tests and `drain` on shutdown). Passes overlap
   * like the background loop's: while some lanes are busy, the next pass claims for the others.
   */
  async function drain(maxPasses = 100): Promise<number> {
    let total = 0;
    for (let pass = 0; pass < maxPasses; pass++) {
      const { claimed } = await tick();
      total += claimed;
      if (claimed === 0) {
        if (busy.size === 0) break;
        // Wait for a lane to finish: its follow-up events (a fan-out's deliveries) may be due.
        await Promise.race(busy.values());
      }
    }
    await Promise.all(busy.values());
    return total;
  }

  /** The background loop: claim whenever lanes are free, poll when nothing was due. */
  function loop(delay: number) {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (stopped || ticking) return;
      if (inFlight >= maxInFlight) return loop(pollInterval);
      ticking = tick()
        .then(({ claimed }) => claimed)
        .catch((error: unknown) => {
          options.log?.warn("Outbox relay pass failed", {
            error: error instanceof Error ? error.name : "unknown",
          });
          return 0;
        })
        .then((claimed) => {
          ticking = undefined;
          loop(claimed > 0 ? 0 : pollInterval);
        });
    }, delay);
  }

  function kick() {
    if (!stopped && !ticking) loop(0);
  }

  return {
    runOnce,
    drain,
    /** Polls the outbox in the background. */
    start() {
      if (!stopped) return;
      stopped = false;
      loop(pollInterval);
    },
    /** Stops polling and waits for the deliveries under way. */
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await ticking;
      await Promise.all(busy.values());
    },
  };
}

/** One item of a PostgreSQL text[] literal. */
function quoteArrayItem(value: string): string {
  return `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

export type OutboxRelay = ReturnType<typeof createOutboxRelay>;
