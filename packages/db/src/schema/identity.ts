import { sql } from "drizzle-orm";
import {
  index,
  inet,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { at, createdAt, id, tenantId, tenantKey, updatedAt } from "./columns";
import { allowedValues, loginOutcome, loginRealm, securityEventKind, staffRole } from "./enums";
import { tenants } from "./tenants";

/** A person who works in Ordinavo. Global: one person may belong to several tenants. */
export const staffUsers = pgTable(
  "staff_users",
  {
    id: id(),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text(),
    disabledAt: at(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("staff_users_email_key").on(sql`lower(${t.email})`)],
);

/** A staff user's role inside one tenant. */
export const tenantMemberships = pgTable(
  "tenant_memberships",
  {
    id: id(),
    tenantId: tenantId(),
    userId: uuid()
      .notNull()
      .references(() => staffUsers.id, { onDelete: "cascade" }),
    role: staffRole().notNull(),
    disabledAt: at(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantKey("tenant_memberships", t),
    unique("tenant_memberships_user_key").on(t.tenantId, t.userId),
    index("tenant_memberships_user_idx").on(t.userId),
    allowedValues("tenant_memberships_role_check", t.role, staffRole),
  ],
);

/**
 * Staff sessions. The id is the SHA-256 of the random token in the cookie, so a copy of this
 * table yields no usable session.
 */
export const staffSessions = pgTable(
  "staff_sessions",
  {
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => staffUsers.id, { onDelete: "cascade" }),
    activeTenantId: uuid().references(() => tenants.id, { onDelete: "set null" }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    absoluteExpiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: createdAt(),
    lastSeenAt: createdAt(),
    userAgent: text(),
  },
  (t) => [index("staff_sessions_user_idx").on(t.userId)],
);

export const staffInvitations = pgTable(
  "staff_invitations",
  {
    id: id(),
    tenantId: tenantId(),
    email: text().notNull(),
    role: staffRole().notNull(),
    tokenHash: text().notNull().unique(),
    invitedById: uuid().references(() => staffUsers.id, { onDelete: "set null" }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    acceptedAt: at(),
    revokedAt: at(),
    createdAt: createdAt(),
  },
  (t) => [
    tenantKey("staff_invitations", t),
    index("staff_invitations_tenant_idx").on(t.tenantId, t.createdAt),
    allowedValues("staff_invitations_role_check", t.role, staffRole),
  ],
);

export const staffPasswordResets = pgTable("staff_password_resets", {
  id: id(),
  userId: uuid()
    .notNull()
    .references(() => staffUsers.id, { onDelete: "cascade" }),
  tokenHash: text().notNull().unique(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  usedAt: at(),
  createdAt: createdAt(),
});

/**
 * Sign-in throttling shared by every app instance: one row per key ("account:<hash>",
 * "address:<ip>") with its failures in the current window.
 */
export const signInThrottles = pgTable(
  "sign_in_throttles",
  {
    realm: loginRealm().notNull(),
    key: text().notNull(),
    failures: integer().notNull().default(0),
    windowStartedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    blockedUntil: at(),
  },
  (t) => [
    primaryKey({ columns: [t.realm, t.key] }),
    allowedValues("sign_in_throttles_realm_check", t.realm, loginRealm),
  ],
);

/**
 * Sign-in outcomes for both realms. tenant_id is known for staff members and portal users; a
 * failure for an unknown address has none and is visible to the platform only.
 */
export const loginEvents = pgTable(
  "login_events",
  {
    id: id(),
    tenantId: uuid().references(() => tenants.id, { onDelete: "cascade" }),
    realm: loginRealm().notNull(),
    outcome: loginOutcome().notNull(),
    userId: uuid(),
    emailHash: text(),
    clientAddress: inet(),
    userAgent: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index("login_events_tenant_idx").on(t.tenantId, t.createdAt),
    allowedValues("login_events_realm_check", t.realm, loginRealm),
    allowedValues("login_events_outcome_check", t.outcome, loginOutcome),
  ],
);

/** Security-relevant portal events: failed sign-ins, password changes, revocations. */
export const securityEvents = pgTable(
  "security_events",
  {
    id: id(),
    tenantId: tenantId(),
    realm: loginRealm().notNull(),
    kind: securityEventKind().notNull(),
    subjectUserId: uuid(),
    actorUserId: uuid(),
    clientAddress: inet(),
    createdAt: createdAt(),
  },
  (t) => [
    index("security_events_tenant_idx").on(t.tenantId, t.createdAt),
    allowedValues("security_events_realm_check", t.realm, loginRealm),
    allowedValues("security_events_kind_check", t.kind, securityEventKind),
  ],
);
