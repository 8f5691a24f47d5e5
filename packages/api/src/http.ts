import { errorFacts } from "@ordinavo/auth";
import type { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { connectRouter } from "./connect";
import type { ApiServices } from "./context";
import { portalRouter } from "./portal";
import { bearerToken, createConnectContext, idempotencyHeader, isBatch } from "./realms/connect";
import { createPortalContext, type PortalContext } from "./realms/portal";
import { createWorkspaceContext, type WorkspaceContext } from "./realms/workspace";
import { loggedFailures } from "./trpc";
import { workspaceRouter } from "./workspace";

interface HandlerOptions {
  request: Request;
  services: ApiServices;
  /** Where the handler is mounted, e.g. "/api/trpc". */
  endpoint: string;
  clientAddress?: string | null;
}

/** Adds the cookies a procedure asked for (sign-in, sign-out) to the HTTP response. */
const withCookies =
  <C extends { cookies: string[] }>() =>
  ({ ctx }: { ctx?: C }) => {
    const headers = new Headers({ "cache-control": "no-store" });
    for (const cookie of ctx?.cookies ?? []) headers.append("set-cookie", cookie);
    return { headers };
  };

/**
 * Logs what failed outside a procedure's own steps (creating the context, say), by path and the
 * error's facts; failures inside procedures were logged there already. Refusals are not logged.
 */
const logFailure =
  (services: ApiServices, realm: string) =>
  ({ error, path }: { error: TRPCError; path?: string }) => {
    if (error.code !== "INTERNAL_SERVER_ERROR" || loggedFailures.has(error)) return;
    services.log?.error("Request failed", { realm, path: path ?? null, ...errorFacts(error) });
  };

/** Staff procedures over HTTP (the workspace's /api/trpc). */
export function handleWorkspaceRequest(options: HandlerOptions) {
  return fetchRequestHandler({
    endpoint: options.endpoint,
    req: options.request,
    router: workspaceRouter,
    createContext: () => createWorkspaceContext(options),
    responseMeta: withCookies<WorkspaceContext>(),
    onError: logFailure(options.services, "workspace"),
  });
}

/** Portal procedures over HTTP (the portal's own /api/trpc). */
export function handlePortalRequest(options: HandlerOptions) {
  return fetchRequestHandler({
    endpoint: options.endpoint,
    req: options.request,
    router: portalRouter,
    createContext: () => createPortalContext(options),
    responseMeta: withCookies<PortalContext>(),
    onError: logFailure(options.services, "portal"),
  });
}

/** Integration procedures over HTTP with `Authorization: Bearer <API key>` (/api/connect). */
export function handleConnectRequest(options: Omit<HandlerOptions, "clientAddress">) {
  return fetchRequestHandler({
    endpoint: options.endpoint,
    req: options.request,
    router: connectRouter,
    createContext: () =>
      createConnectContext({
        services: options.services,
        apiKey: bearerToken(options.request),
        idempotencyKey: idempotencyHeader(options.request),
        batched: isBatch(options.request, options.endpoint),
      }),
    responseMeta: () => ({ headers: new Headers({ "cache-control": "no-store" }) }),
    onError: logFailure(options.services, "connect"),
  });
}
