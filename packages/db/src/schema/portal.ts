import type { TimeWindow } from "@ordinavo/domain/vocabulary";
import { sql } from "drizzle-orm";
import {
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { at, createdAt, id, sameTenant, tenantId, tenantKey, updatedAt } from "./columns";
import { contactPersons, customers, locations } from "./customers";
import { allowedValues, portalRequestStatus, portalRequestType } from "./enums";
import { staffUsers } from "./identity";
import { targets } from "./planning";

/**
 * A customer contact who accepted a portal invitation. Portal users belong to one tenant (the
 * tenant decides who sees its data) and never appear in the staff tables.
 */
export const portalUsers = pgTable(
  "portal_users",
  {
    id: id(),
    tenantId: tenantId(),
    contactPersonId: uuid(),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text(),
    locale: text().notNull().default("en"),
    /**
     * The customer the contact is looking at, for contacts granted several. Only a hint: every
     * read checks it against the active grants, and an ungranted or missing one falls back to the first.
     */
    currentCustomerId: uuid(),
    disabledAt: at(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantKey("portal_users", t),
    sameTenant("portal_users_contact_fk", t, t.contactPersonId, contactPersons),
    uniqueIndex("portal_users_email_key").on(t.tenantId, sql`lower(${t.email})`),
    index("portal_users_email_idx").on(sql`lower(${t.email})`),
  ],
);

/** Portal sessions; the id is the SHA-256 of the cookie token, as for staff. */
export const portalSessions = pgTable(
  "portal_sessions",
  {
    id: text().primaryKey(),
    tenantId: tenantId(),
    userId: uuid().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    absoluteExpiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: createdAt(),
    lastSeenAt: createdAt(),
    userAgent: text(),
  },
  (t) => [
    sameTenant("portal_sessions_user_fk", t, t.userId, portalUsers, "cascade"),
    index("portal_sessions_user_idx").on(t.tenantId, t.userId),
  ],
);

export const portalPasswordResets = pgTable(
  "portal_password_resets",
  {
    id: id(),
    tenantId: tenantId(),
    userId: uuid().notNull(),
    tokenHash: text().notNull().unique(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: at(),
    createdAt: createdAt(),
  },
  (t) => [sameTenant("portal_password_resets_user_fk", t, t.userId, portalUsers, "cascade")],
);

/** The grants an invitation carries: whole customers or selected locations. */
export type InvitedGrant = { customerId: string; locationId: string | null };

export const portalInvitations = pgTable(
  "portal_invitations",
  {
    id: id(),
    tenantId: tenantId(),
    contactPersonId: uuid().notNull(),
    email: text().notNull(),
    /** The name the account gets (the contact's name when invited). */
    name: text().notNull().default(""),
    /** The language of the email and of the account it creates ("en" or "fr"). */
    locale: text().notNull().default("en"),
    grants: jsonb().$type<InvitedGrant[]>().notNull(),
    tokenHash: text().notNull().unique(),
    invitedById: uuid().references(() => staffUsers.id, { onDelete: "set null" }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    /** Resending replaces the token (the old link stops working) and moves the expiry. */
    lastSentAt: at(),
    sendCount: integer().notNull().default(1),
    /** The portal account the invitation created or added its grants to. */
    portalUserId: uuid(),
    acceptedAt: at(),
    /** Withdrawn by staff: the link no longer works. */
    revokedAt: at(),
    createdAt: createdAt(),
  },
  (t) => [
    tenantKey("portal_invitations", t),
    sameTenant("portal_invitations_contact_fk", t, t.contactPersonId, contactPersons, "cascade"),
    sameTenant("portal_invitations_user_fk", t, t.portalUserId, portalUsers, "cascade"),
    index("portal_invitations_tenant_idx").on(t.tenantId, t.createdAt),
  ],
);

/**
 * What a portal user may see: a whole customer (location_id null) or one location of it.
 * Revoking sets revoked_at and ends the user's sessions.
 */
export const portalAccessGrants = pgTable(
  "portal_access_grants",
  {
    id: id(),
    tenantId: tenantId(),
    portalUserId: uuid().notNull(),
    customerId: uuid().notNull(),
    locationId: uuid(),
    grantedById: uuid().references(() => staffUsers.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    revokedAt: at(),
  },
  (t) => [
    tenantKey("portal_access_grants", t),
    sameTenant("portal_access_grants_user_fk", t, t.portalUserId, portalUsers, "cascade"),
    sameTenant("portal_access_grants_customer_fk", t, t.customerId, customers, "cascade"),
    sameTenant("portal_access_grants_location_fk", t, t.locationId, locations, "cascade"),
    index("portal_access_grants_user_idx").on(t.tenantId, t.portalUserId),
  ],
);

export type PreferredDate = { date: string; window: TimeWindow };

/** A request a customer contact submitted; reviewed internally before it becomes a target. */
export const portalRequests = pgTable(
  "portal_requests",
  {
    id: id(),
    tenantId: tenantId(),
    portalUserId: uuid(),
    customerId: uuid().notNull(),
    locationId: uuid().notNull(),
    type: portalRequestType().notNull(),
    title: text().notNull(),
    description: text().notNull(),
    preferredDates: jsonb().$type<PreferredDate[]>().notNull().default([]),
    status: portalRequestStatus().notNull().default("submitted"),
    /** What the customer is told about the decision; never an internal note. */
    customerMessage: text(),
    reviewedById: uuid().references(() => staffUsers.id, { onDelete: "set null" }),
    reviewedAt: at(),
    resultingTargetId: uuid(),
    firstPreferredDate: date(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantKey("portal_requests", t),
    sameTenant("portal_requests_user_fk", t, t.portalUserId, portalUsers),
    sameTenant("portal_requests_customer_fk", t, t.customerId, customers),
    sameTenant("portal_requests_location_fk", t, t.locationId, locations),
    sameTenant("portal_requests_target_fk", t, t.resultingTargetId, targets),
    index("portal_requests_status_idx").on(t.tenantId, t.status, t.createdAt),
    index("portal_requests_customer_idx").on(t.tenantId, t.customerId, t.createdAt),
    index("portal_requests_location_idx").on(t.tenantId, t.locationId, t.createdAt),
    index("portal_requests_target_idx").on(t.tenantId, t.resultingTargetId),
    allowedValues("portal_requests_type_check", t.type, portalRequestType),
    allowedValues("portal_requests_status_check", t.status, portalRequestStatus),
  ],
);
