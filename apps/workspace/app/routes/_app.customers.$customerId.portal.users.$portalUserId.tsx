import { FormAlert } from "@ordinavo/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { ConfirmPanel } from "~/components/confirm";
import { Breadcrumbs, idParam, useWorkspace } from "~/components/customer-bits";
import { PageError } from "~/components/page-error";
import {
  AccessFields,
  type AccessValues,
  mixedAccess,
  readAccessForm,
} from "~/components/portal-access/access-fields";
import portalCss from "~/components/portal-access/portal-access.css?url";
import { accessWords, languageNames, portalPaths } from "~/components/portal-access/words";
import { formatDateTime, isoString } from "~/lib/format";
import { attempt, type FormErrors, load, requireWorkspace, text } from "~/lib/require.server";
import customersCss from "~/styles/customers.css?url";

// One portal user's access to one customer: change it (the whole customer ↔ selected locations,
// from their next click) or revoke it (confirmed first; their last access also signs them out).

export const links = () => [
  { rel: "stylesheet", href: customersCss },
  { rel: "stylesheet", href: portalCss },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Portal access of ${data?.user.name ?? "a contact"} · Ordinavo Workspace` },
];

export async function loader(args: LoaderFunctionArgs) {
  const customerId = idParam(args.params.customerId);
  const portalUserId = idParam(args.params.portalUserId);
  const { api } = await requireWorkspace(args);
  const access = await load(args.request, () =>
    api.portalAccess.ofCustomer({ customerId, invitationLimit: 1 }),
  );
  const user = access.users.find((candidate) => candidate.portalUserId === portalUserId);
  if (!user) throw new Response("Not found", { status: 404 });
  return { customer: access.customer, locations: access.locations, user };
}

type Outcome = { intent: "change" | "revoke"; errors: FormErrors; values: AccessValues | null };

export async function action(args: ActionFunctionArgs) {
  const customerId = idParam(args.params.customerId);
  const portalUserId = idParam(args.params.portalUserId);
  const form = await args.request.formData();
  const intent = text(form, "intent");
  const { api } = await requireWorkspace(args);
  const paths = portalPaths(customerId);
  if (intent === "revoke") {
    const result = await attempt(() => api.portalAccess.revokeAccess({ customerId, portalUserId }));
    if (!result.ok)
      return data<Outcome>({ intent, errors: result.errors, values: null }, { status: result.status });
    return redirect(paths.after(result.value.remainingGrants === 0 ? "revoked-signed-out" : "revoked"));
  }
  const values = readAccessForm(form);
  const mixed = mixedAccess(values);
  if (mixed) return data<Outcome>({ intent: "change", errors: mixed, values }, { status: 400 });
  const result = await attempt(() => api.portalAccess.changeAccess({ customerId, portalUserId, ...values }));
  if (!result.ok) {
    return data<Outcome>({ intent: "change", errors: result.errors, values }, { status: result.status });
  }
  return redirect(paths.after(result.value.changed ? "changed" : "unchanged"));
}

export default function PortalUserAccess() {
  const { customer, locations, user } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const { timeZone } = useWorkspace();
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const paths = portalPaths(customer.id);
  const here = paths.user(user.portalUserId);
  const changeErrors = result?.intent === "change" ? result.errors : null;
  const values: AccessValues = (result?.intent === "change" ? result.values : null) ?? {
    access: user.access,
    locationIds: user.locations.map((location) => location.id),
  };
  return (
    <section className="stack customers-page narrow-form">
      <Breadcrumbs
        trail={[
          { label: "Customers", to: "/customers" },
          { label: customer.name, to: paths.panel },
          { label: `Portal access of ${user.name}` },
        ]}
      />
      <header>
        <p className="eyebrow">Customer portal · {customer.name}</p>
        <h1>{user.name}</h1>
        <dl className="facts">
          <div>
            <dt>Email</dt>
            <dd className="break">{user.email}</dd>
          </div>
          <div>
            <dt>Sees now</dt>
            <dd>{accessWords(user)}</dd>
          </div>
          <div>
            <dt>Language</dt>
            <dd>{languageNames[user.locale] ?? user.locale}</dd>
          </div>
          <div>
            <dt>Last sign-in</dt>
            <dd>
              {user.lastSignInAt ? (
                <time dateTime={isoString(user.lastSignInAt)}>
                  {formatDateTime(user.lastSignInAt, timeZone)}
                </time>
              ) : (
                "Never"
              )}
            </dd>
          </div>
        </dl>
      </header>
      {result?.intent === "revoke" ? <FormAlert errors={result.errors} /> : null}
      {params.get("revoke") === "1" ? (
        <ConfirmPanel
          title={`Revoke ${user.name}'s access to ${customer.name}?`}
          cancelTo={here}
          form={(cancel) => (
            <Form method="post" action={here} className="actions">
              <input type="hidden" name="intent" value="revoke" />
              <button type="submit" className="button danger" disabled={busyIntent === "revoke"}>
                {busyIntent === "revoke" ? "Revoking…" : "Revoke access"}
              </button>
              {cancel}
            </Form>
          )}
        >
          <p>
            {user.otherCustomers === 0
              ? `This is their only access to the portal: they are signed out at once and can no longer sign in. You can invite them again later.`
              : `They keep access to ${user.otherCustomers} other ${
                  user.otherCustomers === 1 ? "customer" : "customers"
                }; ${customer.name} disappears from their portal at their next click.`}
          </p>
        </ConfirmPanel>
      ) : null}

      <FormAlert errors={changeErrors} />
      <Form
        method="post"
        action={here}
        className="stack panel"
        aria-label={`Change the portal access of ${user.name}`}
      >
        <input type="hidden" name="intent" value="change" />
        <AccessFields locations={locations} values={values} errors={changeErrors} />
        <p className="hint">A change applies from their next click in the portal; they stay signed in.</p>
        <div className="actions">
          <button type="submit" className="button" disabled={busyIntent === "change" || customer.archived}>
            {busyIntent === "change" ? "Saving…" : "Save access"}
          </button>
          <Link className="button secondary" to={paths.panel}>
            Cancel
          </Link>
          {user.disabled ? null : (
            <Link className="button secondary" to={paths.preview(user.portalUserId)}>
              View the portal as {user.name}
            </Link>
          )}
          <Link className="button secondary danger-text push-right" to={`${here}?revoke=1#confirm`}>
            Revoke access…
          </Link>
        </div>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
