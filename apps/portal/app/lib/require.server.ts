import {
  attempt,
  cookieHeaders,
  type FormErrors,
  load,
  oncePerRequest,
  portalCaller,
  refuse,
  safeRedirect,
  text,
  toSignIn,
} from "@ordinavo/api";
import type { AppLoadContext } from "@remix-run/node";

// The one way into a portal page, and one way to call the API from it: every call goes through
// `attempt()`, which returns a refusal as a value. An action shows it as form errors; a loader's
// read that the page cannot do without uses `load()` (attempt + `refuse()`: the refusal becomes the
// page's answer). Signed-in pages start with `requirePortal(args)`; pages before sign-in use
// `apiFor()`. The plumbing is shared with the workspace (@ordinavo/api, pages.ts).

export { attempt, cookieHeaders, type FormErrors, load, refuse, safeRedirect, text, toSignIn };

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

type Session = { state: "signed_in"; portal: Portal } | { state: "signed_out" } | { state: "unavailable" };

const openSession = oncePerRequest(async (request, context): Promise<Session> => {
  const { api, cookies, signedIn } = await apiFor({ request, context: context as AppLoadContext });
  if (!signedIn) return { state: "signed_out" };
  const me = await attempt(() => api.session.me());
  if (!me.ok) return me.status === 403 ? { state: "unavailable" } : { state: "signed_out" };
  return { state: "signed_in", portal: { api, me: me.value, cookies } };
});

/**
 * The signed-in contact's API caller and `session.me`, fetched once per request. Signed out → the
 * sign-in page; a workspace whose portal is switched off → 403, which the layout explains (a
 * redirect to /login would bounce straight back, since the session itself is valid).
 */
export async function requirePortal(args: Args): Promise<Portal> {
  const session = await openSession(args.request, args.context);
  if (session.state === "unavailable") throw new Response("Portal unavailable", { status: 403 });
  if (session.state === "signed_out") toSignIn(args.request);
  return session.portal;
}

/** `session.me` when someone is signed in (and the portal is on), else null; never redirects. */
export async function currentMe(args: Args): Promise<Me | null> {
  const session = await openSession(args.request, args.context);
  return session.state === "signed_in" ? session.portal.me : null;
}
