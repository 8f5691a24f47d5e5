import { Field, FormAlert, freshKey } from "@ordinavo/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { apiFor, attempt, cookieHeaders, safeRedirect } from "~/lib/require.server";

export const meta: MetaFunction = () => [{ title: "Sign in · Ordinavo Workspace" }];

export async function loader(args: LoaderFunctionArgs) {
  const { signedIn } = await apiFor(args);
  if (signedIn) throw redirect("/");
  return null;
}

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const email = String(form.get("email") ?? "");
  const { api, cookies } = await apiFor(args);
  const result = await attempt(() =>
    api.auth.signIn({ email, password: String(form.get("password") ?? "") }),
  );
  if (!result.ok) return data({ errors: result.errors, email }, { status: result.status });
  throw redirect(safeRedirect(form.get("redirectTo")), { headers: cookieHeaders(cookies) });
}

export default function SignIn() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  return (
    <main className="centered">
      <section className="card" aria-labelledby="title">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            O
          </span>
          <span>Ordinavo Workspace</span>
        </div>
        <h1 id="title">Sign in</h1>
        <FormAlert errors={result?.errors} />
        <Form method="post" className="stack">
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
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
          <Field
            key={freshKey(result)}
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            errors={result?.errors}
          />
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </Form>
        <p className="muted small">
          <Link to="/forgot-password">Forgot your password?</Link>
        </p>
      </section>
    </main>
  );
}
