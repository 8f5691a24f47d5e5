import {
  attempt,
  cookieHeaders,
  type FormErrors,
  safeRedirect,
  signInPath,
  workspaceCaller,
} from "@ordinavo/api";
import type { AppLoadContext } from "@remix-run/node";
import { redirect } from "@remix-run/node";

// The one way into a workspace page, and one way to call the API from it: every call goes through
// `attempt()`, which returns a refusal as a value. An action shows it as form errors; a loader's
// read that the page cannot do without uses `load()` (attempt + `refuse()`: the refusal becomes the
// page's answer). Signed-in pages start with `requireWorkspace(args)`; pages before sign-in use `apiFor()`.

export { attempt, cookieHeaders, type FormErrors, safeRedirect };

interface Args {
  request: Request;
  context: AppLoadContext;
}

type Caller = Awaited<ReturnType<typeof workspaceCaller>>;
export type WorkspaceApi = Caller["api"];
/** The signed-in staff member, their workspaces and what the policy lets them do in the active one. */
export type Me = Awaited<ReturnType<WorkspaceApi["session"]["me"]>>;

export interface Workspace {
  api: WorkspaceApi;
  me: Me;
  /** Set-Cookie values the calls asked for (only sign-in and sign-out set any). */
  cookies: string[];
}

/**
 * A caller for the workspace procedures with the request's session, origin check and policy — the
 * same as an HTTP call. For pages that work signed out; signed-in pages use `requireWorkspace`.
 */
export function apiFor({ request, context }: Args): Promise<Caller> {
  return workspaceCaller({ services: context.services.api, request, clientAddress: context.clientAddress });
}

/** Sends a signed-out visitor to the sign-in page, remembering where they wanted to go. */
export function toSignIn(request: Request): never {
  throw redirect(signInPath(request));
}

/**
 * Remix gives every loader of a page its own copy of the Request, but one load context per HTTP
 * request (the launcher builds it in `getLoadContext`), so the context is the key. The cookie
 * header is kept beside it: a context reused across requests would then miss, never leak.
 */
const perRequest = new WeakMap<AppLoadContext, { cookie: string; workspace: Promise<Workspace> }>();

/**
 * The signed-in member's API caller and `session.me`, fetched once per request however many
 * loaders of the page ask. Signed out → the sign-in page. An action (a non-GET request) always
 * gets a fresh one and drops the shared one, so the loaders that run after it see what it changed.
 */
export function requireWorkspace(args: Args): Promise<Workspace> {
  const cookie = args.request.headers.get("cookie") ?? "";
  if (args.request.method !== "GET" && args.request.method !== "HEAD") {
    perRequest.delete(args.context);
    return open(args);
  }
  const known = perRequest.get(args.context);
  if (known && known.cookie === cookie) return known.workspace;
  const entry = { cookie, workspace: open(args) };
  perRequest.set(args.context, entry);
  // A failure (a redirect to sign-in) is not kept: it is thrown to every loader that awaited it.
  entry.workspace.catch(() => {
    if (perRequest.get(args.context) === entry) perRequest.delete(args.context);
  });
  return entry.workspace;
}

async function open(args: Args): Promise<Workspace> {
  const { api, cookies, signedIn } = await apiFor(args);
  if (!signedIn) toSignIn(args.request);
  const me = await load(args.request, () => api.session.me());
  return { api, me, cookies };
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
