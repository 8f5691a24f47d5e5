import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MoreLinks } from "~/components/work-bits";
import { useFormat } from "~/i18n/format";
import { pageTitle } from "~/i18n/words";
import { attempt, load, requirePortal } from "~/lib/require.server";
import type { loader as rootLoader } from "~/root";

// The visit reports shared with the contact, latest first: the title written for them, when the
// visit was, where, and how many files come with it. Older reports are a link away (a cursor in
// the address, so paging works without JavaScript).

export const meta: MetaFunction<typeof loader, { root: typeof rootLoader }> = ({ matches }) => [
  { title: pageTitle(matches, "reports", "pageTitle") },
];

const PAGE_SIZE = 10;

export async function loader(args: LoaderFunctionArgs) {
  const { api } = await requirePortal(args);
  const url = new URL(args.request.url);
  const cursor = (url.searchParams.get("older") ?? "").slice(0, 2000) || undefined;
  const page = await attempt(() => api.reports.list({ cursor, limit: PAGE_SIZE }));
  if (page.ok) return { ...page.value, cursor: cursor ?? null, stale: false };
  // A page link that no longer fits: the latest reports instead.
  if (!cursor || !page.errors.fields.cursor) throw new Response(page.errors.message, { status: page.status });
  const first = await load(args.request, () => api.reports.list({ limit: PAGE_SIZE }));
  return { ...first, cursor: null, stale: true };
}

export default function Reports() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("reports");
  const format = useFormat();
  return (
    <div className="stack">
      <header>
        <h1>{t("title")}</h1>
        <p className="muted">{t("intro")}</p>
      </header>
      {data.stale ? (
        <p className="notice" role="status">
          {t("stale")}
        </p>
      ) : null}
      {data.items.length === 0 ? (
        <section className="panel">
          <div className="empty">
            <p className="empty-title">{t("empty.title")}</p>
            <p>{t("empty.text")}</p>
          </div>
        </section>
      ) : (
        <ul className="report-cards">
          {data.items.map((report) => (
            <li key={report.id}>
              <Link className="report-card" to={`/reports/${report.id}`} prefetch="intent">
                <h2 className="report-card-title">{report.title}</h2>
                <p className="report-card-meta">
                  <span>{t("card.visit", { date: format.date(report.visitDate) })}</span>
                  <span>{report.location?.name ?? t("wholeCustomer")}</span>
                  <span>{t("card.shared", { date: format.shortDate(report.publishedAt) })}</span>
                  {report.fileCount > 0 ? <span>{t("card.files", { count: report.fileCount })}</span> : null}
                </p>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <MoreLinks
        next={data.nextCursor ? `/reports?older=${encodeURIComponent(data.nextCursor)}` : null}
        first={data.cursor ? "/reports" : null}
        moreLabel={t("more")}
        firstLabel={t("first")}
      />
    </div>
  );
}
