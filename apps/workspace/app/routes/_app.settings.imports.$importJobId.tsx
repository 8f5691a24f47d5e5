import { FormAlert, Notice } from "@ordinavo/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import {
  importKindText,
  importRowStatusText,
  importStatusText,
  isRunning,
} from "~/components/imports/labels";
import { ImportProgress } from "~/components/imports/progress";
import { PageError } from "~/components/page-error";
import { attempt, type FormErrors, load, requireWorkspace, text } from "~/lib/require.server";

export const meta: MetaFunction = () => [{ title: "Import · Ordinavo Workspace" }];

const rowFilters = ["failed", "valid", "imported", "unchanged"] as const;

export async function loader(args: LoaderFunctionArgs) {
  const { api } = await requireWorkspace(args);
  const importJobId = args.params.importJobId ?? "";
  const query = new URL(args.request.url).searchParams;
  const statusParam = query.get("status");
  const status = (rowFilters as readonly string[]).includes(statusParam ?? "")
    ? (statusParam as (typeof rowFilters)[number])
    : undefined;
  const after = Math.max(0, Number(query.get("after")) || 0);
  const detail = await load(args.request, () => api.imports.get({ importJobId }));
  const rows = await load(args.request, () => api.imports.rows({ importJobId, status, after, limit: 50 }));
  return { ...detail, rows, status: status ?? null, after };
}

export async function action(args: ActionFunctionArgs) {
  const { api } = await requireWorkspace(args);
  const importJobId = args.params.importJobId ?? "";
  const form = await args.request.formData();
  const intent = text(form, "intent");
  if (intent === "start") {
    const mapping: Record<string, string> = {};
    for (const [name, value] of form.entries()) {
      if (name.startsWith("map:") && typeof value === "string") mapping[name.slice(4)] = value;
    }
    const result = await attempt(() =>
      api.imports.start({ importJobId, mapping, dryRun: form.get("dryRun") === "on" }),
    );
    if (!result.ok) return data({ errors: result.errors as FormErrors | null }, { status: result.status });
    return redirect(`/settings/imports/${importJobId}`);
  }
  if (intent === "cancel") {
    const result = await attempt(() => api.imports.cancel({ importJobId }));
    if (!result.ok) return data({ errors: result.errors as FormErrors | null }, { status: result.status });
    return redirect(`/settings/imports/${importJobId}`);
  }
  if (intent === "run-for-real") {
    const result = await attempt(() => api.imports.runForReal({ importJobId }));
    if (!result.ok) return data({ errors: result.errors as FormErrors | null }, { status: result.status });
    return redirect(`/settings/imports/${result.value.id}`);
  }
  return data({ errors: { message: "Unknown action.", fields: {} } as FormErrors | null }, { status: 400 });
}

export default function ImportJob() {
  const { job, warnings, preview, fields, requiredFields, rows, status, after } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const revalidator = useRevalidator();
  const running = isRunning(job.status);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 2000);
    return () => clearInterval(timer);
  }, [running, revalidator]);
  const filterLink = (value: string | null) => (value ? `?status=${value}` : "?");
  return (
    <section className="stack">
      <header>
        <p className="eyebrow">
          <Link to="/settings/imports">Imports</Link>
        </p>
        <h1>
          {importKindText[job.kind]} from {job.sourceSystem}
        </h1>
        <p className="muted">
          {job.fileName ?? "Rows sent through the API"} · {job.dryRun ? "Dry run" : "Real run"}
        </p>
      </header>
      <FormAlert errors={result?.errors ?? null} />

      <section className="panel stack" aria-labelledby="job-status">
        <h2 id="job-status" className="h3">
          {importStatusText[job.status]}
        </h2>
        {job.status !== "pending" ? <ImportProgress job={job} /> : null}
        {running ? (
          <p className="muted">This page updates while the import runs; refresh to see the latest.</p>
        ) : null}
        {job.status !== "pending" ? (
          <p>
            Created {job.summary.created ?? 0} · updated {job.summary.updated ?? 0} · unchanged{" "}
            {job.summary.unchanged ?? 0} · failed {job.failedRows} · warnings {job.warningCount}
            {job.dryRun ? " (a dry run: nothing was written)" : ""}
          </p>
        ) : null}
        {job.error ? <p role="alert">{job.error}</p> : null}
        <div className="row" style={{ flexWrap: "wrap" }}>
          {job.canRunForReal ? (
            <Form method="post">
              <input type="hidden" name="intent" value="run-for-real" />
              <button type="submit" className="button">
                Run for real
              </button>
            </Form>
          ) : null}
          {job.canCancel ? (
            <details>
              <summary className="button secondary">Cancel import…</summary>
              <Form method="post" className="stack">
                <p>Rows already imported stay; the rest are not imported.</p>
                <input type="hidden" name="intent" value="cancel" />
                <button type="submit" className="button danger">
                  Cancel this import
                </button>
              </Form>
            </details>
          ) : null}
        </div>
      </section>

      {job.status === "pending" && preview ? (
        <section className="panel stack" aria-labelledby="mapping">
          <h2 id="mapping" className="h3">
            Mapping
          </h2>
          <p className="muted">
            Choose the field each column fills. Required: {requiredFields.join(", ")}. Columns left unmapped
            are reported as warnings and not imported.
          </p>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="start" />
            {preview.columns.map((column, i) => (
              <div key={column} className="field">
                <label htmlFor={`map-${i}`}>
                  Column “{column}”
                  {preview.rows[0]?.[column] ? (
                    <span className="muted"> (e.g. {preview.rows[0][column]})</span>
                  ) : null}
                </label>
                <select id={`map-${i}`} name={`map:${column}`} defaultValue={job.mapping[column] ?? ""}>
                  <option value="">— Leave out —</option>
                  {fields.map((field) => (
                    <option key={field} value={field}>
                      {field}
                    </option>
                  ))}
                </select>
              </div>
            ))}
            <label>
              <input type="checkbox" name="dryRun" defaultChecked={job.dryRun} /> Dry run: check every row,
              write nothing
            </label>
            <div>
              <button type="submit" className="button">
                Start import
              </button>
            </div>
          </Form>
          {preview.rows.length ? (
            // A wide file scrolls sideways inside this box; the keyboard can reach and scroll it too.
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must take focus to be scrolled without a mouse (WCAG 2.1.1)
            <section style={{ overflowX: "auto" }} tabIndex={0} aria-labelledby="import-preview-caption">
              <table>
                <caption id="import-preview-caption">First rows of the file</caption>
                <thead>
                  <tr>
                    {preview.columns.map((column) => (
                      <th key={column} scope="col">
                        {column}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {preview.rows.map((row, i) => (
                    <tr key={i}>
                      {preview.columns.map((column) => (
                        <td key={column}>{row[column] ?? ""}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ) : null}
        </section>
      ) : null}

      {warnings.length ? (
        <section className="panel stack" aria-labelledby="warnings">
          <h2 id="warnings" className="h3">
            Mapping warnings
          </h2>
          <ul>
            {warnings.map((warning) => (
              <li key={`${warning.code}-${warning.field}`}>
                “{warning.field}”: {warning.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {job.status !== "pending" ? (
        <section className="stack" aria-labelledby="rows">
          <h2 id="rows" className="h3">
            Rows
          </h2>
          <nav
            className="row"
            aria-label="Filter rows"
            style={{ display: "flex", flexWrap: "wrap", gap: "0.5rem 1rem" }}
          >
            <Link to={filterLink(null)} aria-current={status === null ? "page" : undefined}>
              All
            </Link>
            {rowFilters.map((value) => (
              <Link key={value} to={filterLink(value)} aria-current={status === value ? "page" : undefined}>
                {importRowStatusText[value]}
              </Link>
            ))}
          </nav>
          {rows.items.length === 0 ? (
            <Notice>No rows here{running ? " yet" : ""}.</Notice>
          ) : (
            <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
              {rows.items.map((row) => (
                <li key={row.rowNumber} className="panel stack">
                  <div
                    className="row"
                    style={{
                      display: "flex",
                      justifyContent: "space-between",
                      flexWrap: "wrap",
                      gap: "0.5rem 1rem",
                    }}
                  >
                    <strong>
                      Row {row.rowNumber}
                      {row.externalId ? ` · ${row.externalId}` : ""}
                    </strong>
                    <span>
                      {importRowStatusText[row.status]}
                      {row.outcome && row.status !== "unchanged" ? ` (${row.outcome})` : ""}
                    </span>
                  </div>
                  {row.errors.length ? (
                    <ul>
                      {row.errors.map((error) => (
                        <li key={error.field}>
                          <strong>{error.field}</strong>: {error.message}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {row.warnings.length ? (
                    <ul className="muted">
                      {row.warnings.map((warning) => (
                        <li key={`${warning.code}-${warning.field}`}>
                          Warning, {warning.field}: {warning.message}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <nav className="row" aria-label="Pages" style={{ display: "flex", gap: "1rem" }}>
            {after > 0 ? <Link to={status ? `?status=${status}` : "?"}>First rows</Link> : null}
            {rows.nextAfter !== null ? (
              <Link
                to={`?${new URLSearchParams({ ...(status ? { status } : {}), after: String(rows.nextAfter) })}`}
              >
                Next rows
              </Link>
            ) : null}
          </nav>
        </section>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
