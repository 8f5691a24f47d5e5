export { type AuditEntry, recordAudit, recordTimeline, type TimelineEntry } from "./audit";
export {
  APP_ROLE,
  type Database,
  type DatabaseConfig,
  type DatabaseHandle,
  migrationsFolder,
  type OpenOptions,
  openDatabase,
  type Schema,
  type Transaction,
} from "./client";
export { databaseAnswers } from "./health";
export { findIsolationGaps, type IsolationGap } from "./isolation";
export {
  PG_CHECK_VIOLATION,
  PG_FOREIGN_KEY_VIOLATION,
  PG_INSUFFICIENT_PRIVILEGE,
  PG_UNIQUE_VIOLATION,
  type PgErrorInfo,
  pgError,
  rowsOf,
} from "./results";
export * as schema from "./schema";
export { enterTenant, withSystem, withTenant } from "./tenancy";
