import { Form, Link } from "@remix-run/react";
import { formatDateTime } from "~/lib/format";

/**
 * The customer page's data-protection panel (admins): the legal hold, which keeps every record of
 * the customer from retention deletes, and erasing a contact person (through a confirmation).
 */
export function DataProtectionPanel({
  here,
  legalHoldAt,
  contacts,
  timeZone,
  busyIntent,
}: {
  here: string;
  legalHoldAt: string | Date | null;
  contacts: ReadonlyArray<{ id: string; name: string }>;
  timeZone: string;
  busyIntent: unknown;
}) {
  const held = legalHoldAt !== null;
  return (
    <section className="panel stack" aria-labelledby="data-protection-title" id="data-protection">
      <h2 id="data-protection-title">Data protection</h2>
      <div className="stack">
        <h3 className="h4">Legal hold</h3>
        <p>
          {held ? (
            <>
              <span className="badge warn">On hold</span> since {formatDateTime(legalHoldAt, timeZone)}.
              Retention deletes none of this customer's records while the hold is on.
            </>
          ) : (
            "No legal hold: this customer's records follow the workspace's retention rules."
          )}
        </p>
        <Form method="post" action={here}>
          <input type="hidden" name="intent" value={held ? "clearHold" : "setHold"} />
          <button
            type="submit"
            className={held ? "button secondary" : "button"}
            disabled={busyIntent === "setHold" || busyIntent === "clearHold"}
          >
            {held ? "Lift legal hold" : "Place on legal hold"}
          </button>
        </Form>
      </div>
      <div className="stack">
        <h3 className="h4">Export</h3>
        <p className="muted">
          A ZIP of everything held about this customer: its records as JSON files and its attachments. The
          download is recorded in the audit log.
        </p>
        <p>
          <a className="button secondary" href={`${here}/export`} download>
            Download customer data (ZIP)
          </a>
        </p>
      </div>
      <div className="stack">
        <h3 className="h4">Erase a contact person</h3>
        {contacts.length === 0 ? (
          <p className="empty">No contact persons to erase.</p>
        ) : (
          <ul className="plain-list stack-tight">
            {contacts.map((contact) => (
              <li key={contact.id} className="row">
                <span>{contact.name}</span>{" "}
                <Link
                  className="button secondary small danger-text"
                  to={`${here}?eraseContact=${contact.id}#confirm`}
                  aria-label={`Erase ${contact.name}…`}
                >
                  Erase…
                </Link>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
