import type { AppLoadContext } from "@remix-run/node";
import { apiFor, attempt, toSignIn } from "./api.server";

/** The signed-in staff member, their workspaces and what the policy lets them do; or to /login. */
export async function requireMe(args: { request: Request; context: AppLoadContext }) {
  const { api } = await apiFor(args);
  const me = await attempt(() => api.session.me());
  if (!me.ok) toSignIn(args.request);
  return me.value;
}

export type Me = Awaited<ReturnType<typeof requireMe>>;
