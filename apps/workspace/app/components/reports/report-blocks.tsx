import { statusLabel } from "@ordinavo/domain/labels";
import type {
  BillingTriggerStatus,
  FollowUpStatus,
  VisitReportStatus,
  VisitResult,
} from "@ordinavo/domain/vocabulary";
import { Link } from "@remix-run/react";
import { dayText } from "~/lib/planning-display";
import { reportStatusText, reportStatusTone, resultNames } from "./report-words";

// Read-only parts of a report page: its status badge, the written report, where the visit was,
// and what came of it (follow-up, billing). Each block shows only what the loader was given, and
// the loader only gets what the policy lets the viewer see.

export function ReportStatusBadge({ status }: { status: VisitReportStatus }) {
  const tone = reportStatusTone[status];
  return <span className={`badge${tone ? ` ${tone}` : ""}`}>{reportStatusText(status)}</span>;
}

export type WrittenReport = {
  result: VisitResult | null;
  summary: string | null | undefined;
  problems: string | null | undefined;
  followUpRequired: boolean | undefined;
  followUpDetails: string | null | undefined;
  followUpDueDate: string | null | undefined;
  billable: boolean | undefined;
  billingNote: string | null | undefined;
};

/** The report as written, for those who read it rather than edit it. */
export function ReportText({ report }: { report: WrittenReport }) {
  return (
    <section className="panel" aria-labelledby="report-text">
      <h2 id="report-text">Report</h2>
      <dl className="facts report-facts">
        <dt>Result</dt>
        <dd>{report.result ? resultNames[report.result] : <span className="muted">Not given yet</span>}</dd>
        {report.summary !== undefined ? (
          <>
            <dt>What was done</dt>
            <dd className="report-prose">
              {report.summary || <span className="muted">Nothing written</span>}
            </dd>
          </>
        ) : null}
        {report.problems !== undefined ? (
          <>
            <dt>Problems found</dt>
            <dd className="report-prose">{report.problems || <span className="muted">None</span>}</dd>
          </>
        ) : null}
        {report.followUpRequired !== undefined ? (
          <>
            <dt>Follow-up</dt>
            <dd className="report-prose">
              {report.followUpRequired ? (
                <>
                  {report.followUpDetails}
                  {report.followUpDueDate ? (
                    <span className="muted"> · by {dayText(report.followUpDueDate, "date")}</span>
                  ) : null}
                </>
              ) : (
                <span className="muted">Not needed</span>
              )}
            </dd>
          </>
        ) : null}
        {report.billable !== undefined ? (
          <>
            <dt>Billable</dt>
            <dd>{report.billable ? "Yes" : "No"}</dd>
          </>
        ) : null}
        {report.billingNote !== undefined ? (
          <>
            <dt>Billing note</dt>
            <dd className="report-prose">{report.billingNote || <span className="muted">None</span>}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

export type VisitContext = {
  when: string;
  employeeName: string | null;
  appointmentId: string;
  customer: { id: string; name: string };
  location: { id: string; name: string; address: string | null } | null;
  target: { id: string; title: string } | null;
  authorName: string | null;
};

export function VisitFacts({ visit }: { visit: VisitContext }) {
  return (
    <section className="panel" aria-labelledby="visit-facts">
      <h2 id="visit-facts">Visit</h2>
      <dl className="facts report-facts">
        <dt>When</dt>
        <dd>
          <Link to={`/appointments/${visit.appointmentId}`}>{visit.when}</Link>
        </dd>
        {visit.employeeName ? (
          <>
            <dt>Employee</dt>
            <dd>{visit.employeeName}</dd>
          </>
        ) : null}
        <dt>Customer</dt>
        <dd>
          <Link to={`/customers/${visit.customer.id}`}>{visit.customer.name}</Link>
        </dd>
        {visit.location ? (
          <>
            <dt>Location</dt>
            <dd>
              {visit.location.name}
              {visit.location.address ? (
                <span className="report-address muted small">{visit.location.address}</span>
              ) : null}
            </dd>
          </>
        ) : null}
        {visit.target ? (
          <>
            <dt>Work</dt>
            <dd>
              <Link to={`/targets/${visit.target.id}`}>{visit.target.title}</Link>
            </dd>
          </>
        ) : null}
        {visit.authorName ? (
          <>
            <dt>Written by</dt>
            <dd>{visit.authorName}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

export type FollowUpBlock = {
  status: FollowUpStatus;
  details: string;
  dueDate: string | null;
  target: { id: string; title: string } | null;
} | null;

/** The follow-up the report asked for: open, planned or done, with the work that meets it. */
export function FollowUpPanel({
  followUp,
  pending,
}: {
  followUp: FollowUpBlock;
  /** Approved and asking for a follow-up that the job has not created yet. */
  pending: boolean;
}) {
  if (!followUp && !pending) return null;
  return (
    <section className="panel" aria-labelledby="follow-up">
      <h2 id="follow-up">Follow-up</h2>
      {followUp ? (
        <dl className="facts report-facts">
          <dt>Status</dt>
          <dd>
            <span className="badge">{statusLabel("follow_up", followUp.status)}</span>
          </dd>
          <dt>Needed</dt>
          <dd className="report-prose">{followUp.details}</dd>
          {followUp.dueDate ? (
            <>
              <dt>By</dt>
              <dd>{dayText(followUp.dueDate, "date")}</dd>
            </>
          ) : null}
          {followUp.target ? (
            <>
              <dt>Work</dt>
              <dd>
                <Link to={`/targets/${followUp.target.id}`}>{followUp.target.title}</Link>
              </dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p className="muted">The follow-up work is being created; reload in a moment.</p>
      )}
    </section>
  );
}

export type BillingBlock = { status: BillingTriggerStatus; note?: string | null; createdAt?: string } | null;

/** Admins see the trigger with its note; managers its status; nobody else gets this block. */
export function BillingPanel({ trigger }: { trigger: BillingBlock }) {
  if (!trigger) return null;
  return (
    <section className="panel" aria-labelledby="billing">
      <h2 id="billing">Billing</h2>
      <dl className="facts report-facts">
        <dt>Trigger</dt>
        <dd>
          <span className="badge">{statusLabel("billing_trigger", trigger.status)}</span>
          {trigger.createdAt ? (
            <span className="report-aside muted small"> since {trigger.createdAt}</span>
          ) : null}
        </dd>
        {trigger.note !== undefined ? (
          <>
            <dt>Note</dt>
            <dd className="report-prose">{trigger.note || <span className="muted">None</span>}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
