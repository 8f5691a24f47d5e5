import type { PortalRequestStatus } from "@ordinavo/domain/vocabulary";
import { useTranslation } from "react-i18next";
import { useFormat } from "~/i18n/format";
import { useFileSize } from "./work-bits";

// Pieces the request pages share: the status badge in the customer's words, the preferred days,
// the progress tracker and the list of files sent with a request.

export function RequestStatusBadge({ status }: { status: PortalRequestStatus }) {
  const { t } = useTranslation("requests");
  return (
    <span className="badge request-status" data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}

type PreferredDate = { date: string; window: "morning" | "afternoon" | "all_day" };

/** "Tuesday 9 March 2027, morning" for each preferred day. */
export function PreferredDates({ dates }: { dates: readonly PreferredDate[] }) {
  const { t } = useTranslation("requests");
  const format = useFormat();
  if (dates.length === 0) return <p className="muted">{t("dates.none")}</p>;
  return (
    <ul className="request-dates">
      {dates.map((d) => (
        <li key={`${d.date}-${d.window}`}>
          {t("dates.item", { day: format.calendarDay(d.date), window: t(`dates.window.${d.window}`) })}
        </li>
      ))}
    </ul>
  );
}

type Milestones = {
  submitted: string | Date;
  reviewed: string | Date | null;
  planned: string | Date | null;
  completed: string | Date | null;
};

type Step = { key: string; label: string; done: boolean; current: boolean; when: string | null };

/**
 * Submitted → reviewed → planned → completed, as an ordered list: each step says whether it is
 * done (with its date), the current one, or still to come. A declined request ends at its decision.
 */
export function RequestProgress({
  status,
  milestones,
}: {
  status: PortalRequestStatus;
  milestones: Milestones;
}) {
  const { t } = useTranslation("requests");
  const format = useFormat();
  const when = (value: string | Date | null) => (value ? format.shortDate(value) : null);
  const order: Record<PortalRequestStatus, number> = {
    submitted: 0,
    in_review: 1,
    accepted: 2,
    declined: 2,
    planned: 3,
    completed: 4,
  };
  const reached = order[status];
  const reviewLabel =
    status === "declined"
      ? t("progress.declined")
      : status === "in_review"
        ? t("progress.inReview")
        : reached >= 2
          ? t("progress.accepted")
          : t("progress.review");
  const steps: Step[] = [
    {
      key: "submitted",
      label: t("progress.submitted"),
      done: true,
      current: false,
      when: when(milestones.submitted),
    },
    {
      key: "reviewed",
      label: reviewLabel,
      done: reached >= 2,
      current: status === "in_review",
      when: when(milestones.reviewed),
    },
  ];
  if (status !== "declined") {
    steps.push(
      {
        key: "planned",
        label: t("progress.planned"),
        done: reached >= 3,
        current: false,
        when: when(milestones.planned),
      },
      {
        key: "completed",
        label: t("progress.completed"),
        done: reached >= 4,
        current: false,
        when: when(milestones.completed),
      },
    );
  }
  // The step the request is at: the first not done (or the review while it is under way).
  const currentIndex = steps.findIndex((step) => step.current || !step.done);
  return (
    <ol
      className="request-progress"
      aria-label={t("progress.label")}
      data-declined={status === "declined" || undefined}
    >
      {steps.map((step, index) => {
        const state = step.done ? "done" : index === currentIndex ? "current" : "todo";
        return (
          <li key={step.key} data-state={state} aria-current={index === currentIndex ? "step" : undefined}>
            <span className="request-progress-mark" aria-hidden="true" />
            <span className="request-progress-text">
              <span className="request-progress-label">{step.label}</span>
              <span className="visually-hidden"> · {t(`progress.state.${state}`)}</span>
              {step.done && step.when ? <span className="muted small">{step.when}</span> : null}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

type RequestFile = {
  id: string;
  fileName: string;
  sizeBytes: number;
  isImage: boolean;
  hasPreview: boolean;
};

/** The files sent with a request, each downloaded through the portal (images with a thumbnail). */
export function RequestFiles({ requestId, files }: { requestId: string; files: readonly RequestFile[] }) {
  const { t } = useTranslation("requests");
  const size = useFileSize();
  if (files.length === 0) return <p className="muted">{t("files.none")}</p>;
  return (
    <ul className="request-files">
      {files.map((file) => {
        const href = `/requests/${requestId}/files/${file.id}`;
        return (
          <li key={file.id}>
            <a href={href} className="request-file" download>
              {file.hasPreview ? (
                <img src={`${href}?variant=preview`} alt="" width={48} height={48} loading="lazy" />
              ) : (
                <span className="request-file-icon" aria-hidden="true">
                  {file.isImage ? "IMG" : (file.fileName.split(".").pop() ?? "").slice(0, 4).toUpperCase()}
                </span>
              )}
              <span className="request-file-name">{file.fileName}</span>
              <span className="muted small">
                {size(file.sizeBytes)}
                <span className="visually-hidden"> · {t("files.download")}</span>
              </span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}
