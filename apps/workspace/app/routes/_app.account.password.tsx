import { passwordMinLength } from "@ordinavo/domain/limits";
import { CheckboxField, Field, FormAlert, freshKey, Notice } from "@ordinavo/ui";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { mismatch, NewPasswordFields } from "~/components/new-password";
import { PageError } from "~/components/page-error";
import { attempt, type FormErrors, requireWorkspace, text } from "~/lib/require.server";

export const meta: MetaFunction = () => [{ title: "Change password · Ordinavo Workspace" }];

export function loader() {
  return { minLength: passwordMinLength };
}

type Outcome =
  | { ok: true; sessionsEnded: number; endOthers: boolean }
  | { ok: false; errors: FormErrors; endOthers: boolean };

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const endOtherSessions = form.get("endOtherSessions") === "on";
  const newPassword = text(form, "newPassword");
  const different = mismatch(newPassword, text(form, "repeat"));
  if (different)
    return data<Outcome>({ ok: false, errors: different, endOthers: endOtherSessions }, { status: 400 });
  const { api } = await requireWorkspace(args);
  const result = await attempt(() =>
    api.auth.changePassword({
      currentPassword: text(form, "currentPassword"),
      newPassword,
      endOtherSessions,
    }),
  );
  if (!result.ok) {
    return data<Outcome>(
      { ok: false, errors: result.errors, endOthers: endOtherSessions },
      { status: result.status },
    );
  }
  return data<Outcome>({ ok: true, sessionsEnded: result.value.sessionsEnded, endOthers: endOtherSessions });
}

function sessionsMessage(outcome: { sessionsEnded: number; endOthers: boolean }): string {
  if (!outcome.endOthers) return "Your other sessions stay signed in.";
  if (outcome.sessionsEnded === 0) return "You were not signed in anywhere else.";
  if (outcome.sessionsEnded === 1) return "1 other session was signed out.";
  return `${outcome.sessionsEnded} other sessions were signed out.`;
}

export default function ChangePassword() {
  const { minLength } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result && !result.ok ? result.errors : null;
  return (
    <section className="stack narrow">
      <header>
        <p className="eyebrow">Your account</p>
        <h1>Change your password</h1>
      </header>
      {result?.ok ? (
        <Notice>
          <strong>Your password is changed.</strong> {sessionsMessage(result)}
        </Notice>
      ) : null}
      <div className="panel">
        <FormAlert errors={errors} />
        <Form method="post" className="stack" key={freshKey(result)}>
          <Field
            label="Current password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            errors={errors}
          />
          <NewPasswordFields name="newPassword" minLength={minLength} errors={errors} />
          <CheckboxField
            label="Sign out my other sessions"
            name="endOtherSessions"
            defaultChecked={result ? result.endOthers : true}
            hint="Recommended if you think someone else knows your old password. This browser stays signed in."
          />
          <div>
            <button type="submit" className="button" disabled={busy}>
              {busy ? "Saving…" : "Change password"}
            </button>
          </div>
        </Form>
      </div>
    </section>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
