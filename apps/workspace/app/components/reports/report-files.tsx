import { type AttachmentItem, AttachmentList } from "~/components/attachments/attachment-list";
import { FileUpload } from "~/components/attachments/file-upload";

// The report's photos and files: the shared attachment list (thumbnails, downloads through the
// authorised routes, remove where allowed) and, while the author may still change the report, the
// phone camera upload.

export function ReportFiles({
  visitReportId,
  files,
  canAdd,
}: {
  visitReportId: string;
  files: readonly AttachmentItem[];
  canAdd: boolean;
}) {
  if (files.length === 0 && !canAdd) return null;
  const here = `/reports/${visitReportId}`;
  return (
    // `#photos`: where the visit page's "Add photos in the report" link lands.
    <section className="panel stack" id="photos" aria-labelledby="report-files">
      <h2 id="report-files">Photos and files</h2>
      <AttachmentList
        items={files}
        ownerId={visitReportId}
        returnTo={here}
        emptyText={canAdd ? "No photos yet." : undefined}
      />
      {canAdd ? (
        <FileUpload
          ownerType="visit_report"
          ownerId={visitReportId}
          returnTo={here}
          label="Add a photo"
          accept="image/*"
          capture="environment"
          hint="Photograph anything damaged or worth showing. Only people who may see this report see them."
          submitLabel="Upload photo"
        />
      ) : null}
    </section>
  );
}

type Photo = { id: string; fileName: string; hasPreview: boolean };

/** The queue's glimpse of a report's photos (previews through the authorised route). */
export function PhotoStrip({ photos, to, title }: { photos: readonly Photo[]; to: string; title: string }) {
  if (photos.length === 0) return null;
  const shown = photos.slice(0, 6);
  return (
    <ul className="report-photos" aria-label={`Photos of ${title}`}>
      {shown.map((photo) => (
        <li key={photo.id}>
          <a href={to} title={photo.fileName}>
            {photo.hasPreview ? (
              <img
                src={`/attachments/${photo.id}/preview`}
                alt={photo.fileName}
                loading="lazy"
                width={72}
                height={72}
              />
            ) : (
              <span className="report-photo-name">{photo.fileName}</span>
            )}
          </a>
        </li>
      ))}
      {photos.length > shown.length ? (
        <li className="muted small">
          <a href={to}>+{photos.length - shown.length} more</a>
        </li>
      ) : null}
    </ul>
  );
}
