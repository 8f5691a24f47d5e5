import { CheckboxField, Field, FormAlert, SelectField } from "@ordinavo/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  data,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { importKindText, importStatusText, isRunning } from "~/components/imports/labels";
import { ImportProgress } from "~/components/imports/progress";
import { PageError } from "~/components/page-error";
import { formatDateTime } from "~/lib/format";
import { attempt, type FormErrors, load, requireWorkspace, text } from "~/lib/require.server";

export const meta: MetaFunction = () => [{ title: "Imports · Ordinavo Workspace" }];

const MAX_IMPORT_MB = 20;

export async function loader(args: LoaderFunctionArgs) {
  const { api, me } = await requireWorkspace(args);
  const page = Math.max(1, Number(new URL(args.request.url).searchParams.get("page")) || 1);
  const jobs = await load(args.request, () => api.imports.list({ page, limit: 20 }));
  return { jobs, page, timeZone: me.active?.timeZone ?? "UTC" };
}

type ActionResult = {
  errors: FormErrors | null;
  values: { kind: string; sourceSystem: string; dryRun: boolean };
};

export async function action(args: ActionFunctionArgs) {
  const { api } = await requireWorkspace(args);
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      args.request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_MB * 1024 * 1024 }),
    );
  } catch (error) {
    const message =
      error instanceof MaxPartSizeExceededError
        ? `Import files can be at most ${MAX_IMPORT_MB} MB.`
        : "Send the file as a multipart form.";
    return data(
      {
        errors: { message, fields: { file: [message] } },
        values: { kind: "customer", sourceSystem: "", dryRun: true },
      } satisfies ActionResult,
      { status: 400 },
    );
  }
  const values = {
    kind: text(form, "kind"),
    sourceSystem: text(form, "sourceSystem"),
    dryRun: form.get("dryRun") === "on",
  };
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) {
    const message = "Choose a CSV or JSON lines file.";
    return data({ errors: { message, fields: { file: [message] } }, values } satisfies ActionResult, {
      status: 400,
    });
  }
  const result = await attempt(() =>
    api.imports.upload({
      kind: values.kind as "customer",
      sourceSystem: values.sourceSystem,
      dryRun: values.dryRun,
      file,
    }),
  );
  if (!result.ok)
    return data({ errors: result.errors, values } satisfies ActionResult, { status: result.status });
  return redirect(`/settings/imports/${result.value.id}`);
}

export default function Imports() {
  const { jobs, page, timeZone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const running = jobs.items.some((job) => isRunning(job.status));
  // Progress moves on while a job runs: the list is read again every two seconds (a refresh does the same).
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 2000);
    return () => clearInterval(timer);
  }, [running, revalidator]);
  const errors = result?.errors ?? null;
  return (
    <section className="stack">
      <header>
        <p className="eyebrow">Administration</p>
        <h1>Imports</h1>
        <p className="muted">
          Bring customers, locations, contact persons or work in from another system. Rows are matched by
          their ID in the source system: importing the same file again changes nothing.
        </p>
      </header>

      <section className="panel" aria-labelledby="new-import">
        <h2 id="new-import" className="h3">
          New import
        </h2>
        <Form method="post" encType="multipart/form-data" className="stack">
          <FormAlert errors={errors} />
          <div className="grid-2">
            <Field
              id="import-file"
              label="File"
              name="file"
              type="file"
              accept=".csv,.jsonl,.ndjson,text/csv"
              required
              errors={errors}
              hint={`CSV with a header row, or JSON lines; at most ${MAX_IMPORT_MB} MB.`}
            />
            <SelectField
              id="import-kind"
              label="What to import"
              name="kind"
              defaultValue={result?.values.kind ?? "customer"}
              errors={errors}
            >
              {Object.entries(importKindText).map(([kind, label]) => (
                <option key={kind} value={kind}>
                  {label}
                </option>
              ))}
            </SelectField>
            <Field
              id="import-source"
              label="Source system"
              name="sourceSystem"
              required
              defaultValue={result?.values.sourceSystem ?? ""}
              errors={errors}
              hint='The system the IDs come from, such as "erp".'
            />
            <CheckboxField
              id="import-dry-run"
              label="Dry run: check every row, write nothing"
              name="dryRun"
              defaultChecked={result?.values.dryRun ?? true}
              errors={errors}
            />
          </div>
          <div>
            <button type="submit" className="button" disabled={navigation.state === "submitting"}>
              {navigation.state === "submitting" ? "Uploading…" : "Upload and choose the mapping"}
            </button>
          </div>
        </Form>
      </section>

      <section className="stack" aria-labelledby="import-jobs">
        <h2 id="import-jobs" className="h3">
          Import jobs
        </h2>
        {jobs.items.length === 0 ? (
          <p className="muted">No imports yet.</p>
        ) : (
          <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
            {jobs.items.map((job) => (
              <li key={job.id} className="panel stack">
                <div
                  className="row"
                  style={{
                    display: "flex",
                    justifyContent: "space-between",
                    flexWrap: "wrap",
                    gap: "0.5rem 1rem",
                  }}
                >
                  <Link to={`/settings/imports/${job.id}`}>
                    {importKindText[job.kind]} from {job.sourceSystem}
                    {job.fileName ? ` · ${job.fileName}` : ""}
                  </Link>
                  <span>
                    {importStatusText[job.status]}
                    {job.dryRun ? " · dry run" : ""}
                  </span>
                </div>
                <ImportProgress job={job} />
                <span className="muted">{formatDateTime(job.createdAt, timeZone)}</span>
              </li>
            ))}
          </ul>
        )}
        <nav className="row" aria-label="Pages" style={{ display: "flex", gap: "1rem" }}>
          {page > 1 ? <Link to={`?page=${page - 1}`}>Newer</Link> : null}
          {jobs.hasMore ? <Link to={`?page=${page + 1}`}>Older</Link> : null}
        </nav>
      </section>
    </section>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
