import { FormAlert, messagesFor, SelectField } from "@ordinavo/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import {
  Form,
  Link,
  type ShouldRevalidateFunction,
  useActionData,
  useLoaderData,
  useLocation,
} from "@remix-run/react";
import { PageError } from "~/components/page-error";
import { RecurrenceForm } from "~/components/recurrence/form";
import {
  knownTimeZones,
  newPlanValues,
  type PlanFormValues,
  planInput,
  planValuesFromForm,
  previewPlan,
  type RulePreview,
  ruleErrors,
} from "~/components/recurrence/values";
import { isUuid, todayIn } from "~/lib/planning-time";
import { attempt, type FormErrors, load, requireWorkspace, text } from "~/lib/require.server";
import routesCssUrl from "~/styles/routes.css?url";

export const links = () => [{ rel: "stylesheet", href: routesCssUrl }];

export const meta: MetaFunction = () => [{ title: "New recurring visit · Ordinavo Workspace" }];

type Place = { id: string; name: string; address: string };

export async function loader(args: LoaderFunctionArgs) {
  const { api, me } = await requireWorkspace(args);
  const url = new URL(args.request.url);
  if (!me.active?.allowedActions.includes("recurring_plan.write"))
    throw new Response("Forbidden", { status: 403 });
  const timeZone = me.active.timeZone;
  const locationId = url.searchParams.get("locationId") ?? "";
  const customerId = url.searchParams.get("customerId") ?? "";
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  if ((locationId && !isUuid(locationId)) || (customerId && !isUuid(customerId))) {
    throw new Response("Not found", { status: 404 });
  }

  let customer: { id: string; name: string; number: string | null } | null = null;
  let locations: Place[] = [];
  /** The location the plan is for, when the page was opened from a location. */
  let fixedLocation: Place | null = null;
  let results: { id: string; name: string; number: string | null; city: string | null }[] = [];
  const place = (l: {
    id: string;
    name: string;
    addressLine1?: string | null;
    postalCode?: string | null;
    city?: string | null;
  }) => ({
    id: l.id,
    name: l.name,
    address: [l.addressLine1, [l.postalCode, l.city].filter(Boolean).join(" ")].filter(Boolean).join(", "),
  });

  if (locationId) {
    const found = await load(args.request, () => api.locations.get({ locationId }));
    customer = { id: found.customer.id, name: found.customer.name, number: found.customer.number ?? null };
    fixedLocation = place(found.location);
  } else if (customerId) {
    const found = await load(args.request, () => api.customers.get({ customerId }));
    customer = { id: found.customer.id, name: found.customer.name, number: found.customer.number ?? null };
    locations = found.locations.filter((l) => !l.archivedAt).map(place);
  } else if (q) {
    const found = await load(args.request, () => api.customers.list({ q, limit: 12 }));
    results = found.items.map((c) => ({
      id: c.id,
      name: c.name,
      number: c.number ?? null,
      city: c.city ?? null,
    }));
  }

  const assignees = await load(args.request, () => api.board.assignees());
  const title = url.searchParams.get("title") ?? "";
  const values = newPlanValues(todayIn(timeZone), timeZone, title);
  const timeZones = knownTimeZones();
  // The next visits of the default rule, so the preview is never empty on arrival.
  const initialPreview = customer
    ? (await previewPlan(values, timeZones, (input) => attempt(() => api.recurring.preview(input)))).preview
    : null;
  return {
    customer,
    locations,
    fixedLocation,
    results,
    q,
    assignees,
    timeZone,
    timeZones,
    values,
    initialPreview,
  };
}

type SaveOutcome = {
  intent: "save";
  errors: FormErrors;
  values: PlanFormValues;
  preview: null;
  locationId: string;
};

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const intent = text(form, "intent");
  const values = planValuesFromForm(form);
  const { api } = await requireWorkspace(args);

  if (intent === "preview") {
    const outcome = await previewPlan(values, knownTimeZones(), (input) =>
      attempt(() => api.recurring.preview(input)),
    );
    return data({ ...outcome, locationId: text(form, "locationId") });
  }

  const refused = (errors: FormErrors, status: number) =>
    data<SaveOutcome>(
      { intent: "save", errors, values, preview: null, locationId: text(form, "locationId") },
      { status },
    );
  const problems = ruleErrors(values);
  if (problems) return refused(problems, 400);
  const result = await attempt(() =>
    api.recurring.create({
      customerId: text(form, "customerId"),
      locationId: text(form, "locationId"),
      ...planInput(values),
    }),
  );
  if (!result.ok) return refused(result.errors, result.status);
  return redirect(`/recurring/${result.value.id}?created=1`);
}

/** A live preview (a fetcher post) changes nothing the loader reads. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "preview" ? false : defaultShouldRevalidate;

export default function NewRecurringPlan() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const location = useLocation();
  const { customer, locations, fixedLocation, results, q } = loaded;
  const values = result?.values ?? loaded.values;
  const errors = result?.errors ?? null;
  const preview = result
    ? "preview" in result
      ? (result.preview as RulePreview | null)
      : null
    : loaded.initialPreview;
  const chosen = customer && (fixedLocation || locations.length > 0);
  const locationErrors = messagesFor(errors, "locationId");

  return (
    <section className="stack">
      <header>
        <p className="eyebrow">
          <Link to="/recurring">Recurring visits</Link>
        </p>
        <h1>New recurring visit</h1>
        <p className="muted">
          A rule that keeps creating appointments at one location, for example every Monday at 08:00. The
          visits appear on the board shortly after you save.
        </p>
      </header>

      <section className="panel" aria-labelledby="where-title">
        <h2 id="where-title">1. Customer and location</h2>
        {customer ? (
          <div className="chosen-place">
            <dl className="facts">
              <div>
                <dt>Customer</dt>
                <dd>
                  {customer.name}
                  {customer.number ? <span className="muted"> · {customer.number}</span> : null}
                </dd>
              </div>
              {fixedLocation ? (
                <div>
                  <dt>Location</dt>
                  <dd>
                    {fixedLocation.name}
                    {fixedLocation.address ? <span className="muted"> · {fixedLocation.address}</span> : null}
                  </dd>
                </div>
              ) : null}
            </dl>
            <div className="actions">
              {fixedLocation ? (
                <Link className="button secondary small" to={`/recurring/new?customerId=${customer.id}`}>
                  Choose another location
                </Link>
              ) : null}
              <Link className="button secondary small" to="/recurring/new">
                Choose another customer
              </Link>
            </div>
            {!fixedLocation && locations.length === 0 ? (
              <p className="alert">
                {customer.name} has no active location. Add a location to the customer first; a recurring
                visit always happens at one place.
              </p>
            ) : null}
          </div>
        ) : (
          <>
            <Form method="get" action="/recurring/new" className="list-filter" role="search">
              <div className="field">
                <label htmlFor="customer-search">Find the customer</label>
                <input
                  id="customer-search"
                  type="search"
                  name="q"
                  defaultValue={q}
                  placeholder="Name, number or city"
                  aria-describedby="customer-search-hint"
                />
                <p className="hint" id="customer-search-hint">
                  Matches the start of the name, the customer number or a location's city.
                </p>
              </div>
              <button type="submit" className="button secondary">
                Search
              </button>
            </Form>
            {q ? (
              results.length ? (
                <ul className="pick-list" aria-label="Customers found">
                  {results.map((c) => (
                    <li key={c.id}>
                      <Link to={`/recurring/new?customerId=${c.id}`}>
                        <strong>{c.name}</strong>
                        <span className="muted">
                          {[c.number, c.city].filter(Boolean).map((part) => ` · ${part}`)}
                        </span>
                      </Link>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">No customer starts with “{q}”. Try the customer number or the city.</p>
              )
            ) : (
              <p className="muted small">Choose the customer first, then the location and the rule.</p>
            )}
            {messagesFor(errors, "customerId").length ? (
              <p className="field-error">{messagesFor(errors, "customerId").join(" ")}</p>
            ) : null}
          </>
        )}
      </section>

      {chosen ? (
        <>
          <h2 className="step-title">2. The visit and its rule</h2>
          <FormAlert errors={errors} />
          <RecurrenceForm
            values={values}
            errors={errors}
            preview={preview}
            timeZones={loaded.timeZones}
            tenantTimeZone={loaded.timeZone}
            assignees={loaded.assignees}
            submitLabel="Save recurring visit"
            cancelTo="/recurring"
            action={`${location.pathname}${location.search}`}
            intro={
              <>
                <input type="hidden" name="customerId" value={customer.id} />
                {fixedLocation ? (
                  <>
                    <input type="hidden" name="locationId" value={fixedLocation.id} />
                    {locationErrors.length ? <p className="field-error">{locationErrors.join(" ")}</p> : null}
                  </>
                ) : (
                  <SelectField
                    label="Location"
                    name="locationId"
                    defaultValue={result?.locationId || (locations.length === 1 ? locations[0]!.id : "")}
                    key={result?.locationId ?? "location"}
                    required
                    errors={errors}
                  >
                    {locations.length > 1 ? <option value="">Choose a location…</option> : null}
                    {locations.map((l) => (
                      <option key={l.id} value={l.id}>
                        {l.name}
                        {l.address ? ` — ${l.address}` : ""}
                      </option>
                    ))}
                  </SelectField>
                )}
              </>
            }
          />
        </>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
