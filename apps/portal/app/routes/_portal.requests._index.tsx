import { portalRequestStatuses } from "@ordinavo/domain/vocabulary";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterLinks } from "~/components/filter-links";
import { RequestStatusBadge } from "~/components/request-bits";
import { useFormat } from "~/i18n/format";
import { pageTitle } from "~/i18n/words";
import { attempt, load, requirePortal } from "~/lib/require.server";
import type { loader as rootLoader } from "~/root";

// The requests of the places shared with the contact, newest first: a row of status links and a
// "Next page" link with the page's cursor, so both work without JavaScript. Everyone who sees a
// place sees its requests; the contact's own are marked.

export const meta: MetaFunction<typeof loader, { root: typeof rootLoader }> = ({ matches }) => [
  { title: pageTitle(matches, "requests", "list.pageTitle") },
];

type Status = (typeof portalRequestStatuses)[number];
const isStatus = (value: string | null): value is Status =>
  value !== null && (portalRequestStatuses as readonly string[]).includes(value);

const PAGE_SIZE = 20;

export async function loader(args: LoaderFunctionArgs) {
  const { api } = await requirePortal(args);
  const url = new URL(args.request.url);
  const asked = url.searchParams.get("status");
  const status = isStatus(asked) ? asked : undefined;
  const cursor = (url.searchParams.get("cursor") ?? "").slice(0, 2000) || undefined;
  const page = await attempt(() => api.requests.list({ status, cursor, limit: PAGE_SIZE }));
  if (page.ok) return { ...page.value, status: status ?? null, cursor: cursor ?? null, stale: false };
  // A page link that no longer fits (edited, or too old): the first page instead, and say so.
  if (!cursor || !page.errors.fields.cursor) throw new Response(page.errors.message, { status: page.status });
  const first = await load(args.request, () => api.requests.list({ status, limit: PAGE_SIZE }));
  return { ...first, status: status ?? null, cursor: null, stale: true };
}

function query(status: Status | null, cursor?: string | null) {
  const params = new URLSearchParams();
  if (status) params.set("status", status);
  if (cursor) params.set("cursor", cursor);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The filters, in the order a request goes through them. */
const filters: (Status | null)[] = [
  null,
  "submitted",
  "in_review",
  "accepted",
  "planned",
  "completed",
  "declined",
];

export default function Requests() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("requests");
  const format = useFormat();
  const [params] = useSearchParams();
  const sent = params.get("sent") === "1";

  return (
    <div className="stack">
      <header className="request-page-head">
        <div>
          <h1>{t("list.title")}</h1>
          <p className="muted">{t("list.intro")}</p>
        </div>
        <Link to="/requests/new" className="button">
          {t("list.new")}
        </Link>
      </header>

      {sent ? (
        <p className="notice" role="status">
          {t("list.sent")}
        </p>
      ) : null}

      <FilterLinks
        label={t("list.filterLabel")}
        className="request-filter"
        values={filters}
        current={data.status}
        to={query}
        name={(status) => (status ? t(`status.${status}`) : t("list.all"))}
      />

      {data.stale ? (
        <p className="notice" role="status">
          {t("list.stale")}
        </p>
      ) : null}

      <section className="panel" aria-labelledby="request-list-title">
        <h2 id="request-list-title" className="visually-hidden">
          {data.status ? t(`status.${data.status}`) : t("list.all")}
        </h2>
        {data.items.length === 0 ? (
          <div className="empty">
            {data.status ? (
              <>
                <p className="empty-title">{t("list.emptyStatus.title")}</p>
                <p>
                  <Link to="/requests">{t("list.emptyStatus.all")}</Link>
                </p>
              </>
            ) : (
              <>
                <p className="empty-title">{t("list.empty.title")}</p>
                <p>{t("list.empty.text")}</p>
                <p>
                  <Link to="/requests/new" className="button">
                    {t("list.empty.action")}
                  </Link>
                </p>
              </>
            )}
          </div>
        ) : (
          <ul className="request-list">
            {data.items.map((item) => (
              <li key={item.id} className="request-item">
                <div className="request-item-head">
                  <Link to={`/requests/${item.id}`} className="request-item-title">
                    {item.title}
                  </Link>
                  <RequestStatusBadge status={item.status} />
                </div>
                <p className="muted small">
                  {t(`type.${item.type}`)} · <span className="visually-hidden">{t("place")}: </span>
                  {item.location.name}
                  {item.location.city ? `, ${item.location.city}` : ""}
                </p>
                <p className="muted small">
                  {item.sentByYou
                    ? t("list.sentByYou", { date: format.shortDate(item.createdAt) })
                    : t("list.sentByColleague", { date: format.shortDate(item.createdAt) })}
                  {item.preferredDates[0]
                    ? ` · ${t("list.preferred", { day: format.calendarDay(item.preferredDates[0].date) })}`
                    : ""}
                </p>
              </li>
            ))}
          </ul>
        )}
        {data.nextCursor || data.cursor ? (
          <p className="pager">
            {data.cursor ? <Link to={query(data.status)}>{t("list.firstPage")}</Link> : null}
            {data.nextCursor ? (
              <Link to={query(data.status, data.nextCursor)}>{t("list.nextPage")}</Link>
            ) : null}
          </p>
        ) : null}
      </section>
    </div>
  );
}
