import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { apiFor, attempt, cookieHeaders } from "~/lib/require.server";

/** Sign-out is a POST (a form in the header); a GET changes nothing. */
export async function action(args: ActionFunctionArgs) {
  const { api, cookies } = await apiFor(args);
  await attempt(() => api.auth.signOut());
  throw redirect("/login", { headers: cookieHeaders(cookies) });
}

export function loader() {
  return redirect("/");
}
