import type { CustomerStatus, CustomerType } from "@ordinavo/domain/vocabulary";
import { FormAlert } from "@ordinavo/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Breadcrumbs, useWorkspace } from "~/components/customer-bits";
import { CustomerFields, onScreenRows, readCustomerForm, withEmptyRows } from "~/components/customer-form";
import { PageError } from "~/components/page-error";
import { attempt, type FormErrors, load, requireWorkspace } from "~/lib/require.server";
import customersCss from "~/styles/customers.css?url";

export const links = () => [{ rel: "stylesheet", href: customersCss }];

export const meta: MetaFunction = () => [{ title: "New customer · Ordinavo Workspace" }];

export async function loader(args: LoaderFunctionArgs) {
  const { api } = await requireWorkspace(args);
  // Only roles that may create customers get a suggestion; others see "no access".
  const { number } = await load(args.request, () => api.customers.suggestNumber());
  return { number };
}

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const posted = readCustomerForm(form);
  const { values } = posted;
  const { api } = await requireWorkspace(args);
  const result = await attempt(() =>
    api.customers.create({
      ...values,
      status: values.status as CustomerStatus,
      type: values.type as CustomerType,
      ...(posted.hasReferenceRows ? { externalReferences: posted.references } : {}),
    }),
  );
  if (!result.ok) {
    return data<{ errors: FormErrors; values: typeof values; rows: typeof posted.rows }>(
      { errors: onScreenRows(result.errors, posted.rowOf), values, rows: posted.rows },
      { status: result.status },
    );
  }
  return redirect(`/customers/${result.value.id}?notice=created`);
}

export default function NewCustomer() {
  const { number } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { allowed } = useWorkspace();
  const busy = navigation.state === "submitting";
  const values = result?.values ?? { number };

  return (
    <section className="stack customers-page narrow-form">
      <Breadcrumbs trail={[{ label: "Customers", to: "/customers" }, { label: "New customer" }]} />
      <header>
        <p className="eyebrow">Customer records</p>
        <h1>New customer</h1>
        <p className="muted">
          Start with who the customer is; add locations and contact persons on the next page.
        </p>
      </header>
      <FormAlert errors={result?.errors} />
      <Form method="post" className="stack" aria-label="New customer">
        <CustomerFields
          values={values}
          errors={result?.errors}
          showReferences={allowed.has("external_reference.write")}
          referenceRows={result?.rows ?? withEmptyRows([])}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Creating…" : "Create customer"}
          </button>
          <Link className="button secondary" to="/customers">
            Cancel
          </Link>
        </div>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
