import { Field, FormAlert, Notice } from "@ordinavo/ui";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { PublicCard } from "~/components/public-card";
import { apiFor, attempt, text } from "~/lib/require.server";

export const meta: MetaFunction = () => [{ title: "Reset your password · Ordinavo Workspace" }];

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
      <PublicCard title="Check your email">
        <Notice>
          If an account exists for <strong>{result.sentTo}</strong>, we sent a link to choose a new password.
        </Notice>
        <p className="muted">
          The link works once, within an hour. No email? Check the spam folder, or ask again in a minute.
        </p>
        <p className="small">
          <Link to="/login">Back to sign in</Link>
        </p>
      </PublicCard>
    );
  }
  return (
    <PublicCard title="Reset your password">
      <p className="muted">
        Enter the email address you sign in with. We will send you a link to choose a new password.
      </p>
      <FormAlert errors={result?.errors} />
      <Form method="post" className="stack">
        <Field
          label="Email address"
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          defaultValue={result?.email}
          errors={result?.errors}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Sending…" : "Send the link"}
        </button>
      </Form>
      <p className="muted small">
        <Link to="/login">Back to sign in</Link>
      </p>
    </PublicCard>
  );
}
