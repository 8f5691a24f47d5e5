import { Field, freshKey } from "@ordinavo/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PublicCard } from "~/components/public-card";
import { FormAlert, pageTitle, useTranslatedErrors } from "~/i18n/words";
import { apiFor, attempt, cookieHeaders, safeRedirect, text } from "~/lib/require.server";
import type { loader as rootLoader } from "~/root";

export const meta: MetaFunction<typeof loader, { root: typeof rootLoader }> = ({ matches }) => [
  { title: pageTitle(matches, "account", "signIn.pageTitle") },
];

export async function loader(args: LoaderFunctionArgs) {
  const { signedIn } = await apiFor(args);
  if (signedIn) throw redirect("/");
  return null;
}

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const email = text(form, "email");
  const { api, cookies } = await apiFor(args);
  const result = await attempt(() => api.auth.signIn({ email, password: text(form, "password") }));
  if (!result.ok) return data({ errors: result.errors, email }, { status: result.status });
  throw redirect(safeRedirect(form.get("redirectTo")), { headers: cookieHeaders(cookies) });
}

export default function SignIn() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("account");
  const errors = useTranslatedErrors(result?.errors);
  return (
    <PublicCard title={t("signIn.title")}>
      <p className="muted">{t("signIn.intro")}</p>
      <FormAlert errors={errors} />
      <Form method="post" className="stack">
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <Field
          label={t("signIn.email")}
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          defaultValue={result?.email}
          errors={errors}
        />
        <Field
          key={freshKey(result)}
          label={t("signIn.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          errors={errors}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("signIn.submitting") : t("signIn.submit")}
        </button>
      </Form>
      <p className="small">
        <Link to="/forgot-password">{t("signIn.forgot")}</Link>
      </p>
    </PublicCard>
  );
}
