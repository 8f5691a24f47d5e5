import type { AppLoadContext } from "@remix-run/node";
import { apiFor, attempt, toSignIn } from "./api.server";

/**
 * The signed-in contact and the places shared with them. Signed out → the sign-in page; a session
 * in a workspace whose portal is switched off → 403, which the layout explains (a redirect to
 * /login would bounce straight back, since the session itself is valid).
 */
export async function requireMe(args: { request: Request; context: AppLoadContext }) {
  const { api } = await apiFor(args);
  const me = await attempt(() => api.session.me());
  if (!me.ok) {
    if (me.status === 403) throw new Response("Portal unavailable", { status: 403 });
    toSignIn(args.request);
  }
  return me.value;
}

export type Me = Awaited<ReturnType<typeof requireMe>>;
