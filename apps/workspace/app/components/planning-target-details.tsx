import { Field, FormAlert, type FormErrors, SelectField } from "@ordinavo/ui";
import { Form, Link } from "@remix-run/react";
import { AppointmentStatusBadge } from "~/components/planning-badges";
import { ContactPersonSelect, DescriptionField, PriorityAndDueFields } from "~/components/target-fields";
import { formatDateTime } from "~/lib/format";
import { dayText, priorityNames } from "~/lib/planning-display";

// The parts of a target's page: its details (read or edit) and its appointments.

interface Target {
  id: string;
  title: string;
  description: string | null;
  priority: string;
  dueDate: string | null;
  source: string | null;
  customerId: string | null;
  locationId: string | null;
  contactId: string | null;
  createdAt: Date | string | null;
  completedAt: Date | string | null;
}

const sourceNames: Record<string, string> = {
  manual: "Created in the workspace",
  portal_request: "Customer portal request",
  import: "Import",
  follow_up: "Follow-up of an earlier visit",
  recurring: "Recurring plan",
};

export type TargetUpdateValues = Record<
  "locationId" | "contactId" | "title" | "description" | "priority" | "dueDate",
  string
>;

/** The edit form: title, place, contact, description, priority and due date. */
export function TargetEditForm({
  target,
  choices,
  result,
  busy,
  here,
}: {
  target: Target;
  choices: {
    locations: { id: string; name: string; city: string | null }[];
    contacts: { id: string; name: string; role: string | null }[];
  };
  /** What the last save answered (errors and the values as typed). */
  result: { errors: FormErrors; values: TargetUpdateValues } | null;
  busy: boolean;
  here: string;
}) {
  return (
    <div className="panel" id="edit">
      <h2 id="edit-title">Edit details</h2>
      <Form method="post" action={`${here}?edit=1`} className="stack" aria-labelledby="edit-title">
        <input type="hidden" name="intent" value="update" />
        <FormAlert errors={result?.errors} />
        <Field
          label="Title"
          name="title"
          required
          maxLength={200}
          defaultValue={result?.values.title ?? target.title}
          errors={result?.errors}
        />
        <SelectField
          label="Location"
          name="locationId"
          defaultValue={result?.values.locationId ?? target.locationId ?? ""}
          errors={result?.errors}
        >
          <option value="">No specific location</option>
          {choices.locations.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
              {l.city ? ` · ${l.city}` : ""}
            </option>
          ))}
        </SelectField>
        <ContactPersonSelect
          contacts={choices.contacts}
          defaultValue={result?.values.contactId ?? target.contactId ?? ""}
          errors={result?.errors}
        />
        <DescriptionField
          rows={5}
          defaultValue={result?.values.description ?? target.description ?? ""}
          errors={result?.errors}
        />
        <PriorityAndDueFields
          priority={result?.values.priority ?? target.priority}
          dueDate={result?.values.dueDate ?? target.dueDate ?? ""}
          errors={result?.errors}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Saving…" : "Save changes"}
          </button>
          <Link className="button secondary" to={here}>
            Cancel
          </Link>
        </div>
      </Form>
    </div>
  );
}

/** The target's details as facts, and its description. */
export function TargetFacts({
  target,
  customerName,
  locationName,
  address,
  contactName,
  showContact,
  timeZone,
}: {
  target: Target;
  customerName: string;
  locationName: string | null;
  address: string | null;
  contactName: string | null;
  showContact: boolean;
  timeZone: string;
}) {
  return (
    <div className="panel">
      <h2>Details</h2>
      <dl className="facts">
        <div>
          <dt>Customer</dt>
          <dd>
            {target.customerId ? (
              <Link to={`/customers/${target.customerId}`}>{customerName}</Link>
            ) : (
              customerName
            )}
          </dd>
        </div>
        <div>
          <dt>Location</dt>
          <dd>
            {locationName ?? <span className="muted">No specific location</span>}
            {address ? <span className="plan-sub">{address}</span> : null}
          </dd>
        </div>
        {showContact ? (
          <div>
            <dt>Contact</dt>
            <dd>{contactName ?? <span className="muted">None</span>}</dd>
          </div>
        ) : null}
        <div>
          <dt>Priority</dt>
          <dd>{priorityNames[target.priority as keyof typeof priorityNames] ?? target.priority}</dd>
        </div>
        <div>
          <dt>Due</dt>
          <dd>
            {target.dueDate ? dayText(target.dueDate, "long") : <span className="muted">No due date</span>}
          </dd>
        </div>
        {target.source ? (
          <div>
            <dt>Source</dt>
            <dd>{sourceNames[target.source] ?? target.source}</dd>
          </div>
        ) : null}
        {target.createdAt ? (
          <div>
            <dt>Created</dt>
            <dd>{formatDateTime(target.createdAt, timeZone)}</dd>
          </div>
        ) : null}
        {target.completedAt ? (
          <div>
            <dt>Completed</dt>
            <dd>{formatDateTime(target.completedAt, timeZone)}</dd>
          </div>
        ) : null}
      </dl>
      <h3 className="plan-h3">Description</h3>
      {target.description ? (
        <p className="plan-description">{target.description}</p>
      ) : (
        <p className="muted">No description.</p>
      )}
    </div>
  );
}

/** Every appointment of the target, cancelled ones dimmed. */
export function TargetAppointments({
  appointments,
  canPlanHere,
}: {
  appointments: {
    id: string;
    status: string;
    statusText: string;
    slot: { day: string; start: string; end: string };
    assigneeName: string | null;
    fixedTime: boolean;
    recurring: boolean;
  }[];
  /** The page has the form to plan one. */
  canPlanHere: boolean;
}) {
  return (
    <div className="panel">
      <div className="panel-head">
        <h2>Appointments</h2>
        {appointments.length ? <span className="muted small">{appointments.length} in total</span> : null}
      </div>
      {appointments.length === 0 ? (
        <p className="empty">
          No appointments yet.
          {canPlanHere ? " Plan one with the form on this page." : ""}
        </p>
      ) : (
        <table className="data responsive">
          <caption className="visually-hidden">Appointments of this target</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Employee</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {appointments.map((a) => (
              <tr key={a.id} className={a.status === "cancelled" ? "dimmed" : undefined}>
                <td data-label="When">
                  <Link to={`/appointments/${a.id}`}>
                    {dayText(a.slot.day, "date")}, {a.slot.start}–{a.slot.end}
                  </Link>
                  {a.fixedTime ? <span className="badge tag">Fixed time</span> : null}
                  {a.recurring ? <span className="badge tag">Recurring</span> : null}
                </td>
                <td data-label="Employee">{a.assigneeName ?? <span className="muted">Not assigned</span>}</td>
                <td data-label="Status">
                  <AppointmentStatusBadge status={a.status} label={a.statusText} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
