import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppointmentBadge, DayBlock, MoreLinks, WorkBadge } from "~/components/work-bits";
import { useFormat } from "~/i18n/format";
import { pageTitle } from "~/i18n/words";
import { attempt, type PortalApi, requirePortal } from "~/lib/require.server";
import type { loader as rootLoader } from "~/root";

// The contact's appointments: what is coming (the next 60 days), what happened lately (the last
// 30 days) and the work that is still open, each in plain words and paged on its own. Paging is a
// link carrying that list's cursor, so it works without JavaScript.

export const meta: MetaFunction<typeof loader, { root: typeof rootLoader }> = ({ matches }) => [
  { title: pageTitle(matches, "appointments", "pageTitle") },
];

const PAGE_SIZE = 10;
/** Recent visits and open work matter less than what is coming: shorter pages. */
const SHORT_PAGE = 5;
const sections = ["upcoming", "recent", "work"] as const;
type Section = (typeof sections)[number];

/** One page of a list; a cursor the list no longer accepts gives its first page instead. */
async function pageOf<T>(
  cursor: string | undefined,
  read: (cursor: string | undefined) => Promise<T>,
): Promise<{ page: T; stale: boolean }> {
  const result = await attempt(() => read(cursor));
  if (result.ok) return { page: result.value, stale: false };
  if (!cursor || !result.errors.fields.cursor)
    throw new Response(result.errors.message, { status: result.status });
  return { page: await read(undefined), stale: true };
}

export async function loader(args: LoaderFunctionArgs) {
  const { api } = await requirePortal(args);
  const url = new URL(args.request.url);
  const cursorOf = (section: Section) => (url.searchParams.get(section) ?? "").slice(0, 2000) || undefined;
  const list = (api: PortalApi, when: "upcoming" | "recent") => (cursor: string | undefined) =>
    api.appointments.list({ when, cursor, limit: when === "upcoming" ? PAGE_SIZE : SHORT_PAGE });
  const [upcoming, recent, work] = await Promise.all([
    pageOf(cursorOf("upcoming"), list(api, "upcoming")),
    pageOf(cursorOf("recent"), list(api, "recent")),
    pageOf(cursorOf("work"), (cursor) => api.appointments.openWork({ cursor, limit: SHORT_PAGE })),
  ]);
  return {
    upcoming: upcoming.page,
    recent: recent.page,
    work: work.page,
    // A stale cursor is dropped: the list shows its first page, and links no longer carry it.
    cursors: {
      upcoming: upcoming.stale ? null : (cursorOf("upcoming") ?? null),
      recent: recent.stale ? null : (cursorOf("recent") ?? null),
      work: work.stale ? null : (cursorOf("work") ?? null),
    } satisfies Record<Section, string | null>,
    stale: upcoming.stale || recent.stale || work.stale,
  };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Appointment = Data["upcoming"]["items"][number];

/** The address of this page with one list moved to `cursor` (null: its first page). */
function pageLink(cursors: Record<Section, string | null>, section: Section, cursor: string | null) {
  const params = new URLSearchParams();
  for (const s of sections) {
    const value = s === section ? cursor : cursors[s];
    if (value) params.set(s, value);
  }
  const text = params.toString();
  return `/appointments${text ? `?${text}` : ""}#${section}`;
}

function AppointmentItem({ appointment }: { appointment: Appointment }) {
  const { t } = useTranslation("appointments");
  const format = useFormat();
  return (
    <li className="work-item">
      <DayBlock at={appointment.plannedStart} />
      <div className="work-body">
        <div className="work-head">
          <p className="work-title">{appointment.title ?? t(`kind.${appointment.kind}`)}</p>
          <AppointmentBadge status={appointment.status} />
        </div>
        <p>
          <span className="visually-hidden">{t("when")}: </span>
          {format.date(appointment.plannedStart)} ·{" "}
          {format.timeRange(appointment.plannedStart, appointment.plannedEnd)}
        </p>
        <p className="work-meta">
          <span className="visually-hidden">{t("where")}: </span>
          {appointment.location
            ? [appointment.location.name, appointment.location.address].filter(Boolean).join(" · ")
            : t("wholeCustomer")}
        </p>
        {appointment.technician ? (
          <p className="work-meta">{t("technician", { name: appointment.technician })}</p>
        ) : null}
      </div>
    </li>
  );
}

function AppointmentSection({
  id,
  page,
  cursors,
}: {
  id: "upcoming" | "recent";
  page: Data["upcoming"];
  cursors: Record<Section, string | null>;
}) {
  const { t } = useTranslation("appointments");
  return (
    <section className="panel" id={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t(`${id}.title`)}</h2>
      <p className="muted small">{t(`${id}.intro`, { days: page.days })}</p>
      {page.items.length === 0 ? (
        <div className="empty">
          <p className="empty-title">{t(`${id}.empty.title`)}</p>
          <p>{t(`${id}.empty.text`, { days: page.days })}</p>
        </div>
      ) : (
        <ul className="work-list">
          {page.items.map((appointment) => (
            <AppointmentItem key={appointment.id} appointment={appointment} />
          ))}
        </ul>
      )}
      <MoreLinks
        next={page.nextCursor ? pageLink(cursors, id, page.nextCursor) : null}
        first={cursors[id] ? pageLink(cursors, id, null) : null}
        moreLabel={t("more")}
        firstLabel={t("first")}
      />
    </section>
  );
}

export default function Appointments() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("appointments");
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

      <AppointmentSection id="upcoming" page={data.upcoming} cursors={data.cursors} />

      <section className="panel" id="work" aria-labelledby="work-title">
        <h2 id="work-title">{t("work.title")}</h2>
        <p className="muted small">{t("work.intro")}</p>
        {data.work.items.length === 0 ? (
          <div className="empty">
            <p className="empty-title">{t("work.empty.title")}</p>
            <p>{t("work.empty.text")}</p>
          </div>
        ) : (
          <ul className="work-list">
            {data.work.items.map((work) => (
              <li key={work.id} className="work-item plain">
                <div className="work-body">
                  <div className="work-head">
                    <p className="work-title">{work.title ?? t(`kind.${work.kind}`)}</p>
                    <WorkBadge status={work.status} />
                  </div>
                  <p className="work-meta">
                    <span className="visually-hidden">{t("where")}: </span>
                    {work.location?.name ?? t("wholeCustomer")}
                  </p>
                  <p className="work-meta">
                    {work.nextVisit
                      ? t("work.nextVisit", { date: format.date(work.nextVisit) })
                      : t("work.noVisit")}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        )}
        <MoreLinks
          next={data.work.nextCursor ? pageLink(data.cursors, "work", data.work.nextCursor) : null}
          first={data.cursors.work ? pageLink(data.cursors, "work", null) : null}
          moreLabel={t("more")}
          firstLabel={t("first")}
        />
      </section>

      <AppointmentSection id="recent" page={data.recent} cursors={data.cursors} />
    </div>
  );
}
