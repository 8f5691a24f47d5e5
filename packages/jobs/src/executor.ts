import { createHmac, randomBytes, randomUUID } from "node:crypto";
import type { InngestFunction } from "inngest";
import { canonicalJson } from "./canonical-json";

export interface ExecutorEvent {
  id: string;
  name: string;
  data: Record<string, unknown>;
  ts: number;
}

type Op = { id: string; op: string; data?: unknown; error?: unknown; opts?: unknown; displayName?: string };

/** The event name an Inngest server sends to a function at its cron time. */
export const SCHEDULED_EVENT = "inngest/scheduled.timer";

/** A run that failed and should be tried again later (the relay backs off). */
export class RetriableRunError extends Error {}
/** A run that failed for good (a NonRetriableError, or invalid input). */
export class FinalRunError extends Error {}

/**
 * A function's body for many events at once, run by the local executor without the serve
 * handler's protocol (webhook fan-out and delivery: the same work the function's step does, for a
 * batch). It reports each event through `done` as soon as that event is handled — with an error
 * (RetriableRunError / FinalRunError) when it failed; an event left unreported counts as failed.
 */
export type DirectBatchRun = (
  events: readonly ExecutorEvent[],
  done: (event: ExecutorEvent, error?: Error) => void,
) => Promise<void>;

const directRuns = new WeakMap<object, DirectBatchRun>();

/** Lets the local executor run `fn` for batches of events through `run` (see DirectBatchRun). */
export function runsDirectly<F extends InngestFunction.Any>(fn: F, run: DirectBatchRun): F {
  directRuns.set(fn, run);
  return fn;
}

export interface LocalExecutorOptions {
  appId: string;
  functions: InngestFunction.Any[];
  /** The SDK's serve handler, exactly as the workspace serves it at /api/inngest. */
  handler: (request: Request) => Promise<Response>;
  /** The key the client verifies requests with; the executor signs with it. */
  signingKey: string;
  /** Safety net against a function that plans steps forever. */
  maxRequestsPerRun?: number;
  /**
   * Functions registered with `runsDirectly` run their batch body (default); false sends every
   * event through the serve handler like the others.
   */
  directRuns?: boolean;
  /** The most events one direct batch takes. */
  maxBatch?: number;
}

/** A signing key for one process, in the SDK's format; never stored, never logged. */
export function createLocalSigningKey(): string {
  return `signkey-local-${randomBytes(32).toString("hex")}`;
}

/**
 * Runs Inngest functions in this process when no Inngest server is configured, by speaking the
 * same signed HTTP protocol an Inngest server speaks to the app's serve handler: call, memoise the
 * steps the SDK reports, call again, until the function resolves. The function definitions and the
 * handler are the production ones; only the caller differs. Functions registered with
 * `runsDirectly` (webhook fan-out and delivery) run their batch body instead, by default: the same
 * code their steps call, for many events per call.
 */
export function createLocalExecutor(options: LocalExecutorOptions) {
  const key = options.signingKey.replace(/^signkey-[\w]+-/, "");
  const maxRequests = options.maxRequestsPerRun ?? 200;

  function triggerList(fn: InngestFunction.Any) {
    return (
      (fn.opts as { triggers?: Array<{ event?: string | { name: string }; cron?: string }> }).triggers ?? []
    );
  }

  function triggersOf(fn: InngestFunction.Any): string[] {
    return triggerList(fn).flatMap((t) =>
      typeof t.event === "string" ? [t.event] : t.event?.name ? [t.event.name] : [],
    );
  }

  /** Ids (app-prefixed, as the handler knows them) of the functions an event triggers. */
  function functionsFor(eventName: string): string[] {
    return options.functions
      .filter((fn) => triggersOf(fn).includes(eventName))
      .map((fn) => fn.id(options.appId));
  }

  const maxBatch = options.maxBatch ?? 200;
  type Waiting = { event: ExecutorEvent; resolve: () => void; reject: (error: Error) => void };
  const queues = new Map<DirectBatchRun, Waiting[]>();

  /**
   * Runs one event through a direct batch body: events that arrive in the same turn of the event
   * loop (the relay hands a pass's events over together) share one batch.
   */
  function runBatched(batchRun: DirectBatchRun, event: ExecutorEvent): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let queue = queues.get(batchRun);
      if (!queue) {
        queue = [];
        queues.set(batchRun, queue);
        setImmediate(() => {
          const taken = queues.get(batchRun) ?? [];
          queues.delete(batchRun);
          for (let i = 0; i < taken.length; i += maxBatch) void flush(batchRun, taken.slice(i, i + maxBatch));
        });
      }
      queue.push({ event, resolve, reject });
    });
  }

  async function flush(batchRun: DirectBatchRun, waiting: Waiting[]) {
    const open = new Map(waiting.map((w) => [w.event, w]));
    const done = (event: ExecutorEvent, error?: Error) => {
      const entry = open.get(event);
      if (!entry) return;
      open.delete(event);
      if (error) entry.reject(error);
      else entry.resolve();
    };
    try {
      await batchRun(
        waiting.map((w) => w.event),
        done,
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      for (const entry of open.values()) entry.reject(new RetriableRunError(`batch failed: ${reason}`));
      open.clear();
    }
    for (const entry of open.values()) entry.reject(new RetriableRunError("The event was not handled."));
  }

  async function call(fnId: string, stepId: string, body: Record<string, unknown>): Promise<Response> {
    const text = canonicalJson(body);
    const ts = Math.round(Date.now() / 1000).toString();
    const signature = createHmac("sha256", key)
      .update(text + ts)
      .digest("hex");
    const url = new URL("http://in-process.local/api/inngest");
    url.searchParams.set("fnId", fnId);
    url.searchParams.set("stepId", stepId);
    return options.handler(
      new Request(url, {
        method: "POST",
        headers: {
          host: url.host,
          "content-type": "application/json",
          "x-inngest-signature": `t=${ts}&s=${signature}`,
        },
        body: text,
      }),
    );
  }

  async function runFunction(fnId: string, event: ExecutorEvent): Promise<unknown> {
    const runId = randomUUID();
    const steps: Record<string, { type: "data"; data: unknown } | { type: "error"; error: unknown }> = {};
    const stack: string[] = [];
    const pending: string[] = [];
    for (let request = 0; request < maxRequests; request++) {
      const stepId = pending.shift() ?? "step";
      const response = await call(fnId, stepId, {
        event,
        events: [event],
        steps,
        ctx: {
          run_id: runId,
          attempt: 0,
          disable_immediate_execution: false,
          use_api: false,
          stack: { stack, current: stack.length },
        },
        version: 2,
      });
      const text = await response.text();
      if (response.status === 200) return text ? JSON.parse(text) : null;
      if (response.status !== 206) {
        const noRetry = response.headers.get("x-inngest-no-retry") === "true" || response.status === 400;
        const reason = describeError(text) ?? `status ${response.status}`;
        throw noRetry
          ? new FinalRunError(`${fnId} failed: ${reason}`)
          : new RetriableRunError(`${fnId} failed: ${reason}`);
      }
      const parsed = JSON.parse(text) as Op | Op[];
      for (const op of Array.isArray(parsed) ? parsed : [parsed]) {
        switch (op.op) {
          case "StepRun":
          case "Step":
            steps[op.id] = { type: "data", data: op.data ?? null };
            stack.push(op.id);
            break;
          case "StepFailed":
            steps[op.id] = { type: "error", error: op.error };
            stack.push(op.id);
            break;
          case "StepError":
            // A step threw and may succeed later: the whole run is retried by the relay.
            throw new RetriableRunError(`${fnId} step "${op.displayName ?? op.id}" failed`);
          case "StepPlanned":
            pending.push(op.id);
            break;
          case "RunComplete":
            return op.data ?? null;
          default:
            throw new FinalRunError(
              `${fnId} used "${op.op}", which needs an Inngest server; set INNGEST_BASE_URL or INNGEST_DEV.`,
            );
        }
      }
    }
    throw new FinalRunError(`${fnId} did not finish within ${maxRequests} requests`);
  }

  /** The cron schedules of the registered functions, with the functions' (app-prefixed) ids. */
  function schedules(): Array<{ fnId: string; cron: string }> {
    return options.functions.flatMap((fn) =>
      triggerList(fn).flatMap((t) => (t.cron ? [{ fnId: fn.id(options.appId), cron: t.cron }] : [])),
    );
  }

  return {
    functionsFor,
    schedules,
    /** Runs every function the event triggers; throws RetriableRunError / FinalRunError on failure. */
    async run(event: ExecutorEvent): Promise<void> {
      for (const fn of options.functions) {
        if (!triggersOf(fn).includes(event.name)) continue;
        const direct = options.directRuns === false ? undefined : directRuns.get(fn);
        if (direct) await runBatched(direct, event);
        else await runFunction(fn.id(options.appId), event);
      }
    },
    /**
     * Runs a cron-triggered function now, with the event an Inngest server sends at the cron time
     * (name "inngest/scheduled.timer", data { cron }). Resolves with the function's result.
     */
    async runScheduled(fnId: string, cron: string): Promise<unknown> {
      if (!schedules().some((s) => s.fnId === fnId && s.cron === cron)) {
        throw new FinalRunError(`${fnId} has no cron trigger "${cron}"`);
      }
      return runFunction(fnId, { id: randomUUID(), name: SCHEDULED_EVENT, data: { cron }, ts: Date.now() });
    },
  };
}

export type LocalExecutor = ReturnType<typeof createLocalExecutor>;

function describeError(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { message?: unknown; name?: unknown; error?: unknown };
    const message = body.message ?? body.error;
    return typeof message === "string"
      ? `${typeof body.name === "string" ? `${body.name}: ` : ""}${message}`
      : undefined;
  } catch {
    return text ? text.slice(0, 200) : undefined;
  }
}
