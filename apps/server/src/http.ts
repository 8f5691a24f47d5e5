import path from "node:path";
import zlib from "node:zlib";
import {
  type AppServices,
  handleConnectRequest,
  handlePortalRequest,
  handleWorkspaceRequest,
} from "@ordinavo/api";
import {
  type AppLoadContext,
  createRequestHandler,
  type ServerBuild,
  writeReadableStreamToWritable,
} from "@remix-run/node";
import compression from "compression";
import express from "express";
import expressStaticGzip from "express-static-gzip";
import { type BodyLimits, defaultBodyLimits, limitBodies } from "./body-limit";
import type { TrustProxy } from "./config";
import { contentSecurityPolicy, createNonce, templateOrigin } from "./csp";
import type { Log } from "./log";

/**
 * An Express app around one Remix server build: fingerprinted assets cached for a year, other
 * public files for an hour, both sent pre-compressed when the browser accepts it; everything else
 * rendered by Remix with the shared services — under a Content-Security-Policy with a fresh script
 * nonce, never cached, compressed on the fly unless turned off, and with request bodies limited in
 * size.
 */
export function createRemixApp(options: {
  build: ServerBuild;
  clientDir: string;
  services: AppServices;
  log: Log;
  name: "workspace" | "portal";
  /** Origins allowed to post forms and mutations to this app (its own public origin). */
  origins: string[];
  /** Which proxies may tell the client's address (X-Forwarded-For); false: the socket's. */
  trustProxy?: TrustProxy;
  /** Request body limits by path (default: 1 MB everywhere). */
  bodyLimits?: BodyLimits;
  /** Compress pages and API answers on the fly (default true; off behind a compressing proxy). */
  compress?: boolean;
}) {
  const app = express();
  app.disable("x-powered-by");
  // Express reads X-Forwarded-For (req.ip), -Proto and -Host only from the proxies trusted here.
  app.set("trust proxy", options.trustProxy ?? false);
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
  app.use(limitBodies(options.bodyLimits ?? defaultBodyLimits));
  app.use("/assets", publicFiles(path.join(options.clientDir, "assets"), { immutable: true, maxAge: "1y" }));
  app.use(publicFiles(options.clientDir, { maxAge: "1h" }));
  if (options.compress ?? true) app.use(compressAnswers());

  // The API answers before Remix: no route matching, no page context, for requests that are data.
  const endpoints = apiEndpoints(options.name, options.services);
  app.use(async (req, res, next) => {
    const endpoint = endpoints.find(([prefix]) => req.path === prefix || req.path.startsWith(`${prefix}/`));
    if (!endpoint) return next();
    const request = fetchRequestOrRefuse(req, res);
    if (!request) return;
    try {
      const response = await endpoint[1](request, clientAddressOf(req));
      const headers = new Headers(response.headers);
      if (!headers.has("cache-control")) headers.set("Cache-Control", "private, no-store");
      await sendResponse(res, response, headers);
    } catch (error) {
      next(error);
    }
  });

  const imageSources = [templateOrigin(options.services.map.tileUrl)].filter((o): o is string => !!o);
  const handleRequest = createRequestHandler(
    options.build,
    options.services.development ? "development" : "production",
  );
  app.use(async (req, res, next) => {
    const request = fetchRequestOrRefuse(req, res);
    if (!request) return;
    try {
      const cspNonce = createNonce();
      const context = {
        services: options.services,
        clientAddress: clientAddressOf(req),
        cspNonce,
      } as AppLoadContext;
      const response = await handleRequest(request, context);
      const headers = new Headers(response.headers);
      // Pages get the app's policy with this response's nonce. A resource route handing out a
      // stored file sets its own, stricter one (a sandbox, @ordinavo/api's downloadHeaders): kept.
      if (!headers.has("content-security-policy")) {
        headers.set("Content-Security-Policy", contentSecurityPolicy(cspNonce, { imageSources }));
      }
      // Pages show signed-in data: never kept by the browser or a shared cache. Other answers
      // (data, resource routes) default to the same unless the route said otherwise.
      const html = /^text\/html/i.test(headers.get("content-type") ?? "");
      if (html || !headers.has("cache-control")) headers.set("Cache-Control", "private, no-store");
      await sendResponse(res, response, headers);
    } catch (error) {
      next(error);
    }
  });
  // Last resort: an error outside Remix. Say nothing about it to the client.
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    options.log.error("Request failed outside Remix", { app: options.name, error });
    if (!res.headersSent) res.status(500).type("text/plain").send("Internal Server Error");
  });
  return app;
}

/**
 * Public files, each sent as the build's brotli or gzip copy beside it when the browser accepts
 * one (Vary: Accept-Encoding), else as it is. Files the build did not compress (small ones,
 * images) go out as they are.
 */
function publicFiles(dir: string, caching: { maxAge: string; immutable?: boolean }) {
  return expressStaticGzip(dir, {
    enableBrotli: true,
    orderPreference: ["br", "gz"],
    index: false,
    serveStatic: { ...caching, index: false },
  });
}

/**
 * Pages and API answers compressed as they are sent: brotli at a fast level, else gzip, for text
 * of 1 KB and more. Event streams go out as they are written (compression would hold them back).
 */
function compressAnswers() {
  return compression({
    threshold: 1024,
    brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
    filter: (req, res) => {
      if (/text\/event-stream/i.test(String(res.getHeader("content-type") ?? ""))) return false;
      return compression.filter(req, res);
    },
  });
}

type Endpoint = [
  prefix: string,
  handle: (request: Request, clientAddress: string | null) => Promise<Response>,
];

/**
 * The app's API endpoints: the workspace's tRPC procedures, Ordinavo Connect and the Inngest serve
 * handler; the portal's own tRPC procedures (and nothing else: no Connect, no Inngest).
 */
function apiEndpoints(name: "workspace" | "portal", services: AppServices): Endpoint[] {
  const api = services.api;
  if (name === "portal") {
    return [
      [
        "/api/trpc",
        (request, clientAddress) =>
          handlePortalRequest({ request, services: api, endpoint: "/api/trpc", clientAddress }),
      ],
    ];
  }
  return [
    [
      "/api/trpc",
      (request, clientAddress) =>
        handleWorkspaceRequest({ request, services: api, endpoint: "/api/trpc", clientAddress }),
    ],
    ["/api/connect", (request) => handleConnectRequest({ request, services: api, endpoint: "/api/connect" })],
    // Requests must be signed with the configured signing key (the in-process mode signs its own
    // calls with a key that never leaves the process); see packages/jobs/src/runtime.ts.
    ["/api/inngest", (request) => services.jobs.handler(request)],
  ];
}

/** The Fetch API request, or null after answering 400 (a Host header no URL can be made of). */
function fetchRequestOrRefuse(req: express.Request, res: express.Response): Request | null {
  try {
    return toFetchRequest(req, res);
  } catch {
    res.status(400).type("text/plain").send("Bad request.");
    return null;
  }
}

/** The client's address: the socket's, unless a trusted proxy named the client (req.ip). */
function clientAddressOf(req: express.Request): string | null {
  return req.ip ?? req.socket.remoteAddress ?? null;
}

/** The Fetch API request Remix reads, with the body `limitBodies` already read. */
function toFetchRequest(req: express.Request, res: express.Response): Request {
  // Host and port as Express resolved them (X-Forwarded-Host only from a trusted proxy).
  const url = new URL(`${req.protocol}://${req.host}${req.originalUrl}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const controller = new AbortController();
  // A client that leaves before the answer is written aborts loaders and actions.
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const body = res.locals.body as Buffer | undefined;
  return new Request(url, {
    method: req.method,
    headers,
    signal: controller.signal,
    body: req.method === "GET" || req.method === "HEAD" ? undefined : new Uint8Array(body ?? []),
  });
}

async function sendResponse(res: express.Response, response: Response, headers: Headers) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  headers.forEach((value, name) => {
    if (name !== "set-cookie") res.setHeader(name, value);
  });
  const cookies = headers.getSetCookie();
  if (cookies.length) res.setHeader("set-cookie", cookies);
  const type = headers.get("content-type") ?? "";
  if (/text\/event-stream/i.test(type)) res.flushHeaders();
  if (!response.body) res.end();
  else if (/^(text\/html|application\/json)/i.test(type) && !headers.has("content-length")) {
    // Pages and API answers are whole before they are sent (no streamed rendering): with their
    // length known, ones too small to be worth compressing go out as they are.
    const body = Buffer.from(await response.arrayBuffer());
    res.setHeader("Content-Length", body.length);
    res.end(body);
  } else await writeReadableStreamToWritable(response.body, res);
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}
