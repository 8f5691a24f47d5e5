import { nameOf, roleNames } from "@ordinavo/domain/labels";
import { passwordMinLength } from "@ordinavo/domain/limits";
import { Field, FormAlert, freshKey } from "@ordinavo/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { mismatch, NewPasswordFields } from "~/components/new-password";
import { PublicCard } from "~/components/public-card";
import { formatDateTime } from "~/lib/format";
import { apiFor, attempt, cookieHeaders, text } from "~/lib/require.server";

export const meta: MetaFunction = () => [{ title: "Join a workspace · Ordinavo Workspace" }];

async function findInvitation(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const { api } = await apiFor(args);
  const found = await attempt(() => api.auth.invitation({ token: args.params.token ?? "" }));
  return found.ok ? found.value : null;
}

export async function loader(args: LoaderFunctionArgs) {
  const invitation = await findInvitation(args);
  if (!invitation) return data({ invitation: null, minLength: passwordMinLength }, { status: 404 });
  return { invitation, minLength: passwordMinLength };
}

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const invitation = await findInvitation(args);
  if (!invitation) return data({ expired: true, errors: null, name: "" }, { status: 404 });
  const name = text(form, "name").trim();
  const password = text(form, "password");
  if (!invitation.existingUser) {
    const different = mismatch(password, text(form, "repeat"));
    if (different) return data({ expired: false, errors: different, name }, { status: 400 });
  }
  const { api, cookies } = await apiFor(args);
  const accepted = await attempt(() =>
    api.auth.acceptInvitation({
      token: args.params.token ?? "",
      password,
      name: invitation.existingUser ? undefined : name,
    }),
  );
  if (!accepted.ok) {
    return data(
      { expired: accepted.status === 404, errors: accepted.errors, name },
      { status: accepted.status },
    );
  }
  throw redirect("/", { headers: cookieHeaders(cookies) });
}

function NotValid() {
  return (
    <PublicCard title="This invitation is not valid any more" eyebrow="Invitation">
      <p className="muted">
        It has been used already, was withdrawn, or is too old. Ask the person who invited you to send a new
        invitation. If you already joined, simply sign in.
      </p>
      <Link className="button" to="/login">
        Go to sign in
      </Link>
    </PublicCard>
  );
}

export default function AcceptInvitation() {
  const { invitation, minLength } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  if (!invitation || result?.expired) return <NotValid />;
  const errors = result?.errors;
  return (
    <PublicCard title={`Join ${invitation.tenantName}`} eyebrow="Invitation">
      <dl className="facts">
        <div>
          <dt>Workspace</dt>
          <dd>{invitation.tenantName}</dd>
        </div>
        <div>
          <dt>Your role</dt>
          <dd>{nameOf(roleNames, invitation.role)}</dd>
        </div>
        <div>
          <dt>Email address</dt>
          <dd>{invitation.email}</dd>
        </div>
        <div>
          <dt>Valid until</dt>
          <dd>
            <time dateTime={new Date(invitation.expiresAt).toISOString()}>
              {formatDateTime(invitation.expiresAt, "UTC")} UTC
            </time>
          </dd>
        </div>
      </dl>
      <FormAlert errors={errors} />
      <Form method="post" className="stack" key={freshKey(result)}>
        <input type="hidden" name="email" value={invitation.email} autoComplete="username" />
        {invitation.existingUser ? (
          <>
            <p className="muted">
              You already have an Ordinavo account with this address. Confirm with your current password to
              add this workspace to it.
            </p>
            <Field
              label="Your current password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              autoFocus
              errors={errors}
            />
            <p className="small">
              <Link to="/forgot-password">Forgot your password?</Link>
            </p>
          </>
        ) : (
          <>
            <Field
              label="Your name"
              name="name"
              autoComplete="name"
              required
              maxLength={200}
              autoFocus
              defaultValue={result?.name}
              hint="As your colleagues should see it."
              errors={errors}
            />
            <NewPasswordFields label="Password" minLength={minLength} errors={errors} />
          </>
        )}
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Joining…" : `Join ${invitation.tenantName}`}
        </button>
      </Form>
    </PublicCard>
  );
}
