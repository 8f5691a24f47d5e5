import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { apiFor, attempt, cookieHeaders } from "~/lib/require.server";

/** Signing out is a POST from the header's button; a GET changes nothing and goes home. */
export async function action(args: ActionFunctionArgs) {
  const { api, cookies } = await apiFor(args);
  await attempt(() => api.auth.signOut());
  throw redirect("/login", { headers: cookieHeaders(cookies) });
}

export function loader() {
  return redirect("/");
}
