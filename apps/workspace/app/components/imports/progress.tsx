import { progressPercent } from "./labels";

/** Rows done of the total, as a native progress bar with the numbers beside it. */
export function ImportProgress({
  job,
}: {
  job: { processedRows: number; totalRows: number; failedRows: number };
}) {
  const percent = progressPercent(job);
  return (
    <div className="stack" style={{ gap: "0.25rem" }}>
      <progress max={100} value={percent} aria-label="Rows processed" style={{ width: "100%" }}>
        {percent}%
      </progress>
      <span className="muted">
        {job.processedRows} of {job.totalRows} rows · {job.failedRows} failed
      </span>
    </div>
  );
}
