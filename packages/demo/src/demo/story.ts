/**
 * What every part of the demo story shares: its clock, the rows it collects before writing them,
 * and the shapes of its people, places and visits.
 *
 * The parts run in a fixed order (see index.ts) and each draws from its own labelled random
 * stream, so the same seed and `now` give the same data.
 */
import { createHash } from "node:crypto";
import type {
  appointments,
  attachments,
  auditLog,
  billingTriggers,
  contactPersons,
  customers,
  externalReferences,
  followUps,
  internalNotes,
  locations,
  mobileUpdates,
  portalAccessGrants,
  portalInvitations,
  portalRequests,
  portalUsers,
  recurringOccurrences,
  recurringPlans,
  routeStops,
  routes,
  targets,
  timelineEntries,
  visitReports,
} from "@ordinavo/db/schema";
import { addDays, isWorkingDay, localDay, MINUTE } from "@ordinavo/domain";
import type {
  AppointmentStatus,
  Priority,
  TimelineKind,
  VisitReportStatus,
  VisitResult,
} from "@ordinavo/domain/vocabulary";
import type { GeoPoint, TravelSettings } from "@ordinavo/planning";
import { timelineEntryValues } from "../factories";
import type { Person } from "../people";
import type { Random } from "../random";
import { DEMO_TIME_ZONE } from "./data/accounts";
import type { CustomerSeed } from "./data/customers";
import type { ServiceSeed } from "./data/services";

export type Insert<T extends { $inferInsert: unknown }> = T["$inferInsert"];

/** The demo company's working day, in minutes after local midnight. */
export const DAY_START = 8 * 60;
export const DAY_END = 18 * 60;
/** The demo tenant's travel settings (also stored in its settings row). */
export const TRAVEL: TravelSettings = { roadFactor: 1.3, averageSpeedKmh: 24 };

/** Customer-safe milestones; everything else stays off the portal timeline. */
export const PORTAL_VISIBLE_KINDS: ReadonlySet<TimelineKind> = new Set<TimelineKind>([
  "appointment_planned",
  "appointment_moved",
  "appointment_completed",
  "appointment_cancelled",
  "visit_report_published",
  "follow_up_created",
  "follow_up_planned",
  "portal_request_submitted",
  "portal_request_reviewed",
  "portal_request_planned",
  "portal_request_completed",
]);

// --- The story's people, places and visits ------------------------------------------------------

export interface Employee {
  key: string;
  id: string;
  name: string;
  base: GeoPoint;
}

/** The demo company's staff as the story uses them. */
export interface Team {
  adminId: string;
  managerId: string;
  dispatcherId: string;
  employees: Employee[];
  employeeByKey: Map<string, Employee>;
}

export interface Contact {
  id: string;
  locationId: string | null;
  person: Person;
}

export interface CustomerInfo {
  id: string;
  seed: CustomerSeed;
  sites: Site[];
  contacts: Contact[];
  createdAt: Date;
  /** Portal users see this customer; its reports are published more often. */
  onPortal: boolean;
}

export interface Site {
  id: string;
  customer: CustomerInfo;
  name: string;
  point: GeoPoint;
  workMinutes: number;
  priority: Priority;
}

/** The customers as the story uses them: by their key in the data, and every site. */
export interface CustomerBook {
  byKey: Map<string, CustomerInfo>;
  sites: Site[];
}

export interface Occurrence {
  id: string;
  planId: string;
  planCreatedAt: Date;
  occursAt: Date;
  /** The local date of occursAt in the plan's time zone. */
  occursOn: string;
  planVersion: number;
  skipped: boolean;
}

export interface VisitDraft {
  employee: Employee;
  day: string;
  site: Site;
  service: ServiceSeed;
  title: string;
  /** Time on site. */
  minutes: number;
  origin: "regular" | "recurring" | "request" | "follow_up";
  occurrence?: Occurrence;
  fixedStart?: number;
  pinned?: boolean;
  /** What the target says, when not the usual text. */
  description?: string;
  /** Visits the portal story depends on keep their outcome. */
  forced?: { status: AppointmentStatus; publish?: boolean };
  targetId?: string;
}

export interface Visit extends VisitDraft {
  start: Date;
  end: Date;
  targetId: string;
  appointmentId: string;
  status: AppointmentStatus;
  startedAt: Date | null;
  completedAt: Date | null;
  statusChangedAt: Date;
  createdAt: Date;
  targetCreatedAt: Date;
  fixedTime: boolean;
  report?: Report;
}

export interface Report {
  id: string;
  visit: Visit;
  status: VisitReportStatus;
  result: VisitResult;
  problems: string | null;
  followUpDetails: string | null;
  billable: boolean;
  forced: boolean;
  publish: boolean;
  submittedAt: Date | null;
  approvedAt: Date | null;
  returnedAt: Date | null;
  publishedAt: Date | null;
}

// --- The rows collected for writing -------------------------------------------------------------

function emptyRows() {
  return {
    customers: [] as Insert<typeof customers>[],
    locations: [] as Insert<typeof locations>[],
    contacts: [] as Insert<typeof contactPersons>[],
    externalReferences: [] as Insert<typeof externalReferences>[],
    internalNotes: [] as Insert<typeof internalNotes>[],
    recurringPlans: [] as Insert<typeof recurringPlans>[],
    recurringOccurrences: [] as Insert<typeof recurringOccurrences>[],
    targets: [] as Insert<typeof targets>[],
    appointments: [] as Insert<typeof appointments>[],
    routes: [] as Insert<typeof routes>[],
    routeStops: [] as Insert<typeof routeStops>[],
    mobileUpdates: [] as Insert<typeof mobileUpdates>[],
    visitReports: [] as Insert<typeof visitReports>[],
    attachments: [] as Insert<typeof attachments>[],
    followUps: [] as Insert<typeof followUps>[],
    billingTriggers: [] as Insert<typeof billingTriggers>[],
    portalUsers: [] as Insert<typeof portalUsers>[],
    portalInvitations: [] as Insert<typeof portalInvitations>[],
    portalGrants: [] as Insert<typeof portalAccessGrants>[],
    portalRequests: [] as Insert<typeof portalRequests>[],
    timeline: [] as Insert<typeof timelineEntries>[],
    audit: [] as Insert<typeof auditLog>[],
  };
}
export type Rows = ReturnType<typeof emptyRows>;

export interface TimelineFacts {
  customerId: string;
  locationId?: string | null;
  objectType: Insert<typeof timelineEntries>["objectType"];
  objectId: string;
  occurredAt: Date;
}

/** The demo tenant being written: its clock, its random stream and the rows collected so far. */
export interface Story {
  tenantId: string;
  now: Date;
  /** The local date of `now` in the demo's time zone. */
  today: string;
  tz: string;
  passwordHash: string;
  random: Random;
  rows: Rows;
  /** `now` minus some minutes. */
  ago(minutes: number): Date;
  /** Never later than a minute before now: nothing seeded claims to have happened in the future. */
  past(instant: Date): Date;
  /** A customer-history entry; entries after `now` are left out. */
  timeline(kind: TimelineKind, entry: TimelineFacts): void;
}

export function createStory(input: {
  tenantId: string;
  now: Date;
  passwordHash: string;
  random: Random;
}): Story {
  const { tenantId, now } = input;
  const tz = DEMO_TIME_ZONE;
  const rows = emptyRows();
  const ago = (minutes: number) => minutesBefore(now, minutes);
  return {
    ...input,
    today: localDay(now, tz),
    tz,
    rows,
    ago,
    past: (instant) => earliest(instant, ago(1)),
    timeline(kind, entry) {
      if (entry.occurredAt > now) return;
      rows.timeline.push(
        timelineEntryValues({
          tenantId,
          kind,
          ...entry,
          portalVisible: PORTAL_VISIBLE_KINDS.has(kind),
          createdAt: entry.occurredAt,
        }),
      );
    },
  };
}

// --- Small helpers for times and texts ----------------------------------------------------------

export const minutesBefore = (instant: Date, minutes: number) =>
  new Date(instant.getTime() - minutes * MINUTE);
export const minutesAfter = (instant: Date, minutes: number) =>
  new Date(instant.getTime() + minutes * MINUTE);
export const earliest = (...dates: Date[]) => new Date(Math.min(...dates.map((d) => d.getTime())));
export const latest = (...dates: Date[]) => new Date(Math.max(...dates.map((d) => d.getTime())));

export function checksum(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\n")).digest("hex");
}

/** "12 March", as a customer message says it. */
export function readableDay(day: string): string {
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", timeZone: "UTC" }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

export function nextWorkingDay(day: string): string {
  let candidate = day;
  while (!isWorkingDay(candidate)) candidate = addDays(candidate, 1);
  return candidate;
}

export function previousWorkingDay(day: string): string {
  let candidate = day;
  while (!isWorkingDay(candidate)) candidate = addDays(candidate, -1);
  return candidate;
}
