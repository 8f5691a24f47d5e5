import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { isLocale } from "~/i18n/config";
import { localeCookieHeader } from "~/i18n/locale.server";
import { attempt, currentMe, requirePortal, safeRedirect } from "~/lib/require.server";

/**
 * The language switcher's target. A signed-in contact's choice is saved on their account (it
 * follows them to other browsers and into emails); before signing in it lives in a cookie.
 */
export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const locale = form.get("locale");
  const back = safeRedirect(form.get("redirectTo"));
  if (!isLocale(locale)) throw redirect(back);
  if (await currentMe(args)) {
    const { api } = await requirePortal(args);
    await attempt(() => api.account.setLocale({ locale }));
  }
  const secure = new URL(args.request.url).protocol === "https:";
  throw redirect(back, { headers: { "Set-Cookie": localeCookieHeader(locale, secure) } });
}

export function loader() {
  return redirect("/");
}
