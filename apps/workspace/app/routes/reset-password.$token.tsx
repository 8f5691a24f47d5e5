import { passwordMinLength } from "@ordinavo/domain/limits";
import { FormAlert, freshKey, Notice } from "@ordinavo/ui";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { mismatch, NewPasswordFields } from "~/components/new-password";
import { PublicCard } from "~/components/public-card";
import { apiFor, attempt, type FormErrors, text } from "~/lib/require.server";

export const meta: MetaFunction = () => [{ title: "Choose a new password · Ordinavo Workspace" }];

// The API has no way to look at a reset link without using it, so the form always shows and an
// expired link is reported when the new password is sent.
export function loader() {
  return { minLength: passwordMinLength };
}

type Outcome = { state: "done" } | { state: "invalid" } | { state: "retry"; errors: FormErrors };

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const password = text(form, "password");
  const different = mismatch(password, text(form, "repeat"));
  if (different) return data<Outcome>({ state: "retry", errors: different }, { status: 400 });
  const { api } = await apiFor(args);
  const token = args.params.token ?? "";
  const result = await attempt(() => api.auth.resetPassword({ token, password }));
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
      <PublicCard title="Password changed">
        <Notice>Your new password is set. Any session signed in with the old password has ended.</Notice>
        <Link className="button" to="/login">
          Sign in
        </Link>
      </PublicCard>
    );
  }
  if (result?.state === "invalid") {
    return (
      <PublicCard title="This link is not valid any more" eyebrow="Password reset">
        <p className="muted">
          A reset link works once, for an hour. This one has been used already or is too old. Ask for a new
          one and use the most recent email.
        </p>
        <Link className="button" to="/forgot-password">
          Send a new link
        </Link>
      </PublicCard>
    );
  }
  const errors = result?.state === "retry" ? result.errors : null;
  return (
    <PublicCard title="Choose a new password">
      <FormAlert errors={errors} />
      <Form method="post" className="stack" key={freshKey(result)}>
        <NewPasswordFields minLength={minLength} errors={errors} autoFocus />
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Saving…" : "Save the new password"}
        </button>
      </Form>
    </PublicCard>
  );
}
