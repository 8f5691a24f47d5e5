import { Field, FormAlert, type FormErrors, TextAreaField } from "@ordinavo/ui";
import { Form, Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { fileSize } from "~/components/attachments/file-size";

// The "Customer portal" panel of an approved report, for those who publish reports: what the
// customer sees (a copy of the texts below, made when publishing), the form that publishes or
// re-words it, removing it again (after a confirmation step that is a plain link, so it works
// without JavaScript), and which of the report's files the portal offers. Every form posts to the
// report page's action; the page shows the panel only when the API sent a publication.

export type PortalTexts = { title: string; summary: string; message: string };

export type PortalPanelData = {
  published: { title: string; publishedAt: string; publishedByName: string | null } | null;
  draft: PortalTexts;
  can: { publish: boolean; unpublish: boolean; release: boolean };
  portalEnabled: boolean;
  downloadsEnabled: boolean;
  files: { id: string; fileName: string; sizeBytes: number; releasedAt: string | null }[];
};

export function PortalPanel({
  here,
  visitReportId,
  publication,
  values,
  errors,
  confirmUnpublish,
  busyIntent,
}: {
  here: string;
  visitReportId: string;
  publication: PortalPanelData;
  /** The texts the form shows (what was posted, after a refusal). */
  values: PortalTexts;
  errors: FormErrors | null;
  confirmUnpublish: boolean;
  busyIntent: string | null;
}) {
  const { published, can } = publication;
  return (
    <section className="panel stack portal-panel" id="portal" aria-labelledby="portal-title">
      <div className="panel-head">
        <h2 id="portal-title">Customer portal</h2>
        {published ? (
          <span className="badge ok">Shared in the portal</span>
        ) : (
          <span className="badge">Not shared</span>
        )}
      </div>
      <p className="muted small">
        {published
          ? `Customer contacts with access to this site read “${published.title}” since ${published.publishedAt}${
              published.publishedByName ? ` (published by ${published.publishedByName})` : ""
            }. They see the texts below as they were published: later corrections to the report reach them only when you publish again.`
          : "Customer contacts with access to this site do not see this report. Publishing shares the texts below with them — never the report's internal text, problems, follow-up details or billing."}
      </p>
      {!publication.portalEnabled ? (
        <p className="notice" role="note">
          The customer portal is switched off in the workspace settings: nobody sees published reports until
          it is switched on.
        </p>
      ) : null}

      {can.publish ? (
        <Form method="post" action={`${here}#portal`} className="stack">
          <input type="hidden" name="intent" value="publish" />
          <input type="hidden" name="visitReportId" value={visitReportId} />
          <FormAlert errors={errors} />
          <Field
            label="Title for the customer"
            name="portalTitle"
            errors={errors}
            defaultValue={values.title}
            maxLength={200}
            required
          />
          <TextAreaField
            label="Summary for the customer"
            name="portalSummary"
            errors={errors}
            defaultValue={values.summary}
            rows={5}
            maxLength={5000}
            required
            hint="Prefilled from the result and the summary of the report. Write what the customer should know; leave out internal remarks."
          />
          <TextAreaField
            label="Message (optional)"
            name="portalMessage"
            errors={errors}
            defaultValue={values.message}
            rows={3}
            maxLength={2000}
            hint="A note to the customer, such as what happens next."
          />
          <div className="actions">
            <button type="submit" className="button" disabled={busyIntent === "publish"}>
              {busyIntent === "publish"
                ? "Publishing…"
                : published
                  ? "Update the portal version"
                  : "Publish to the portal"}
            </button>
            {can.unpublish && !confirmUnpublish ? (
              <Link className="button secondary" to={`${here}?portal=unpublish#unpublish`}>
                Remove from the portal…
              </Link>
            ) : null}
          </div>
        </Form>
      ) : null}

      {can.unpublish && confirmUnpublish ? (
        <UnpublishConfirm here={here} visitReportId={visitReportId} busy={busyIntent === "unpublish"} />
      ) : null}

      <PortalFiles
        here={here}
        files={publication.files}
        canRelease={can.release}
        downloadsEnabled={publication.downloadsEnabled}
        busyIntent={busyIntent}
      />
    </section>
  );
}

function UnpublishConfirm({
  here,
  visitReportId,
  busy,
}: {
  here: string;
  visitReportId: string;
  busy: boolean;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <section className="confirm" id="unpublish" aria-labelledby="unpublish-title">
      <h3 id="unpublish-title" tabIndex={-1} ref={heading}>
        Remove this report from the portal?
      </h3>
      <p className="small">
        Customer contacts stop seeing it, and its files, at once. The texts stay here, so you can publish it
        again later.
      </p>
      <Form method="post" action={`${here}#portal`} className="actions">
        <input type="hidden" name="intent" value="unpublish" />
        <input type="hidden" name="visitReportId" value={visitReportId} />
        <button type="submit" className="button danger" disabled={busy}>
          {busy ? "Removing…" : "Remove from the portal"}
        </button>
        <Link className="button secondary" to={`${here}#portal`}>
          Cancel
        </Link>
      </Form>
    </section>
  );
}

function PortalFiles({
  here,
  files,
  canRelease,
  downloadsEnabled,
  busyIntent,
}: {
  here: string;
  files: PortalPanelData["files"];
  canRelease: boolean;
  downloadsEnabled: boolean;
  busyIntent: string | null;
}) {
  return (
    <div className="stack portal-files">
      <h3>Files in the portal</h3>
      <p className="muted small">Files are shared one by one, and only while the report is published.</p>
      {!downloadsEnabled ? (
        <p className="notice" role="note">
          Attachments in the portal are switched off in the workspace settings, so customers see no files —
          not even released ones. You can still choose files here; they become downloadable once the setting
          is on.
        </p>
      ) : null}
      {files.length === 0 ? (
        <p className="muted small">This report has no files.</p>
      ) : (
        <ul className="portal-file-list">
          {files.map((file) => {
            const released = file.releasedAt !== null;
            return (
              <li key={file.id} className="portal-file">
                <div className="portal-file-name">
                  <a href={`/attachments/${file.id}`}>{file.fileName}</a>
                  <span className="muted small"> · {fileSize(file.sizeBytes)}</span>
                </div>
                <span className={`badge${released ? " ok" : ""}`}>
                  {released ? `Released ${file.releasedAt}` : "Not released"}
                </span>
                {canRelease ? (
                  <Form method="post" action={`${here}#portal`} className="inline-form">
                    <input type="hidden" name="intent" value={released ? "withdraw" : "release"} />
                    <input type="hidden" name="attachmentId" value={file.id} />
                    <button
                      type="submit"
                      className={`button small${released ? " secondary" : ""}`}
                      disabled={busyIntent === "release" || busyIntent === "withdraw"}
                      aria-label={`${released ? "Withdraw" : "Release"} ${file.fileName}`}
                    >
                      {/* Named after the file, starting with the word it shows. */}
                      {released ? "Withdraw" : "Release"}
                    </button>
                  </Form>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
