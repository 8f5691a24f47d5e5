export * from "./api-key";
export * from "./appointment";
export * from "./contact-person";
export * from "./customer";
export * from "./external-reference";
export type { FieldIssue } from "./field-issue";
export {
  hasNoNul,
  isPhoneNumber,
  isPlanningInstant,
  NUL_MESSAGE,
  PLANNING_DAYS,
  PLANNING_INSTANTS,
  planningDay,
  planningInstant,
  searchText,
  ZPlanningDay,
} from "./fields";
export * from "./import-job";
export * from "./internal-note";
export * from "./location";
export {
  cursorValue,
  decodeCursorValues,
  encodeCursorValues,
  isTimestampText,
  STALE_CURSOR_MESSAGE,
} from "./paging";
export * from "./portal-invitation";
export * from "./portal-requests";
export * from "./recurring-plan";
export * from "./retention-policy";
export * from "./route";
export * from "./staff-invitation";
export * from "./target";
export * from "./tenant-settings";
export { isIanaTimeZone } from "./time-zone";
export * from "./visit-report";
export * from "./webhook-subscription";
