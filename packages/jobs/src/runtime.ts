import type { Database } from "@ordinavo/db";
import { Inngest, type InngestFunction } from "inngest";
import { serve } from "inngest/remix";
import { createLocalExecutor, createLocalSigningKey } from "./executor";
import { createFollowUpFunction } from "./functions/create-follow-up";
import { createOutboxRelay, type Deliver, type RelayLog } from "./relay";

export const APP_ID = "ordinavo";

export type JobsConfig =
  /** No Inngest server: registered functions run in this process, fed by the outbox relay. */
  | { mode: "in-process" }
  /** An Inngest server (the dev server, self-hosted, or Inngest Cloud) runs the functions. */
  | { mode: "inngest"; isDev: boolean; baseUrl?: string; eventKey?: string; signingKey?: string };

export interface JobsOptions {
  db: Database;
  config: JobsConfig;
  log?: RelayLog;
  /** Extra functions (tests); the product's own are always registered. */
  extraFunctions?: (inngest: Inngest.Any) => InngestFunction.Any[];
}

/** Every function the product registers. */
export function createFunctions(inngest: Inngest.Any, db: Database): InngestFunction.Any[] {
  return [createFollowUpFunction(inngest, db)];
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
  const functions = [...createFunctions(inngest, options.db), ...(options.extraFunctions?.(inngest) ?? [])];
  const remixHandler = serve({ client: inngest, functions });
  const handler = (request: Request) => remixHandler({ request });

  let deliver: Deliver;
  if (config.mode === "in-process") {
    const executor = createLocalExecutor({ appId: APP_ID, functions, handler, signingKey: signingKey! });
    deliver = (event) => executor.run(event);
  } else {
    deliver = async (event) => {
      // The outbox id is the event id: Inngest drops a second send of the same event.
      await inngest.send({ id: event.id, name: event.name, data: event.data, ts: event.ts });
    };
  }
  const relay = createOutboxRelay({ db: options.db, deliver, log: options.log });
  return { mode: config.mode, inngest, functions, handler, relay };
}

export type Jobs = ReturnType<typeof createJobs>;

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
