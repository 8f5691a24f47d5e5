import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import type { Log } from "./log";

export interface AppServices {
  db: unknown;
  jobs: unknown;
  api: unknown;
  development: boolean;
  /** Map tiles for the workspace's location maps (none: a plain background). */
  map: { tileUrl: string | null };
}

/**
 * An Express app around one Remix server build: fingerprinted assets cached for a year, other
 * public files for an hour, everything else rendered by Remix with the shared services.
 */
export function createRemixApp(options: {
  build: ServerBuild;
  clientDir: string;
  services: AppServices;
  log: Log;
  name: string;
  /** Origins allowed to post forms and mutations to this app (its own public origin). */
  origins: string[];
}) {
  const app = express();
  app.disable("x-powered-by");
  app.use((_req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    next();
  });
  // Cross-site form posts and mutations are refused before anything runs. Endpoints that
  // authenticate by bearer key or request signature (not cookies) are not exposed to CSRF.
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    if (req.path.startsWith("/api/connect") || req.path.startsWith("/api/inngest")) return next();
    const origin = req.get("origin") ?? refererOrigin(req.get("referer"));
    if (origin && options.origins.includes(origin)) return next();
    options.log.warn("Cross-site request refused", { app: options.name, method: req.method });
    res.status(403).type("text/plain").send("This request did not come from this site.");
  });
  app.use(
    "/assets",
    express.static(path.join(options.clientDir, "assets"), { immutable: true, maxAge: "1y", index: false }),
  );
  app.use(express.static(options.clientDir, { maxAge: "1h", index: false }));
  app.use(
    createRequestHandler({
      build: options.build,
      mode: options.services.development ? "development" : "production",
      getLoadContext: (req) => ({
        services: options.services,
        clientAddress: req.socket.remoteAddress ?? null,
      }),
    }),
  );
  // Last resort: an error outside Remix. Say nothing about it to the client.
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    options.log.error("Request failed outside Remix", {
      app: options.name,
      error: error instanceof Error ? error.name : "unknown",
    });
    if (!res.headersSent) res.status(500).type("text/plain").send("Internal Server Error");
  });
  return app;
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}
