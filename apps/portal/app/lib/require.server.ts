import {
  attempt,
  cookieHeaders,
  type FormErrors,
  portalCaller,
  safeRedirect,
  signInPath,
} from "@ordinavo/api";
import type { AppLoadContext } from "@remix-run/node";
import { redirect } from "@remix-run/node";

// The one way into a portal page, and one way to call the API from it: every call goes through
// `attempt()`, which returns a refusal as a value. An action shows it as form errors; a loader's
// read that the page cannot do without uses `load()` (attempt + `refuse()`: the refusal becomes the
// page's answer). Signed-in pages start with `requirePortal(args)`; pages before sign-in use `apiFor()`.

export { attempt, cookieHeaders, type FormErrors, safeRedirect };

interface Args {
  request: Request;
  context: AppLoadContext;
}

type Caller = Awaited<ReturnType<typeof portalCaller>>;
export type PortalApi = Caller["api"];
/** The signed-in contact and the customers and sites shared with them. */
export type Me = Awaited<ReturnType<PortalApi["session"]["me"]>>;

export interface Portal {
  api: PortalApi;
  me: Me;
  /** Set-Cookie values the calls asked for (only sign-in and sign-out set any). */
  cookies: string[];
}

/** A caller for the portal procedures with the request's session, origin check and policy. */
export function apiFor({ request, context }: Args): Promise<Caller> {
  return portalCaller({ services: context.services.api, request, clientAddress: context.clientAddress });
}

/** Sends a signed-out visitor to the sign-in page, remembering where they wanted to go. */
export function toSignIn(request: Request): never {
  throw redirect(signInPath(request));
}

/**
 * Remix gives every loader of a page its own copy of the Request, but one load context per HTTP
 * request, so the context is the key; the cookie header beside it makes a reused context miss.
 */
const perRequest = new WeakMap<AppLoadContext, { cookie: string; portal: Promise<Portal> }>();

/**
 * The signed-in contact's API caller and `session.me`, fetched once per request. Signed out → the
 * sign-in page; a workspace whose portal is switched off → 403, which the layout explains (a
 * redirect to /login would bounce straight back, since the session itself is valid). An action
 * gets a fresh one and drops the shared one, so the loaders after it see what it changed.
 */
export function requirePortal(args: Args): Promise<Portal> {
  const cookie = args.request.headers.get("cookie") ?? "";
  if (args.request.method !== "GET" && args.request.method !== "HEAD") {
    perRequest.delete(args.context);
    return open(args);
  }
  const known = perRequest.get(args.context);
  if (known && known.cookie === cookie) return known.portal;
  const entry = { cookie, portal: open(args) };
  perRequest.set(args.context, entry);
  entry.portal.catch(() => {
    if (perRequest.get(args.context) === entry) perRequest.delete(args.context);
  });
  return entry.portal;
}

async function open(args: Args): Promise<Portal> {
  const { api, cookies, signedIn } = await apiFor(args);
  if (!signedIn) toSignIn(args.request);
  const me = await attempt(() => api.session.me());
  if (!me.ok) {
    if (me.status === 403) throw new Response("Portal unavailable", { status: 403 });
    toSignIn(args.request);
  }
  return { api, me: me.value, cookies };
}

/**
 * Runs a read a page cannot do without: `attempt()` whose refusal becomes the page's answer —
 * signed out → the sign-in page, otherwise a Response with the API's status (403, 404, 400…)
 * for the error boundary. Internal errors are rethrown by `attempt()` as they are.
 */
export async function load<T>(request: Request, work: () => Promise<T>): Promise<T> {
  const result = await attempt(work);
  if (!result.ok) refuse(request, result);
  return result.value;
}

/** Turns a refusal from `attempt()` into the page's answer (see `load`). */
export function refuse(request: Request, refusal: { status: number; errors: FormErrors }): never {
  if (refusal.status === 401) toSignIn(request);
  throw new Response(refusal.errors.message, { status: refusal.status });
}

/** Text of a form field ("" when missing or a file). */
export function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
