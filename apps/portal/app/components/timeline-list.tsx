import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFormat } from "~/i18n/format";
import type { PortalApi } from "~/lib/require.server";

// The portal timeline's entries, grouped by day in the service provider's time zone, each with
// its label, time, site and (when the contact may open the record) a link. The timeline page and
// the home page's "recent" card share it.

export type TimelineEntry = Awaited<ReturnType<PortalApi["timeline"]["list"]>>["entries"][number];
export type TimelineGroup = Awaited<ReturnType<PortalApi["timeline"]["list"]>>["groups"][number];

/** Which filter group a label belongs to (its dot's colour). */
const groupOfLabel = (label: TimelineEntry["label"]): TimelineGroup =>
  label.startsWith("request")
    ? "requests"
    : label.startsWith("appointment")
      ? "appointments"
      : label.startsWith("report")
        ? "reports"
        : "follow_ups";

export function linkOf(link: NonNullable<TimelineEntry["link"]>): string {
  return link.to === "request" ? `/requests/${link.id}` : `/reports/${link.id}`;
}

/** Entries in runs of one local day, newest first (the order they come in). */
function byDay(entries: readonly TimelineEntry[], timeZone: string) {
  const dayOf = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  });
  const days: { key: string; entries: TimelineEntry[] }[] = [];
  for (const entry of entries) {
    const key = dayOf.format(new Date(entry.occurredAt));
    const last = days.at(-1);
    if (last?.key === key) last.entries.push(entry);
    else days.push({ key, entries: [entry] });
  }
  return days;
}

export function TimelineList({
  entries,
  headingLevel = 2,
  appointmentLinks = true,
}: {
  entries: readonly TimelineEntry[];
  /** The level of the day headings (2 on the timeline page, 3 inside a home card). */
  headingLevel?: 2 | 3;
  /** Whether visit entries link to the appointments page (the home page has its own card for them). */
  appointmentLinks?: boolean;
}) {
  const { t } = useTranslation("timeline");
  const format = useFormat();
  const DayHeading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ol className="timeline-days">
      {byDay(entries, format.timeZone).map((day) => (
        <li key={day.key} className="timeline-day">
          <DayHeading className="timeline-day-title">{format.date(day.entries[0]!.occurredAt)}</DayHeading>
          <ol className="timeline-entries">
            {day.entries.map((entry) => (
              <li key={entry.id} className="timeline-entry" data-group={groupOfLabel(entry.label)}>
                <p className="timeline-label">{t(`entry.${entry.label}`)}</p>
                <p className="timeline-meta">
                  <time dateTime={new Date(entry.occurredAt).toISOString()}>
                    {format.time(entry.occurredAt)}
                  </time>
                  {" · "}
                  <span className="visually-hidden">{t("place")}: </span>
                  {entry.locationName ?? t("wholeCustomer")}
                </p>
                {entry.link ? (
                  <Link to={linkOf(entry.link)}>{t(`link.${entry.link.to}`)}</Link>
                ) : appointmentLinks && groupOfLabel(entry.label) === "appointments" ? (
                  // Visits have no page of their own: their list shows the coming and recent ones.
                  <Link to="/appointments">{t("link.appointments")}</Link>
                ) : null}
              </li>
            ))}
          </ol>
        </li>
      ))}
    </ol>
  );
}
