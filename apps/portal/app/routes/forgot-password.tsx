import { Field, FormAlert, Notice } from "@ordinavo/ui";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { PublicCard } from "~/components/public-card";
import { apiFor, attempt, text } from "~/lib/require.server";

const copy = {
  pageTitle: "Forgotten password · Ordinavo Customer Portal",
  title: "Forgotten your password?",
  intro: "Enter the email address you use for the portal. We will email you a link to choose a new password.",
  email: "Email address",
  submit: "Email me a link",
  submitting: "Sending…",
  sentTitle: "Check your inbox",
  sent: (email: string) => (
    <>
      If <strong>{email}</strong> has access to the portal, a link to choose a new password is on its way.
    </>
  ),
  sentHelp:
    "The link can be used once, within the next hour. Nothing arrived? Look in your spam folder, or try again in a minute.",
  back: "Back to sign in",
};

export const meta: MetaFunction = () => [{ title: copy.pageTitle }];

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
  if (result?.sentTo) {
    return (
      <PublicCard title={copy.sentTitle}>
        <Notice>{copy.sent(result.sentTo)}</Notice>
        <p className="muted">{copy.sentHelp}</p>
        <p className="small">
          <Link to="/login">{copy.back}</Link>
        </p>
      </PublicCard>
    );
  }
  return (
    <PublicCard title={copy.title}>
      <p className="muted">{copy.intro}</p>
      <FormAlert errors={result?.errors} />
      <Form method="post" className="stack">
        <Field
          label={copy.email}
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          defaultValue={result?.email}
          errors={result?.errors}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? copy.submitting : copy.submit}
        </button>
      </Form>
      <p className="small">
        <Link to="/login">{copy.back}</Link>
      </p>
    </PublicCard>
  );
}
