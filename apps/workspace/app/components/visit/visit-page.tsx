import { Notice } from "@ordinavo/ui";
import { Link } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useState } from "react";
import { FileUpload } from "~/components/attachments/file-upload";
import { formatDateTime } from "~/lib/format";
import { trpc } from "~/lib/trpc";
import "../my-day/my-day.css";
import { StatusPill } from "../my-day/status-pill";
import type { VisitView } from "../my-day/types";
import { AccessNotes, ContactBlock, PlaceBlock } from "../my-day/visit-context";
import { NoteForm, ReasonForm } from "./note-forms";
import { newClientId, type OutboxOwner, type QueuedUpdate } from "./queue";
import { StatusPanel } from "./status-panel";
import { PendingList, RefusedList, UpdatesList } from "./updates-list";
import { optimisticStatus, type RecordResult, useUpdateQueue } from "./use-update-queue";
import "./visit.css";
import type { VisitFormResult } from "./visit.server";
import { noticeWords } from "./words";

// The execution page of one visit, phone first. Without JavaScript every form posts to the page
// (visit.server.ts). With it, a tap goes to the phone's outbox and is sent from there, so a dead
// spot loses nothing; the page shows the status the phone believes in at once, and what still
// waits to be sent.

export interface VisitPageData {
  view: VisitView;
  /** The signed-in person and workspace: the phone's outbox is theirs alone. */
  owner: OutboxOwner;
  ids: { status: string; note: string; reason: string };
  ask: string | null;
  notice: string | null;
}

type Position = QueuedUpdate["position"];

/** The phone's position, or null when it cannot or may not say within a few seconds. */
function currentPosition(): Promise<Position> {
  if (!("geolocation" in navigator)) return Promise.resolve(null);
  return new Promise((resolve) =>
    navigator.geolocation.getCurrentPosition(
      (p) =>
        resolve({
          latitude: p.coords.latitude,
          longitude: p.coords.longitude,
          accuracyMeters: Number.isFinite(p.coords.accuracy) ? p.coords.accuracy : null,
        }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: 8000, maximumAge: 60_000 },
    ),
  );
}

export function VisitPage({ loaded, result }: { loaded: VisitPageData; result?: VisitFormResult }) {
  const appointmentId = loaded.view.visit.appointmentId;
  const input = useMemo(() => ({ appointmentId }), [appointmentId]);
  const utils = trpc.useUtils();
  const query = trpc.execution.visit.useQuery(input, {
    initialData: loaded.view,
    refetchOnWindowFocus: true,
  });
  // A page the loader rendered again (after a plain form) replaces what the cache holds.
  useEffect(() => {
    utils.execution.visit.setData(input, loaded.view);
  }, [utils, input, loaded.view]);
  const view = query.data;
  const { visit, timeZone, onSiteSteps: steps } = view;

  const onSent = useCallback(
    (item: QueuedUpdate, sent: RecordResult) => {
      if (item.appointmentId === appointmentId) {
        utils.execution.visit.setData(input, (old) => {
          if (!old) return old;
          const update = sent.update;
          const known = update && old.updates.some((u) => u.id === update.id);
          return {
            ...old,
            visit: { ...old.visit, ...sent.appointment, status: sent.appointment.status },
            updates: update && !known ? [...old.updates, update] : old.updates,
            nextStatuses: old.visit.can.changeStatus ? (steps[sent.appointment.status] ?? []) : [],
          };
        });
        void utils.execution.visit.invalidate(input);
      }
      void utils.execution.myDay.invalidate();
    },
    [utils, input, appointmentId, steps],
  );
  const queue = useUpdateQueue(loaded.owner, onSent);
  const [asking, setAsking] = useState<string | null>(loaded.ask);
  useEffect(() => setAsking(loaded.ask), [loaded.ask]);
  const [locating, setLocating] = useState(false);

  const here = `/visits/${appointmentId}`;
  const mine = queue.pending.filter((item) => item.appointmentId === appointmentId);
  const refused = queue.refused.filter((item) => item.appointmentId === appointmentId);
  const status = optimisticStatus(view, queue.pending);
  const next = visit.can.changeStatus ? (steps[status] ?? []) : [];

  const record = async (kind: QueuedUpdate["kind"], extra: { status?: string; body?: string }) => {
    const recordedAt = new Date().toISOString();
    let position: Position = null;
    if (kind === "status_change" && view.capturePosition) {
      setLocating(true);
      position = await currentPosition();
      setLocating(false);
    }
    queue.add({ clientId: newClientId(), appointmentId, kind, ...extra, position, recordedAt });
  };
  // With JavaScript the forms hand their update over instead of posting (once hydrated).
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const onStep = hydrated ? (s: string) => void record("status_change", { status: s }) : undefined;
  const onReason = hydrated
    ? (body: string) => {
        void record("status_change", { status: asking ?? "not_completed", body });
        setAsking(null);
      }
    : undefined;
  const onNote = hydrated
    ? (kind: "comment" | "problem_report", body: string) => void record(kind, { body })
    : undefined;

  // A report still being written takes photos right here; otherwise the report page does.
  const photosHere =
    visit.can.record && (visit.report?.status === "draft" || visit.report?.status === "returned");

  const noteResult = result && result.intent !== "status" ? result : null;
  const reasonResult = result?.intent === "status" && asking ? result : null;
  const statusResult = result?.intent === "status" && !asking ? result : null;
  const notice = loaded.notice && !result ? noticeWords[loaded.notice] : null;

  return (
    <section className="stack exec-visit">
      <header className="exec-visit-head">
        <p className="eyebrow">
          <Link to="/">My day</Link> · Visit
        </p>
        <h1>{visit.customerName}</h1>
        <p className="exec-what">{visit.targetTitle}</p>
        <p className="exec-card-head">
          <span className="exec-window">
            {visit.startText}–{visit.endText}
          </span>
          <StatusPill status={status} />
        </p>
      </header>

      {notice ? <Notice>{notice}</Notice> : null}
      {queue.offline ? (
        <p className="notice exec-offline" role="status">
          You are offline. Updates are kept on this phone and sent when the connection is back.
        </p>
      ) : null}
      <RefusedList items={refused} timeZone={timeZone} dismiss={queue.dismiss} retry={queue.retry} />
      {statusResult ? (
        <p className="alert" role="alert">
          {statusResult.errors.message}
          {Object.values(statusResult.errors.fields)
            .flat()
            .map((m) => ` ${m}`)}
        </p>
      ) : null}

      <div className="exec-card exec-context">
        {visit.targetDescription ? <p className="exec-description">{visit.targetDescription}</p> : null}
        <PlaceBlock visit={visit} />
        <AccessNotes visit={visit} />
        <ContactBlock contact={visit.contact} />
      </div>

      {asking ? (
        <ReasonForm
          status={asking}
          clientId={loaded.ids.reason}
          here={here}
          errors={reasonResult?.errors ?? null}
          body={reasonResult?.body ?? ""}
          busy={locating}
          onReason={onReason}
          onCancel={hydrated ? () => setAsking(null) : undefined}
        />
      ) : next.length ? (
        <div className="panel exec-progress">
          <h2>Your progress</h2>
          {view.capturePosition ? (
            <p className="exec-position small">Your position is recorded with status updates.</p>
          ) : null}
          <StatusPanel
            next={next}
            needsReason={view.needsReason}
            clientId={loaded.ids.status}
            here={here}
            busy={locating}
            onStep={onStep}
            onAsk={hydrated ? setAsking : undefined}
          />
          {locating ? <p className="muted small">Getting your position…</p> : null}
        </div>
      ) : null}

      {queue.ready ? (
        <PendingList items={mine} sendingId={queue.sendingId} offline={queue.offline} timeZone={timeZone} />
      ) : null}

      {visit.can.record ? (
        <NoteForm
          clientId={loaded.ids.note}
          here={here}
          errors={noteResult?.errors ?? null}
          body={noteResult?.body ?? ""}
          busy={false}
          onNote={onNote}
        />
      ) : null}

      {visit.can.report ? (
        <div className="panel exec-report-panel">
          <h2>Visit report</h2>
          <p className="muted small">
            {visit.report
              ? `Your report is ${visit.report.status === "returned" ? "returned for changes" : visit.report.status}.`
              : "Write down the result, any problems and whether follow-up work is needed."}
          </p>
          <div className="exec-stack-buttons">
            <Link className="button exec-big" to={`/appointments/${appointmentId}/report`}>
              {visit.report ? "Open the visit report" : "Write the visit report"}
            </Link>
            {photosHere ? null : (
              <Link className="button secondary exec-big" to={`/appointments/${appointmentId}/report#photos`}>
                Add photos in the report
              </Link>
            )}
          </div>
          {photosHere && visit.report ? (
            // Photos belong to the report (what the reviewer approves); straight from the camera.
            <FileUpload
              ownerType="visit_report"
              ownerId={visit.report.id}
              returnTo={here}
              label="Add a photo to the report"
              accept="image/*"
              capture="environment"
              submitLabel="Upload photo"
              hint="Photos go with your visit report."
            />
          ) : null}
        </div>
      ) : null}

      {visit.startedAt || visit.completedAt ? (
        <dl className="facts exec-times">
          {visit.startedAt ? (
            <div>
              <dt>Started</dt>
              <dd>{formatDateTime(visit.startedAt, timeZone)}</dd>
            </div>
          ) : null}
          {visit.completedAt ? (
            <div>
              <dt>{visit.status === "not_completed" ? "Ended" : "Completed"}</dt>
              <dd>{formatDateTime(visit.completedAt, timeZone)}</dd>
            </div>
          ) : null}
        </dl>
      ) : null}

      <UpdatesList updates={view.updates} timeZone={timeZone} />

      {view.notes.length ? (
        <div className="panel">
          <h2>Internal notes</h2>
          <ul className="exec-updates">
            {view.notes.map((note) => (
              <li key={note.id} className="exec-update">
                <p className="exec-update-body">{note.body}</p>
                <p className="muted small">{formatDateTime(note.createdAt, timeZone)}</p>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
