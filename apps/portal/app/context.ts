import type { ApiServices } from "@ordinavo/api";
import type { Database } from "@ordinavo/db";
import type { Jobs } from "@ordinavo/jobs";

/** What the launcher hands every loader and action: services shared by both apps. */
export interface Services {
  db: Database;
  jobs: Jobs;
  /** What the tRPC procedures need: database, auth, links and origins. */
  api: ApiServices;
  /** Whether the process runs in development (stack traces, dev-only pages). */
  development: boolean;
  /**
   * The process's log. Facts only: ids, counts, names of things. An error given as the `error`
   * fact is reduced to its kind and codes (never its message, SQL or parameters).
   */
  log: {
    info(message: string, facts?: Record<string, unknown>): void;
    warn(message: string, facts?: Record<string, unknown>): void;
    error(message: string, facts?: Record<string, unknown>): void;
  };
}

declare module "@remix-run/node" {
  interface AppLoadContext {
    services: Services;
    /**
     * The client's address: the socket's, or what a trusted proxy (TRUST_PROXY) named in
     * X-Forwarded-For. Sign-in throttling and login events use it.
     */
    clientAddress: string | null;
    /** This response's Content-Security-Policy nonce for inline scripts (see entry.server). */
    cspNonce: string;
  }
}
