import { CheckboxField, Field, FormAlert, Notice, SelectField } from "@ordinavo/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { PageError } from "~/components/page-error";
import { apiFor, attempt, type FormErrors, load, text } from "~/lib/require.server";

export const meta: MetaFunction = () => [{ title: "Workspace settings · Ordinavo Workspace" }];

/** Zones most customers pick; the full list follows them in the select. */
const commonZones = [
  "Europe/Paris",
  "Europe/Brussels",
  "Europe/Luxembourg",
  "Europe/Zurich",
  "Europe/Berlin",
  "Europe/Amsterdam",
  "Europe/Vienna",
  "Europe/Madrid",
  "Europe/Lisbon",
  "Europe/Rome",
  "Europe/London",
  "Europe/Dublin",
  "America/Toronto",
  "America/Guadeloupe",
  "America/Martinique",
  "Indian/Reunion",
  "Pacific/Noumea",
  "UTC",
];

const gates = [
  {
    name: "portalEnabled",
    label: "Customer portal",
    hint: "Contacts you invite can sign in to the portal and see what is shared with them.",
  },
  {
    name: "portalAttachmentDownloads",
    label: "Attachment downloads in the portal",
    hint: "Portal users may download files that were released to the portal.",
  },
  {
    name: "portalShowsTechnician",
    label: "Technician's first name in the portal",
    hint: "The portal names who comes to an appointment, by first name only. When this is off, customers see the date, time, status and place only.",
  },
  {
    name: "employeesSeeInternalNotes",
    label: "Employees see internal notes",
    hint: "Employees read the internal notes of the customers they are assigned to.",
  },
  {
    name: "webhookIncludeContacts",
    label: "Contact details in webhooks",
    hint: "Webhook messages may include names, emails and phone numbers of contacts (when the subscription asks for them too). API keys read contacts only with the contacts scope, whatever this says.",
  },
  {
    name: "webhookIncludeBilling",
    label: "Billing details in webhooks",
    hint: "“Billing trigger created” messages may include the billing note (when the subscription asks for it too). When this is off, they say only that a trigger exists and its status.",
  },
] as const;

/** What the phones of field staff send with their updates. */
const fieldGates = [
  {
    name: "capturePosition",
    label: "Position with status updates",
    hint: "When an employee records a status on a visit (on the way, arrived, done…), their phone's position is saved with it, to document arrival and completion. Employees see a notice on the visit page while this is on. Comments and problem reports never carry a position.",
  },
] as const;

/** What roles may do beyond their defaults. */
const roleGates = [
  {
    name: "managersReviewReports",
    label: "Managers review and publish visit reports",
    hint: "Managers may approve or return submitted reports and share approved ones in the customer portal. When this is off, only tenant admins do; managers still read every report.",
  },
] as const;

type GateName =
  | (typeof gates)[number]["name"]
  | (typeof fieldGates)[number]["name"]
  | (typeof roleGates)[number]["name"];

const fieldNames: Record<string, string> = {
  timeZone: "time zone",
  locale: "language",
  portalEnabled: "customer portal",
  portalAttachmentDownloads: "portal downloads",
  portalShowsTechnician: "technician's first name in the portal",
  employeesSeeInternalNotes: "internal notes for employees",
  webhookIncludeContacts: "contact details in webhooks",
  webhookIncludeBilling: "billing details in webhooks",
  managersReviewReports: "report review by managers",
  capturePosition: "position with status updates",
  routeRoadFactor: "road factor",
  routeAverageSpeedKmh: "average speed",
};

export async function loader(args: LoaderFunctionArgs) {
  const { api } = await apiFor(args);
  const settings = await load(args.request, () => api.settings.get());
  const known = new Set([...Intl.supportedValuesOf("timeZone"), "UTC"]);
  const common = commonZones.filter((zone) => known.has(zone));
  if (!common.includes(settings.timeZone)) common.unshift(settings.timeZone);
  const others = [...known].filter((zone) => !common.includes(zone)).sort();
  return { settings, zones: { common, others } };
}

type Values = {
  timeZone: string;
  locale: string;
  routeRoadFactor: string;
  routeAverageSpeedKmh: string;
} & Record<GateName, boolean>;

/** A number as people type it: "1,3" and "1.3" are the same; blank is not a number. */
function toNumber(raw: string): number {
  const cleaned = raw.trim().replace(",", ".");
  return cleaned === "" ? Number.NaN : Number(cleaned);
}

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const values: Values = {
    timeZone: text(form, "timeZone"),
    locale: text(form, "locale"),
    routeRoadFactor: text(form, "routeRoadFactor"),
    routeAverageSpeedKmh: text(form, "routeAverageSpeedKmh"),
    portalEnabled: form.get("portalEnabled") === "on",
    portalAttachmentDownloads: form.get("portalAttachmentDownloads") === "on",
    portalShowsTechnician: form.get("portalShowsTechnician") === "on",
    employeesSeeInternalNotes: form.get("employeesSeeInternalNotes") === "on",
    webhookIncludeContacts: form.get("webhookIncludeContacts") === "on",
    webhookIncludeBilling: form.get("webhookIncludeBilling") === "on",
    managersReviewReports: form.get("managersReviewReports") === "on",
    capturePosition: form.get("capturePosition") === "on",
  };
  const { api } = await apiFor(args);
  const result = await attempt(() =>
    api.settings.update({
      timeZone: values.timeZone,
      locale: values.locale as "en" | "fr",
      portalEnabled: values.portalEnabled,
      portalAttachmentDownloads: values.portalAttachmentDownloads,
      portalShowsTechnician: values.portalShowsTechnician,
      employeesSeeInternalNotes: values.employeesSeeInternalNotes,
      webhookIncludeContacts: values.webhookIncludeContacts,
      webhookIncludeBilling: values.webhookIncludeBilling,
      managersReviewReports: values.managersReviewReports,
      capturePosition: values.capturePosition,
      routeRoadFactor: toNumber(values.routeRoadFactor),
      routeAverageSpeedKmh: toNumber(values.routeAverageSpeedKmh),
    }),
  );
  if (!result.ok) {
    return data(
      { errors: result.errors as FormErrors | null, changed: null, values },
      { status: result.status },
    );
  }
  return { errors: null, changed: result.value.changed, values };
}

function savedMessage(changed: string[]): string {
  if (changed.length === 0) return "Nothing to save: every setting already had that value.";
  const names = changed.map((key) => fieldNames[key] ?? key).join(", ");
  return `Saved: ${changed.length} ${changed.length === 1 ? "change" : "changes"} (${names}).`;
}

export default function WorkspaceSettings() {
  const { settings, zones } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result?.errors ?? null;
  // After a refusal the form shows what was typed; otherwise what is stored.
  const shown = result?.errors
    ? result.values
    : {
        ...settings,
        routeRoadFactor: String(settings.routeRoadFactor),
        routeAverageSpeedKmh: String(settings.routeAverageSpeedKmh),
      };
  return (
    <section className="stack">
      <header>
        <p className="eyebrow">Administration</p>
        <h1>Workspace settings</h1>
        <p className="muted">Settings for everyone in {settings.tenantName}.</p>
      </header>
      {result?.changed ? <Notice>{savedMessage(result.changed)}</Notice> : null}
      <FormAlert errors={errors} />
      <Form method="post" className="stack">
        <fieldset className="panel">
          <legend>Region</legend>
          <div className="grid-2">
            <SelectField
              label="Time zone"
              name="timeZone"
              defaultValue={shown.timeZone}
              errors={errors}
              hint="Dates and times in the workspace are shown in this zone."
            >
              <optgroup label="Common">
                {zones.common.map((zone) => (
                  <option key={zone} value={zone}>
                    {zone.replaceAll("_", " ")}
                  </option>
                ))}
              </optgroup>
              <optgroup label="All time zones">
                {zones.others.map((zone) => (
                  <option key={zone} value={zone}>
                    {zone.replaceAll("_", " ")}
                  </option>
                ))}
              </optgroup>
            </SelectField>
            <SelectField
              label="Language"
              name="locale"
              defaultValue={shown.locale}
              errors={errors}
              hint="The default language for your customers."
            >
              <option value="en">English</option>
              <option value="fr" lang="fr">
                Français
              </option>
            </SelectField>
          </div>
        </fieldset>

        <fieldset className="panel">
          <legend>Features and sharing</legend>
          <div className="stack">
            {gates.map((gate) => (
              <CheckboxField
                key={gate.name}
                label={gate.label}
                name={gate.name}
                hint={gate.hint}
                defaultChecked={shown[gate.name]}
                errors={errors}
              />
            ))}
          </div>
        </fieldset>

        <fieldset className="panel">
          <legend>Field work</legend>
          <div className="stack">
            {fieldGates.map((gate) => (
              <CheckboxField
                key={gate.name}
                label={gate.label}
                name={gate.name}
                hint={gate.hint}
                defaultChecked={shown[gate.name]}
                errors={errors}
              />
            ))}
          </div>
        </fieldset>

        <fieldset className="panel">
          <legend>Roles</legend>
          <div className="stack">
            {roleGates.map((gate) => (
              <CheckboxField
                key={gate.name}
                label={gate.label}
                name={gate.name}
                hint={gate.hint}
                defaultChecked={shown[gate.name]}
                errors={errors}
              />
            ))}
          </div>
        </fieldset>

        <fieldset className="panel">
          <legend>Route planning</legend>
          <div className="grid-2">
            <Field
              label="Road factor"
              name="routeRoadFactor"
              type="number"
              inputMode="decimal"
              min={1}
              max={3}
              step="any"
              required
              defaultValue={shown.routeRoadFactor}
              errors={errors}
              hint="Road distance divided by straight-line distance, between 1 and 3. About 1.3 suits most regions."
            />
            <Field
              label="Average speed (km/h)"
              name="routeAverageSpeedKmh"
              type="number"
              inputMode="decimal"
              min={5}
              max={130}
              step="any"
              required
              defaultValue={shown.routeAverageSpeedKmh}
              errors={errors}
              hint="Used to estimate travel time between stops, between 5 and 130."
            />
          </div>
        </fieldset>

        <div>
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Saving…" : "Save settings"}
          </button>
        </div>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
