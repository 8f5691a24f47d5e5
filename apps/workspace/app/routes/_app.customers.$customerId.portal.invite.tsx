import { FormAlert, messagesFor, SelectField } from "@ordinavo/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Breadcrumbs, idParam } from "~/components/customer-bits";
import { PageError } from "~/components/page-error";
import {
  AccessFields,
  type AccessValues,
  mixedAccess,
  readAccessForm,
} from "~/components/portal-access/access-fields";
import portalCss from "~/components/portal-access/portal-access.css?url";
import { portalPaths } from "~/components/portal-access/words";
import { attempt, type FormErrors, load, requireWorkspace, text } from "~/lib/require.server";
import customersCss from "~/styles/customers.css?url";

// Invite one of the customer's contact persons to the customer portal: what they may see (the
// whole customer or selected locations) and the language of the email and account. The mail goes
// to the email on the contact person's record.

export const links = () => [
  { rel: "stylesheet", href: customersCss },
  { rel: "stylesheet", href: portalCss },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Invite to the portal · ${data?.customer.name ?? "Customer"} · Ordinavo Workspace` },
];

export async function loader(args: LoaderFunctionArgs) {
  const customerId = idParam(args.params.customerId);
  const { api } = await requireWorkspace(args);
  const access = await load(args.request, () =>
    api.portalAccess.ofCustomer({ customerId, invitationLimit: 1 }),
  );
  const contact = new URL(args.request.url).searchParams.get("contact") ?? "";
  return {
    customer: access.customer,
    portalEnabled: access.portalEnabled,
    locations: access.locations,
    contacts: access.contacts,
    chosenContact: access.contacts.some((c) => c.id === contact) ? contact : "",
  };
}

type Values = { contactPersonId: string; locale: string } & AccessValues;

export async function action(args: ActionFunctionArgs) {
  const customerId = idParam(args.params.customerId);
  const form = await args.request.formData();
  const values: Values = {
    contactPersonId: text(form, "contactPersonId"),
    locale: text(form, "locale"),
    ...readAccessForm(form),
  };
  const refused = (errors: FormErrors, status: number) => data({ errors, values }, { status });
  const mixed = mixedAccess(values);
  if (mixed) return refused(mixed, 400);
  const { api } = await requireWorkspace(args);
  const result = await attempt(() =>
    api.portalAccess.invite({
      customerId,
      contactPersonId: values.contactPersonId,
      locale: values.locale as "en" | "fr",
      access: values.access,
      locationIds: values.locationIds,
    }),
  );
  if (!result.ok) return refused(result.errors, result.status);
  return redirect(portalPaths(customerId).after("invited"));
}

export default function InviteToPortal() {
  const { customer, portalEnabled, locations, contacts, chosenContact } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const paths = portalPaths(customer.id);
  const errors = result?.errors ?? null;
  const values: Values = result?.values ?? {
    contactPersonId: chosenContact,
    locale: "en",
    access: "customer",
    locationIds: [],
  };
  const invitable = contacts.filter((contact) => contact.email && !contact.portalUserId);
  const chosen = contacts.find((contact) => contact.id === values.contactPersonId);
  const localeMessages = messagesFor(errors, "locale");

  return (
    <section className="stack customers-page narrow-form">
      <Breadcrumbs
        trail={[
          { label: "Customers", to: "/customers" },
          { label: customer.name, to: paths.panel },
          { label: "Invite to the portal" },
        ]}
      />
      <header>
        <p className="eyebrow">Customer portal · {customer.name}</p>
        <h1>Invite a contact person</h1>
        <p className="muted">
          They get an email with a link to the customer portal, where they follow requests, appointments and
          the reports you publish for this customer. The link works once, for 7 days.
        </p>
      </header>
      {portalEnabled ? null : (
        <p className="portal-off small">
          The portal is switched off for this workspace: the invitation can be sent, but it cannot be used
          until the portal is switched on in <Link to="/settings/workspace">Settings › Workspace</Link>.
        </p>
      )}
      {customer.archived ? (
        <div className="panel">
          <p>This customer is archived. Restore it before sharing it in the portal.</p>
          <Link className="button secondary" to={paths.customer}>
            Back to {customer.name}
          </Link>
        </div>
      ) : contacts.length === 0 ? (
        <div className="panel">
          <p className="empty">
            {customer.name} has no contact persons yet. Add one with an email address, then invite them.
          </p>
          <Link className="button" to={`${paths.customer}/contacts/new`}>
            Add contact person
          </Link>
        </div>
      ) : (
        <>
          <FormAlert errors={errors} />
          <Form method="post" className="stack panel" aria-label="Invite to the customer portal">
            <SelectField
              label="Contact person"
              name="contactPersonId"
              required
              defaultValue={values.contactPersonId}
              errors={errors}
              hint={
                invitable.length === 0
                  ? "Nobody can be invited: every contact person lacks an email address or already uses the portal."
                  : "The invitation goes to the email address on their record."
              }
            >
              <option value="">Choose a contact person</option>
              {contacts.map((contact) => (
                <option
                  key={contact.id}
                  value={contact.id}
                  disabled={!contact.email || Boolean(contact.portalUserId)}
                >
                  {contact.name}
                  {contact.email ? ` — ${contact.email}` : " — no email address"}
                  {contact.portalUserId ? " (already in the portal)" : ""}
                  {contact.pendingInvitationId && !contact.portalUserId
                    ? " (invited; a new invitation replaces it)"
                    : ""}
                </option>
              ))}
            </SelectField>
            {chosen && !chosen.email ? (
              <p className="small">
                {chosen.name} has no email address.{" "}
                <Link to={`${paths.customer}/contacts/${chosen.id}/edit`}>Add one to their record</Link>.
              </p>
            ) : null}
            <AccessFields locations={locations} values={values} errors={errors} />
            <fieldset
              className="portal-choice"
              aria-invalid={localeMessages.length > 0 || undefined}
              aria-describedby={localeMessages.length ? "locale-error" : "locale-hint"}
            >
              <legend>Language of the email and the portal</legend>
              <label>
                <input type="radio" name="locale" value="en" defaultChecked={values.locale !== "fr"} />
                <span>English</span>
              </label>
              <label>
                <input type="radio" name="locale" value="fr" defaultChecked={values.locale === "fr"} />
                <span lang="fr">Français</span>
              </label>
              <p className="hint" id="locale-hint">
                They can switch the portal's language at any time.
              </p>
              {localeMessages.length ? (
                <p className="field-error" id="locale-error">
                  {localeMessages.join(" ")}
                </p>
              ) : null}
            </fieldset>
            <div className="actions">
              <button type="submit" className="button" disabled={busy}>
                {busy ? "Sending…" : "Send invitation"}
              </button>
              <Link className="button secondary" to={paths.panel}>
                Cancel
              </Link>
            </div>
          </Form>
        </>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
