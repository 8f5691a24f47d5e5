export { canonicalJson } from "./canonical-json";
export * from "./events";
export {
  createLocalExecutor,
  createLocalSigningKey,
  type ExecutorEvent,
  FinalRunError,
  type LocalExecutor,
  RetriableRunError,
  SCHEDULED_EVENT,
} from "./executor";
export { createFollowUpForReport, type FollowUpOutcome } from "./functions/create-follow-up";
export {
  createGenerateRecurringVisitsFunction,
  GENERATE_RECURRING_VISITS_CRON,
} from "./functions/generate-recurring-visits";
export {
  HOUSEKEEPING_CRON,
  type HousekeepingTotals,
  housekeepingKinds,
  runHousekeeping,
} from "./functions/housekeeping";
export {
  createImportJobFunction,
  type ImportCursor,
  type ImportJobRunner,
  MAX_IMPORT_BATCH_STEPS,
} from "./functions/import-job";
export {
  applyRetention,
  type FileRemover,
  RETENTION_BATCH_SIZE,
  RETENTION_CRON,
  type RetentionTotals,
} from "./functions/retention";
export { recordEvent, recordEvents } from "./outbox";
export { createOutboxRelay, type Deliver, type OutboxRelay, type RelayEvent, type RelayLog } from "./relay";
export {
  APP_ID,
  createFunctions,
  createJobs,
  type DailySchedule,
  type JobScheduler,
  type Jobs,
  type JobsConfig,
  nextDailyRun,
  parseDailyCron,
  type SchedulerTiming,
} from "./runtime";
export {
  attemptWebhookDelivery,
  DISABLE_AFTER_FAILING_MS,
  fanOutWebhookEvent,
  RETRY_DELAYS_SECONDS,
  retryDelaySeconds,
  type WebhookDeliveryOptions,
} from "./webhooks/deliver";
export { TEST_EVENT_TYPE, testPayload, type WebhookEnvelope } from "./webhooks/payload";
export { newWebhookSecret, signWebhook } from "./webhooks/signing";
