import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { at, createdAt, id, sameTenant, tenantId, tenantKey, updatedAt } from "./columns";
import { contactPersons, customers, locations } from "./customers";
import { allowedValues, appointmentStatus, priority, targetSource, targetStatus } from "./enums";
import { staffUsers, tenantMemberships } from "./identity";

/** An employee reference that must be a member of the same tenant. */
const member = (name: string, t: { tenantId: AnyPgColumn }, column: AnyPgColumn) =>
  foreignKey({
    name,
    columns: [t.tenantId, column],
    foreignColumns: [tenantMemberships.tenantId, tenantMemberships.userId],
  });

/** An operational task for a customer: what has to be done, by when. */
export const targets = pgTable(
  "targets",
  {
    id: id(),
    tenantId: tenantId(),
    customerId: uuid().notNull(),
    locationId: uuid(),
    contactId: uuid(),
    title: text().notNull(),
    description: text(),
    status: targetStatus().notNull().default("open"),
    priority: priority().notNull().default("normal"),
    dueDate: date(),
    source: targetSource().notNull().default("manual"),
    createdById: uuid().references(() => staffUsers.id, { onDelete: "set null" }),
    completedAt: at(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantKey("targets", t),
    sameTenant("targets_customer_fk", t, t.customerId, customers),
    sameTenant("targets_location_fk", t, t.locationId, locations),
    sameTenant("targets_contact_fk", t, t.contactId, contactPersons),
    index("targets_status_idx").on(t.tenantId, t.status, t.dueDate),
    index("targets_customer_idx").on(t.tenantId, t.customerId, t.createdAt),
    index("targets_sync_idx").on(t.tenantId, t.updatedAt, t.id),
    allowedValues("targets_status_check", t.status, targetStatus),
    allowedValues("targets_priority_check", t.priority, priority),
    allowedValues("targets_source_check", t.source, targetSource),
  ],
);

/** A planned visit for a target: when, and by whom. Times are stored in UTC. */
export const appointments = pgTable(
  "appointments",
  {
    id: id(),
    tenantId: tenantId(),
    targetId: uuid().notNull(),
    customerId: uuid().notNull(),
    locationId: uuid(),
    assignedEmployeeId: uuid(),
    plannedStart: timestamp({ withTimezone: true }).notNull(),
    plannedEnd: timestamp({ withTimezone: true }).notNull(),
    /** Fixed-time appointments keep their slot when a route is optimised. */
    fixedTime: boolean().notNull().default(false),
    status: appointmentStatus().notNull().default("scheduled"),
    recurringOccurrenceId: uuid(),
    createdById: uuid().references(() => staffUsers.id, { onDelete: "set null" }),
    startedAt: at(),
    completedAt: at(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantKey("appointments", t),
    sameTenant("appointments_target_fk", t, t.targetId, targets, "cascade"),
    sameTenant("appointments_customer_fk", t, t.customerId, customers),
    sameTenant("appointments_location_fk", t, t.locationId, locations),
    member("appointments_employee_fk", t, t.assignedEmployeeId),
    index("appointments_employee_day_idx").on(t.tenantId, t.assignedEmployeeId, t.plannedStart),
    index("appointments_window_idx").on(t.tenantId, t.plannedStart),
    index("appointments_customer_idx").on(t.tenantId, t.customerId, t.plannedStart),
    index("appointments_target_idx").on(t.tenantId, t.targetId),
    index("appointments_sync_idx").on(t.tenantId, t.updatedAt, t.id),
    check("appointments_time_order", sql`${t.plannedEnd} > ${t.plannedStart}`),
    // At most 24 hours (the domain's limit): a window query may then look back one day only.
    check("appointments_length_limit", sql`${t.plannedEnd} - ${t.plannedStart} <= interval '24 hours'`),
    allowedValues("appointments_status_check", t.status, appointmentStatus),
  ],
);

/** An employee's day: the ordered stops they drive. */
export const routes = pgTable(
  "routes",
  {
    id: id(),
    tenantId: tenantId(),
    employeeId: uuid().notNull(),
    day: date().notNull(),
    optimisedAt: at(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantKey("routes", t),
    member("routes_employee_fk", t, t.employeeId),
    uniqueIndex("routes_employee_day_key").on(t.tenantId, t.employeeId, t.day),
  ],
);

export const routeStops = pgTable(
  "route_stops",
  {
    id: id(),
    tenantId: tenantId(),
    routeId: uuid().notNull(),
    appointmentId: uuid().notNull(),
    position: integer().notNull(),
    workMinutes: integer().notNull(),
    travelMinutesFromPrevious: integer().notNull().default(0),
    travelKmFromPrevious: doublePrecision().notNull().default(0),
    visitedAt: at(),
    createdAt: createdAt(),
  },
  (t) => [
    tenantKey("route_stops", t),
    sameTenant("route_stops_route_fk", t, t.routeId, routes, "cascade"),
    sameTenant("route_stops_appointment_fk", t, t.appointmentId, appointments, "cascade"),
    uniqueIndex("route_stops_appointment_key").on(t.tenantId, t.appointmentId),
    index("route_stops_order_idx").on(t.tenantId, t.routeId, t.position),
  ],
);

/** A recurring visit at a location: an RFC 5545 rule, a duration and a default assignee. */
export const recurringPlans = pgTable(
  "recurring_plans",
  {
    id: id(),
    tenantId: tenantId(),
    customerId: uuid().notNull(),
    locationId: uuid().notNull(),
    title: text().notNull(),
    rrule: varchar({ length: 500 }).notNull(),
    startsOn: date().notNull(),
    /** Local time of day ("HH:MM") in time_zone; kept across daylight-saving changes. */
    startTime: varchar({ length: 5 }).notNull(),
    timeZone: text().notNull(),
    durationMinutes: integer().notNull(),
    defaultAssigneeId: uuid(),
    horizonDays: integer().notNull().default(56),
    active: boolean().notNull().default(true),
    /** Incremented on every edit; occurrences remember the version that generated them. */
    version: integer().notNull().default(1),
    generatedUntil: at(),
    createdById: uuid().references(() => staffUsers.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: at(),
  },
  (t) => [
    tenantKey("recurring_plans", t),
    sameTenant("recurring_plans_customer_fk", t, t.customerId, customers),
    sameTenant("recurring_plans_location_fk", t, t.locationId, locations),
    member("recurring_plans_assignee_fk", t, t.defaultAssigneeId),
    index("recurring_plans_location_idx").on(t.tenantId, t.locationId),
    check("recurring_plans_horizon_range", sql`${t.horizonDays} between 1 and 365`),
    check("recurring_plans_duration_range", sql`${t.durationMinutes} between 5 and 1440`),
  ],
);

/**
 * One occurrence of a plan: its visit on one local day. (plan, local day) is unique, so a plan has
 * at most one occurrence a day whatever its start time or zone was when it was generated, and
 * (plan, occurrence start) is unique too; generating twice, or twice at once, never yields two
 * appointments for one day.
 */
export const recurringOccurrences = pgTable(
  "recurring_occurrences",
  {
    id: id(),
    tenantId: tenantId(),
    planId: uuid().notNull(),
    occursAt: timestamp({ withTimezone: true }).notNull(),
    /** The local date in the plan's time zone when generated; kept when the plan's zone changes. */
    occursOn: date().notNull(),
    planVersion: integer().notNull(),
    targetId: uuid(),
    appointmentId: uuid(),
    /** Set when a person changed the generated appointment; plan edits leave it alone then. */
    touchedAt: at(),
    skippedAt: at(),
    createdAt: createdAt(),
  },
  (t) => [
    tenantKey("recurring_occurrences", t),
    sameTenant("recurring_occurrences_plan_fk", t, t.planId, recurringPlans, "cascade"),
    sameTenant("recurring_occurrences_target_fk", t, t.targetId, targets),
    sameTenant("recurring_occurrences_appointment_fk", t, t.appointmentId, appointments),
    uniqueIndex("recurring_occurrences_slot_key").on(t.tenantId, t.planId, t.occursAt),
    uniqueIndex("recurring_occurrences_day_key").on(t.tenantId, t.planId, t.occursOn),
  ],
);
