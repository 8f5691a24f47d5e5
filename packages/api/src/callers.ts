import { connectRouter } from "./connect";
import type { ApiServices } from "./context";
import { portalRouter } from "./portal";
import { connectT, createConnectContext } from "./realms/connect";
import { createPortalContext, portalT } from "./realms/portal";
import { createWorkspaceContext, workspaceT } from "./realms/workspace";
import { workspaceRouter } from "./workspace";

const workspaceCallerFactory = workspaceT.createCallerFactory(workspaceRouter);
const portalCallerFactory = portalT.createCallerFactory(portalRouter);
const connectCallerFactory = connectT.createCallerFactory(connectRouter);

/**
 * Server-side callers: Remix loaders and actions call procedures through these, with the same
 * context (cookie session, origin) an HTTP call would get. `cookies` collects Set-Cookie values the
 * calls asked for; the route sends them with its response.
 */
export async function workspaceCaller(options: {
  services: ApiServices;
  request: Request;
  clientAddress?: string | null;
}) {
  const ctx = await createWorkspaceContext(options);
  return { api: workspaceCallerFactory(ctx), cookies: ctx.cookies, signedIn: ctx.staff !== null };
}

export async function portalCaller(options: {
  services: ApiServices;
  request: Request;
  clientAddress?: string | null;
}) {
  const ctx = await createPortalContext(options);
  return { api: portalCallerFactory(ctx), cookies: ctx.cookies, signedIn: ctx.portalUser !== null };
}

/**
 * The in-process caller for scripts that run next to the database: the same Connect procedures,
 * authorised by an API key exactly as over HTTP.
 */
export async function connectCaller(options: { services: ApiServices; apiKey: string }) {
  return connectCallerFactory(await createConnectContext(options));
}
