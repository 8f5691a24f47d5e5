import { type RetentionSubject, retentionSubjects } from "@ordinavo/domain/vocabulary";
import { CheckboxField, Field, FormAlert, Notice } from "@ordinavo/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { PageError } from "~/components/page-error";
import { retentionSubjectText, suggestedRetainDays } from "~/components/retention/labels";
import { formatDateTime } from "~/lib/format";
import { attempt, type FormErrors, load, requireWorkspace, text } from "~/lib/require.server";

export const meta: MetaFunction = () => [{ title: "Data retention · Ordinavo Workspace" }];

export async function loader(args: LoaderFunctionArgs) {
  const { api, me } = await requireWorkspace(args);
  const policies = await load(args.request, () => api.retention.list());
  return { policies, timeZone: me.active?.timeZone ?? "UTC" };
}

type Values = { subject: RetentionSubject; retainDays: string; active: boolean };
type ActionResult = {
  subject: RetentionSubject;
  values: Values;
  errors: FormErrors | null;
  /** A shorter period waits for this confirmation. */
  confirm: { from: number; to: number } | null;
  saved: boolean;
};

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const subjectText = text(form, "subject");
  const subject = (retentionSubjects as readonly string[]).includes(subjectText)
    ? (subjectText as RetentionSubject)
    : "visit_reports";
  const values: Values = {
    subject,
    retainDays: text(form, "retainDays"),
    active: form.get("active") === "on",
  };
  const { api } = await requireWorkspace(args);
  const raw = values.retainDays.trim();
  const retainDays = raw === "" ? Number.NaN : Number(raw);
  // Shortening a period deletes more at the next run: it needs an explicit second step.
  if (form.get("confirmed") !== "yes" && Number.isFinite(retainDays)) {
    const current = await load(args.request, () => api.retention.list());
    const before = current.find((p) => p.subject === subject);
    if (before?.retainDays && retainDays < before.retainDays && values.active) {
      return {
        subject,
        values,
        errors: null,
        confirm: { from: before.retainDays, to: retainDays },
        saved: false,
      } satisfies ActionResult;
    }
  }
  const result = await attempt(() => api.retention.save({ subject, retainDays, active: values.active }));
  if (!result.ok) {
    return data(
      { subject, values, errors: result.errors, confirm: null, saved: false } satisfies ActionResult,
      { status: result.status },
    );
  }
  return { subject, values, errors: null, confirm: null, saved: true } satisfies ActionResult;
}

function lastRun(
  policy: { lastRunAt: string | Date | null; lastDeletedCount: number | null },
  timeZone: string,
) {
  if (!policy.lastRunAt) return "Not run yet";
  const count = policy.lastDeletedCount ?? 0;
  return `${formatDateTime(policy.lastRunAt, timeZone)} · ${count} ${count === 1 ? "record" : "records"} removed`;
}

export default function RetentionSettings() {
  const { policies, timeZone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const navigation = useNavigation();
  const busySubject = navigation.state === "submitting" ? navigation.formData?.get("subject") : null;
  const confirm = result?.confirm ? result : null;
  return (
    <section className="stack">
      <header>
        <p className="eyebrow">Administration</p>
        <h1>Data retention</h1>
        <p className="muted">
          How long this workspace keeps each kind of data. Every night, records older than the period are
          deleted for good (in batches; only what is older, never the rest). Customers under legal hold keep
          everything. Only counts are recorded, never the content.
        </p>
      </header>

      {confirm?.confirm ? (
        <section className="panel confirm" aria-labelledby="confirm-title">
          <h2 id="confirm-title">
            Shorten the period for {retentionSubjectText[confirm.subject].label.toLowerCase()}?
          </h2>
          <p>
            From {confirm.confirm.from} to {confirm.confirm.to} days. At the next nightly run, every record
            older than {confirm.confirm.to} days is deleted permanently. This cannot be undone.
          </p>
          <Form method="post" className="row">
            <input type="hidden" name="subject" value={confirm.subject} />
            <input type="hidden" name="retainDays" value={confirm.values.retainDays} />
            {confirm.values.active ? <input type="hidden" name="active" value="on" /> : null}
            <input type="hidden" name="confirmed" value="yes" />
            <button type="submit" className="button danger">
              Shorten to {confirm.confirm.to} days
            </button>
            <Link className="button secondary" to="/settings/retention">
              Cancel
            </Link>
          </Form>
        </section>
      ) : null}

      {result?.saved ? <Notice>Saved: {retentionSubjectText[result.subject].label}.</Notice> : null}

      <div className="stack">
        {policies.map((policy) => {
          const own = result && result.subject === policy.subject && !result.saved ? result : null;
          const errors = own?.errors ?? null;
          const words = retentionSubjectText[policy.subject];
          const id = `retention-${policy.subject}`;
          return (
            <section key={policy.subject} className="panel">
              <Form method="post" className="stack" aria-labelledby={`${id}-title`}>
                <h2 id={`${id}-title`} className="h3">
                  {words.label}
                </h2>
                <p className="muted">{words.hint}</p>
                <FormAlert errors={errors} />
                <input type="hidden" name="subject" value={policy.subject} />
                <div className="grid-2">
                  <Field
                    id={`${id}-days`}
                    label="Keep for (days)"
                    name="retainDays"
                    type="number"
                    inputMode="numeric"
                    min={30}
                    max={3650}
                    step={1}
                    required
                    defaultValue={own?.values.retainDays ?? String(policy.retainDays ?? suggestedRetainDays)}
                    errors={errors}
                    hint="Between 30 and 3650 days (ten years)."
                  />
                  <CheckboxField
                    id={`${id}-active`}
                    label="Delete older records automatically"
                    name="active"
                    defaultChecked={own ? own.values.active : policy.active}
                    errors={errors}
                    hint={policy.policyId ? undefined : "No rule yet: nothing of this kind is deleted."}
                  />
                </div>
                <p className="muted">Last run: {lastRun(policy, timeZone)}</p>
                <div>
                  <button type="submit" className="button" disabled={busySubject === policy.subject}>
                    {busySubject === policy.subject ? "Saving…" : `Save ${words.label.toLowerCase()}`}
                  </button>
                </div>
              </Form>
            </section>
          );
        })}
      </div>
    </section>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
