import { statusLabel } from "@ordinavo/domain/labels";
import type { AppointmentStatus } from "@ordinavo/domain/vocabulary";
import { formatDateTime, isoString } from "~/lib/format";
import type { VisitUpdate } from "../my-day/types";
import type { QueuedUpdate, RefusedUpdate } from "./queue";
import { kindWords } from "./words";

// What was recorded on the visit, newest first, and what the phone still holds: updates waiting
// to be sent (each one named, so the employee knows nothing is lost) and updates the server
// refused (with its reason and field messages) or kept failing on (to send again or discard).

function what(kind: string, status?: string | null) {
  if (kind === "status_change" && status) return statusLabel("appointment", status as AppointmentStatus);
  return kindWords[kind] ?? kind;
}

function When({ at, timeZone }: { at: Date | string; timeZone: string }) {
  return <time dateTime={isoString(at)}>{formatDateTime(at, timeZone)}</time>;
}

export function PendingList({
  items,
  sendingId,
  offline,
  timeZone,
}: {
  items: readonly QueuedUpdate[];
  sendingId: string | null;
  offline: boolean;
  timeZone: string;
}) {
  if (!items.length) return null;
  return (
    <div className="panel exec-pending" aria-live="polite">
      <h2>Waiting to send ({items.length})</h2>
      <p className="muted small">
        {offline
          ? "No connection. These are kept on this phone and sent, in this order, when you are back online."
          : "Sending… They stay on this phone until the office has them."}
      </p>
      <ol className="exec-updates">
        {items.map((item) => (
          <li key={item.clientId} className="exec-update is-pending">
            <p className="exec-update-head">
              <strong>{what(item.kind, item.status)}</strong>{" "}
              <span className="exec-update-state">
                {item.clientId === sendingId ? "Sending…" : "Waiting"}
              </span>
            </p>
            {item.body ? <p className="exec-update-body">{item.body}</p> : null}
            <p className="muted small">
              <When at={item.recordedAt} timeZone={timeZone} />
              {item.position ? " · with position" : ""}
            </p>
          </li>
        ))}
      </ol>
    </div>
  );
}

export function RefusedList({
  items,
  timeZone,
  dismiss,
  retry,
}: {
  items: readonly RefusedUpdate[];
  timeZone: string;
  dismiss: (clientId: string) => void;
  /** Sends an update the server failed on again (refusals are final: only dismissed). */
  retry: (clientId: string) => void;
}) {
  if (!items.length) return null;
  return (
    <div className="alert exec-refused" role="alert">
      <p>
        <strong>Not recorded ({items.length})</strong>
      </p>
      <ul className="exec-updates">
        {items.map((item) => (
          <li key={item.clientId} className="exec-update">
            <p className="exec-update-head">
              <strong>{what(item.kind, item.status)}</strong> ·{" "}
              <When at={item.recordedAt} timeZone={timeZone} />
            </p>
            {item.body ? <p className="exec-update-body">{item.body}</p> : null}
            <p>{item.message}</p>
            {item.fields?.length ? (
              <ul className="exec-refused-fields">
                {item.fields.map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            ) : null}
            <div className="exec-refused-actions">
              {item.retry ? (
                <button type="button" className="button small" onClick={() => retry(item.clientId)}>
                  Send again
                </button>
              ) : null}
              <button type="button" className="button secondary small" onClick={() => dismiss(item.clientId)}>
                {item.retry ? "Discard" : "OK"}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function UpdatesList({ updates, timeZone }: { updates: readonly VisitUpdate[]; timeZone: string }) {
  return (
    <div className="panel exec-history">
      <h2>Updates</h2>
      {updates.length ? (
        <ol className="exec-updates" reversed>
          {[...updates].reverse().map((update) => (
            <li key={update.id} className={`exec-update kind-${update.kind}`}>
              <p className="exec-update-head">
                <strong>{what(update.kind, update.status)}</strong>
              </p>
              {update.body ? <p className="exec-update-body">{update.body}</p> : null}
              <p className="muted small">
                <When at={update.recordedAt} timeZone={timeZone} />
                {update.mine ? " · you" : update.employeeName ? ` · ${update.employeeName}` : ""}
                {update.hasPosition ? " · position recorded" : ""}
              </p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">Nothing recorded yet.</p>
      )}
    </div>
  );
}
