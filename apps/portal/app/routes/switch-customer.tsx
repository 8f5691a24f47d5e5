import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { attempt, requirePortal, safeRedirect, text } from "~/lib/require.server";

/**
 * The header's customer switcher. The choice is saved on the account (the next visit opens on it)
 * only when a grant covers that customer; then back to the section the contact was in — its list,
 * not a record of the customer they left.
 */
export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const { api } = await requirePortal(args);
  await attempt(() => api.account.switchCustomer({ customerId: text(form, "customerId") }));
  const back = safeRedirect(form.get("redirectTo"));
  const section = back.split("/")[1] ?? "";
  throw redirect(section ? `/${section}` : "/");
}

export function loader() {
  return redirect("/");
}
