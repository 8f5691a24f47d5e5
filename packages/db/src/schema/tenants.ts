import { boolean, char, pgTable, real, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";

// This file imports nothing from ./columns: the column helpers point at tenants, not the reverse.

/** An isolated workspace. Not itself tenant-owned: it is what everything else belongs to. */
export const tenants = pgTable("tenants", {
  id: uuid().primaryKey().defaultRandom(),
  slug: varchar({ length: 64 }).notNull().unique(),
  name: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  archivedAt: timestamp({ withTimezone: true }),
});

/** One row per tenant: configuration and the feature gates the policy reads. */
export const tenantSettings = pgTable("tenant_settings", {
  tenantId: uuid()
    .primaryKey()
    .references(() => tenants.id, { onDelete: "cascade" }),
  timeZone: text().notNull().default("Europe/Paris"),
  locale: char({ length: 2 }).notNull().default("en"),
  employeesSeeInternalNotes: boolean().notNull().default(false),
  webhookIncludeContacts: boolean().notNull().default(false),
  /**
   * Billing trigger details may go out in webhook payloads (to subscriptions that ask). Off by
   * default: the spec's "Optional webhook" for billing trigger details.
   */
  webhookIncludeBilling: boolean().notNull().default(false),
  portalEnabled: boolean().notNull().default(true),
  portalAttachmentDownloads: boolean().notNull().default(true),
  /**
   * The portal names the technician of an appointment by first name. Off by default: customers
   * see the date, time window, status and place, and no employee details unless the tenant says so.
   */
  portalShowsTechnician: boolean().notNull().default(false),
  /**
   * Managers approve, return and publish visit reports. Off by default: the spec gives managers
   * "View" and leaves review to tenant admins unless the tenant's role settings say otherwise.
   */
  managersReviewReports: boolean().notNull().default(false),
  /**
   * Employees' status updates carry the phone's position (documentation of arrival and
   * completion). Off by default; the employee's screen says when it is on.
   */
  capturePosition: boolean().notNull().default(false),
  routeRoadFactor: real().notNull().default(1.3),
  routeAverageSpeedKmh: real().notNull().default(40),
  updatedAt: timestamp({ withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
});
