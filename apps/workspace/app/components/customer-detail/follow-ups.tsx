import { Link } from "@remix-run/react";
import { formatCalendarDay } from "~/components/customer-bits";
import type { CustomerRecord } from "./record";

// The customer's follow-ups: what earlier visits said is still needed, how far it got (open,
// planned, done) and by when, with the report that asked for it and the work that meets it.

type FollowUps = NonNullable<CustomerRecord["followUps"]>;

const tone: Record<string, string> = { open: "warn", planned: "", done: "ok", cancelled: "" };

export function FollowUpsPanel({ followUps }: { followUps: FollowUps }) {
  return (
    <section className="panel" aria-labelledby="follow-ups-title" id="follow-ups">
      <h2 id="follow-ups-title">Follow-ups</h2>
      {followUps.length === 0 ? (
        <p className="muted small">No follow-ups: no visit report has asked for more work.</p>
      ) : (
        <ul className="work-list follow-up-list">
          {followUps.map((followUp) => (
            <li key={followUp.id}>
              <span className="work-meta">
                <span className={`badge ${tone[followUp.status] ?? ""}`}>{followUp.statusLabel}</span>
                {followUp.dueDate ? (
                  <span className="muted small">Due {formatCalendarDay(followUp.dueDate)}</span>
                ) : null}
              </span>
              <span>{followUp.details ?? "Follow-up of a visit"}</span>
              <span className="muted small">
                From <Link to={followUp.report.href}>{followUp.report.title ?? "the visit report"}</Link>
                {followUp.target ? (
                  <>
                    {" · "}Work:{" "}
                    <Link to={followUp.target.href}>{followUp.target.title ?? "open the work"}</Link>
                  </>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
