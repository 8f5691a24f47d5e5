import { useLocation, useRevalidator, useSearchParams } from "@remix-run/react";
import { type FormEvent, useEffect, useState } from "react";
import { fileSize, isUploadStatus, uploadStatusMessages } from "./file-size";
import "./attachments.css";

// A list of files as the attachment services return them: a thumbnail for images with a preview,
// name and size, a download link, and — where the viewer may — a remove button behind a
// confirmation step (<details>, so it works without JavaScript). Every link goes through the
// workspace's authorised routes; no file has a public address.

export interface AttachmentItem {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  isImage: boolean;
  hasPreview: boolean;
  canRemove: boolean;
}

export interface AttachmentListProps {
  items: readonly AttachmentItem[];
  /** Where a plain remove post returns to; the current page when left out. */
  returnTo?: string;
  /** The owner these files belong to: a removal's status shows in this list only. */
  ownerId?: string;
  /** Shown when there are no files; nothing is rendered when left out. */
  emptyText?: string;
}

function typeBadge(item: AttachmentItem): string {
  if (item.contentType === "application/pdf") return "PDF";
  if (item.contentType === "text/csv") return "CSV";
  if (item.contentType.startsWith("text/")) return "TXT";
  if (item.isImage) return "IMG";
  return "FILE";
}

export function AttachmentList({ items, returnTo, ownerId, emptyText }: AttachmentListProps) {
  const location = useLocation();
  const [params] = useSearchParams();
  const revalidator = useRevalidator();
  const [hydrated, setHydrated] = useState(false);
  const [pending, setPending] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => setHydrated(true), []);

  const back = returnTo ?? location.pathname + location.search;
  const status = params.get("files");
  const mine = ownerId === undefined || params.get("filesFor") === ownerId;
  const returned =
    mine && status === "removed" && isUploadStatus(status) ? uploadStatusMessages[status] : null;

  async function onRemove(event: FormEvent<HTMLFormElement>, item: AttachmentItem) {
    if (!hydrated) return;
    event.preventDefault();
    setPending(item.id);
    setFailed(null);
    try {
      const response = await fetch(event.currentTarget.action, {
        method: "POST",
        body: new FormData(event.currentTarget),
        headers: { Accept: "application/json" },
      });
      const reply = (await response.json().catch(() => null)) as { ok: boolean; message?: string } | null;
      if (!reply?.ok) setFailed(reply?.message ?? "The file could not be removed. Please try again.");
      revalidator.revalidate();
    } catch {
      setFailed("The connection failed. Please try again.");
    } finally {
      setPending(null);
    }
  }

  if (items.length === 0) {
    return emptyText ? <p className="muted">{emptyText}</p> : null;
  }
  return (
    <div className="stack">
      {returned ? (
        <p className="notice" role="status">
          {returned.text}
        </p>
      ) : null}
      {failed ? (
        <p className="alert" role="alert">
          {failed}
        </p>
      ) : null}
      <ul className="attachment-list">
        {items.map((item) => {
          const download = `/attachments/${item.id}`;
          return (
            <li key={item.id} className="attachment-item">
              <span className="attachment-thumb" aria-hidden="true">
                {item.hasPreview ? (
                  <img src={`${download}/preview`} alt="" loading="lazy" width={64} height={64} />
                ) : (
                  typeBadge(item)
                )}
              </span>
              <div className="attachment-body">
                <span className="attachment-name">{item.fileName}</span>
                <span className="muted small">{fileSize(item.sizeBytes)}</span>
                <div className="attachment-actions">
                  <a className="button secondary small" href={download} download={item.fileName}>
                    Download<span className="visually-hidden"> {item.fileName}</span>
                  </a>
                  {item.canRemove ? (
                    <details>
                      <summary className="button secondary small danger-text">Remove…</summary>
                      <form method="post" action={download} onSubmit={(e) => onRemove(e, item)}>
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="returnTo" value={back} />
                        {ownerId ? <input type="hidden" name="ownerId" value={ownerId} /> : null}
                        <p className="small">Remove {item.fileName}? This cannot be undone.</p>
                        <button type="submit" className="button danger small" disabled={pending === item.id}>
                          {pending === item.id ? "Removing…" : "Remove file"}
                        </button>
                      </form>
                    </details>
                  ) : null}
                </div>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
