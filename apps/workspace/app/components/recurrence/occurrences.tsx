import { nameOf, statusLabels } from "@ordinavo/domain/labels";
import { Link } from "@remix-run/react";
import { formatDateTime, isoString } from "~/lib/format";

interface Occurrence {
  id: string;
  occursAt: Date | string;
  plannedStart: Date | string | null;
  appointmentId: string | null;
  appointmentStatus: string | null;
  assigneeName: string | null;
  touched: boolean;
}

/**
 * A plan's recent and upcoming visits: when (and when the rule meant it, if someone moved it),
 * the appointment's status, who goes, and a link to the appointment.
 */
export function OccurrenceTable({
  occurrences,
  timeZone,
}: {
  occurrences: readonly Occurrence[];
  timeZone: string;
}) {
  return (
    <table className="data responsive occurrences">
      <caption className="visually-hidden">Upcoming visits of this plan</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Status</th>
          <th scope="col">Assignee</th>
          <th scope="col">
            <span className="visually-hidden">Appointment</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {occurrences.map((occurrence) => {
          const moved =
            occurrence.plannedStart &&
            new Date(occurrence.plannedStart).getTime() !== new Date(occurrence.occursAt).getTime();
          return (
            <tr key={occurrence.id}>
              <td data-label="When">
                <div>
                  <time dateTime={isoString(occurrence.plannedStart ?? occurrence.occursAt)}>
                    {formatDateTime(occurrence.plannedStart ?? occurrence.occursAt, timeZone)}
                  </time>
                  {moved ? (
                    <span className="plan-where muted">
                      planned for {formatDateTime(occurrence.occursAt, timeZone)}
                    </span>
                  ) : null}
                </div>
              </td>
              <td data-label="Status">
                {occurrence.appointmentStatus ? (
                  <span className="badge">
                    {nameOf(statusLabels.appointment, occurrence.appointmentStatus)}
                  </span>
                ) : (
                  <span
                    className="muted"
                    title="Cancelled or removed by hand; the plan does not create it again."
                  >
                    No appointment
                  </span>
                )}
                {occurrence.touched ? (
                  <span
                    className="badge warn touched"
                    title="Someone changed this visit; plan changes leave it as it is."
                  >
                    Changed by hand
                  </span>
                ) : null}
              </td>
              <td data-label="Assignee">
                {occurrence.assigneeName ??
                  (occurrence.appointmentId ? <span className="muted">Unassigned</span> : null)}
              </td>
              <td className="row-actions">
                {occurrence.appointmentId ? (
                  <Link to={`/appointments/${occurrence.appointmentId}`}>
                    Open
                    <span className="visually-hidden">
                      {" "}
                      the visit of {formatDateTime(occurrence.occursAt, timeZone)}
                    </span>
                  </Link>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
