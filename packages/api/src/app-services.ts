import type { ApiServices } from "./context";

/**
 * What the launcher (apps/server) hands both Remix apps through the load context, created once per
 * process. The apps know these services only through this type, so they depend on `@ordinavo/api`
 * and not on the database, job or auth packages behind it.
 */
export interface AppServices {
  /** What the tRPC procedures need: database, auth, links and origins. */
  api: ApiServices;
  /** The background-job endpoint (Inngest's serve handler) for `/api/inngest`. */
  jobs: { handler(request: Request): Promise<Response> };
  /** Answers when the database can be reached (`/healthz`). */
  health(): Promise<boolean>;
  /**
   * The process's log. Facts only: ids, counts, names of things. An error given as the `error`
   * fact is reduced to its kind and codes (never its message, SQL or parameters).
   */
  log: {
    info(message: string, facts?: Record<string, unknown>): void;
    warn(message: string, facts?: Record<string, unknown>): void;
    error(message: string, facts?: Record<string, unknown>): void;
  };
  /** Whether the process runs in development (stack traces, dev-only pages). */
  development: boolean;
  /** Raster tiles for location maps (MAP_TILE_URL); null draws a plain background. */
  map: { tileUrl: string | null };
}
