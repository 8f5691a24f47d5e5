import { type ImportJobStatus, importJobStatuses } from "../vocabulary";
import { defineMachine, type TransitionTable } from "./machine";

// A job waits, validates its rows, then runs. Validation or the run can fail; someone can cancel the
// job until it finishes (a running job stops between rows). A run ends completed, or
// completed_with_warnings when some rows were skipped or failed. Every ending is final: to try
// again, start a new job.
export const importJobTransitions: TransitionTable<ImportJobStatus> = {
  pending: ["validating", "cancelled"],
  validating: ["running", "failed", "cancelled"],
  running: ["completed", "completed_with_warnings", "failed", "cancelled"],
  completed: [],
  completed_with_warnings: [],
  failed: [],
  cancelled: [],
};

export const importJobMachine = defineMachine("import_job", importJobStatuses, importJobTransitions);
