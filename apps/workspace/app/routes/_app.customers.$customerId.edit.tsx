import type { CustomerStatus, CustomerType } from "@ordinavo/domain/vocabulary";
import { FormAlert } from "@ordinavo/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ArchivedBadge, Breadcrumbs, idParam, useWorkspace } from "~/components/customer-bits";
import {
  CustomerFields,
  type CustomerValues,
  customerFieldNames,
  onScreenRows,
  readCustomerForm,
  withEmptyRows,
} from "~/components/customer-form";
import { PageError } from "~/components/page-error";
import { attempt, type FormErrors, load, requireWorkspace } from "~/lib/require.server";
import customersCss from "~/styles/customers.css?url";

export const links = () => [{ rel: "stylesheet", href: customersCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Edit ${data?.customer.name ?? "customer"} · Ordinavo Workspace` },
];

export async function loader(args: LoaderFunctionArgs) {
  const customerId = idParam(args.params.customerId);
  const { api } = await requireWorkspace(args);
  const record = await load(args.request, () => api.customers.get({ customerId }));
  if (!record.can.edit) throw new Response("Forbidden", { status: 403 });
  const { customer } = record;
  const values = Object.fromEntries(
    customerFieldNames.map((name) => [name, (customer[name] as string | null | undefined) ?? ""]),
  ) as CustomerValues;
  return {
    customer: {
      id: customer.id,
      name: customer.name,
      number: customer.number,
      archivedAt: customer.archivedAt,
    },
    values,
    references: (record.externalReferences ?? []).map(({ sourceSystem, externalId }) => ({
      sourceSystem,
      externalId,
    })),
  };
}

export async function action(args: ActionFunctionArgs) {
  const customerId = idParam(args.params.customerId);
  const form = await args.request.formData();
  const posted = readCustomerForm(form);
  const { values } = posted;
  const { api } = await requireWorkspace(args);
  const result = await attempt(() =>
    api.customers.update({
      customerId,
      ...values,
      status: values.status as CustomerStatus,
      type: values.type as CustomerType,
      // Only a form that showed the references changes them; otherwise they stay as they are.
      ...(posted.hasReferenceRows ? { externalReferences: posted.references } : {}),
    }),
  );
  if (!result.ok) {
    return data<{ errors: FormErrors; values: typeof values; rows: typeof posted.rows }>(
      { errors: onScreenRows(result.errors, posted.rowOf), values, rows: posted.rows },
      { status: result.status },
    );
  }
  return redirect(`/customers/${customerId}?notice=updated`);
}

export default function EditCustomer() {
  const { customer, values, references } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { allowed } = useWorkspace();
  const busy = navigation.state === "submitting";
  const detail = `/customers/${customer.id}`;

  return (
    <section className="stack customers-page narrow-form">
      <Breadcrumbs
        trail={[
          { label: "Customers", to: "/customers" },
          { label: customer.name, to: detail },
          { label: "Edit" },
        ]}
      />
      <header>
        <p className="eyebrow">
          Customer <code>{customer.number}</code> <ArchivedBadge archivedAt={customer.archivedAt} />
        </p>
        <h1>Edit {customer.name}</h1>
      </header>
      <FormAlert errors={result?.errors} />
      <Form method="post" className="stack" aria-label={`Edit ${customer.name}`}>
        <CustomerFields
          values={result?.values ?? values}
          errors={result?.errors}
          showReferences={allowed.has("external_reference.write")}
          referenceRows={result?.rows ?? withEmptyRows(references)}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Saving…" : "Save changes"}
          </button>
          <Link className="button secondary" to={detail}>
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
