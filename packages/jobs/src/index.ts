export { canonicalJson } from "./canonical-json";
export * from "./events";
export {
  createLocalExecutor,
  createLocalSigningKey,
  type ExecutorEvent,
  FinalRunError,
  type LocalExecutor,
  RetriableRunError,
} from "./executor";
export { createFollowUpForReport, type FollowUpOutcome } from "./functions/create-follow-up";
export { recordEvent } from "./outbox";
export { createOutboxRelay, type Deliver, type OutboxRelay, type RelayEvent, type RelayLog } from "./relay";
export { APP_ID, createFunctions, createJobs, type Jobs, type JobsConfig } from "./runtime";
