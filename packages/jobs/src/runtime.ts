import { type Database, schema } from "@ordinavo/db";
import { and, eq, sql } from "drizzle-orm";
import { Inngest, type InngestFunction } from "inngest";
import { serve } from "inngest/remix";
import { webhookDeliveryDue, webhookEventRecorded } from "./events";
import { createLocalExecutor, createLocalSigningKey, FinalRunError, type LocalExecutor } from "./executor";
import { createFollowUpFunction } from "./functions/create-follow-up";
import { createGenerateRecurringVisitsFunction } from "./functions/generate-recurring-visits";
import { createHousekeepingFunction } from "./functions/housekeeping";
import { createImportJobFunction, type ImportJobRunner } from "./functions/import-job";
import {
  createRetentionFunction,
  createRetentionScheduleFunction,
  type FileRemover,
} from "./functions/retention";
import {
  createWebhookDeliveryFunction,
  createWebhookDisabledNoticeFunction,
  createWebhookFanOutFunction,
} from "./functions/webhooks";
import { createOutboxRelay, type Deliver, type RelayEvent, type RelayLog } from "./relay";
import type { WebhookDeliveryOptions } from "./webhooks/deliver";

export const APP_ID = "ordinavo";

export type JobsConfig =
  /** No Inngest server: registered functions run in this process, fed by the outbox relay. */
  | { mode: "in-process" }
  /** An Inngest server (the dev server, self-hosted, or Inngest Cloud) runs the functions. */
  | {
      mode: "inngest";
      isDev: boolean;
      baseUrl?: string;
      eventKey?: string;
      signingKey?: string;
      /**
       * Lets an unsigned PUT /api/inngest make this process register itself with the Inngest
       * server (an outbound call). Off by default: the server's own signed in-band sync, or the
       * dev server (INNGEST_DEV), registers the app instead.
       */
      registerOnPut?: boolean;
    };

export interface JobsOptions {
  db: Database;
  config: JobsConfig;
  log?: RelayLog;
  /** Extra functions (tests); the product's own are always registered. */
  extraFunctions?: (inngest: Inngest.Any) => InngestFunction.Any[];
  /** In-process cron runs (tests shorten the delays). */
  scheduler?: Partial<SchedulerTiming>;
  /**
   * Outgoing webhooks. Without it: no private addresses, https only. The server passes
   * WEBHOOK_ALLOW_PRIVATE and whether it runs in development.
   */
  webhooks?: Omit<WebhookDeliveryOptions, "log">;
  /** The import job runner (the api package's); without it, import jobs wait unprocessed. */
  imports?: ImportJobRunner;
  /** The file store: retention removes the files of deleted attachments. */
  files?: FileRemover;
}

const safeWebhooks: Omit<WebhookDeliveryOptions, "log"> = { allowPrivate: false, requireHttps: true };

/** Every function the product registers. */
export function createFunctions(
  inngest: Inngest.Any,
  db: Database,
  webhooks: WebhookDeliveryOptions = safeWebhooks,
  files?: FileRemover,
): InngestFunction.Any[] {
  return [
    createFollowUpFunction(inngest, db),
    createGenerateRecurringVisitsFunction(inngest, db),
    createWebhookFanOutFunction(inngest, db),
    createWebhookDeliveryFunction(inngest, db, webhooks),
    createWebhookDisabledNoticeFunction(inngest, db, webhooks),
    createRetentionScheduleFunction(inngest, db),
    createRetentionFunction(inngest, db, files),
    createHousekeepingFunction(inngest, db, webhooks.log, files),
  ];
}

/**
 * The job runtime of one process: the Inngest client, the registered functions, the serve handler
 * for /api/inngest, and the relay that moves outbox rows to whoever runs the functions.
 */
export function createJobs(options: JobsOptions) {
  const { config } = options;
  const signingKey = config.mode === "in-process" ? createLocalSigningKey() : config.signingKey;
  const sdkLogger = quietSdkLogger(options.log);
  const inngest = new Inngest({
    id: APP_ID,
    logger: sdkLogger,
    internalLogger: sdkLogger,
    isDev: config.mode === "inngest" && config.isDev,
    signingKey,
    eventKey: config.mode === "inngest" ? config.eventKey : undefined,
    baseUrl: config.mode === "inngest" ? config.baseUrl : undefined,
  });
  const webhooks = { ...(options.webhooks ?? safeWebhooks), log: options.log };
  const functions = [
    ...createFunctions(inngest, options.db, webhooks, options.files),
    ...(options.imports ? [createImportJobFunction(inngest, options.imports)] : []),
    ...(options.extraFunctions?.(inngest) ?? []),
  ];
  const remixHandler = serve({ client: inngest, functions });
  const handler = async (request: Request) => {
    const refusal = refuseRegistration(request, config);
    return refusal ?? remixHandler({ request });
  };

  let deliver: Deliver;
  let scheduler: JobScheduler;
  if (config.mode === "in-process") {
    const executor = createLocalExecutor({ appId: APP_ID, functions, handler, signingKey: signingKey! });
    deliver = (event) => executor.run(event);
    scheduler = createLocalScheduler(options.db, executor, options.log, options.scheduler);
  } else {
    deliver = async (event) => {
      // The outbox id is the event id: Inngest drops a second send of the same event.
      await inngest.send({ id: event.id, name: event.name, data: event.data, ts: event.ts });
    };
    // The Inngest server runs cron functions itself.
    scheduler = { schedules: [], start() {}, async stop() {}, async runAll() {} };
  }
  const relay = createOutboxRelay({ db: options.db, deliver, log: options.log, laneOf: webhookLane });
  return { mode: config.mode, inngest, functions, handler, relay, scheduler };
}

export type Jobs = ReturnType<typeof createJobs>;

/** Webhook deliveries travel in a lane per endpoint, fan-outs in theirs; everything else in the common one. */
export function webhookLane(event: RelayEvent): string {
  if (event.name === webhookEventRecorded.name) return "webhook:fan-out";
  if (event.name !== webhookDeliveryDue.name) return "";
  const subscriptionId = (event.data as { subscriptionId?: unknown }).subscriptionId;
  return typeof subscriptionId === "string" ? `webhook:${subscriptionId}` : "";
}

/**
 * A PUT to the serve handler asks the app to sync its functions. Unsigned, the SDK answers it
 * by calling out to the Inngest server (and with a 500 when it cannot reach one), so a stranger
 * could make this process send requests and fill the log. Only these reach the SDK: an in-band
 * sync carrying the Inngest server's signature (the SDK checks it and answers without calling
 * out), the dev server's sync in dev mode, or any PUT when the operator asked for it
 * (INNGEST_REGISTER_ON_PUT). In-process mode has no server to sync with.
 */
function refuseRegistration(request: Request, config: JobsConfig): Response | null {
  if (request.method !== "PUT") return null;
  const answer = (status: number, message: string, headers: Record<string, string> = {}) =>
    Response.json({ message }, { status, headers: { "cache-control": "no-store", ...headers } });
  if (config.mode === "in-process") {
    return answer(405, "Functions run in this process; there is nothing to register.", {
      allow: "GET, POST",
    });
  }
  if (config.isDev || config.registerOnPut) return null;
  const signedInBand =
    request.headers.get("x-inngest-sync-kind") === "in_band" && request.headers.has("x-inngest-signature");
  if (signedInBand) return null;
  return answer(401, "Registration needs a signed sync request from the Inngest server.");
}

// --- Cron functions without an Inngest server ------------------------------------------------

export interface SchedulerTiming {
  /** Delay of the catch-up run after start (work missed while the process was down). */
  catchUpDelayMs: number;
  /** Delay of the next attempt after a failed run, unless the next daily time comes sooner. */
  retryDelayMs: number;
  /** How long a claimed run that never finished (its process died) holds its slot. */
  claimTimeoutMs: number;
}

const defaultTiming: SchedulerTiming = {
  catchUpDelayMs: 15_000,
  retryDelayMs: 15 * 60_000,
  claimTimeoutMs: 60 * 60_000,
};

export interface DailySchedule {
  hour: number;
  minute: number;
}

/**
 * Reads the one cron form the in-process scheduler supports: daily at a UTC time,
 * "TZ=UTC m h * * *". Anything else needs an Inngest server; this throws a message saying so.
 */
export function parseDailyCron(expression: string): DailySchedule {
  const match = /^TZ=UTC\s+(\d{1,2})\s+(\d{1,2})\s+\*\s+\*\s+\*$/.exec(expression.trim());
  const minute = Number(match?.[1]);
  const hour = Number(match?.[2]);
  if (!match || minute > 59 || hour > 23) {
    throw new Error(
      `Cron schedule "${expression}" cannot run in-process: only daily schedules of the form ` +
        `"TZ=UTC m h * * *" can. Use an Inngest server (INNGEST_BASE_URL or INNGEST_DEV) for others.`,
    );
  }
  return { hour, minute };
}

/** The last time at or before `at` at which a daily UTC schedule fired. */
export function previousDailyRun(schedule: DailySchedule, at: Date): Date {
  const previous = new Date(at);
  previous.setUTCHours(schedule.hour, schedule.minute, 0, 0);
  if (previous.getTime() > at.getTime()) previous.setUTCDate(previous.getUTCDate() - 1);
  return previous;
}

/** The first time after `after` at which a daily UTC schedule fires. */
export function nextDailyRun(schedule: DailySchedule, after: Date): Date {
  const next = new Date(after);
  next.setUTCHours(schedule.hour, schedule.minute, 0, 0);
  if (next.getTime() <= after.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return next;
}

export interface JobScheduler {
  /** The cron functions this process runs itself (empty with an Inngest server). */
  readonly schedules: ReadonlyArray<{ fnId: string; cron: string; next?: Date }>;
  /** Runs each cron function once shortly after start, then at its daily time. */
  start(): void;
  /** Cancels the timers and waits for runs under way. */
  stop(): Promise<void>;
  /**
   * Runs every cron function now, whatever the schedule and other processes (tests, a manual
   * catch-up); failures are logged, not thrown.
   */
  runAll(): Promise<void>;
}

/**
 * Runs the cron-triggered functions in this process, through the same executor (and signed serve
 * handler) as events. Only daily UTC schedules are supported; an unsupported one fails at startup.
 * Each run is for a slot — the daily time it fell due — and is claimed in the database first
 * (scheduled_runs), so several processes on one database run each slot once: the first to claim
 * it runs it, the others skip. A failed run gives its slot back for the retry; a run whose process
 * died holds it until `claimTimeoutMs` has passed.
 */
function createLocalScheduler(
  db: Database,
  executor: LocalExecutor,
  log: RelayLog | undefined,
  timing: Partial<SchedulerTiming> = {},
): JobScheduler {
  const { catchUpDelayMs, retryDelayMs, claimTimeoutMs } = { ...defaultTiming, ...timing };
  const entries = executor
    .schedules()
    .map((s) => ({ ...s, daily: parseDailyCron(s.cron), next: undefined as Date | undefined }));
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Map<string, Promise<boolean>>();
  let started = false;
  // A timer that fires after stop() and a new start() must not arm a second chain.
  let generation = 0;
  const runs = schema.scheduledRuns;

  /** True when this process may run the slot (no other process ran it or is running it). */
  async function claim(fnId: string, slot: Date): Promise<boolean> {
    const claimed = await db
      .insert(runs)
      .values({ fnId, slot })
      .onConflictDoUpdate({
        target: [runs.fnId, runs.slot],
        set: { claimedAt: sql`now()` },
        setWhere: sql`${runs.finishedAt} is null
          and ${runs.claimedAt} < now() - make_interval(secs => ${claimTimeoutMs / 1000})`,
      })
      .returning({ fnId: runs.fnId });
    return claimed.length > 0;
  }

  function runEntry(entry: (typeof entries)[number], slot?: Date): Promise<boolean> {
    const current = running.get(entry.fnId);
    if (current) return current;
    const run = (async () => {
      if (slot && !(await claim(entry.fnId, slot))) {
        log?.info("Scheduled job skipped: another process ran it", { function: entry.fnId });
        return true;
      }
      try {
        await executor.runScheduled(entry.fnId, entry.cron);
      } catch (error) {
        // The slot goes back, so the retry (here or in another process) may claim it.
        if (slot) await db.delete(runs).where(and(eq(runs.fnId, entry.fnId), eq(runs.slot, slot)));
        throw error;
      }
      if (slot) {
        await db
          .update(runs)
          .set({ finishedAt: sql`now()` })
          .where(and(eq(runs.fnId, entry.fnId), eq(runs.slot, slot)));
      }
      log?.info("Scheduled job ran", { function: entry.fnId });
      return true;
    })()
      .catch((error: unknown) => {
        // The kind of problem only: messages may quote data; the SDK's own logger is quiet too.
        log?.warn("Scheduled job failed", {
          function: entry.fnId,
          final: error instanceof FinalRunError,
          error: error instanceof Error ? error.name : typeof error,
        });
        return false;
      })
      .finally(() => running.delete(entry.fnId));
    running.set(entry.fnId, run);
    return run;
  }

  /** Arms the entry's timer: at `at`, run the run for `slot`. */
  function arm(entry: (typeof entries)[number], at: Date, slot: Date) {
    entry.next = at;
    const armedIn = generation;
    const timer = setTimeout(
      async () => {
        timers.delete(entry.fnId);
        const ok = await runEntry(entry, slot);
        if (!started || armedIn !== generation) return;
        const daily = nextDailyRun(entry.daily, new Date());
        const retry = new Date(Date.now() + retryDelayMs);
        if (ok || daily < retry) arm(entry, daily, daily);
        else arm(entry, retry, slot);
      },
      Math.max(0, at.getTime() - Date.now()),
    );
    // Timers never keep the process alive; shutdown stops them anyway.
    timer.unref();
    timers.set(entry.fnId, timer);
  }

  return {
    schedules: entries,
    start() {
      if (started) return;
      started = true;
      generation += 1;
      // The catch-up run is for the last daily time: done already (by this process before a
      // restart, or by another one), it is skipped.
      const catchUp = new Date(Date.now() + catchUpDelayMs);
      for (const entry of entries) arm(entry, catchUp, previousDailyRun(entry.daily, new Date()));
    },
    async stop() {
      started = false;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      for (const entry of entries) entry.next = undefined;
      await Promise.all(running.values());
    },
    async runAll() {
      await Promise.all(entries.map((entry) => runEntry(entry)));
    },
  };
}

/**
 * The SDK logs function errors with their messages and stacks, which may quote data. Our logs
 * keep the kind of problem only; the outbox row keeps the message for diagnosis.
 */
function quietSdkLogger(log: RelayLog | undefined) {
  const describe = (args: unknown[]) => ({
    kinds: args.map((a) => (a instanceof Error ? a.name : typeof a)).join(","),
  });
  return {
    info: () => {},
    debug: () => {},
    warn: (...args: unknown[]) => log?.warn("Inngest SDK warning", describe(args)),
    error: (...args: unknown[]) => log?.warn("Inngest SDK error", describe(args)),
  };
}
