import { Notice } from "@ordinavo/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { PageError } from "~/components/page-error";
import { PortalPanel, type PortalTexts } from "~/components/reports/portal-panel";
import {
  BillingPanel,
  FollowUpPanel,
  ReportStatusBadge,
  ReportText,
  VisitFacts,
} from "~/components/reports/report-blocks";
import { ReportFiles } from "~/components/reports/report-files";
import { ReportForm, type ReportValues, valuesFromForm } from "~/components/reports/report-form";
import { ApproveButton, ReturnForm } from "~/components/reports/report-review";
import { resultNames } from "~/components/reports/report-words";
import { formatDateTime } from "~/lib/format";
import { dayText } from "~/lib/planning-display";
import { isUuid, localSlot, todayIn } from "~/lib/planning-time";
import { attempt, type FormErrors, load, requireWorkspace, text } from "~/lib/require.server";
import reportsCss from "~/styles/reports.css?url";

export const links = () => [{ rel: "stylesheet", href: reportsCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.report.title ?? "Visit report"} · Ordinavo Workspace` },
];

export async function loader(args: LoaderFunctionArgs) {
  const visitReportId = args.params.reportId;
  if (!isUuid(visitReportId)) throw new Response("Not found", { status: 404 });
  const url = new URL(args.request.url);
  const { api, me } = await requireWorkspace(args);
  const detail = await load(args.request, () => api.reports.detail({ visitReportId }));
  // The customer portal panel: only for those who publish, on approved reports (null otherwise).
  const publication = await load(args.request, () => api.reports.publication({ visitReportId }));
  const timeZone = me.active?.timeZone ?? "UTC";
  const { report, context, can } = detail;
  const slot = localSlot(context.appointment.plannedStart, context.appointment.plannedEnd, timeZone);
  return {
    report: {
      id: report.id,
      title: report.title,
      status: report.status,
      result: report.result ?? null,
      summary: report.summary,
      problems: report.problems,
      followUpRequired: report.followUpRequired,
      followUpDetails: report.followUpDetails,
      followUpDueDate: report.followUpDueDate,
      billable: report.billable,
      billingNote: report.billingNote,
      returnedReason: report.returnedReason ?? null,
      submittedAt: report.submittedAt ? formatDateTime(report.submittedAt, timeZone) : null,
      approvedAt: report.approvedAt ? formatDateTime(report.approvedAt, timeZone) : null,
      returnedAt: report.returnedAt ? formatDateTime(report.returnedAt, timeZone) : null,
    },
    visit: {
      when: `${dayText(slot.day)}, ${slot.start}–${slot.end}`,
      employeeName: context.appointment.employeeName,
      appointmentId: context.appointment.id,
      customer: context.customer,
      location: context.location,
      target: detail.target,
      authorName: context.authorName,
    },
    can,
    withBillingNote: detail.writableFields.includes("billingNote"),
    followUp: detail.followUp,
    followUpPending: report.status === "approved" && report.followUpRequired === true && !detail.followUp,
    billingTrigger: detail.billingTrigger
      ? {
          status: detail.billingTrigger.status,
          ...("note" in detail.billingTrigger ? { note: detail.billingTrigger.note ?? null } : {}),
          createdAt: detail.billingTrigger.createdAt
            ? formatDateTime(detail.billingTrigger.createdAt, timeZone)
            : undefined,
        }
      : null,
    files: detail.attachments,
    publication: publication
      ? {
          published: publication.published
            ? {
                title: publication.published.title,
                publishedAt: formatDateTime(publication.published.publishedAt, timeZone),
                publishedByName: publication.published.publishedByName,
              }
            : null,
          draft: publication.draft,
          can: publication.can,
          portalEnabled: publication.portalEnabled,
          downloadsEnabled: publication.downloadsEnabled,
          files: publication.files.map((file) => ({
            id: file.id,
            fileName: file.fileName,
            sizeBytes: file.sizeBytes,
            releasedAt: file.releasedAt ? formatDateTime(file.releasedAt, timeZone) : null,
          })),
        }
      : null,
    confirmUnpublish: url.searchParams.get("portal") === "unpublish",
    approvedByName: detail.approvedByName,
    returnedByName: detail.returnedByName,
    returning: url.searchParams.get("review") === "return" && can.return,
    notice: url.searchParams.get("notice"),
    today: todayIn(timeZone),
  };
}

type Outcome = {
  intent: string;
  errors: FormErrors;
  values?: ReportValues;
  reason?: string;
  portal?: PortalTexts;
};

export async function action(args: ActionFunctionArgs) {
  const visitReportId = args.params.reportId ?? "";
  const form = await args.request.formData();
  const intent = text(form, "intent");
  const { api } = await requireWorkspace(args);
  const here = `/reports/${visitReportId}`;
  const refused = (errors: FormErrors, status: number, extra: Partial<Outcome> = {}) =>
    data<Outcome>({ intent, errors, ...extra }, { status });

  if (intent === "save" || intent === "submit") {
    const values = valuesFromForm(form);
    const saved = await attempt(() =>
      api.reports.update({
        visitReportId,
        title: values.title,
        result: (values.result || null) as keyof typeof resultNames | null,
        summary: values.summary,
        problems: values.problems,
        followUpRequired: values.followUpRequired,
        followUpDetails: values.followUpDetails,
        followUpDueDate: values.followUpDueDate,
        billable: values.billable,
        // Only those who write the note get its field; anyone else sending it is refused.
        ...(form.has("billingNote") ? { billingNote: values.billingNote } : {}),
      }),
    );
    if (!saved.ok) return refused(saved.errors, saved.status, { values });
    if (intent === "save") return redirect(`${here}?notice=saved`);
    const submitted = await attempt(() => api.reports.submit({ visitReportId }));
    if (!submitted.ok) return refused(submitted.errors, submitted.status, { values });
    return redirect(`${here}?notice=submitted`);
  }

  if (intent === "approve") {
    const approved = await attempt(() => api.reports.approve({ visitReportId }));
    if (!approved.ok) return refused(approved.errors, approved.status);
    return redirect(`${here}?notice=approved`);
  }

  if (intent === "return") {
    const reason = text(form, "reason");
    const returned = await attempt(() => api.reports.return({ visitReportId, reason }));
    if (!returned.ok) return refused(returned.errors, returned.status, { reason });
    return redirect(`${here}?notice=returned`);
  }

  if (intent === "publish") {
    const portal = {
      title: text(form, "portalTitle"),
      summary: text(form, "portalSummary"),
      message: text(form, "portalMessage"),
    };
    const published = await attempt(() =>
      api.reports.publish({
        visitReportId,
        portalTitle: portal.title,
        portalSummary: portal.summary,
        portalMessage: portal.message,
      }),
    );
    if (!published.ok) return refused(published.errors, published.status, { portal });
    return redirect(`${here}?notice=published#portal`);
  }

  if (intent === "unpublish") {
    const removed = await attempt(() => api.reports.unpublish({ visitReportId }));
    if (!removed.ok) return refused(removed.errors, removed.status);
    return redirect(`${here}?notice=unpublished#portal`);
  }

  if (intent === "release" || intent === "withdraw") {
    const attachmentId = text(form, "attachmentId");
    const changed = await attempt(() =>
      api.attachments.release({ attachmentId, released: intent === "release" }),
    );
    if (!changed.ok) return refused(changed.errors, changed.status);
    return redirect(`${here}?notice=${intent === "release" ? "released" : "withdrawn"}#portal`);
  }

  return refused({ message: "This form is out of date. Reload the page and try again.", fields: {} }, 400);
}

const notices: Record<string, string> = {
  started: "Report started. Fill it in and submit it when the visit is done.",
  saved: "Draft saved.",
  submitted: "Report submitted. A reviewer will approve it or send it back with questions.",
  approved: "Report approved.",
  returned: "Report returned to its author.",
  published: "The report is shared in the customer portal.",
  unpublished: "The report was removed from the customer portal.",
  released: "The file is released to the customer portal.",
  withdrawn: "The file was withdrawn from the customer portal.",
};

export default function ReportPage() {
  const loaded = useLoaderData<typeof loader>();
  const { report, can, visit } = loaded;
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busyIntent = navigation.state === "submitting" ? String(navigation.formData?.get("intent")) : null;
  const here = `/reports/${report.id}`;
  // A notice tells what the last step did; after a refused post, the refusal is the news.
  const notice = loaded.notice && !result ? notices[loaded.notice] : null;
  const formResult = result?.intent === "save" || result?.intent === "submit" ? result : null;
  const returnResult = result?.intent === "return" ? result : null;
  const publishResult = result?.intent === "publish" ? result : null;
  const otherErrors = result && !formResult && !returnResult && !publishResult ? result.errors : null;
  const values: ReportValues = formResult?.values ?? {
    title: report.title,
    result: report.result ?? "",
    summary: report.summary ?? "",
    problems: report.problems ?? "",
    followUpRequired: report.followUpRequired ?? false,
    followUpDetails: report.followUpDetails ?? "",
    followUpDueDate: report.followUpDueDate ?? "",
    billable: report.billable ?? false,
    billingNote: report.billingNote ?? "",
  };

  return (
    <section className="stack report-page">
      <header>
        <p className="eyebrow">
          <Link to="/reports">Visit reports</Link> ·{" "}
          <Link to={`/customers/${visit.customer.id}`}>{visit.customer.name}</Link>
        </p>
        <h1>{report.title}</h1>
        <p className="report-badges">
          <ReportStatusBadge status={report.status} />
          {report.result ? <span className="badge">{resultNames[report.result]}</span> : null}
          {report.submittedAt ? <span className="muted small">Submitted {report.submittedAt}</span> : null}
          {report.approvedAt ? (
            <span className="muted small">
              Approved {report.approvedAt}
              {loaded.approvedByName ? ` by ${loaded.approvedByName}` : ""}
            </span>
          ) : null}
        </p>
      </header>

      {notice ? <Notice>{notice}</Notice> : null}
      {otherErrors ? (
        <div className="alert" role="alert">
          {otherErrors.message}
        </div>
      ) : null}

      {report.status === "returned" && report.returnedReason ? (
        <div className="report-returned" role="note">
          <strong>
            Returned{loaded.returnedByName ? ` by ${loaded.returnedByName}` : ""}
            {report.returnedAt ? ` on ${report.returnedAt}` : ""}:
          </strong>{" "}
          <span className="report-prose">{report.returnedReason}</span>
        </div>
      ) : null}

      {can.approve || can.return ? (
        <div className="panel report-review-bar">
          <p className="muted small">This report waits for your review.</p>
          {loaded.returning ? (
            <ReturnForm
              action={here}
              cancelTo={here}
              visitReportId={report.id}
              title={report.title}
              errors={returnResult?.errors ?? null}
              reason={returnResult?.reason ?? ""}
              busy={busyIntent === "return"}
            />
          ) : (
            <div className="actions">
              {can.approve ? (
                <ApproveButton action={here} visitReportId={report.id} busy={busyIntent === "approve"} />
              ) : null}
              {can.return ? (
                <Link className="button secondary small" to={`${here}?review=return#return-${report.id}`}>
                  Return with a reason…
                </Link>
              ) : null}
            </div>
          )}
        </div>
      ) : null}

      <div className="report-grid">
        <div className="stack">
          {can.edit ? (
            <ReportForm
              key={loaded.notice ?? "form"}
              here={here}
              values={values}
              errors={formResult?.errors ?? null}
              withBillingNote={loaded.withBillingNote}
              busy={busyIntent === "save" || busyIntent === "submit" ? busyIntent : null}
              today={loaded.today}
            />
          ) : (
            <ReportText report={report} />
          )}
          <ReportFiles visitReportId={report.id} files={loaded.files} canAdd={can.edit} />
        </div>
        <div className="stack">
          <VisitFacts visit={visit} />
          <FollowUpPanel followUp={loaded.followUp} pending={loaded.followUpPending} />
          <BillingPanel trigger={loaded.billingTrigger} />
        </div>
      </div>
      {loaded.publication ? (
        <PortalPanel
          key={loaded.notice ?? "portal"}
          here={here}
          visitReportId={report.id}
          publication={loaded.publication}
          values={publishResult?.portal ?? loaded.publication.draft}
          errors={publishResult?.errors ?? null}
          confirmUnpublish={loaded.confirmUnpublish}
          busyIntent={busyIntent}
        />
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
