import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { apiFor, attempt } from "~/lib/api.server";

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const { api } = await apiFor(args);
  await attempt(() => api.session.switchTenant({ tenantId: String(form.get("tenantId") ?? "") }));
  throw redirect("/");
}

export function loader() {
  return redirect("/");
}
