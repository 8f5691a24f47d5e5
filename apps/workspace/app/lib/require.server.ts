import {
  attempt,
  cookieHeaders,
  type FormErrors,
  load,
  oncePerRequest,
  refuse,
  safeRedirect,
  text,
  toSignIn,
  workspaceCaller,
} from "@ordinavo/api";
import type { AppLoadContext } from "@remix-run/node";

// The one way into a workspace page, and one way to call the API from it: every call goes through
// `attempt()`, which returns a refusal as a value. An action shows it as form errors; a loader's
// read that the page cannot do without uses `load()` (attempt + `refuse()`: the refusal becomes the
// page's answer). Signed-in pages start with `requireWorkspace(args)`; pages before sign-in use
// `apiFor()`. The plumbing is shared with the portal (@ordinavo/api, pages.ts).

export { attempt, cookieHeaders, type FormErrors, load, refuse, safeRedirect, text, toSignIn };

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

const openWorkspace = oncePerRequest(async (request, context): Promise<Workspace> => {
  const { api, cookies, signedIn } = await apiFor({ request, context: context as AppLoadContext });
  if (!signedIn) toSignIn(request);
  const me = await load(request, () => api.session.me());
  return { api, me, cookies };
});

/**
 * The signed-in member's API caller and `session.me`, fetched once per request however many
 * loaders of the page ask. Signed out → the sign-in page.
 */
export function requireWorkspace(args: Args): Promise<Workspace> {
  return openWorkspace(args.request, args.context);
}
