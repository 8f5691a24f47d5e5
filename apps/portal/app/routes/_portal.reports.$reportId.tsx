import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { fileKindKey, useFileSize } from "~/components/work-bits";
import { useFormat } from "~/i18n/format";
import { pageTitle } from "~/i18n/words";
import { load, requirePortal } from "~/lib/require.server";
import type { loader as rootLoader } from "~/root";

// One shared visit report: the texts written for the customer when it was published (never the
// internal report), where and when the visit was, and the files released with it, each downloaded
// through /files/:id. When the service provider shares no files in the portal, the page says so.

export const meta: MetaFunction<typeof loader, { root: typeof rootLoader }> = ({ data, matches }) => [
  {
    title: data
      ? `${data.title} · ${pageTitle(matches, "reports", "pageTitle")}`
      : pageTitle(matches, "reports", "pageTitle"),
  },
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loader(args: LoaderFunctionArgs) {
  const reportId = args.params.reportId ?? "";
  if (!UUID.test(reportId)) throw new Response("Not found", { status: 404 });
  const { api } = await requirePortal(args);
  return load(args.request, () => api.reports.get({ reportId }));
}

export default function Report() {
  const report = useLoaderData<typeof loader>();
  const { t } = useTranslation("reports");
  const format = useFormat();
  const fileSize = useFileSize();
  return (
    <article className="stack">
      <header>
        <p className="small">
          <Link className="back-link" to="/reports">
            {t("back")}
          </Link>
        </p>
        <h1>{report.title}</h1>
        <dl className="report-facts">
          <dt>{t("detail.visit")}</dt>
          <dd>{format.date(report.visitDate)}</dd>
          <dt>{t("detail.place")}</dt>
          <dd>
            {report.location
              ? [report.location.name, report.location.address].filter(Boolean).join(" · ")
              : t("wholeCustomer")}
          </dd>
          <dt>{t("detail.shared")}</dt>
          <dd>{format.shortDate(report.publishedAt)}</dd>
        </dl>
      </header>

      <section className="panel" aria-labelledby="summary-title">
        <h2 id="summary-title">{t("detail.summary")}</h2>
        <p className="report-text">{report.summary}</p>
      </section>

      {report.message ? (
        <section className="report-message" aria-labelledby="message-title">
          <h2 id="message-title">{t("detail.message")}</h2>
          <p className="report-text">{report.message}</p>
        </section>
      ) : null}

      <section className="panel" aria-labelledby="files-title">
        <h2 id="files-title">{t("files.title")}</h2>
        {!report.filesShared ? (
          <p className="muted">{t("files.notShared")}</p>
        ) : report.files.length === 0 ? (
          <p className="muted">{t("files.none")}</p>
        ) : (
          <>
            <p className="muted small">{t("files.intro")}</p>
            <ul className="file-list">
              {report.files.map((file) => (
                <li key={file.id} className="file-item">
                  <div>
                    <p className="file-name">{file.fileName}</p>
                    <p className="muted small">
                      {t(`files.kind.${fileKindKey(file.contentType)}`)} · {fileSize(file.sizeBytes)}
                    </p>
                  </div>
                  {/* A document request, not a client-side navigation: the answer is the file. */}
                  <a
                    className="button secondary small"
                    href={`/files/${file.id}`}
                    download={file.fileName}
                    aria-label={t("files.download", { name: file.fileName })}
                  >
                    {t("files.downloadShort")}
                  </a>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </article>
  );
}
