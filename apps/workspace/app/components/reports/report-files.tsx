// The report's files. The shared attachment list and upload (components/attachments) take over
// here once they exist; until then the page names the files the viewer may see.

type ReportFile = { id: string; fileName: string; isImage: boolean };

export function ReportFiles({
  files,
}: {
  visitReportId: string;
  files: readonly ReportFile[];
  canAdd: boolean;
}) {
  if (files.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="report-files">
      <h2 id="report-files">Photos and files</h2>
      <ul className="link-list">
        {files.map((file) => (
          <li key={file.id}>{file.fileName}</li>
        ))}
      </ul>
    </section>
  );
}

type Photo = { id: string; fileName: string; hasPreview: boolean };

/** The queue's glimpse of a report's photos; the report page shows them in full. */
export function PhotoStrip({ photos, to }: { photos: readonly Photo[]; to: string }) {
  if (photos.length === 0) return null;
  return (
    <p className="report-photos muted small">
      <a href={to}>
        {photos.length} photo{photos.length === 1 ? "" : "s"}
      </a>
    </p>
  );
}
