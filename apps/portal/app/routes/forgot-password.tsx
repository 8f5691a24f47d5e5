import { Field, Notice } from "@ordinavo/ui";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { PublicCard } from "~/components/public-card";
import { FormAlert, pageTitle, useTranslatedErrors } from "~/i18n/words";
import { apiFor, attempt, text } from "~/lib/require.server";
import type { loader as rootLoader } from "~/root";

export const meta: MetaFunction<unknown, { root: typeof rootLoader }> = ({ matches }) => [
  { title: pageTitle(matches, "account", "forgot.pageTitle") },
];

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const email = text(form, "email").trim();
  const { api } = await apiFor(args);
  const result = await attempt(() => api.auth.requestPasswordReset({ email }));
  if (!result.ok) return data({ sentTo: null, errors: result.errors, email }, { status: result.status });
  // The same answer whether or not the address has an account.
  return { sentTo: email, errors: null, email };
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("account");
  const errors = useTranslatedErrors(result?.errors);
  if (result?.sentTo) {
    return (
      <PublicCard title={t("forgot.sentTitle")}>
        <Notice>
          <Trans
            t={t}
            i18nKey="forgot.sent"
            values={{ email: result.sentTo }}
            components={{ strong: <strong /> }}
          />
        </Notice>
        <p className="muted">{t("forgot.sentHelp")}</p>
        <p className="small">
          <Link to="/login">{t("forgot.back")}</Link>
        </p>
      </PublicCard>
    );
  }
  return (
    <PublicCard title={t("forgot.title")}>
      <p className="muted">{t("forgot.intro")}</p>
      <FormAlert errors={errors} />
      <Form method="post" className="stack">
        <Field
          label={t("forgot.email")}
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          defaultValue={result?.email}
          errors={errors}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("forgot.submitting") : t("forgot.submit")}
        </button>
      </Form>
      <p className="small">
        <Link to="/login">{t("forgot.back")}</Link>
      </p>
    </PublicCard>
  );
}
