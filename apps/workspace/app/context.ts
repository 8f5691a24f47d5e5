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
  /** Raster tiles for location maps (MAP_TILE_URL); null draws a plain background. */
  map: { tileUrl: string | null };
}

declare module "@remix-run/node" {
  interface AppLoadContext {
    services: Services;
    /** The client's address as the server saw it (sign-in throttling, login events). */
    clientAddress: string | null;
  }
}
