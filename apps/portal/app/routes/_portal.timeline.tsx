import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { FilterLinks } from "~/components/filter-links";
import { type TimelineEntry, type TimelineGroup, TimelineList } from "~/components/timeline-list";
import { pageTitle } from "~/i18n/words";
import { attempt, load, requirePortal } from "~/lib/require.server";
import type { loader as rootLoader } from "~/root";

// The customer's reduced timeline: milestones of requests, appointments, shared reports and
// follow-ups, grouped by day. The filter is a row of links and "Show older entries" a link with the
// page's cursor, so both work without JavaScript; with it, older entries are added below.

export const meta: MetaFunction<typeof loader, { root: typeof rootLoader }> = ({ matches }) => [
  { title: pageTitle(matches, "timeline", "pageTitle") },
];

const groups: readonly TimelineGroup[] = ["requests", "appointments", "reports", "follow_ups"];
const isGroup = (value: string | null): value is TimelineGroup =>
  value !== null && (groups as readonly string[]).includes(value);

const PAGE_SIZE = 20;

export async function loader(args: LoaderFunctionArgs) {
  const { api } = await requirePortal(args);
  const url = new URL(args.request.url);
  const asked = url.searchParams.get("group");
  const group = isGroup(asked) ? asked : undefined;
  const older = (url.searchParams.get("older") ?? "").slice(0, 2000) || undefined;
  const page = await attempt(() => api.timeline.list({ group, after: older, limit: PAGE_SIZE }));
  if (page.ok) return { ...page.value, group: group ?? null, older: older ?? null, stale: false };
  // A page link that no longer fits (edited, or from an older version): the latest entries instead.
  if (!older || !page.errors.fields.after) {
    throw new Response(page.errors.message, { status: page.status });
  }
  const first = await load(args.request, () => api.timeline.list({ group, limit: PAGE_SIZE }));
  return { ...first, group: group ?? null, older: null, stale: true };
}

/** The query of a timeline address: the group (if any) and the cursor (if any). */
function query(group: TimelineGroup | null, older?: string | null) {
  const params = new URLSearchParams();
  if (group) params.set("group", group);
  if (older) params.set("older", older);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export default function Timeline() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("timeline");
  const fetcher = useFetcher<typeof loader>();
  // Older pages fetched with JavaScript, added below the page the address shows.
  const [extra, setExtra] = useState<{ entries: TimelineEntry[]; nextCursor: string | null }>({
    entries: [],
    nextCursor: data.nextCursor,
  });
  const taken = useRef<unknown>(null);
  useEffect(() => {
    setExtra({ entries: [], nextCursor: data.nextCursor });
    taken.current = null;
  }, [data]);
  useEffect(() => {
    const page = fetcher.data;
    if (!page || fetcher.state !== "idle" || taken.current === page) return;
    taken.current = page;
    setExtra((current) => ({
      entries: [
        ...current.entries,
        ...page.entries.filter((e) => !current.entries.some((c) => c.id === e.id)),
      ],
      nextCursor: page.nextCursor,
    }));
  }, [fetcher.data, fetcher.state]);

  const entries = [...data.entries, ...extra.entries];
  const nextCursor = extra.nextCursor;
  const loading = fetcher.state !== "idle";

  return (
    <div className="stack">
      <header>
        <h1>{t("title")}</h1>
        <p className="muted">{t("intro")}</p>
      </header>

      <FilterLinks
        label={t("filter.label")}
        className="timeline-filter"
        values={[null, ...data.groups]}
        current={data.group}
        to={query}
        name={(group) => (group ? t(`group.${group}`) : t("filter.all"))}
      />

      {data.stale ? (
        <p className="notice" role="status">
          {t("stale")}
        </p>
      ) : null}

      <section className="panel" aria-labelledby="timeline-entries-title">
        <h2 id="timeline-entries-title" className="visually-hidden">
          {data.older ? t("olderHeading") : data.group ? t(`group.${data.group}`) : t("title")}
        </h2>
        {entries.length === 0 ? (
          <div className="empty">
            <p className="empty-title">{data.group ? t("emptyGroup.title") : t("empty.title")}</p>
            <p>{data.group ? t("emptyGroup.text") : t("empty.text")}</p>
          </div>
        ) : (
          <TimelineList entries={entries} headingLevel={3} />
        )}
        <div className="timeline-more">
          {nextCursor ? (
            <Link
              className="button"
              to={query(data.group, nextCursor)}
              aria-disabled={loading || undefined}
              onClick={(event) => {
                // With JavaScript: add the older entries below instead of leaving this page.
                event.preventDefault();
                if (!loading) fetcher.load(`/timeline${query(data.group, nextCursor)}`);
              }}
            >
              {loading ? t("loadingOlder") : t("older")}
            </Link>
          ) : entries.length > 0 ? (
            <p className="muted small">{t("end")}</p>
          ) : null}
          {data.older ? <Link to={query(data.group)}>{t("newest")}</Link> : null}
        </div>
        <p className="visually-hidden" role="status" aria-live="polite">
          {loading ? t("loadingOlder") : ""}
        </p>
      </section>
    </div>
  );
}
