/**
 * Factories shared by the demo seed and by tests in other packages.
 *
 * Row factories (one file per area): global rows (tenants, staff users) are created with the
 * database handle; everything a tenant owns with a transaction from `withTenant` (or `withSystem`
 * in seeds). The input names the owning tenant and the required parents, and may override any
 * other column. Each `createX` inserts one row and returns it; each `xValues` builds the same row
 * without inserting it, for callers that insert many rows at once (see `insertMany`).
 *
 * Builders (builders.ts) are what tests use: `buildX(db, input)` makes one thing in its own
 * tenant transaction and returns its ids.
 */
export * from "./builders";
export { type FactoryInput, insertMany } from "./core";
export * from "./customers";
export * from "./execution";
export * from "./identity";
export * from "./planning";
export * from "./portal";
