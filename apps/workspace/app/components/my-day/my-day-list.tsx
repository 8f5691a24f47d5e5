import { Link } from "@remix-run/react";
import "./my-day.css";
import { StatusPill } from "./status-pill";
import type { MyDay, VisitCard } from "./types";
import { AccessNotes, ContactBlock, PlaceBlock } from "./visit-context";

// "My day" on a phone: one card per visit, in the order the employee drives them, with what they
// need without opening anything (where, how to get in, whom to call) and one big way into the
// visit. Made for one thumb at 390 px: full-width buttons, nothing side by side that could force
// a horizontal scroll. Visits that are over shrink to a line or two.

const reportWords: Record<string, string> = {
  draft: "Report: draft",
  submitted: "Report: submitted",
  approved: "Report: approved",
  returned: "Report: returned for changes",
};

function VisitItem({ visit }: { visit: VisitCard }) {
  const { ended } = visit;
  return (
    <li className={`exec-card${ended ? " is-ended" : ""}`} data-appointment={visit.appointmentId}>
      <div className="exec-card-head">
        <span className="exec-order">
          <span className="visually-hidden">Stop </span>
          {visit.order}
        </span>
        <span className="exec-window">
          {visit.startText}–{visit.endText}
          {visit.fixedTime ? <span className="exec-fixed"> · fixed time</span> : null}
        </span>
        <StatusPill status={visit.status} />
      </div>
      <h3 className="exec-customer">{visit.customerName}</h3>
      <p className="exec-what">{visit.targetTitle}</p>
      {ended ? null : (
        <>
          <PlaceBlock visit={visit} />
          <AccessNotes visit={visit} />
          <ContactBlock contact={visit.contact} />
        </>
      )}
      {visit.report ? <p className="exec-report small">{reportWords[visit.report.status]}</p> : null}
      <Link
        className={`button exec-big exec-open${ended ? " secondary" : ""}`}
        to={`/visits/${visit.appointmentId}`}
        prefetch="intent"
      >
        Open visit
        <span className="visually-hidden">
          {" "}
          at {visit.customerName}, {visit.startText}
        </span>
      </Link>
    </li>
  );
}

/** The day's visits as cards; `day` is `api.execution.myDay`'s answer. */
export function MyDayList({ day }: { day: MyDay }) {
  if (!day.visits.length) {
    return (
      <div className="empty exec-empty">
        <p className="empty-title">No visits {day.day === day.today ? "today" : "on this day"}</p>
        <p className="muted">Visits assigned to you show up here in the order of your route.</p>
      </div>
    );
  }
  const done = day.visits.filter((v) => v.ended).length;
  return (
    <div className="exec-day">
      <p className="exec-day-summary muted small">
        {day.visits.length} {day.visits.length === 1 ? "visit" : "visits"} · {done} done · times in{" "}
        {day.timeZone.replaceAll("_", " ")}
      </p>
      <ol className="exec-list">
        {day.visits.map((visit) => (
          <VisitItem key={visit.appointmentId} visit={visit} />
        ))}
      </ol>
    </div>
  );
}
