export {
  DEFAULT_DEMO_SEED,
  type SeedDemoOptions,
  type SeedDemoResult,
  seedDemo,
} from "./demo";
export {
  DEMO_ACCOUNTS,
  DEMO_SLUG,
  DEMO_TIME_ZONE,
  NORTHWIND_ACCOUNTS,
  NORTHWIND_SLUG,
} from "./demo/data/accounts";
export { storeDemoFiles } from "./demo/files";
export * from "./factories";
export { createRandom, type Random } from "./random";
export { type SeedScaleOptions, type SeedScaleResult, seedScale } from "./scale";
export { BUSINESS_PREFIXES, BUSINESS_SUFFIXES, JOB_TITLES } from "./scale-words";
export { ensureStaffUser, findTenantBySlug, seedTenant } from "./seeding";
