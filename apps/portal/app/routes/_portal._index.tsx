import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { TimelineList } from "~/components/timeline-list";
import { useFormat } from "~/i18n/format";
import { pageTitle } from "~/i18n/words";
import { load, requirePortal } from "~/lib/require.server";
import type { loader as rootLoader } from "~/root";
import type { loader as portalLoader } from "./_portal";

// The customer's start page: a greeting, the places shared with them, and a card each for their
// requests (how many are open), the next visits, the latest shared reports and the recent
// timeline, each linking to its own page. One API call (`home.summary`).

export const meta: MetaFunction<typeof loader, { root: typeof rootLoader }> = ({ matches }) => [
  { title: pageTitle(matches, "home", "pageTitle") },
];

export async function loader(args: LoaderFunctionArgs) {
  const { api } = await requirePortal(args);
  return load(args.request, () => api.home.summary());
}

function Card({
  id,
  title,
  children,
  footer,
}: {
  id: string;
  title: string;
  children: ReactNode;
  footer: ReactNode;
}) {
  return (
    <section className="panel home-card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <div className="home-card-body">{children}</div>
      <p className="home-card-footer">{footer}</p>
    </section>
  );
}

export default function PortalHome() {
  const me = useRouteLoaderData<typeof portalLoader>("routes/_portal");
  const home = useLoaderData<typeof loader>();
  const { t } = useTranslation("home");
  const format = useFormat();
  if (!me) return null;
  const firstName = me.user.name.trim().split(/\s+/)[0] || me.user.name;
  return (
    <div className="stack">
      <header>
        <h1>{t("greeting", { name: firstName })}</h1>
        <p className="muted">{t("intro")}</p>
      </header>

      {me.places.length === 0 ? (
        <section className="panel" aria-labelledby="places-title">
          <h2 id="places-title">{t("placesTitle")}</h2>
          <div className="empty">
            <p className="empty-title">{t("nothingShared.title")}</p>
            <p>{t("nothingShared.text")}</p>
          </div>
        </section>
      ) : (
        <>
          <div className="home-grid">
            {home.requests ? (
              <Card
                id="home-requests"
                title={t("requests.title")}
                footer={
                  <>
                    <Link to="/requests/new" className="button">
                      {t("requests.new")}
                    </Link>
                    <Link to="/requests">{t("requests.all")}</Link>
                  </>
                }
              >
                <p className="home-count">
                  {home.requests.open > 0 ? (
                    <>
                      <strong>{t("requests.open", { count: home.requests.open })}</strong>
                      {home.requests.waiting > 0 ? (
                        <span className="muted">
                          {" "}
                          · {t("requests.waiting", { count: home.requests.waiting })}
                        </span>
                      ) : null}
                    </>
                  ) : (
                    <span className="muted">{t("requests.noneOpen")}</span>
                  )}
                </p>
                {home.requests.latest.length === 0 ? (
                  <p className="muted">{t("requests.empty")}</p>
                ) : (
                  <>
                    <h3 className="home-subtitle">{t("requests.latest")}</h3>
                    <ul className="home-list">
                      {home.requests.latest.map((request) => (
                        <li key={request.id}>
                          <Link to={`/requests/${request.id}`} className="home-item-title">
                            {request.title}
                          </Link>
                          <span className={`badge ${request.status === "declined" ? "" : "tag"}`}>
                            {t(`requestStatus.${request.status}`)}
                          </span>
                          <p className="muted small">
                            <span className="visually-hidden">{t("place")}: </span>
                            {request.location.name} ·{" "}
                            {t("requests.sentOn", { date: format.shortDate(request.createdAt) })}
                          </p>
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </Card>
            ) : null}

            {home.nextAppointments ? (
              <Card
                id="home-appointments"
                title={t("appointments.title")}
                footer={<Link to="/appointments">{t("appointments.all")}</Link>}
              >
                {home.nextAppointments.length === 0 ? (
                  <p className="muted">{t("appointments.empty")}</p>
                ) : (
                  <ul className="home-list">
                    {home.nextAppointments.map((appointment) => (
                      <li key={appointment.id} className="home-appointment">
                        <p className="home-when">
                          <time dateTime={new Date(appointment.plannedStart).toISOString()}>
                            {format.date(appointment.plannedStart)}
                          </time>
                          <span className="muted">
                            {" "}
                            {format.timeRange(appointment.plannedStart, appointment.plannedEnd)}
                          </span>
                        </p>
                        <p className="home-item-title">
                          {appointment.title ?? t(`kind.${appointment.kind}`, { ns: "appointments" })}{" "}
                          <span className="badge tag">{t(`appointmentStatus.${appointment.status}`)}</span>
                        </p>
                        <p className="muted small">
                          <span className="visually-hidden">{t("place")}: </span>
                          {appointment.location?.name ?? t("wholeCustomer")}
                          {appointment.technician ? (
                            <> · {t("appointments.technician", { name: appointment.technician })}</>
                          ) : null}
                        </p>
                      </li>
                    ))}
                  </ul>
                )}
              </Card>
            ) : null}

            {home.latestReports ? (
              <Card
                id="home-reports"
                title={t("reports.title")}
                footer={<Link to="/reports">{t("reports.all")}</Link>}
              >
                {home.latestReports.length === 0 ? (
                  <p className="muted">{t("reports.empty")}</p>
                ) : (
                  <ul className="home-list">
                    {home.latestReports.map((report) => (
                      <li key={report.id}>
                        <Link to={`/reports/${report.id}`} className="home-item-title">
                          {report.title}
                        </Link>
                        <p className="muted small">
                          {t("reports.visitOn", { date: format.shortDate(report.visitDate) })}
                          {" · "}
                          <span className="visually-hidden">{t("place")}: </span>
                          {report.location?.name ?? t("wholeCustomer")}
                        </p>
                      </li>
                    ))}
                  </ul>
                )}
              </Card>
            ) : null}

            {home.recent ? (
              <Card
                id="home-recent"
                title={t("recent.title")}
                footer={<Link to="/timeline">{t("recent.all")}</Link>}
              >
                {home.recent.length === 0 ? (
                  <p className="muted">{t("recent.empty")}</p>
                ) : (
                  <TimelineList entries={home.recent} headingLevel={3} appointmentLinks={false} />
                )}
              </Card>
            ) : null}
          </div>

          <section className="panel" aria-labelledby="places-title">
            <h2 id="places-title">{t("placesTitle")}</h2>
            <p className="muted">{t("placesIntro")}</p>
            <ul className="places">
              {me.places.map((place) => (
                <li key={`${place.customerName}|${place.locationName ?? ""}`} className="place">
                  <span className="place-icon" aria-hidden="true">
                    {place.customerName.slice(0, 1).toUpperCase()}
                  </span>
                  <div>
                    <p className="place-name">{place.customerName}</p>
                    <p className="muted small">
                      {place.locationName ? (
                        <>
                          <span className="visually-hidden">{t("oneLocation")}: </span>
                          {place.locationName}
                        </>
                      ) : (
                        t("allLocations")
                      )}
                    </p>
                  </div>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </div>
  );
}
