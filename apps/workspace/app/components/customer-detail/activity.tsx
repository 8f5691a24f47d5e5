import { nameOf, statusLabels } from "@ordinavo/domain/labels";
import { FormAlert, TextAreaField } from "@ordinavo/ui";
import { Form, Link, useLocation } from "@remix-run/react";
import { formatCalendarDay, formatVisit, PriorityBadge, ShowMore } from "~/components/customer-bits";
import { formatDateTime, isoString } from "~/lib/format";
import type { FormErrors } from "~/lib/require.server";
import { type CustomerRecord, placeNames } from "./record";

// The customer page's right column: open work and upcoming visits, and internal notes (only when
// the API sends them: the policy decides who reads notes, and whether the author is shown). The
// follow-ups and the history are in follow-ups.tsx and history.tsx.

export function WorkPanel({ record, timeZone }: { record: CustomerRecord; timeZone: string }) {
  const { can, customer, openTargets, upcomingAppointments } = record;
  const archived = Boolean(customer.archivedAt);
  const locationName = placeNames(record);
  return (
    <section className="panel" aria-labelledby="work-title" id="work">
      <div className="panel-head">
        <h2 id="work-title">Open work</h2>
        {can.planWork && !archived ? (
          <Link className="button secondary small" to={`/targets/new?customerId=${customer.id}`}>
            New work
          </Link>
        ) : null}
      </div>
      {openTargets.length === 0 ? (
        <p className="muted small">No open work.</p>
      ) : (
        <ShowMore
          items={openTargets}
          first={5}
          className="work-list"
          noun="more work items"
          render={(target) => (
            <li key={target.id}>
              <Link to={`/targets/${target.id}`} className="strong-link">
                {target.title}
              </Link>
              <span className="work-meta">
                <span className="badge">{nameOf(statusLabels.target, target.status)}</span>
                {target.priority !== "normal" ? <PriorityBadge priority={target.priority} /> : null}
                <span className="muted small">
                  {[
                    target.dueDate ? `Due ${formatCalendarDay(target.dueDate)}` : null,
                    target.locationId ? locationName.get(target.locationId) : null,
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </span>
              </span>
            </li>
          )}
        />
      )}
      <h3 className="subhead">Upcoming appointments</h3>
      {upcomingAppointments.length === 0 ? (
        <p className="muted small">No upcoming appointments.</p>
      ) : (
        <ShowMore
          items={upcomingAppointments}
          first={5}
          className="work-list"
          noun="more appointments"
          render={(appointment) => (
            <li key={appointment.id}>
              <Link to={`/appointments/${appointment.id}`} className="strong-link">
                <time dateTime={isoString(appointment.plannedStart)}>
                  {formatVisit(appointment.plannedStart, appointment.plannedEnd, timeZone)}
                </time>
              </Link>
              <span>{appointment.targetTitle}</span>
              <span className="muted small">
                {[
                  nameOf(statusLabels.appointment, appointment.status),
                  appointment.assigneeName ?? "Not assigned",
                  appointment.locationId ? locationName.get(appointment.locationId) : null,
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </span>
            </li>
          )}
        />
      )}
    </section>
  );
}

/** What the page's action answered about a note form. */
export type NoteOutcome = { intent: string; noteId: string | null; errors: FormErrors; body: string };

export function NotesPanel({
  notes: internalNotes,
  canWrite,
  here,
  outcome: noteErrors,
  busyIntent,
  editingId,
  timeZone,
}: {
  notes: NonNullable<CustomerRecord["internalNotes"]>;
  canWrite: boolean;
  here: string;
  outcome: NoteOutcome | null;
  busyIntent: unknown;
  editingId: string | null;
  timeZone: string;
}) {
  const page = useLocation();
  return (
    <section className="panel" aria-labelledby="notes-title" id="notes">
      <h2 id="notes-title">Internal notes</h2>
      <p className="hint">Never shown to the customer.</p>
      {noteErrors && noteErrors.intent !== "addNote" ? <FormAlert errors={noteErrors.errors} /> : null}
      {canWrite ? (
        <Form
          method="post"
          action={`${here}#notes`}
          className="stack note-form"
          aria-label="Add an internal note"
          // A saved note leads to a new page visit: the box starts empty again.
          key={page.key}
        >
          <input type="hidden" name="intent" value="addNote" />
          {noteErrors?.intent === "addNote" ? <FormAlert errors={noteErrors.errors} /> : null}
          <TextAreaField
            label="New note"
            name="body"
            id="note-new"
            rows={3}
            maxLength={5000}
            required
            defaultValue={noteErrors?.intent === "addNote" ? noteErrors.body : undefined}
            errors={noteErrors?.intent === "addNote" ? noteErrors.errors : null}
          />
          <div>
            <button type="submit" className="button small" disabled={busyIntent === "addNote"}>
              {busyIntent === "addNote" ? "Adding…" : "Add note"}
            </button>
          </div>
        </Form>
      ) : null}
      {internalNotes.length === 0 ? (
        <p className="muted small">No internal notes yet.</p>
      ) : (
        <ul className="note-list">
          {internalNotes.map((note) => {
            const editing = note.canEdit && editingId === note.id;
            const failed =
              noteErrors?.intent === "updateNote" && noteErrors.noteId === note.id ? noteErrors : null;
            const edited = new Date(note.updatedAt).getTime() - new Date(note.createdAt).getTime() > 1000;
            return (
              <li key={note.id} id={`note-${note.id}`}>
                {editing || failed ? (
                  <Form method="post" action={`${here}#notes`} className="stack note-form">
                    <input type="hidden" name="intent" value="updateNote" />
                    <input type="hidden" name="noteId" value={note.id} />
                    <TextAreaField
                      label="Edit note"
                      name="body"
                      id={`note-body-${note.id}`}
                      rows={4}
                      maxLength={5000}
                      required
                      defaultValue={failed ? failed.body : note.body}
                      errors={failed?.errors}
                    />
                    <div className="actions">
                      <button type="submit" className="button small" disabled={busyIntent === "updateNote"}>
                        {busyIntent === "updateNote" ? "Saving…" : "Save note"}
                      </button>
                      <Link className="button secondary small" to={`${here}#note-${note.id}`}>
                        Cancel
                      </Link>
                    </div>
                  </Form>
                ) : (
                  <p className="prewrap note-body">{note.body}</p>
                )}
                <p className="muted small note-meta">
                  {note.authorName ? <>{note.authorName} · </> : null}
                  <time dateTime={isoString(note.createdAt)}>{formatDateTime(note.createdAt, timeZone)}</time>
                  {edited ? <> · edited {formatDateTime(note.updatedAt, timeZone)}</> : null}
                </p>
                {note.canEdit && !editing && !failed ? (
                  <p className="actions note-actions">
                    <Link
                      className="button secondary small"
                      to={`${here}?editNote=${note.id}#note-${note.id}`}
                    >
                      Edit<span className="visually-hidden"> note</span>
                    </Link>
                    <Link
                      className="button secondary small danger-text"
                      to={`${here}?deleteNote=${note.id}#confirm`}
                    >
                      Delete…<span className="visually-hidden"> note</span>
                    </Link>
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
