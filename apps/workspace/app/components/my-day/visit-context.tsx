import { contactMethodNames } from "@ordinavo/domain/labels";
import type { VisitCard, VisitContact } from "./types";

// The parts of a visit an employee needs on the doorstep, shared by the day list and the visit
// page: where it is (with a link that opens the phone's map app), how to get in and park, and
// whom to call.

/** The address with a big "Navigate" link (and a `geo:` link for other map apps on Android). */
export function PlaceBlock({ visit }: { visit: VisitCard }) {
  const nav = visit.navigation;
  return (
    <div className="exec-place">
      {visit.locationName ? <p className="exec-location">{visit.locationName}</p> : null}
      {visit.address ? (
        <p className="exec-address">{visit.address}</p>
      ) : (
        <p className="exec-address muted">No address on file</p>
      )}
      {nav ? (
        <p className="exec-nav">
          <a
            className="button secondary exec-big exec-navigate"
            href={nav.web}
            target="_blank"
            rel="noreferrer"
          >
            Navigate
            <span className="visually-hidden"> to {visit.locationName ?? visit.customerName}</span>
          </a>
          {nav.geo ? (
            <a className="exec-geo small" href={nav.geo}>
              Open in another map app
            </a>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}

/** Access and parking notes, when the location has any. */
export function AccessNotes({ visit }: { visit: VisitCard }) {
  if (!visit.accessNotes && !visit.parkingNotes) return null;
  return (
    <dl className="exec-notes">
      {visit.accessNotes ? (
        <div>
          <dt>Access</dt>
          <dd>{visit.accessNotes}</dd>
        </div>
      ) : null}
      {visit.parkingNotes ? (
        <div>
          <dt>Parking</dt>
          <dd>{visit.parkingNotes}</dd>
        </div>
      ) : null}
    </dl>
  );
}

const actionWord: Record<string, string> = { phone: "Call", mobile: "Call", email: "E-mail" };

/** The contact person, with a tap-to-call (or e-mail) link on their preferred channel. */
export function ContactBlock({ contact }: { contact: VisitContact | null }) {
  if (!contact) return null;
  return (
    <div className="exec-contact">
      <p>
        <span className="exec-label">Contact</span> {contact.name}
        {contact.role ? <span className="muted"> · {contact.role}</span> : null}
      </p>
      {contact.href && contact.channel ? (
        <a className="button secondary exec-big exec-call" href={contact.href}>
          {actionWord[contact.channel] ?? "Contact"} {contact.value}
          <span className="visually-hidden">
            {" "}
            ({contactMethodNames[contact.channel].toLowerCase()}, {contact.name})
          </span>
        </a>
      ) : null}
    </div>
  );
}
