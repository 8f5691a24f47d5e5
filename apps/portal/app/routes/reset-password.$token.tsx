import { passwordMinLength } from "@ordinavo/domain/limits";
import { Field, freshKey, Notice } from "@ordinavo/ui";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PublicCard } from "~/components/public-card";
import { FormAlert, pageTitle, useTranslatedErrors } from "~/i18n/words";
import { apiFor, attempt, type FormErrors, text } from "~/lib/require.server";
import type { loader as rootLoader } from "~/root";

export const meta: MetaFunction<typeof loader, { root: typeof rootLoader }> = ({ matches }) => [
  { title: pageTitle(matches, "account", "reset.pageTitle") },
];

// The API cannot check a reset link without using it: the form always shows, and an expired link
// is explained once the new password is sent.
export function loader() {
  return { minLength: passwordMinLength };
}

/** Two different passwords: refused here, before the API, in the page's words (keys, not text). */
type Outcome =
  | { state: "done" }
  | { state: "invalid" }
  | { state: "retry"; errors: FormErrors | null; mismatch?: true };

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const password = text(form, "password");
  if (password !== text(form, "repeat")) {
    return data<Outcome>({ state: "retry", errors: null, mismatch: true }, { status: 400 });
  }
  const { api } = await apiFor(args);
  const result = await attempt(() => api.auth.resetPassword({ token: args.params.token ?? "", password }));
  if (result.ok) return data<Outcome>({ state: "done" });
  if (result.status === 404) return data<Outcome>({ state: "invalid" }, { status: 404 });
  return data<Outcome>({ state: "retry", errors: result.errors }, { status: result.status });
}

export default function ResetPassword() {
  const { minLength } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("account");
  const translated = useTranslatedErrors(result?.state === "retry" ? result.errors : null);
  if (result?.state === "done") {
    return (
      <PublicCard title={t("reset.doneTitle")}>
        <Notice>{t("reset.done")}</Notice>
        <Link className="button" to="/login">
          {t("reset.signIn")}
        </Link>
      </PublicCard>
    );
  }
  if (result?.state === "invalid") {
    return (
      <PublicCard title={t("reset.invalidTitle")}>
        <p className="muted">{t("reset.invalid")}</p>
        <Link className="button" to="/forgot-password">
          {t("reset.askAgain")}
        </Link>
      </PublicCard>
    );
  }
  const errors: FormErrors | null =
    result?.state === "retry" && result.mismatch
      ? { message: t("reset.mismatch"), fields: { repeat: [t("reset.mismatchField")] } }
      : translated;
  return (
    <PublicCard title={t("reset.title")}>
      <FormAlert errors={errors} />
      <Form method="post" className="stack" key={freshKey(result)}>
        <Field
          label={t("reset.password")}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={minLength}
          autoFocus
          hint={t("reset.hint", { min: minLength })}
          errors={errors}
        />
        <Field
          label={t("reset.repeat")}
          name="repeat"
          type="password"
          autoComplete="new-password"
          required
          errors={errors}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("reset.submitting") : t("reset.submit")}
        </button>
      </Form>
    </PublicCard>
  );
}
