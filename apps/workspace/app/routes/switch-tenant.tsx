import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { attempt, requireWorkspace } from "~/lib/require.server";

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const { api } = await requireWorkspace(args);
  await attempt(() => api.session.switchTenant({ tenantId: String(form.get("tenantId") ?? "") }));
  throw redirect("/");
}

export function loader() {
  return redirect("/");
}
