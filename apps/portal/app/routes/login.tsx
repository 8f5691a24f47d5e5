import { Field, FormAlert, freshKey } from "@ordinavo/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { PublicCard } from "~/components/public-card";
import { apiFor, attempt, cookieHeaders, safeRedirect, text } from "~/lib/require.server";

const copy = {
  title: "Sign in",
  pageTitle: "Sign in · Ordinavo Customer Portal",
  intro: "Use the email address your service provider invited.",
  email: "Email address",
  password: "Password",
  submit: "Sign in",
  submitting: "Signing in…",
  forgot: "Forgot your password?",
};

export const meta: MetaFunction = () => [{ title: copy.pageTitle }];

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
  return (
    <PublicCard title={copy.title}>
      <p className="muted">{copy.intro}</p>
      <FormAlert errors={result?.errors} />
      <Form method="post" className="stack">
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
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
        <Field
          key={freshKey(result)}
          label={copy.password}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          errors={result?.errors}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? copy.submitting : copy.submit}
        </button>
      </Form>
      <p className="small">
        <Link to="/forgot-password">{copy.forgot}</Link>
      </p>
    </PublicCard>
  );
}
