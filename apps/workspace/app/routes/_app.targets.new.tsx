import type { priorities } from "@ordinavo/domain/vocabulary";
import { Field, FormAlert, type FormErrors, messagesFor, SelectField } from "@ordinavo/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { PageError } from "~/components/page-error";
import { ContactPersonSelect, DescriptionField, PriorityAndDueFields } from "~/components/target-fields";
import { durationText } from "~/lib/planning-display";
import { isUuid } from "~/lib/planning-time";
import { attempt, load, requireWorkspace, text } from "~/lib/require.server";
import planningCss from "~/styles/planning.css?url";

export const links = () => [{ rel: "stylesheet", href: planningCss }];

export const meta: MetaFunction = () => [{ title: "New target · Ordinavo Workspace" }];

const pickerSize = 50;

export async function loader(args: LoaderFunctionArgs) {
  const url = new URL(args.request.url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const customerParam = url.searchParams.get("customerId");
  const { api, me } = await requireWorkspace(args);
  if (!me.active?.allowedActions.includes("target.write")) throw new Response("Forbidden", { status: 403 });

  const [list, chosen] = await Promise.all([
    load(args.request, () => api.customers.list({ q: q || undefined, limit: pickerSize, sort: "name" })),
    isUuid(customerParam) ? attempt(() => api.customers.get({ customerId: customerParam })) : null,
  ]);
  const customer = chosen?.ok ? chosen.value : null;
  return {
    q,
    customers: list.items.map((c) => ({
      id: c.id,
      name: c.name,
      number: c.number ?? null,
      city: c.city ?? null,
    })),
    moreCustomers: Boolean(list.nextCursor),
    missingCustomer: Boolean(customerParam) && !customer,
    chosen: customer
      ? {
          id: customer.customer.id,
          name: customer.customer.name,
          number: customer.customer.number ?? null,
          archived: Boolean(customer.customer.archivedAt),
          locations: customer.locations.map((l) => ({
            id: l.id,
            name: l.name,
            address: [l.addressLine1, l.city].filter(Boolean).join(", "),
            workMinutes: l.defaultWorkMinutes ?? null,
          })),
          contacts: customer.contacts.map((p) => ({
            id: p.id,
            name: p.name,
            role: p.role ?? null,
          })),
        }
      : null,
  };
}

type Values = {
  customerId: string;
  locationId: string;
  contactId: string;
  title: string;
  description: string;
  priority: string;
  dueDate: string;
};

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const values: Values = {
    customerId: text(form, "customerId"),
    locationId: text(form, "locationId"),
    contactId: text(form, "contactId"),
    title: text(form, "title"),
    description: text(form, "description"),
    priority: text(form, "priority") || "normal",
    dueDate: text(form, "dueDate"),
  };
  const { api } = await requireWorkspace(args);
  const result = await attempt(() =>
    api.targets.create({ ...values, priority: values.priority as (typeof priorities)[number] }),
  );
  if (!result.ok) return data({ errors: result.errors, values }, { status: result.status });
  return redirect(`/targets/${result.value.id}?notice=created`);
}

export default function NewTarget() {
  const { q, customers, moreCustomers, missingCustomer, chosen } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const saving = navigation.state === "submitting" && navigation.formMethod === "POST";
  const errors: FormErrors | null = result?.errors ?? null;
  const values = result?.values;
  // The chosen customer stays in the select even when the search no longer lists it.
  const options =
    chosen && !customers.some((c) => c.id === chosen.id)
      ? [{ id: chosen.id, name: chosen.name, number: chosen.number, city: null }, ...customers]
      : customers;
  const customerErrors = messagesFor(errors, "customerId");

  return (
    <section className="stack plan-narrow">
      <header>
        <p className="eyebrow">
          <Link to="/targets">Work</Link>
        </p>
        <h1>New target</h1>
        <p className="muted">
          A target is one piece of work for a customer: a repair, a service, an inspection. Once it exists,
          plan one or more appointments for it.
        </p>
      </header>

      <div className="panel stack">
        <h2>1. Customer</h2>
        <Form method="get" className="plan-search" role="search" aria-label="Find a customer">
          <div className="field">
            <label htmlFor="customer-q">Find a customer</label>
            <input
              id="customer-q"
              type="search"
              name="q"
              defaultValue={q}
              maxLength={100}
              placeholder="Name, number or city"
            />
          </div>
          {chosen ? <input type="hidden" name="customerId" value={chosen.id} /> : null}
          <button type="submit" className="button secondary">
            Search
          </button>
        </Form>

        {missingCustomer ? (
          <div className="alert" role="alert">
            That customer could not be found. Choose another one.
          </div>
        ) : null}

        {options.length ? (
          <Form method="get" className="plan-search" aria-label="Choose the customer">
            <input type="hidden" name="q" value={q} />
            <SelectField
              id="customer-pick"
              label={q ? `Customers matching “${q}”` : "Customer"}
              name="customerId"
              defaultValue={chosen?.id ?? ""}
              key={chosen?.id ?? "none"}
              hint={moreCustomers ? `Showing the first ${pickerSize}. Search to narrow the list.` : undefined}
              onChange={(event) => {
                if (event.currentTarget.value) submit(event.currentTarget.form, { replace: true });
              }}
            >
              <option value="" disabled>
                Choose a customer…
              </option>
              {options.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                  {c.number ? ` (${c.number})` : ""}
                  {c.city ? ` · ${c.city}` : ""}
                </option>
              ))}
            </SelectField>
            <button type="submit" className="button secondary">
              Use this customer
            </button>
          </Form>
        ) : (
          <p className="empty">
            {q
              ? `No customers match “${q}”. Try part of the name, the number or the city.`
              : "No customers yet."}
          </p>
        )}
        {customerErrors.length ? <p className="field-error">{customerErrors.join(" ")}</p> : null}
      </div>

      <div className="panel">
        <h2 id="details-title">2. The work</h2>
        {!chosen ? (
          <p className="muted">Choose a customer first; the form for the work appears here.</p>
        ) : chosen.archived ? (
          <p className="alert">
            {chosen.name} is archived. Restore the customer before creating new work for it.
          </p>
        ) : (
          <Form method="post" className="stack" aria-labelledby="details-title">
            <FormAlert errors={errors} />
            <p className="plan-chosen">
              For <strong>{chosen.name}</strong>
              {chosen.number ? <span className="muted"> ({chosen.number})</span> : null}
            </p>
            <input type="hidden" name="customerId" value={chosen.id} />
            <SelectField
              label="Location"
              name="locationId"
              defaultValue={
                values?.locationId ?? (chosen.locations.length === 1 ? chosen.locations[0]!.id : "")
              }
              errors={errors}
              hint={chosen.locations.length ? undefined : "This customer has no locations yet."}
            >
              <option value="">No specific location</option>
              {chosen.locations.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                  {l.address ? ` · ${l.address}` : ""}
                  {l.workMinutes ? ` · usually ${durationText(l.workMinutes)}` : ""}
                </option>
              ))}
            </SelectField>
            <ContactPersonSelect
              contacts={chosen.contacts}
              defaultValue={values?.contactId ?? ""}
              errors={errors}
            />
            <Field
              label="Title"
              name="title"
              required
              maxLength={200}
              defaultValue={values?.title}
              errors={errors}
              hint="What needs doing, in a few words: “Annual boiler service”."
            />
            <DescriptionField defaultValue={values?.description} errors={errors} />
            <PriorityAndDueFields
              priority={values?.priority ?? "normal"}
              dueDate={values?.dueDate}
              errors={errors}
            />
            <div className="actions">
              <button type="submit" className="button" disabled={saving}>
                {saving ? "Creating…" : "Create target"}
              </button>
              <Link className="button secondary" to="/targets">
                Cancel
              </Link>
            </div>
          </Form>
        )}
      </div>
    </section>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
