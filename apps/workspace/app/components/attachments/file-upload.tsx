import type { WorkspaceRouter } from "@ordinavo/api";
import { useLocation, useRevalidator, useSearchParams } from "@remix-run/react";
import type { inferRouterInputs } from "@trpc/server";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import {
  isUploadStatus,
  refusalText,
  type UploadReply,
  uploadStatusParams,
  uploadStatusText,
} from "./file-size";
import "./attachments.css";

// Adding files to a report, an update or a task. A plain multipart form posting to
// /attachments/upload, so it works without JavaScript (the route sends the browser back to
// `returnTo` with a short status). The owner and the page to return to travel in the action URL's
// query, so the route knows them even when it cannot read the body (a file over the limit). With
// JavaScript the same form is sent in the background with progress, errors show in place, and
// the page's data reloads to list the new files.

/** What files can be added to: the upload procedure's own input type. */
export type UploadOwnerType = inferRouterInputs<WorkspaceRouter>["attachments"]["upload"]["ownerType"];

export interface FileUploadProps {
  ownerType: UploadOwnerType;
  ownerId: string;
  /** Where a plain form post returns to (a path of this site), usually the current page. */
  returnTo: string;
  /** The file field's label, e.g. "Add a photo". */
  label?: string;
  /** Which files the picker offers, e.g. "image/*" for photos. The server decides what it keeps. */
  accept?: string;
  /** Open the camera on phones ("environment": the back camera). */
  capture?: "environment" | "user";
  multiple?: boolean;
  /** A line under the field. */
  hint?: string;
  /** The submit button's text. */
  submitLabel?: string;
}

type Phase =
  | { kind: "idle" }
  | { kind: "uploading"; progress: number | null }
  | { kind: "done"; count: number }
  | { kind: "error"; message: string };

const defaultAccept = "image/*,application/pdf,text/plain,text/csv,.pdf,.txt,.csv,.heic";

export function FileUpload({
  ownerType,
  ownerId,
  returnTo,
  label = "Add photos or files",
  accept = defaultAccept,
  capture,
  multiple = true,
  hint,
  submitLabel = "Upload",
}: FileUploadProps) {
  const id = useId();
  const [hydrated, setHydrated] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const request = useRef<XMLHttpRequest | null>(null);
  const revalidator = useRevalidator();
  const [params] = useSearchParams();
  const location = useLocation();
  useEffect(() => {
    setHydrated(true);
    return () => request.current?.abort();
  }, []);

  // The status a plain form post came back with, for this form only.
  const status = params.get("filesFor") === ownerId ? params.get("files") : null;
  const returned = isUploadStatus(status)
    ? uploadStatusText(status, { fileName: params.get("fileName"), added: Number(params.get("added")) || 0 })
    : null;

  // Back to this page with its query (a tab, a filter), less the last post's outcome.
  let back = returnTo;
  if (returnTo === location.pathname) {
    const query = new URLSearchParams(location.search);
    for (const name of uploadStatusParams) query.delete(name);
    back = query.size > 0 ? `${returnTo}?${query}` : returnTo;
  }
  const action = `/attachments/upload?${new URLSearchParams({ ownerType, ownerId, returnTo: back })}`;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    if (!hydrated) return;
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const files = data.getAll("file").filter((f) => f instanceof File && f.size > 0);
    if (files.length === 0) {
      setPhase({ kind: "error", message: "Choose a file first." });
      return;
    }
    const xhr = new XMLHttpRequest();
    request.current = xhr;
    xhr.open("POST", form.action);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) =>
      setPhase({ kind: "uploading", progress: e.lengthComputable ? e.loaded / e.total : null });
    xhr.onload = () => {
      const reply = xhr.response as UploadReply | null;
      if (reply && (reply.added?.length ?? 0) > 0) revalidator.revalidate();
      if (reply?.ok) {
        form.reset();
        setPhase({ kind: "done", count: reply.added.length });
      } else if (reply && !reply.ok) {
        // The route's own words: which file, why, and what was kept.
        const reason = reply.fields.file?.join(" ") || reply.message;
        setPhase({
          kind: "error",
          message: refusalText(files.length > 1 ? (reply.refused ?? null) : null, reason, reply.added.length),
        });
      } else if (xhr.status === 413) {
        // The launcher refused the whole request before the route saw it (plain text, no JSON).
        setPhase({
          kind: "error",
          message: "These files are too large to send at once. Send fewer or smaller files.",
        });
      } else {
        setPhase({ kind: "error", message: "The upload failed. Please try again." });
      }
    };
    xhr.onerror = () =>
      setPhase({
        kind: "error",
        message: "The connection failed before the upload finished. Please try again.",
      });
    setPhase({ kind: "uploading", progress: 0 });
    xhr.send(data);
  }

  const busy = phase.kind === "uploading";
  const error = phase.kind === "error" ? phase.message : returned && !returned.ok ? returned.text : null;
  const done =
    phase.kind === "done"
      ? phase.count === 1
        ? "File added."
        : `${phase.count} files added.`
      : returned?.ok && phase.kind === "idle"
        ? returned.text
        : null;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");

  return (
    <form
      method="post"
      action={action}
      encType="multipart/form-data"
      className="file-upload"
      id={`upload-${ownerId}`}
      onSubmit={onSubmit}
      aria-busy={busy || undefined}
    >
      <div className="field">
        <label htmlFor={`${id}-file`}>{label}</label>
        <input
          id={`${id}-file`}
          type="file"
          name="file"
          accept={accept}
          capture={capture}
          multiple={multiple}
          required
          disabled={busy}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
        />
        {hint ? (
          <p className="hint" id={`${id}-hint`}>
            {hint}
          </p>
        ) : null}
        {error ? (
          <p className="field-error" id={`${id}-error`} role="alert">
            {error}
          </p>
        ) : null}
      </div>
      {busy ? (
        <p className="muted small" aria-live="polite">
          Uploading…{" "}
          {phase.progress !== null ? (
            <progress max={1} value={phase.progress} aria-label="Upload progress" />
          ) : null}
        </p>
      ) : null}
      {done ? (
        <p className="notice" role="status">
          {done}
        </p>
      ) : null}
      <div>
        <button type="submit" className="button small" disabled={busy}>
          {busy ? "Uploading…" : submitLabel}
        </button>
      </div>
    </form>
  );
}
