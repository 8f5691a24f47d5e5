// Words for import jobs on the screens: statuses, kinds, row statuses.

export const importStatusText: Record<string, string> = {
  pending: "Waiting for mapping",
  validating: "Starting",
  running: "Running",
  completed: "Completed",
  completed_with_warnings: "Completed with warnings",
  failed: "Failed",
  cancelled: "Cancelled",
};

export const importKindText: Record<string, string> = {
  customer: "Customers",
  location: "Locations",
  contact: "Contact persons",
  target: "Work (targets)",
};

export const importRowStatusText: Record<string, string> = {
  pending: "Pending",
  valid: "Valid",
  imported: "Imported",
  unchanged: "Unchanged",
  skipped: "Skipped",
  failed: "Failed",
};

export const isRunning = (status: string) => status === "validating" || status === "running";

/** A progress bar of rows done out of the total, readable without colour or JavaScript. */
export function progressPercent(job: { processedRows: number; totalRows: number }) {
  if (job.totalRows <= 0) return 0;
  return Math.min(100, Math.round((job.processedRows / job.totalRows) * 100));
}
