import { customerTypeNames, nameOf, statusLabels, timelineKindNames } from "@ordinavo/domain/labels";
import { FormAlert, TextAreaField } from "@ordinavo/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useLocation,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import { ConfirmPanel } from "~/components/confirm";
import {
  Address,
  ArchivedBadge,
  Breadcrumbs,
  ChannelLink,
  ContactCard,
  CustomerStatusBadge,
  formatCalendarDay,
  formatVisit,
  idParam,
  PriorityBadge,
  RedirectNotice,
  ShowMore,
  useWorkspace,
} from "~/components/customer-bits";
import { LocationMap, mapTileUrlFrom } from "~/components/location-map";
import { PageError } from "~/components/page-error";
import { formatDate, formatDateTime, isoString } from "~/lib/format";
import { attempt, type FormErrors, load, requireWorkspace, text } from "~/lib/require.server";
import customersCss from "~/styles/customers.css?url";

export const links = () => [{ rel: "stylesheet", href: customersCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.customer.name ?? "Customer"} · Ordinavo Workspace` },
];

export async function loader(args: LoaderFunctionArgs) {
  const customerId = idParam(args.params.customerId);
  const { api } = await requireWorkspace(args);
  const includeArchived = new URL(args.request.url).searchParams.get("archived") === "1";
  const record = await load(args.request, () => api.customers.get({ customerId, includeArchived }));
  return { ...record, tileUrl: mapTileUrlFrom(args.context) };
}

type Intent = "archive" | "restore" | "addNote" | "updateNote" | "deleteNote";

type Outcome = { intent: Intent; noteId: string | null; errors: FormErrors; body: string };

export async function action(args: ActionFunctionArgs) {
  const customerId = idParam(args.params.customerId);
  const form = await args.request.formData();
  const intent = text(form, "intent") as Intent;
  const noteId = text(form, "noteId");
  const body = text(form, "body");
  const { api } = await requireWorkspace(args);
  const here = `/customers/${customerId}`;
  const refused = (errors: FormErrors, status: number) =>
    data<Outcome>({ intent, noteId: noteId || null, errors, body }, { status });

  if (intent === "archive" || intent === "restore") {
    const result = await attempt(() =>
      api.customers.setArchived({ customerId, archived: intent === "archive" }),
    );
    if (!result.ok) return refused(result.errors, result.status);
    return redirect(`${here}?notice=${intent === "archive" ? "archived" : "restored"}`);
  }
  if (intent === "addNote") {
    const result = await attempt(() =>
      api.internalNotes.add({ objectType: "customer", objectId: customerId, body }),
    );
    if (!result.ok) return refused(result.errors, result.status);
    return redirect(`${here}?notice=note-added#notes`);
  }
  if (intent === "updateNote") {
    const result = await attempt(() => api.internalNotes.update({ internalNoteId: noteId, body }));
    if (!result.ok) return refused(result.errors, result.status);
    return redirect(`${here}?notice=note-updated#notes`);
  }
  if (intent === "deleteNote") {
    const result = await attempt(() => api.internalNotes.remove({ internalNoteId: noteId }));
    if (!result.ok) return refused(result.errors, result.status);
    return redirect(`${here}?notice=note-deleted#notes`);
  }
  return refused({ message: "This form is out of date. Reload the page and try again.", fields: {} }, 400);
}

export default function CustomerDetail() {
  const record = useLoaderData<typeof loader>();
  const {
    customer,
    locations: allLocations,
    contacts: allContacts,
    externalReferences,
    internalNotes,
    openTargets,
    upcomingAppointments,
    timeline,
    can,
  } = record;
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const page = useLocation();
  const { timeZone } = useWorkspace();
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const here = `/customers/${customer.id}`;
  const archived = Boolean(customer.archivedAt);

  const locationName = new Map(allLocations.map((location) => [location.id, location.name]));
  // Archived places and people are listed apart (asked for with ?archived=1), so they can be restored.
  const locations = allLocations.filter((location) => !location.archivedAt);
  const contacts = allContacts.filter((contact) => !contact.archivedAt);
  const archivedLocations = allLocations.filter((location) => location.archivedAt);
  const archivedContacts = allContacts.filter((contact) => contact.archivedAt);
  const showingArchived = params.get("archived") === "1";
  const numbered = locations.map((location, index) => ({ location, number: index + 1 }));
  const points = numbered.flatMap(({ location, number }) =>
    location.latitude != null && location.longitude != null
      ? [
          {
            id: location.id,
            label: location.name,
            latitude: location.latitude,
            longitude: location.longitude,
            number,
          },
        ]
      : [],
  );
  const openWorkAt = (locationId: string) =>
    openTargets.filter((target) => target.locationId === locationId).length;

  const confirmArchive = can.archive && params.get("archive") === "1" && !archived;
  const confirmRestore = can.archive && params.get("restore") === "1" && archived;
  const deleting = internalNotes?.find((note) => note.id === params.get("deleteNote") && note.canEdit);
  const editingId = params.get("editNote");
  const archiveErrors =
    result && (result.intent === "archive" || result.intent === "restore") ? result.errors : null;
  const noteErrors = result && result.intent !== "archive" && result.intent !== "restore" ? result : null;

  return (
    <section className="stack customers-page">
      <Breadcrumbs trail={[{ label: "Customers", to: "/customers" }, { label: customer.name }]} />
      <header className="page-head">
        <div>
          <p className="eyebrow">Customer{customer.number ? <> · {customer.number}</> : null}</p>
          <h1>{customer.name}</h1>
          <p className="badge-row">
            <CustomerStatusBadge status={customer.status} />
            {customer.type ? <span className="badge">{customerTypeNames[customer.type]}</span> : null}
            <ArchivedBadge archivedAt={customer.archivedAt} />
            {customer.industry ? <span className="muted small">{customer.industry}</span> : null}
          </p>
        </div>
        <div className="actions head-actions">
          {can.edit ? (
            <Link className="button" to={`${here}/edit`}>
              Edit customer
            </Link>
          ) : null}
          {can.archive ? (
            archived ? (
              <Link className="button secondary" to={`${here}?restore=1#confirm`}>
                Restore…
              </Link>
            ) : (
              <Link className="button secondary danger-text" to={`${here}?archive=1#confirm`}>
                Archive…
              </Link>
            )
          ) : null}
        </div>
      </header>

      <RedirectNotice />
      <FormAlert errors={archiveErrors} />

      {confirmArchive ? (
        <ConfirmPanel
          title={`Archive ${customer.name}?`}
          cancelTo={here}
          form={(cancel) => (
            <Form method="post" action={here} className="actions">
              <input type="hidden" name="intent" value="archive" />
              <button type="submit" className="button danger" disabled={busyIntent === "archive"}>
                {busyIntent === "archive" ? "Archiving…" : "Archive customer"}
              </button>
              {cancel}
            </Form>
          )}
        >
          <p>
            The customer leaves the customer list and can no longer be planned. Nothing is deleted: locations,
            contact persons, work and history stay, and you can restore the customer at any time.
          </p>
        </ConfirmPanel>
      ) : null}
      {confirmRestore ? (
        <ConfirmPanel
          title={`Restore ${customer.name}?`}
          cancelTo={here}
          form={(cancel) => (
            <Form method="post" action={here} className="actions">
              <input type="hidden" name="intent" value="restore" />
              <button type="submit" className="button" disabled={busyIntent === "restore"}>
                {busyIntent === "restore" ? "Restoring…" : "Restore customer"}
              </button>
              {cancel}
            </Form>
          )}
        >
          <p>The customer appears in the customer list again and can be planned.</p>
        </ConfirmPanel>
      ) : null}
      {deleting ? (
        <ConfirmPanel
          title="Delete this internal note?"
          cancelTo={`${here}#notes`}
          form={(cancel) => (
            <Form method="post" action={here} className="actions">
              <input type="hidden" name="intent" value="deleteNote" />
              <input type="hidden" name="noteId" value={deleting.id} />
              <button type="submit" className="button danger" disabled={busyIntent === "deleteNote"}>
                {busyIntent === "deleteNote" ? "Deleting…" : "Delete note"}
              </button>
              {cancel}
            </Form>
          )}
        >
          <blockquote className="note-quote">{deleting.body}</blockquote>
          <p>The note is deleted for everyone. This cannot be undone.</p>
        </ConfirmPanel>
      ) : null}

      {archived ? (
        <p className="archived-banner">
          This customer is archived: it is hidden from lists and planning.
          {can.archive ? (
            <>
              {" "}
              <Link to={`${here}?restore=1#confirm`}>Restore it</Link> to work with it again.
            </>
          ) : null}
        </p>
      ) : null}

      <div className="customer-layout">
        <div className="stack">
          <section className="panel" aria-labelledby="details-title">
            <h2 id="details-title">Contact details</h2>
            <dl className="facts customer-facts">
              <div>
                <dt>Email</dt>
                <dd>
                  <ChannelLink kind="email" value={customer.email} />
                </dd>
              </div>
              <div>
                <dt>Phone</dt>
                <dd>
                  <ChannelLink kind="phone" value={customer.phone} />
                </dd>
              </div>
              {customer.website !== undefined ? (
                <div>
                  <dt>Website</dt>
                  <dd>
                    <ChannelLink kind="website" value={customer.website} />
                  </dd>
                </div>
              ) : null}
              {customer.createdAt ? (
                <div>
                  <dt>Customer since</dt>
                  <dd>
                    <time dateTime={isoString(customer.createdAt)}>
                      {formatDate(customer.createdAt, timeZone)}
                    </time>
                  </dd>
                </div>
              ) : null}
            </dl>
            {customer.notes !== undefined ? (
              <>
                <h3 className="subhead">Notes</h3>
                {customer.notes ? (
                  <p className="prewrap">{customer.notes}</p>
                ) : (
                  <p className="muted small">No general notes.</p>
                )}
              </>
            ) : null}
            {externalReferences ? (
              <>
                <h3 className="subhead">External references</h3>
                {externalReferences.length ? (
                  <ul className="reference-list">
                    {externalReferences.map((ref) => (
                      <li key={ref.id}>
                        <span className="muted">{ref.sourceSystem}</span> <code>{ref.externalId}</code>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="muted small">None. IDs from other systems (ERP, CRM) appear here.</p>
                )}
              </>
            ) : null}
          </section>

          <section className="panel" aria-labelledby="locations-title" id="locations">
            <div className="panel-head">
              <h2 id="locations-title">Locations</h2>
              {can.writeLocations && !archived ? (
                <Link className="button secondary small" to={`${here}/locations/new`}>
                  Add location
                </Link>
              ) : null}
            </div>
            {locations.length === 0 ? (
              <p className="empty">
                {can.writeLocations
                  ? "No locations yet. Add the addresses where work is done."
                  : "No locations to show."}
              </p>
            ) : (
              <>
                <LocationMap points={points} tileUrl={record.tileUrl} />
                <ol className="location-list">
                  {numbered.map(({ location, number }) => {
                    const open = openWorkAt(location.id);
                    const onMap = location.latitude != null && location.longitude != null;
                    return (
                      <li key={location.id}>
                        <span className={`location-number${onMap ? "" : " off-map"}`} aria-hidden="true">
                          {number}
                        </span>
                        <div className="location-body">
                          <p className="location-title">
                            <Link to={`/locations/${location.id}`} className="strong-link">
                              {location.name}
                            </Link>
                            {location.defaultPriority && location.defaultPriority !== "normal" ? (
                              <PriorityBadge priority={location.defaultPriority} />
                            ) : null}
                          </p>
                          <Address address={location} />
                          <p className="muted small location-meta">
                            {location.defaultWorkMinutes ? (
                              <span>Usually {location.defaultWorkMinutes} min of work</span>
                            ) : null}
                            {open ? (
                              <span>
                                {open} open {open === 1 ? "work item" : "work items"}
                              </span>
                            ) : null}
                            {onMap ? null : <span>Not on the map (no coordinates)</span>}
                          </p>
                        </div>
                        {can.writeLocations ? (
                          <Link className="button secondary small" to={`/locations/${location.id}/edit`}>
                            Edit<span className="visually-hidden"> {location.name}</span>
                          </Link>
                        ) : null}
                      </li>
                    );
                  })}
                </ol>
              </>
            )}
          </section>

          <section className="panel" aria-labelledby="contacts-title" id="contacts">
            <div className="panel-head">
              <h2 id="contacts-title">Contact persons</h2>
              {can.writeContacts && !archived ? (
                <Link className="button secondary small" to={`${here}/contacts/new`}>
                  Add contact person
                </Link>
              ) : null}
            </div>
            {contacts.length === 0 ? (
              <p className="empty">
                {can.writeContacts ? "No contact persons yet." : "No contact persons to show."}
              </p>
            ) : (
              <ul className="contact-cards">
                {contacts.map((contact) => (
                  <ContactCard
                    key={contact.id}
                    contact={contact}
                    where={
                      contact.locationId ? (
                        (locationName.get(contact.locationId) ?? null)
                      ) : (
                        <span className="muted">Whole customer</span>
                      )
                    }
                    editTo={can.writeContacts ? `${here}/contacts/${contact.id}/edit` : undefined}
                  />
                ))}
              </ul>
            )}
            {(can.writeLocations || can.writeContacts) && !showingArchived ? (
              <p className="small">
                <Link to="?archived=1#archived">Show archived locations and contact persons</Link>
              </p>
            ) : null}
          </section>

          {showingArchived ? (
            <section className="panel" aria-labelledby="archived-title" id="archived">
              <div className="panel-head">
                <h2 id="archived-title">Archived</h2>
                <Link className="button secondary small" to={here}>
                  Hide
                </Link>
              </div>
              {archivedLocations.length === 0 && archivedContacts.length === 0 ? (
                <p className="empty">Nothing archived.</p>
              ) : (
                <ul className="link-list">
                  {archivedLocations.map((location) => (
                    <li key={location.id}>
                      <Link to={`/locations/${location.id}`}>{location.name}</Link>{" "}
                      <span className="muted small">Location</span>{" "}
                      <ArchivedBadge archivedAt={location.archivedAt} />
                    </li>
                  ))}
                  {archivedContacts.map((contact) => (
                    <li key={contact.id}>
                      {can.writeContacts ? (
                        <Link to={`${here}/contacts/${contact.id}/edit`}>{contact.name}</Link>
                      ) : (
                        contact.name
                      )}{" "}
                      <span className="muted small">Contact person</span>{" "}
                      <ArchivedBadge archivedAt={contact.archivedAt} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ) : null}
        </div>

        <div className="stack">
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

          {internalNotes ? (
            <section className="panel" aria-labelledby="notes-title" id="notes">
              <h2 id="notes-title">Internal notes</h2>
              <p className="hint">Never shown to the customer. For managers and tenant admins.</p>
              {noteErrors && noteErrors.intent !== "addNote" ? (
                <FormAlert errors={noteErrors.errors} />
              ) : null}
              {can.writeNotes ? (
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
                      noteErrors?.intent === "updateNote" && noteErrors.noteId === note.id
                        ? noteErrors
                        : null;
                    const edited =
                      new Date(note.updatedAt).getTime() - new Date(note.createdAt).getTime() > 1000;
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
                              <button
                                type="submit"
                                className="button small"
                                disabled={busyIntent === "updateNote"}
                              >
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
                          {note.authorName ?? "A former member"} ·{" "}
                          <time dateTime={isoString(note.createdAt)}>
                            {formatDateTime(note.createdAt, timeZone)}
                          </time>
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
          ) : null}

          {timeline ? (
            <section className="panel" aria-labelledby="timeline-title" id="timeline">
              <h2 id="timeline-title">Recent history</h2>
              {timeline.length === 0 ? (
                <p className="muted small">Nothing has happened yet.</p>
              ) : (
                <ShowMore
                  items={timeline}
                  first={8}
                  className="timeline"
                  ordered
                  noun="older entries"
                  render={(entry) => (
                    <li key={entry.id}>
                      <span>{nameOf(timelineKindNames, entry.kind)}</span>
                      <time className="muted small" dateTime={isoString(entry.occurredAt)}>
                        {formatDateTime(entry.occurredAt, timeZone)}
                      </time>
                    </li>
                  )}
                />
              )}
            </section>
          ) : null}
        </div>
      </div>
    </section>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
