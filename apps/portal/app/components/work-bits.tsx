import type { PortalAppointmentStatus, PortalWorkStatus } from "@ordinavo/domain";
import { Link } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { dateFormatter, usePortalLocale } from "~/i18n/format";

// Small pieces the appointments and reports pages share: their stylesheet, the calendar-leaf day
// block, status badges in the customer's words, file sizes and types, and the "show more" links
// that page through a list without JavaScript.

const tags = { en: "en-GB", fr: "fr-FR" } as const;

/** A day as a calendar leaf (weekday, day, month) in the service provider's time zone. */
export function DayBlock({ at }: { at: Date | string }) {
  const { locale, timeZone } = usePortalLocale();
  const parts = useMemo(() => {
    const date = at instanceof Date ? at : new Date(at);
    const part = (options: Intl.DateTimeFormatOptions) =>
      dateFormatter(locale, timeZone, options).format(date);
    return {
      weekday: part({ weekday: "short" }).replace(/\.$/, ""),
      day: part({ day: "numeric" }),
      month: part({ month: "short" }).replace(/\.$/, ""),
    };
  }, [at, locale, timeZone]);
  // The visible leaf is decoration: the full date is written out beside it for everyone.
  return (
    <div className="work-day" aria-hidden="true">
      <span className="work-day-weekday">{parts.weekday}</span>
      <span className="work-day-number">{parts.day}</span>
      <span className="work-day-month">{parts.month}</span>
    </div>
  );
}

const appointmentTone: Readonly<Record<PortalAppointmentStatus, string>> = {
  scheduled: "info",
  on_the_way: "warn",
  in_progress: "warn",
  done: "ok",
  not_completed: "danger",
  cancelled: "quiet",
  missed: "danger",
};

export function AppointmentBadge({ status }: { status: PortalAppointmentStatus }) {
  const { t } = useTranslation("appointments");
  return <span className={`badge ${appointmentTone[status]}`}>{t(`status.${status}`)}</span>;
}

const workTone: Readonly<Record<PortalWorkStatus, string>> = {
  waiting: "quiet",
  planned: "info",
  in_progress: "warn",
};

export function WorkBadge({ status }: { status: PortalWorkStatus }) {
  const { t } = useTranslation("appointments");
  return <span className={`badge ${workTone[status]}`}>{t(`work.status.${status}`)}</span>;
}

/** "240 KB", "3.4 MB" (or "3,4 Mo") in the reader's language. */
export function useFileSize() {
  const { t } = useTranslation("reports");
  const { locale } = usePortalLocale();
  return (bytes: number) => {
    const number = (value: number, digits: number) =>
      new Intl.NumberFormat(tags[locale], { maximumFractionDigits: digits }).format(value);
    return bytes >= 1024 * 1024
      ? t("size.mb", { value: number(bytes / (1024 * 1024), 1) })
      : t("size.kb", { value: number(Math.max(1, Math.round(bytes / 1024)), 0) });
  };
}

/** The kind of a file in words, from its type. */
export function fileKindKey(contentType: string): "pdf" | "image" | "text" | "table" | "other" {
  if (contentType === "application/pdf") return "pdf";
  if (contentType.startsWith("image/")) return "image";
  if (contentType === "text/csv") return "table";
  if (contentType.startsWith("text/")) return "text";
  return "other";
}

/**
 * The links under a paged list: the next page (a link with the cursor, so it works without
 * JavaScript) and, once past the first page, the way back to it.
 */
export function MoreLinks({
  next,
  first,
  moreLabel,
  firstLabel,
}: {
  next: string | null;
  first: string | null;
  moreLabel: string;
  firstLabel: string;
}) {
  if (!next && !first) return null;
  return (
    <div className="section-more">
      {next ? (
        <Link className="button secondary small" to={next} preventScrollReset>
          {moreLabel}
        </Link>
      ) : null}
      {first ? (
        <Link to={first} preventScrollReset>
          {firstLabel}
        </Link>
      ) : null}
    </div>
  );
}
