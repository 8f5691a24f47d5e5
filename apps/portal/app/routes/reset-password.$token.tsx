import { passwordMinLength } from "@ordinavo/domain";
import { Field, FormAlert, freshKey, Notice } from "@ordinavo/ui";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { PublicCard } from "~/components/public-card";
import { apiFor, attempt, type FormErrors, text } from "~/lib/require.server";

const copy = {
  pageTitle: "New password · Ordinavo Customer Portal",
  title: "Choose a new password",
  password: "New password",
  hint: (min: number) => `At least ${min} characters. A few unrelated words make a strong password.`,
  repeat: "Repeat the new password",
  mismatch: "The two passwords are not the same.",
  mismatchField: "Type the same password twice.",
  submit: "Save my new password",
  submitting: "Saving…",
  doneTitle: "Your password is changed",
  done: "You can now sign in with your new password. For your safety, other signed-in devices were signed out.",
  signIn: "Sign in",
  invalidTitle: "This link no longer works",
  invalid:
    "A link to choose a new password can be used once, within an hour. This one was used already or is too old. Ask for a new one and use the most recent email.",
  askAgain: "Email me a new link",
};

export const meta: MetaFunction = () => [{ title: copy.pageTitle }];

// The API cannot check a reset link without using it: the form always shows, and an expired link
// is explained once the new password is sent.
export function loader() {
  return { minLength: passwordMinLength };
}

type Outcome = { state: "done" } | { state: "invalid" } | { state: "retry"; errors: FormErrors };

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const password = text(form, "password");
  if (password !== text(form, "repeat")) {
    const errors = { message: copy.mismatch, fields: { repeat: [copy.mismatchField] } };
    return data<Outcome>({ state: "retry", errors }, { status: 400 });
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
  if (result?.state === "done") {
    return (
      <PublicCard title={copy.doneTitle}>
        <Notice>{copy.done}</Notice>
        <Link className="button" to="/login">
          {copy.signIn}
        </Link>
      </PublicCard>
    );
  }
  if (result?.state === "invalid") {
    return (
      <PublicCard title={copy.invalidTitle}>
        <p className="muted">{copy.invalid}</p>
        <Link className="button" to="/forgot-password">
          {copy.askAgain}
        </Link>
      </PublicCard>
    );
  }
  const errors = result?.state === "retry" ? result.errors : null;
  return (
    <PublicCard title={copy.title}>
      <FormAlert errors={errors} />
      <Form method="post" className="stack" key={freshKey(result)}>
        <Field
          label={copy.password}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={minLength}
          autoFocus
          hint={copy.hint(minLength)}
          errors={errors}
        />
        <Field
          label={copy.repeat}
          name="repeat"
          type="password"
          autoComplete="new-password"
          required
          errors={errors}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? copy.submitting : copy.submit}
        </button>
      </Form>
    </PublicCard>
  );
}
