/**
 * The demo: "Rhône Facility Services", a facility-services company in greater Lyon, with twelve
 * weeks of operational history and plans around `now`, plus a small second tenant ("Northwind
 * Maintenance") so tenant isolation can be seen.
 *
 * Everything is drawn from a seeded stream, so the same seed and `now` give the same data (row
 * ids and unguessable token hashes aside). The whole demo tenant is written in one transaction:
 * either all of it exists or none of it does.
 */
import { createHash, randomUUID } from "node:crypto";
import { hashPassword } from "@ordinavo/auth";
import type { Database, Transaction } from "@ordinavo/db";
import {
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
import {
  addDays,
  clock,
  DAY,
  HOUR,
  isWorkingDay,
  localDay,
  localMinuteOfDay,
  MINUTE,
  zonedInstant,
} from "@ordinavo/domain";
import type {
  AppointmentStatus,
  Priority,
  TimelineKind,
  VisitReportStatus,
  VisitResult,
} from "@ordinavo/domain/vocabulary";
import {
  estimateTravel,
  expandPlan,
  type GeoPoint,
  greatCircleKm,
  type TravelSettings,
} from "@ordinavo/planning";
import {
  ACCESS_NOTES,
  COMMENTS,
  CONTACT_ROLES,
  type CustomerSeed,
  DEMO_ACCOUNTS,
  DEMO_CUSTOMERS,
  DEMO_SLUG,
  DEMO_STAFF,
  DEMO_TIME_ZONE,
  DEPOT,
  NORTHWIND_SLUG,
  PARKING_NOTES,
  PORTAL_MESSAGES,
  RETURN_REASONS,
  SERVICES,
  type ServiceSeed,
  type SiteSeed,
  STREETS,
  type StaffSeed,
} from "./demo-data";
import {
  addMembership,
  appointmentValues,
  attachmentValues,
  billingTriggerValues,
  contactPersonValues,
  customerValues,
  externalReferenceValues,
  followUpValues,
  insertMany,
  internalNoteValues,
  locationValues,
  mobileUpdateValues,
  portalGrantValues,
  portalInvitationValues,
  portalRequestValues,
  portalUserValues,
  recurringOccurrenceValues,
  recurringPlanValues,
  routeStopValues,
  routeValues,
  targetValues,
  timelineEntryValues,
  visitReportValues,
} from "./factories";
import { seedNorthwind } from "./northwind";
import { emailFor, landline, mobile, type Person, person } from "./people";
import { createRandom, type Random } from "./random";
import { packDay, type VisitRequest } from "./schedule";
import { findTenantBySlug, seedTenant } from "./seeding";

export const DEFAULT_DEMO_SEED = 20_250_301;

export interface SeedDemoOptions {
  /** The password of every demo account (staff and portal). */
  password: string;
  /** The reference instant: history lies before it, plans after it. */
  now: Date;
  /** Another seed gives other (equally believable) data. */
  seed?: number;
}

export interface SeedDemoResult {
  /** False when the demo tenant already existed; nothing was changed then. */
  created: boolean;
  tenantId: string;
}

/**
 * Seeds the demo tenant and the second tenant. Does nothing when the demo tenant exists already.
 * The password is hashed once (argon2 is deliberately slow) and shared by all demo accounts.
 */
export async function seedDemo(db: Database, options: SeedDemoOptions): Promise<SeedDemoResult> {
  const existing = await findTenantBySlug(db, DEMO_SLUG);
  if (existing) return { created: false, tenantId: existing.id };

  const passwordHash = await hashPassword(options.password);
  const random = createRandom(options.seed ?? DEFAULT_DEMO_SEED);
  const tenantId = await seedTenant(
    db,
    {
      slug: DEMO_SLUG,
      name: "Rhône Facility Services",
      timeZone: DEMO_TIME_ZONE,
      locale: "en",
      routeRoadFactor: TRAVEL.roadFactor,
      routeAverageSpeedKmh: TRAVEL.averageSpeedKmh,
    },
    DEMO_STAFF,
    passwordHash,
    (tx, id, staffIds) =>
      seedRhone(tx, {
        tenantId: id,
        staffIds,
        now: options.now,
        passwordHash,
        random: random.fork("rhone"),
      }),
  );
  if (!(await findTenantBySlug(db, NORTHWIND_SLUG))) {
    await seedNorthwind(db, { now: options.now, passwordHash, random: random.fork("northwind") });
  }
  return { created: true, tenantId };
}

// --- The demo tenant --------------------------------------------------------------------------------

type Insert<T extends { $inferInsert: unknown }> = T["$inferInsert"];

interface Context {
  tenantId: string;
  /** Ids of DEMO_STAFF, in order. */
  staffIds: string[];
  now: Date;
  passwordHash: string;
  random: Random;
}

interface Employee {
  key: string;
  id: string;
  name: string;
  base: GeoPoint;
}

interface Contact {
  id: string;
  locationId: string | null;
  person: Person;
}

interface CustomerInfo {
  id: string;
  seed: CustomerSeed;
  sites: Site[];
  contacts: Contact[];
  createdAt: Date;
  /** Portal users see this customer; its reports are published more often. */
  onPortal: boolean;
}

interface Site {
  id: string;
  customer: CustomerInfo;
  name: string;
  point: GeoPoint;
  workMinutes: number;
  priority: Priority;
}

interface Occurrence {
  id: string;
  planId: string;
  planCreatedAt: Date;
  occursAt: Date;
  /** The local date of occursAt in the plan's time zone. */
  occursOn: string;
  planVersion: number;
  skipped: boolean;
}

interface VisitDraft {
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

interface Visit extends VisitDraft {
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

interface Report {
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

const DAY_START = 8 * 60;
const DAY_END = 18 * 60;
const TRAVEL: TravelSettings = { roadFactor: 1.3, averageSpeedKmh: 24 };

const minutesBefore = (instant: Date, minutes: number) => new Date(instant.getTime() - minutes * MINUTE);
const minutesAfter = (instant: Date, minutes: number) => new Date(instant.getTime() + minutes * MINUTE);
const earliest = (...dates: Date[]) => new Date(Math.min(...dates.map((d) => d.getTime())));
const latest = (...dates: Date[]) => new Date(Math.max(...dates.map((d) => d.getTime())));

function checksum(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\n")).digest("hex");
}

function readableDay(day: string): string {
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", timeZone: "UTC" }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

function nextWorkingDay(day: string): string {
  let candidate = day;
  while (!isWorkingDay(candidate)) candidate = addDays(candidate, 1);
  return candidate;
}

function previousWorkingDay(day: string): string {
  let candidate = day;
  while (!isWorkingDay(candidate)) candidate = addDays(candidate, -1);
  return candidate;
}

async function seedRhone(tx: Transaction, ctx: Context): Promise<void> {
  const { now, random } = ctx;
  const tz = DEMO_TIME_ZONE;
  const today = localDay(now, tz);
  const ago = (minutes: number) => minutesBefore(now, minutes);
  /** Never later than a minute before now: nothing seeded claims to have happened in the future. */
  const past = (instant: Date) => earliest(instant, ago(1));

  const { tenantId } = ctx;

  // Memberships; the staff users themselves are global rows made before this transaction scope.
  const staffIds: Record<string, string> = {};
  const employees: Employee[] = [];
  for (const [index, member] of DEMO_STAFF.entries()) {
    const userId = ctx.staffIds[index]!;
    await addMembership(tx, { tenantId, userId, role: member.role });
    staffIds[member.key] = userId;
    if (member.role === "employee") employees.push(employeeOf(member, userId));
  }
  const adminId = staffIds.admin!;
  const managerId = staffIds.manager!;
  const dispatcherId = staffIds.dispatcher!;
  const employeeByKey = new Map(employees.map((e) => [e.key, e]));

  const rows = {
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
  const timeline = (
    kind: TimelineKind,
    entry: {
      customerId: string;
      locationId?: string | null;
      objectType: Insert<typeof timelineEntries>["objectType"];
      objectId: string;
      occurredAt: Date;
    },
  ) => {
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
  };

  // --- Customers, locations, contacts -----------------------------------------------------------
  const people = random.fork("people");
  const places = random.fork("places");
  const customerByKey = new Map<string, CustomerInfo>();
  const allSites: Site[] = [];
  let functionalLocation = 1000;

  for (const seed of DEMO_CUSTOMERS) {
    const createdAt = ago(places.int(120, 900) * 24 * 60);
    const info: CustomerInfo = {
      id: randomUUID(),
      seed,
      sites: [],
      contacts: [],
      createdAt,
      onPortal: seed.key === "gerance" || seed.key === "vernay",
    };
    customerByKey.set(seed.key, info);
    const isPerson = seed.type === "private_person";
    rows.customers.push(
      customerValues({
        id: info.id,
        tenantId,
        number: seed.number,
        name: seed.name,
        status: seed.status,
        type: seed.type,
        industry: seed.industry,
        email: isPerson ? `antoine.giraud@${seed.domain}` : `contact@${seed.domain}`,
        phone: isPerson ? mobile(people) : landline(people),
        website: isPerson ? null : `https://www.${seed.domain}`,
        notes: seed.notes ?? null,
        createdById: adminId,
        createdAt,
        updatedAt: createdAt,
      }),
    );
    for (const ref of seed.externalRefs ?? []) {
      rows.externalReferences.push(
        externalReferenceValues({ tenantId, objectType: "customer", objectId: info.id, ...ref, createdAt }),
      );
    }

    // The main contact first; the portal story needs two particular people.
    const roles = CONTACT_ROLES[seed.category];
    const used = new Set<string>();
    const addContact = (p: Person, role: string, locationId: string | null, department: string | null) => {
      used.add(p.name);
      const contact: Contact = { id: randomUUID(), locationId, person: p };
      info.contacts.push(contact);
      const hasMobile = people.chance(0.6);
      rows.contacts.push(
        contactPersonValues({
          id: contact.id,
          tenantId,
          customerId: info.id,
          locationId,
          name: p.name,
          role,
          department: department || null,
          email: emailFor(p, seed.domain),
          phone: landline(people),
          mobile: hasMobile ? mobile(people) : null,
          preferredContactMethod: hasMobile
            ? people.weighted([
                ["email", 5],
                ["mobile", 4],
                ["phone", 1],
              ])
            : people.weighted([
                ["email", 7],
                ["phone", 3],
              ]),
          createdAt,
          updatedAt: createdAt,
        }),
      );
      return contact;
    };
    const freshPerson = () => {
      for (;;) {
        const p = person(people);
        if (!used.has(p.name)) return p;
      }
    };
    const mainPerson =
      seed.key === "gerance"
        ? person(people, "Claire", "Dubois", true)
        : seed.key === "vernay"
          ? person(people, "Marc", "Perrin", false)
          : isPerson
            ? person(people, "Antoine", "Giraud", false)
            : freshPerson();
    addContact(mainPerson, roles.main, null, roles.department);
    if (!isPerson && people.chance(0.3)) addContact(freshPerson(), "Accounts payable", null, "Finance");

    seed.sites.forEach((siteSeed, index) => {
      const site = makeSite(places, info, siteSeed);
      info.sites.push(site);
      allSites.push(site);
      // Site contacts for multi-site customers and for the private villa's key holder.
      const siteContact =
        (seed.sites.length > 1 && index < 4 && people.chance(0.75)) || isPerson
          ? addContact(freshPerson(), roles.site, site.id, seed.sites.length > 1 ? roles.department : null)
          : undefined;
      const noteTemplates = ACCESS_NOTES[seed.category];
      const formal = (siteContact?.person ?? info.contacts[0]!.person).formal;
      const accessNotes = places.chance(0.88) ? places.pick(noteTemplates).replace("{person}", formal) : null;
      const parkingNotes = places.chance(0.8) ? places.pick(PARKING_NOTES) : null;
      const street = STREETS[siteSeed.street];
      const line2 = siteSeed.line2 ?? null;
      rows.locations.push(
        locationValues({
          id: site.id,
          tenantId,
          customerId: info.id,
          name: site.name,
          addressLine1: `${places.int(1, 160)}${places.chance(0.08) ? " bis" : ""} ${street.street}`,
          addressLine2: line2,
          postalCode: street.postalCode,
          city: street.city,
          country: "FR",
          latitude: site.point.latitude,
          longitude: site.point.longitude,
          accessNotes,
          parkingNotes,
          defaultWorkMinutes: site.workMinutes,
          defaultPriority: site.priority,
          createdAt,
          updatedAt: createdAt,
        }),
      );
      if (seed.externalRefs?.some((r) => r.sourceSystem === "sap") && places.chance(0.6)) {
        rows.externalReferences.push(
          externalReferenceValues({
            tenantId,
            objectType: "location",
            objectId: site.id,
            sourceSystem: "sap",
            externalId: `FL-LYO-${functionalLocation++}`,
            createdAt,
          }),
        );
      }
    });

    if (seed.internalNote) {
      const noteAt = ago(places.int(3, 40) * 24 * 60 + places.int(0, 600));
      rows.internalNotes.push(
        internalNoteValues({
          tenantId,
          customerId: info.id,
          body: seed.internalNote,
          authorId: managerId,
          createdAt: noteAt,
          updatedAt: noteAt,
        }),
      );
    }
  }
  const gerance = customerByKey.get("gerance")!;
  const vernay = customerByKey.get("vernay")!;
  {
    const noteAt = ago(12 * 24 * 60);
    rows.internalNotes.push(
      internalNoteValues({
        tenantId,
        customerId: gerance.id,
        objectType: "location",
        objectId: gerance.sites[3]!.id,
        body: "The caretaker complained twice about noise from our team. Send Lucas where possible — they get on well.",
        authorId: managerId,
        createdAt: noteAt,
        updatedAt: noteAt,
      }),
    );
  }

  // --- Recurring plans and their occurrences ----------------------------------------------------
  // History from eight weeks back; ahead, exactly the window the daily job generates at `now`
  // ([now, now + horizon)), so running the job after seeding finds nothing to add or remove.
  const windowStart = zonedInstant(addDays(today, -56), 0, tz);
  const horizonDays = 28;
  const generatedUntil = new Date(now.getTime() + horizonDays * DAY);
  const plans = random.fork("plans");
  const occurrenceVisits: VisitDraft[] = [];
  for (const plan of PLAN_SEEDS) {
    const customer = customerByKey.get(plan.customer)!;
    const site = customer.sites[plan.site]!;
    const employee = employeeByKey.get(plan.assignee)!;
    const service = SERVICES.find((s) => s.title === plan.service)!;
    const startsOn = addDays(today, -plans.int(70, 180));
    const createdAt = minutesBefore(zonedInstant(startsOn, 0, tz), plans.int(2, 10) * 24 * 60);
    const planId = randomUUID();
    const version = plan.edited ? 2 : 1;
    rows.recurringPlans.push(
      recurringPlanValues({
        id: planId,
        tenantId,
        customerId: customer.id,
        locationId: site.id,
        title: plan.title,
        rrule: plan.rrule,
        startsOn,
        startTime: plan.startTime,
        timeZone: tz,
        durationMinutes: plan.minutes,
        defaultAssigneeId: employee.id,
        horizonDays,
        active: plan.active,
        version,
        generatedUntil: plan.active ? generatedUntil : null,
        createdById: managerId,
        createdAt,
        updatedAt: plan.edited ? ago(20 * 24 * 60) : createdAt,
      }),
    );
    if (!plan.active) continue;
    const shape = {
      rrule: plan.rrule,
      startsOn,
      startTime: plan.startTime,
      timeZone: tz,
      durationMinutes: plan.minutes,
    };
    const starts = expandPlan(shape, { from: windowStart, to: generatedUntil })
      .map((o) => o.start)
      .filter((start) => isWorkingDay(localDay(start, tz)));
    // The weekly audit is skipped once (residents' meeting); everything else is generated.
    const skipIndex = plan.skipOne ? starts.findIndex((s) => localDay(s, tz) > addDays(today, 7)) : -1;
    starts.forEach((occursAt, index) => {
      const day = localDay(occursAt, tz);
      const occurrence: Occurrence = {
        id: randomUUID(),
        planId,
        planCreatedAt: createdAt,
        occursAt,
        occursOn: day,
        planVersion: version,
        skipped: index === skipIndex,
      };
      if (occurrence.skipped) {
        rows.recurringOccurrences.push(
          recurringOccurrenceValues({
            id: occurrence.id,
            tenantId,
            planId,
            occursAt: occurrence.occursAt,
            occursOn: occurrence.occursOn,
            planVersion: version,
            skippedAt: ago(2 * 24 * 60),
            createdAt: past(minutesBefore(occurrence.occursAt, 28 * 24 * 60)),
          }),
        );
        return;
      }
      occurrenceVisits.push({
        employee,
        day,
        site,
        service,
        title: plan.title,
        minutes: plan.minutes,
        origin: "recurring",
        occurrence,
        fixedStart: localMinuteOfDay(occursAt, tz),
      });
    });
  }

  // --- Visits that the portal story needs --------------------------------------------------------
  const lucas = employeeByKey.get("lucas")!;
  const lea = employeeByKey.get("lea")!;
  const service = (title: string) => SERVICES.find((s) => s.title === title)!;
  const requestVisits = {
    completed: {
      employee: lucas,
      day: previousWorkingDay(addDays(today, -12)),
      site: gerance.sites[1]!,
      service: service("Waste room disinfection"),
      title: "Unblock the drain in the bin room",
      minutes: 60,
      origin: "request",
      pinned: true,
      forced: { status: "completed", publish: true },
    },
    planned: {
      employee: lucas,
      day: nextWorkingDay(addDays(today, 6)),
      site: gerance.sites[2]!,
      service: service("Quarterly HVAC maintenance"),
      title: "Annual boiler service",
      minutes: 90,
      origin: "request",
      pinned: true,
      forced: { status: "scheduled" },
    },
    sitesPlanned: {
      employee: lea,
      day: nextWorkingDay(addDays(today, 3)),
      site: vernay.sites[0]!,
      service: service("Floor stripping and waxing"),
      title: "Deep clean of the shop floor before reopening",
      minutes: 180,
      origin: "request",
      pinned: true,
      forced: { status: "confirmed" },
    },
  } satisfies Record<string, VisitDraft>;

  // --- Regular work, packed into days ------------------------------------------------------------
  const work = random.fork("work");
  const candidatesByEmployee = new Map(
    employees.map((e) => [
      e.key,
      allSites
        .filter((s) => s.customer.seed.status !== "prospect")
        .map((s) => ({ site: s, km: greatCircleKm(s.point, e.base) }))
        .sort((a, b) => a.km - b.km)
        .map((c) => c.site),
    ]),
  );
  const visits: Visit[] = [];
  const dayPlans = new Map<string, Visit[]>();
  const planKey = (employee: Employee, day: string) => `${employee.key}|${day}`;

  for (let offset = -56; offset <= 28; offset++) {
    const day = addDays(today, offset);
    if (!isWorkingDay(day)) continue;
    for (const employee of employees) {
      const fixedAndPinned: VisitDraft[] = [
        ...occurrenceVisits.filter((v) => v.employee === employee && v.day === day),
        ...Object.values(requestVisits).filter((v) => v.employee === employee && v.day === day),
      ];
      const wanted =
        offset < -14
          ? work.weighted([
              [1, 3],
              [2, 4],
              [3, 2],
            ])
          : offset <= 5
            ? work.int(3, 4)
            : work.weighted([
                [0, 3],
                [1, 4],
                [2, 3],
              ]);
      const eligible = candidatesByEmployee
        .get(employee.key)!
        .filter((s) => s.customer.seed.status === "active" || offset < -35)
        .slice(0, 14);
      const chosen = new Set(fixedAndPinned.map((v) => v.site));
      const drafts: VisitDraft[] = [...fixedAndPinned];
      const total = Math.max(wanted, fixedAndPinned.length);
      for (let attempt = 0; drafts.length < total && attempt < 20; attempt++) {
        const site = eligible[Math.floor(work.next() ** 1.7 * eligible.length)]!;
        if (chosen.has(site)) continue;
        chosen.add(site);
        const options = SERVICES.filter((s) => s.categories.includes(site.customer.seed.category));
        const picked = work.pick(options);
        drafts.push({
          employee,
          day,
          site,
          service: picked,
          title: picked.title,
          minutes: picked.minutes,
          origin: "regular",
        });
      }
      const requests: VisitRequest<VisitDraft>[] = drafts.map((draft) => ({
        item: draft,
        at: draft.site.point,
        workMinutes: draft.minutes,
        fixedStart: draft.fixedStart,
        pinned: draft.pinned,
      }));
      for (const packed of packDay(DEPOT, requests, {
        dayStart: DAY_START,
        dayEnd: DAY_END,
        travel: TRAVEL,
      })) {
        const visit = finishVisit(packed.item, day, packed.start, packed.end);
        const key = planKey(employee, day);
        dayPlans.set(key, [...(dayPlans.get(key) ?? []), visit]);
      }
    }
  }

  /** Times, status and creation history of a planned visit. */
  function finishVisit(draft: VisitDraft, day: string, startMinute: number, endMinute: number): Visit {
    const start = zonedInstant(day, startMinute, tz);
    const end = zonedInstant(day, endMinute, tz);
    const recurring = draft.origin === "recurring";
    let status: AppointmentStatus;
    if (draft.forced) status = draft.forced.status;
    else if (end <= now) {
      status =
        day === today
          ? "completed"
          : work.weighted(
              recurring
                ? [
                    ["completed", 95],
                    ["cancelled", 5],
                  ]
                : [
                    ["completed", 87],
                    ["cancelled", 8],
                    ["no_show", 5],
                  ],
            );
    } else if (start <= now) status = "on_site";
    else if (start.getTime() - now.getTime() < 48 * HOUR) {
      status = work.weighted([
        ["confirmed", 7],
        ["scheduled", 3],
      ]);
    } else status = "scheduled";

    const targetCreatedAt = past(
      recurring
        ? latest(minutesBefore(start, 28 * 24 * 60), draft.occurrence!.planCreatedAt)
        : minutesBefore(start, work.int(3, 21) * 24 * 60 + work.int(0, 600)),
    );
    const createdAt = past(
      earliest(minutesAfter(targetCreatedAt, work.int(10, 300)), minutesBefore(start, 30)),
    );
    let startedAt: Date | null = null;
    let completedAt: Date | null = null;
    let statusChangedAt = createdAt;
    if (status === "completed") {
      startedAt = past(minutesAfter(start, work.int(-5, 15)));
      completedAt = past(latest(minutesAfter(end, work.int(-10, 20)), minutesAfter(startedAt, 15)));
      statusChangedAt = completedAt;
    } else if (status === "on_site") {
      startedAt = past(minutesAfter(start, work.int(0, 10)));
      statusChangedAt = startedAt;
    } else if (status === "cancelled") {
      statusChangedAt = past(latest(minutesBefore(start, work.int(2, 72) * 60), minutesAfter(createdAt, 60)));
    } else if (status === "no_show") {
      statusChangedAt = past(minutesAfter(start, 25));
    }
    const visit: Visit = {
      ...draft,
      day,
      start,
      end,
      targetId: draft.targetId ?? randomUUID(),
      appointmentId: randomUUID(),
      status,
      startedAt,
      completedAt,
      statusChangedAt,
      createdAt,
      targetCreatedAt,
      fixedTime: recurring || work.chance(0.08),
    };
    visits.push(visit);
    return visit;
  }

  // Today: an employee between two visits is on the road to the next one.
  for (const employee of employees) {
    const todays = dayPlans.get(planKey(employee, today)) ?? [];
    if (todays.some((v) => v.status === "on_site")) continue;
    const next = todays.find((v) => v.start > now && !v.forced);
    if (next && next.start.getTime() - now.getTime() <= 60 * MINUTE) {
      next.status = "en_route";
      next.statusChangedAt = ago(10);
    }
  }

  // --- Visit reports ----------------------------------------------------------------------------
  const reportsRandom = random.fork("reports");
  const reports: Report[] = [];
  for (const visit of [...visits].sort((a, b) => a.start.getTime() - b.start.getTime())) {
    if (visit.status === "completed") {
      const result: VisitResult = reportsRandom.weighted([
        ["completed", 86],
        ["partially_completed", 10],
        ["not_completed", 4],
      ]);
      const problems =
        result !== "completed" || reportsRandom.chance(0.06)
          ? (visit.service.problem ??
            "Work could not be finished in the planned time; remaining items listed on the checklist.")
          : null;
      const followUp =
        visit.service.followUp && problems && (result !== "completed" || reportsRandom.chance(0.5))
          ? visit.service.followUp
          : null;
      reports.push(
        newReport(visit, result, problems, followUp, reportsRandom.chance(visit.service.billable)),
      );
    } else if (visit.status === "no_show" && reportsRandom.chance(0.6)) {
      reports.push(
        newReport(
          visit,
          "no_access",
          "Nobody on site and the key box was empty; waited 20 minutes and called the site contact twice.",
          "Rebook the visit and confirm access with the site contact the day before.",
          reportsRandom.chance(0.5),
        ),
      );
    }
  }

  function newReport(
    visit: Visit,
    result: VisitResult,
    problems: string | null,
    followUpDetails: string | null,
    billable: boolean,
  ): Report {
    const doneAt = visit.completedAt ?? visit.statusChangedAt;
    const ageHours = (now.getTime() - doneAt.getTime()) / HOUR;
    const forced = visit.forced?.publish === true;
    const status: VisitReportStatus = forced
      ? "approved"
      : ageHours < 24
        ? reportsRandom.weighted([
            ["draft", 45],
            ["submitted", 40],
            ["returned", 5],
            ["approved", 10],
          ])
        : ageHours < 96
          ? reportsRandom.weighted([
              ["draft", 10],
              ["submitted", 45],
              ["returned", 10],
              ["approved", 35],
            ])
          : reportsRandom.weighted([
              ["submitted", 2],
              ["returned", 3],
              ["approved", 95],
            ]);
    const report: Report = {
      id: randomUUID(),
      visit,
      status,
      result,
      problems,
      followUpDetails,
      billable,
      forced,
      publish: forced,
      submittedAt: null,
      approvedAt: null,
      returnedAt: null,
      publishedAt: null,
    };
    visit.report = report;
    return report;
  }

  // Every status must be present, whatever `now` is: take the most recent unforced reports.
  const byRecency = [...reports].sort((a, b) => b.visit.start.getTime() - a.visit.start.getTime());
  for (const wanted of ["draft", "submitted", "returned", "approved"] as const) {
    if (reports.some((r) => r.status === wanted)) continue;
    const counts = new Map<VisitReportStatus, number>();
    for (const r of reports) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
    const donor = byRecency.find((r) => !r.forced && (counts.get(r.status) ?? 0) > 1);
    if (donor) donor.status = wanted;
  }

  const approvers = [managerId, managerId, managerId, adminId];
  for (const report of reports) {
    const doneAt = report.visit.completedAt ?? report.visit.statusChangedAt;
    if (report.status !== "draft") {
      report.submittedAt = past(minutesAfter(doneAt, reportsRandom.int(10, 120)));
    }
    if (report.status === "approved") {
      report.approvedAt = past(minutesAfter(report.submittedAt!, reportsRandom.int(60, 36 * 60)));
      report.publish ||= reportsRandom.chance(report.visit.site.customer.onPortal ? 0.75 : 0.25);
      if (report.publish) {
        report.publishedAt = past(minutesAfter(report.approvedAt, reportsRandom.int(30, 600)));
      }
    }
    if (report.status === "returned") {
      report.returnedAt = past(minutesAfter(report.submittedAt!, reportsRandom.int(60, 24 * 60)));
    }
  }

  // --- Follow-ups: their targets, and planned visits for some ----------------------------------
  const followRandom = random.fork("follow-ups");
  const converted = new Set<Visit>();
  let cancelledOneFollowUp = false;
  for (const report of reports) {
    if (report.status !== "approved" || !report.followUpDetails) continue;
    const visit = report.visit;
    const createdAt = past(minutesAfter(report.approvedAt!, 5));
    const followUpId = randomUUID();
    const ageDays = (now.getTime() - report.approvedAt!.getTime()) / (24 * HOUR);
    const title = `Follow-up: ${visit.title}`;
    let status: "open" | "planned" | "done" | "cancelled" = "open";
    let targetId: string | null = null;
    // The next ordinary visit to the same site within three weeks takes the follow-up work on.
    const later = visits.find(
      (v) =>
        v.site === visit.site &&
        v.origin === "regular" &&
        !v.forced &&
        !converted.has(v) &&
        ["completed", "scheduled", "confirmed"].includes(v.status) &&
        v.start.getTime() >= createdAt.getTime() + 24 * HOUR &&
        v.start.getTime() <= createdAt.getTime() + 21 * 24 * HOUR,
    );
    if (!cancelledOneFollowUp && ageDays > 10) {
      cancelledOneFollowUp = true;
      status = "cancelled";
    } else if (later && followRandom.chance(0.85)) {
      converted.add(later);
      later.origin = "follow_up";
      later.title = title;
      later.service = visit.service;
      later.description = report.followUpDetails;
      later.targetCreatedAt = past(minutesAfter(createdAt, 30));
      later.createdAt = past(latest(later.createdAt, minutesAfter(later.targetCreatedAt, 20)));
      if (later.report) {
        later.report.result = "completed";
        later.report.problems = null;
        later.report.followUpDetails = null;
      }
      targetId = later.targetId;
      status = later.status === "completed" ? "done" : "planned";
    } else if (ageDays > 3 && followRandom.chance(0.4)) {
      // Planned: a visit added at the end of one of the employee's coming days.
      const planned = appendVisit(
        {
          employee: visit.employee,
          day: today,
          site: visit.site,
          service: visit.service,
          title,
          description: report.followUpDetails,
          minutes: Math.min(visit.minutes, 90),
          origin: "follow_up",
        },
        nextWorkingDay(addDays(today, followRandom.int(1, 8))),
      );
      if (planned) {
        status = "planned";
        targetId = planned.targetId;
      }
    }
    if (status === "open" && followRandom.chance(0.5)) {
      targetId = randomUUID();
      rows.targets.push(
        targetValues({
          id: targetId,
          tenantId,
          customerId: visit.site.customer.id,
          locationId: visit.site.id,
          title,
          description: report.followUpDetails,
          status: "open",
          priority: "high",
          dueDate: addDays(localDay(createdAt, tz), 14),
          source: "follow_up",
          createdById: managerId,
          createdAt,
          updatedAt: createdAt,
        }),
      );
      timeline("target_created", {
        customerId: visit.site.customer.id,
        locationId: visit.site.id,
        objectType: "target",
        objectId: targetId,
        occurredAt: createdAt,
      });
    }
    rows.followUps.push(
      followUpValues({
        id: followUpId,
        tenantId,
        visitReportId: report.id,
        customerId: visit.site.customer.id,
        locationId: visit.site.id,
        details: report.followUpDetails,
        status,
        targetId,
        createdAt,
        updatedAt: status === "cancelled" ? past(minutesAfter(createdAt, 2 * 24 * 60)) : createdAt,
      }),
    );
    timeline("follow_up_created", {
      customerId: visit.site.customer.id,
      locationId: visit.site.id,
      objectType: "follow_up",
      objectId: followUpId,
      occurredAt: createdAt,
    });
  }

  /** Adds a visit after the last one of an employee's day, on the first day (from `from`) it fits. */
  function appendVisit(draft: VisitDraft, from: string): Visit | undefined {
    for (let day = from, tries = 0; tries < 10; day = nextWorkingDay(addDays(day, 1)), tries++) {
      const key = planKey(draft.employee, day);
      const planned = dayPlans.get(key) ?? [];
      const last = planned.at(-1);
      const leg = estimateTravel(last?.site.point ?? DEPOT, draft.site.point, TRAVEL)!;
      const lastEnd = last
        ? Math.round((last.end.getTime() - zonedInstant(day, 0, tz).getTime()) / MINUTE)
        : DAY_START;
      const start = Math.ceil((lastEnd + leg.minutes) / 5) * 5;
      const end = start + draft.minutes;
      if (end > DAY_END) continue;
      const visit = finishVisit({ ...draft, day }, day, start, end);
      dayPlans.set(key, [...planned, visit]);
      return visit;
    }
    return undefined;
  }

  // --- Targets and appointments for every visit -------------------------------------------------
  const descriptions = [
    "Contract visit as per the annual maintenance plan.",
    "Requested by the site contact by phone.",
    "Follow the site checklist and photograph anything damaged.",
    null,
  ];
  const importedRandom = random.fork("imports");
  let importNumber = 4_500_012_000;
  for (const visit of visits) {
    const customer = visit.site.customer;
    const imported =
      visit.origin === "regular" &&
      customer.seed.externalRefs?.some((r) => r.sourceSystem === "sap") === true &&
      importedRandom.chance(0.2);
    const targetStatus =
      visit.status === "completed"
        ? "done"
        : visit.status === "cancelled"
          ? importedRandom.chance(0.5)
            ? "cancelled"
            : "open"
          : visit.status === "no_show"
            ? "open"
            : visit.status === "on_site"
              ? "in_progress"
              : "planned";
    const contact =
      customer.contacts.find((c) => c.locationId === visit.site.id) ??
      (importedRandom.chance(0.6) ? customer.contacts[0] : undefined);
    const source =
      visit.origin === "recurring"
        ? "recurring"
        : visit.origin === "request"
          ? "portal_request"
          : visit.origin === "follow_up"
            ? "follow_up"
            : imported
              ? "import"
              : "manual";
    rows.targets.push(
      targetValues({
        id: visit.targetId,
        tenantId,
        customerId: customer.id,
        locationId: visit.site.id,
        contactId: contact?.id ?? null,
        title: visit.title,
        description:
          visit.description ?? (visit.origin === "regular" ? importedRandom.pick(descriptions) : null),
        status: targetStatus,
        priority: visit.origin === "follow_up" ? "high" : pickPriority(importedRandom, visit.site.priority),
        dueDate: addDays(visit.day, visit.origin === "regular" ? importedRandom.int(0, 5) : 0),
        source,
        createdById: source === "recurring" || source === "import" ? null : dispatcherId,
        completedAt: targetStatus === "done" ? visit.completedAt : null,
        createdAt: visit.targetCreatedAt,
        updatedAt: latest(visit.targetCreatedAt, visit.statusChangedAt),
      }),
    );
    if (imported) {
      rows.externalReferences.push(
        externalReferenceValues({
          tenantId,
          objectType: "target",
          objectId: visit.targetId,
          sourceSystem: "sap",
          externalId: `SO-${importNumber++}`,
          createdAt: visit.targetCreatedAt,
        }),
      );
    }
    rows.appointments.push(
      appointmentValues({
        id: visit.appointmentId,
        tenantId,
        targetId: visit.targetId,
        customerId: customer.id,
        locationId: visit.site.id,
        assignedEmployeeId: visit.employee.id,
        plannedStart: visit.start,
        plannedEnd: visit.end,
        fixedTime: visit.fixedTime,
        status: visit.status,
        recurringOccurrenceId: visit.occurrence?.id ?? null,
        createdById: visit.origin === "recurring" ? null : dispatcherId,
        startedAt: visit.startedAt,
        completedAt: visit.completedAt,
        createdAt: visit.createdAt,
        updatedAt: latest(visit.createdAt, visit.statusChangedAt),
      }),
    );
    if (visit.occurrence) {
      const o = visit.occurrence;
      rows.recurringOccurrences.push(
        recurringOccurrenceValues({
          id: o.id,
          tenantId,
          planId: o.planId,
          occursAt: o.occursAt,
          occursOn: o.occursOn,
          planVersion: o.planVersion,
          targetId: visit.targetId,
          appointmentId: visit.appointmentId,
          createdAt: visit.targetCreatedAt,
        }),
      );
    }

    const where = { customerId: customer.id, locationId: visit.site.id };
    if (visit.origin === "recurring") {
      timeline("recurring_visit_generated", {
        ...where,
        objectType: "appointment",
        objectId: visit.appointmentId,
        occurredAt: visit.targetCreatedAt,
      });
    } else {
      timeline(imported ? "imported_job" : "target_created", {
        ...where,
        objectType: "target",
        objectId: visit.targetId,
        occurredAt: visit.targetCreatedAt,
      });
    }
    timeline("appointment_planned", {
      ...where,
      objectType: "appointment",
      objectId: visit.appointmentId,
      occurredAt: visit.createdAt,
    });
    if (visit.status === "completed") {
      timeline("appointment_completed", {
        ...where,
        objectType: "appointment",
        objectId: visit.appointmentId,
        occurredAt: visit.completedAt!,
      });
      timeline("target_completed", {
        ...where,
        objectType: "target",
        objectId: visit.targetId,
        occurredAt: visit.completedAt!,
      });
    } else if (visit.status === "cancelled") {
      timeline("appointment_cancelled", {
        ...where,
        objectType: "appointment",
        objectId: visit.appointmentId,
        occurredAt: visit.statusChangedAt,
      });
    }
  }
  // A dispatcher confirmed one coming recurring visit by hand; plan edits now leave it alone.
  const touched = rows.recurringOccurrences.find(
    (o) => o.appointmentId && o.occursAt > minutesAfter(now, 3 * 24 * 60),
  );
  const touchedAppointment = rows.appointments.find((a) => a.id === touched?.appointmentId);
  if (touched && touchedAppointment) {
    touched.touchedAt = past(latest(ago(3 * 24 * 60), minutesAfter(touchedAppointment.createdAt!, 60)));
    touchedAppointment.status = "confirmed";
    touchedAppointment.updatedAt = touched.touchedAt;
  }

  // --- Routes for the last two weeks and the next few days -------------------------------------
  const routeRandom = random.fork("routes");
  for (const [key, planned] of [...dayPlans.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const day = key.slice(key.indexOf("|") + 1);
    if (day < addDays(today, -14) || day > addDays(today, 5)) continue;
    const stops = planned
      .filter((v) => v.status !== "cancelled")
      .sort((a, b) => a.start.getTime() - b.start.getTime());
    if (stops.length === 0) continue;
    const employee = stops[0]!.employee;
    const routeId = randomUUID();
    const eveningBefore = zonedInstant(addDays(day, -1), 17 * 60 + routeRandom.int(0, 50), tz);
    const optimisedAt =
      eveningBefore <= now ? eveningBefore : day <= addDays(today, 2) ? ago(routeRandom.int(60, 300)) : null;
    const routeCreatedAt = past(zonedInstant(addDays(day, -3), 15 * 60, tz));
    rows.routes.push(
      routeValues({
        id: routeId,
        tenantId,
        employeeId: employee.id,
        day,
        optimisedAt,
        createdAt: routeCreatedAt,
        updatedAt: optimisedAt ?? routeCreatedAt,
      }),
    );
    let previous: GeoPoint = DEPOT;
    stops.forEach((visit, index) => {
      const leg = estimateTravel(previous, visit.site.point, TRAVEL)!;
      previous = visit.site.point;
      const visitedAt =
        visit.status === "completed" || visit.status === "on_site"
          ? visit.startedAt
          : visit.status === "no_show"
            ? minutesAfter(visit.start, 5)
            : null;
      rows.routeStops.push(
        routeStopValues({
          tenantId,
          routeId,
          appointmentId: visit.appointmentId,
          position: index + 1,
          workMinutes: Math.round((visit.end.getTime() - visit.start.getTime()) / MINUTE),
          travelMinutesFromPrevious: leg.minutes,
          travelKmFromPrevious: leg.km,
          visitedAt,
          createdAt: routeCreatedAt,
        }),
      );
      if (visitedAt) {
        timeline("route_stop_visited", {
          customerId: visit.site.customer.id,
          locationId: visit.site.id,
          objectType: "route",
          objectId: routeId,
          occurredAt: visitedAt,
        });
      }
    });
  }

  // --- Mobile updates on recent visits ------------------------------------------------------------
  const mobileRandom = random.fork("mobile");
  const near = (p: GeoPoint) => ({
    latitude: Math.round((p.latitude + mobileRandom.float(-0.0003, 0.0003)) * 1e6) / 1e6,
    longitude: Math.round((p.longitude + mobileRandom.float(-0.0004, 0.0004)) * 1e6) / 1e6,
    accuracyMeters: mobileRandom.int(4, 30),
  });
  const recent = visits
    .filter((v) => v.day >= addDays(today, -3) && v.day <= today)
    .sort((a, b) => a.start.getTime() - b.start.getTime());
  const update = (visit: Visit, values: Partial<Insert<typeof mobileUpdates>> & { recordedAt: Date }) => {
    const id = randomUUID();
    rows.mobileUpdates.push(
      mobileUpdateValues({
        id,
        tenantId,
        appointmentId: visit.appointmentId,
        employeeId: visit.employee.id,
        body: null,
        ...values,
        receivedAt: past(new Date(values.recordedAt.getTime() + mobileRandom.int(1, 40) * 1000)),
      }),
    );
    return id;
  };
  for (const visit of recent) {
    const started = visit.startedAt;
    if (visit.status === "en_route") {
      update(visit, { kind: "status_change", status: "en_route", recordedAt: visit.statusChangedAt });
      continue;
    }
    if (!["completed", "on_site", "no_show"].includes(visit.status)) continue;
    update(visit, {
      kind: "status_change",
      status: "en_route",
      recordedAt: past(minutesBefore(started ?? visit.start, mobileRandom.int(10, 30))),
    });
    if (visit.status === "no_show") {
      update(visit, {
        kind: "status_change",
        status: "no_show",
        body: "Nobody on site; called the contact twice, no answer.",
        recordedAt: visit.statusChangedAt,
        ...near(visit.site.point),
      });
      continue;
    }
    update(visit, {
      kind: "status_change",
      status: "on_site",
      recordedAt: started!,
      ...near(visit.site.point),
    });
    if (mobileRandom.chance(0.25)) {
      update(visit, {
        kind: "comment",
        body: mobileRandom.pick(COMMENTS),
        recordedAt: past(minutesAfter(started!, mobileRandom.int(5, 40))),
      });
    }
    if (visit.status === "completed") {
      update(visit, {
        kind: "status_change",
        status: "completed",
        recordedAt: visit.completedAt!,
        ...near(visit.site.point),
      });
    }
  }
  // One problem report, with a photo, on the most recent visit that found a problem.
  const problemVisit =
    [...recent].reverse().find((v) => v.report?.problems && v.startedAt) ??
    [...recent].reverse().find((v) => v.startedAt);
  let problemUpdateId: string | undefined;
  if (problemVisit) {
    problemUpdateId = update(problemVisit, {
      kind: "problem_report",
      body: "Water leak under the sink in the 2nd-floor kitchen. Closed the isolation valve; needs a plumber, the trap is cracked.",
      recordedAt: past(minutesAfter(problemVisit.startedAt!, 20)),
      ...near(problemVisit.site.point),
    });
  }

  // --- Reports, attachments, billing -------------------------------------------------------------
  const fileRandom = random.fork("files");
  let cancelledOneTrigger = false;
  for (const report of reports) {
    const visit = report.visit;
    const customer = visit.site.customer;
    const updatedAt = latest(
      report.visit.completedAt ?? report.visit.statusChangedAt,
      ...[report.submittedAt, report.approvedAt, report.returnedAt, report.publishedAt].filter(
        (d): d is Date => d !== null,
      ),
    );
    const billingNote = report.billable
      ? report.result === "no_access"
        ? "Call-out fee per contract clause 7.2 (no access)."
        : fileRandom.pick([
            "Extra labour: 1 h beyond the contract visit.",
            "Parts supplied: see the delivery note in the attachments.",
            "Out-of-contract request, approved on site by the site contact.",
          ])
      : null;
    const published = report.publishedAt !== null;
    rows.visitReports.push(
      visitReportValues({
        id: report.id,
        tenantId,
        appointmentId: visit.appointmentId,
        targetId: visit.targetId,
        customerId: customer.id,
        locationId: visit.site.id,
        authorId: visit.employee.id,
        title: `${visit.title} — ${visit.site.name}`,
        status: report.status,
        result: report.result,
        summary:
          report.result === "no_access"
            ? "Visit not possible: no access to the site."
            : report.status === "draft" && fileRandom.chance(0.4)
              ? null
              : visit.service.summary,
        problems: report.problems,
        followUpRequired: report.followUpDetails !== null,
        followUpDetails: report.followUpDetails,
        billable: report.billable,
        billingNote,
        submittedAt: report.submittedAt,
        approvedAt: report.approvedAt,
        approvedById: report.approvedAt ? fileRandom.pick(approvers) : null,
        returnedAt: report.returnedAt,
        returnedReason: report.returnedAt ? fileRandom.pick(RETURN_REASONS) : null,
        portalTitle: published ? `${visit.title} on ${readableDay(visit.day)}` : null,
        portalSummary: published
          ? report.result === "completed"
            ? visit.service.portalSummary
            : `${visit.service.portalSummary} Some work remains; a follow-up visit is being planned.`
          : null,
        portalMessage: published ? fileRandom.pick([...PORTAL_MESSAGES, null]) : null,
        publishedAt: report.publishedAt,
        publishedById: published ? managerId : null,
        createdAt: past(minutesAfter(visit.completedAt ?? visit.statusChangedAt, fileRandom.int(1, 20))),
        updatedAt,
      }),
    );
    const where = { customerId: customer.id, locationId: visit.site.id, objectType: "visit_report" as const };
    if (report.submittedAt)
      timeline("visit_report_submitted", { ...where, objectId: report.id, occurredAt: report.submittedAt });
    if (report.approvedAt)
      timeline("visit_report_approved", { ...where, objectId: report.id, occurredAt: report.approvedAt });
    if (report.publishedAt)
      timeline("visit_report_published", { ...where, objectId: report.id, occurredAt: report.publishedAt });

    // Photos and checklists on about a third of the submitted reports; released one by one.
    if (report.status !== "draft" && (report.forced || fileRandom.chance(0.3))) {
      const count = report.forced ? 2 : fileRandom.int(1, 3);
      for (let n = 0; n < count; n++) {
        const photo = n > 0 || fileRandom.chance(0.8);
        const takenAt = minutesAfter(visit.startedAt ?? visit.start, 10 + n * 7);
        const fileName = photo
          ? `IMG_${visit.day.replaceAll("-", "")}_${clock(localMinuteOfDay(takenAt, tz)).replace(":", "")}${n}.jpg`
          : "checklist-signed.pdf";
        const storageKey = `demo/${fileRandom.uuid()}`;
        const released = published && (report.forced || fileRandom.chance(0.6));
        rows.attachments.push(
          attachmentValues({
            tenantId,
            customerId: customer.id,
            ownerType: "visit_report",
            ownerId: report.id,
            storageKey,
            fileName,
            sizeBytes: photo ? fileRandom.int(180_000, 3_500_000) : fileRandom.int(80_000, 400_000),
            contentType: photo ? "image/jpeg" : "application/pdf",
            checksumSha256: checksum(storageKey, fileName),
            uploadedById: visit.employee.id,
            portalReleasedAt: released ? past(minutesAfter(report.publishedAt!, 1)) : null,
            portalReleasedById: released ? managerId : null,
            createdAt: report.submittedAt ?? past(visit.completedAt ?? visit.start),
          }),
        );
      }
    }

    if (report.status === "approved" && report.billable) {
      const ageDays = (now.getTime() - report.approvedAt!.getTime()) / (24 * HOUR);
      let status: "pending" | "sent" | "acknowledged" | "cancelled" =
        ageDays > 14 ? "acknowledged" : ageDays > 3 ? "sent" : "pending";
      let note = billingNote;
      if (!cancelledOneTrigger && ageDays > 7) {
        cancelledOneTrigger = true;
        status = "cancelled";
        note = "Included in the annual flat fee after review with the customer.";
      }
      rows.billingTriggers.push(
        billingTriggerValues({
          tenantId,
          visitReportId: report.id,
          customerId: customer.id,
          status,
          note,
          createdAt: report.approvedAt!,
          updatedAt:
            status === "pending" ? report.approvedAt! : past(minutesAfter(report.approvedAt!, 24 * 60)),
        }),
      );
    }
  }
  if (problemVisit && problemUpdateId) {
    const storageKey = `demo/${fileRandom.uuid()}`;
    rows.attachments.push(
      attachmentValues({
        tenantId,
        customerId: problemVisit.site.customer.id,
        ownerType: "mobile_update",
        ownerId: problemUpdateId,
        storageKey,
        fileName: "leak-under-sink.jpg",
        sizeBytes: 2_184_310,
        contentType: "image/jpeg",
        checksumSha256: checksum(storageKey, "leak-under-sink.jpg"),
        uploadedById: problemVisit.employee.id,
        createdAt: past(minutesAfter(problemVisit.startedAt!, 21)),
      }),
    );
  }

  // --- Customer portal ------------------------------------------------------------------------------
  const portal = random.fork("portal");
  const claire = gerance.contacts[0]!;
  const marc = vernay.contacts[0]!;
  const claireId = randomUUID();
  const marcId = randomUUID();
  const claireSince = ago(45 * 24 * 60);
  const marcSince = ago(30 * 24 * 60);
  rows.portalUsers.push(
    portalUserValues({
      id: claireId,
      tenantId,
      contactPersonId: claire.id,
      email: DEMO_ACCOUNTS.portal,
      name: claire.person.name,
      passwordHash: ctx.passwordHash,
      locale: "en",
      createdAt: claireSince,
      updatedAt: claireSince,
    }),
    portalUserValues({
      id: marcId,
      tenantId,
      contactPersonId: marc.id,
      email: DEMO_ACCOUNTS.portalSites,
      name: marc.person.name,
      passwordHash: ctx.passwordHash,
      locale: "fr",
      createdAt: marcSince,
      updatedAt: marcSince,
    }),
  );
  const invitation = (
    contactId: string,
    email: string,
    grants: { customerId: string; locationId: string | null }[],
    createdAt: Date,
    acceptedAt: Date | null,
  ) =>
    portalInvitationValues({
      tenantId,
      contactPersonId: contactId,
      email,
      grants,
      invitedById: managerId,
      createdAt,
      expiresAt: minutesAfter(createdAt, 7 * 24 * 60),
      acceptedAt,
    });
  const claireGrants = [{ customerId: gerance.id, locationId: null }];
  const marcGrants = [0, 1].map((i) => ({ customerId: vernay.id, locationId: vernay.sites[i]!.id }));
  const mutuelle = customerByKey.get("mutuelle")!;
  rows.portalInvitations.push(
    invitation(
      claire.id,
      DEMO_ACCOUNTS.portal,
      claireGrants,
      minutesBefore(claireSince, 26 * 60),
      claireSince,
    ),
    invitation(marc.id, DEMO_ACCOUNTS.portalSites, marcGrants, minutesBefore(marcSince, 3 * 60), marcSince),
    // Still pending: sent two days ago to the bank's facility manager.
    invitation(
      mutuelle.contacts[0]!.id,
      emailFor(mutuelle.contacts[0]!.person, mutuelle.seed.domain),
      [{ customerId: mutuelle.id, locationId: null }],
      ago(2 * 24 * 60),
      null,
    ),
  );
  rows.portalGrants.push(
    ...claireGrants.map((g) =>
      portalGrantValues({
        tenantId,
        portalUserId: claireId,
        ...g,
        grantedById: managerId,
        createdAt: claireSince,
      }),
    ),
    ...marcGrants.map((g) =>
      portalGrantValues({
        tenantId,
        portalUserId: marcId,
        ...g,
        grantedById: managerId,
        createdAt: marcSince,
      }),
    ),
    // Access to a third bakery ended when it moved to another regional manager.
    portalGrantValues({
      tenantId,
      portalUserId: marcId,
      customerId: vernay.id,
      locationId: vernay.sites[3]!.id,
      grantedById: managerId,
      createdAt: marcSince,
      revokedAt: ago(10 * 24 * 60),
    }),
  );

  const visitFor = (draft: VisitDraft) =>
    visits.find((v) => v.title === draft.title && v.site === draft.site);
  const completedVisit = visitFor(requestVisits.completed);
  const plannedVisit = visitFor(requestVisits.planned);
  const sitesPlannedVisit = visitFor(requestVisits.sitesPlanned);
  const acceptedTargetId = randomUUID();
  const acceptedAt = ago(26 * 60);
  rows.targets.push(
    targetValues({
      id: acceptedTargetId,
      tenantId,
      customerId: gerance.id,
      locationId: gerance.sites[3]!.id,
      contactId: claire.id,
      title: "Flickering lights in the underground car park",
      description: "Reported through the customer portal. Check ballasts and the timer on level -1.",
      status: "open",
      priority: "high",
      dueDate: addDays(today, 10),
      source: "portal_request",
      createdById: managerId,
      createdAt: acceptedAt,
      updatedAt: acceptedAt,
    }),
  );
  timeline("target_created", {
    customerId: gerance.id,
    locationId: gerance.sites[3]!.id,
    objectType: "target",
    objectId: acceptedTargetId,
    occurredAt: acceptedAt,
  });

  const requests: (Insert<typeof portalRequests> & { id: string; createdAt: Date })[] = [
    {
      id: randomUUID(),
      tenantId,
      portalUserId: claireId,
      customerId: gerance.id,
      locationId: gerance.sites[2]!.id,
      type: "service",
      title: "Water stain on the ceiling of the entrance hall",
      description:
        "A brown stain appeared on the hall ceiling after last week's rain, near the letterboxes. Could someone check the roof drain above it?",
      preferredDates: [
        { date: nextWorkingDay(addDays(today, 3)), window: "morning" },
        { date: nextWorkingDay(addDays(today, 5)), window: "all_day" },
      ],
      status: "submitted",
      createdAt: ago(portal.int(120, 400)),
    },
    {
      id: randomUUID(),
      tenantId,
      portalUserId: claireId,
      customerId: gerance.id,
      locationId: gerance.sites[1]!.id,
      type: "maintenance",
      title: "Extra cleaning before the residents' general meeting",
      description:
        "The general meeting is in the ground-floor hall. Please clean the hall and the stairs the day before.",
      preferredDates: [{ date: nextWorkingDay(addDays(today, 9)), window: "afternoon" }],
      status: "in_review",
      createdAt: ago(2 * 24 * 60 + portal.int(0, 300)),
    },
    {
      id: randomUUID(),
      tenantId,
      portalUserId: claireId,
      customerId: gerance.id,
      locationId: gerance.sites[3]!.id,
      type: "service",
      title: "Flickering lights in the underground car park",
      description: "Several lights on level -1 flicker or stay off, residents feel unsafe in the evening.",
      status: "accepted",
      customerMessage:
        "Thank you — we will plan an electrician visit within the next two weeks and confirm the date here.",
      reviewedById: managerId,
      reviewedAt: acceptedAt,
      resultingTargetId: acceptedTargetId,
      createdAt: minutesBefore(acceptedAt, 20 * 60),
    },
    {
      id: randomUUID(),
      tenantId,
      portalUserId: claireId,
      customerId: gerance.id,
      locationId: gerance.sites[0]!.id,
      type: "support",
      title: "Install a video intercom at the main gate",
      description: "Residents would like a video intercom instead of the old audio one at the gate.",
      status: "declined",
      customerMessage:
        "Installing new intercom equipment is outside our maintenance contract. We are happy to send a quote through your account manager.",
      reviewedById: managerId,
      reviewedAt: ago(8 * 24 * 60),
      createdAt: ago(9 * 24 * 60 + 200),
    },
  ];
  if (plannedVisit) {
    requests.push({
      id: randomUUID(),
      tenantId,
      portalUserId: claireId,
      customerId: gerance.id,
      locationId: plannedVisit.site.id,
      type: "maintenance",
      title: "Annual boiler service",
      description:
        "The yearly boiler service is due before the heating season ends. Mornings suit the caretaker best.",
      preferredDates: [{ date: plannedVisit.day, window: "morning" }],
      status: "planned",
      customerMessage: `Planned for ${readableDay(plannedVisit.day)}; our technician will come in the morning.`,
      reviewedById: managerId,
      reviewedAt: plannedVisit.targetCreatedAt,
      resultingTargetId: plannedVisit.targetId,
      createdAt: minutesBefore(plannedVisit.targetCreatedAt, 6 * 60),
    });
  }
  if (completedVisit) {
    requests.push({
      id: randomUUID(),
      tenantId,
      portalUserId: claireId,
      customerId: gerance.id,
      locationId: completedVisit.site.id,
      type: "service",
      title: "Blocked drain in the bin room",
      description:
        "Water stands in the bin room after cleaning; the floor drain seems blocked and it smells.",
      preferredDates: [{ date: completedVisit.day, window: "all_day" }],
      status: "completed",
      customerMessage:
        "Done — the drain was cleared and the room disinfected. The report is available under Reports.",
      reviewedById: managerId,
      reviewedAt: completedVisit.targetCreatedAt,
      resultingTargetId: completedVisit.targetId,
      createdAt: minutesBefore(completedVisit.targetCreatedAt, 3 * 60),
    });
  }
  requests.push({
    id: randomUUID(),
    tenantId,
    portalUserId: marcId,
    customerId: vernay.id,
    locationId: vernay.sites[1]!.id,
    type: "service",
    title: "Extractor fan above the ovens is very noisy",
    description: "Since Monday the extractor fan in the bakehouse rattles loudly at full speed.",
    preferredDates: [{ date: nextWorkingDay(addDays(today, 1)), window: "afternoon" }],
    status: "submitted",
    createdAt: ago(portal.int(30, 180)),
  });
  if (sitesPlannedVisit) {
    requests.push({
      id: randomUUID(),
      tenantId,
      portalUserId: marcId,
      customerId: vernay.id,
      locationId: sitesPlannedVisit.site.id,
      type: "service",
      title: "Deep clean of the shop floor before reopening",
      description: "The shop reopens after refurbishment works; the floor needs stripping and a deep clean.",
      preferredDates: [{ date: sitesPlannedVisit.day, window: "morning" }],
      status: "planned",
      customerMessage: `Planned for ${readableDay(sitesPlannedVisit.day)}, before opening time.`,
      reviewedById: managerId,
      reviewedAt: sitesPlannedVisit.targetCreatedAt,
      resultingTargetId: sitesPlannedVisit.targetId,
      createdAt: minutesBefore(sitesPlannedVisit.targetCreatedAt, 4 * 60),
    });
  }
  for (const request of requests) {
    const values = portalRequestValues({ ...request, updatedAt: request.reviewedAt ?? request.createdAt });
    rows.portalRequests.push(values);
    const where = {
      customerId: request.customerId,
      locationId: request.locationId,
      objectType: "portal_request" as const,
    };
    timeline("portal_request_submitted", { ...where, objectId: request.id, occurredAt: request.createdAt });
    if (request.reviewedAt) {
      timeline("portal_request_reviewed", { ...where, objectId: request.id, occurredAt: request.reviewedAt });
    }
  }

  // --- Audit: two entries to show the shape -------------------------------------------------------
  const approvedExample = reports.find((r) => r.approvedAt && r.submittedAt);
  if (approvedExample) {
    rows.audit.push({
      tenantId,
      actorType: "staff",
      actorId: managerId,
      action: "visit_report.approved",
      objectType: "visit_report",
      objectId: approvedExample.id,
      changedFields: ["status", "approved_at", "approved_by_id"],
      metadata: { from: "submitted", to: "approved" },
      createdAt: approvedExample.approvedAt!,
    });
  }

  // --- Write everything, parents first -----------------------------------------------------------
  await insertMany(tx, customers, rows.customers);
  await insertMany(tx, locations, rows.locations);
  await insertMany(tx, contactPersons, rows.contacts);
  await insertMany(tx, externalReferences, rows.externalReferences);
  await insertMany(tx, internalNotes, rows.internalNotes);
  await insertMany(tx, recurringPlans, rows.recurringPlans);
  await insertMany(tx, targets, rows.targets);
  await insertMany(tx, appointments, rows.appointments);
  await insertMany(tx, recurringOccurrences, rows.recurringOccurrences);
  await insertMany(tx, routes, rows.routes);
  await insertMany(tx, routeStops, rows.routeStops);
  await insertMany(tx, mobileUpdates, rows.mobileUpdates);
  await insertMany(tx, visitReports, rows.visitReports);
  await insertMany(tx, attachments, rows.attachments);
  await insertMany(tx, followUps, rows.followUps);
  await insertMany(tx, billingTriggers, rows.billingTriggers);
  await insertMany(tx, portalUsers, rows.portalUsers);
  await insertMany(tx, portalInvitations, rows.portalInvitations);
  await insertMany(tx, portalAccessGrants, rows.portalGrants);
  await insertMany(tx, portalRequests, rows.portalRequests);
  await insertMany(tx, timelineEntries, rows.timeline);
  rows.audit.push({
    tenantId,
    actorType: "system",
    action: "demo.seeded",
    objectType: "tenant",
    objectId: tenantId,
    metadata: {
      customers: rows.customers.length,
      locations: rows.locations.length,
      appointments: rows.appointments.length,
      visitReports: rows.visitReports.length,
    },
    createdAt: now,
  });
  await insertMany(tx, auditLog, rows.audit);
}

/** Customer-safe milestones; everything else stays off the portal timeline. */
export const PORTAL_VISIBLE_KINDS: ReadonlySet<TimelineKind> = new Set<TimelineKind>([
  "appointment_planned",
  "appointment_completed",
  "visit_report_published",
  "follow_up_created",
  "portal_request_submitted",
  "portal_request_reviewed",
]);

interface PlanSeed {
  title: string;
  customer: string;
  site: number;
  rrule: string;
  startTime: string;
  minutes: number;
  assignee: string;
  /** The kind of work, for the reports of its visits. */
  service: string;
  active: boolean;
  /** One coming occurrence is skipped. */
  skipOne?: boolean;
  /** Edited once since creation (version 2). */
  edited?: boolean;
}

const PLAN_SEEDS: readonly PlanSeed[] = [
  {
    title: "Monthly HVAC inspection",
    customer: "techCampus",
    site: 0,
    rrule: "FREQ=MONTHLY;BYDAY=1TU",
    startTime: "08:30",
    minutes: 120,
    assignee: "thomas",
    service: "Quarterly HVAC maintenance",
    active: true,
  },
  {
    title: "Weekly cleaning audit",
    customer: "gerance",
    site: 0,
    rrule: "FREQ=WEEKLY;BYDAY=MO",
    startTime: "09:00",
    minutes: 45,
    assignee: "lucas",
    service: "Cleaning quality audit",
    active: true,
    skipOne: true,
  },
  {
    title: "Fortnightly window cleaning",
    customer: "mutuelle",
    site: 0,
    rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
    startTime: "14:00",
    minutes: 90,
    assignee: "ines",
    service: "Window cleaning",
    active: true,
    edited: true,
  },
  {
    title: "Weekly cold room check",
    customer: "fraismarche",
    site: 4,
    rrule: "FREQ=WEEKLY;BYDAY=WE",
    startTime: "08:00",
    minutes: 45,
    assignee: "mathieu",
    service: "Cold room temperature check",
    active: true,
  },
  {
    title: "Quarterly fire safety check",
    customer: "tilleuls",
    site: 1,
    rrule: "FREQ=MONTHLY;INTERVAL=3;BYDAY=2WE",
    startTime: "10:00",
    minutes: 120,
    assignee: "camille",
    service: "Fire extinguisher check",
    active: true,
  },
  {
    title: "Daily reception cleaning",
    customer: "coworking",
    site: 0,
    rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
    startTime: "08:00",
    minutes: 30,
    assignee: "lea",
    service: "Office deep cleaning",
    active: false,
  },
];

function employeeOf(member: StaffSeed, id: string): Employee {
  return { key: member.key, id, name: member.name, base: member.base ?? DEPOT };
}

function makeSite(random: Random, customer: CustomerInfo, seed: SiteSeed): Site {
  const street = STREETS[seed.street];
  const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
  const lat = clamp(street.lat + random.float(-0.0012, 0.0012), 45.701, 45.819);
  const lng = clamp(street.lng + random.float(-0.0016, 0.0016), 4.781, 4.949);
  const health = customer.seed.category === "health";
  return {
    id: randomUUID(),
    customer,
    name: seed.name,
    point: { latitude: Math.round(lat * 1e6) / 1e6, longitude: Math.round(lng * 1e6) / 1e6 },
    workMinutes: seed.workMinutes ?? random.pick([45, 60, 60, 90]),
    priority: health
      ? "high"
      : random.weighted([
          ["normal", 8],
          ["low", 1],
          ["high", 1],
        ]),
  };
}

function pickPriority(random: Random, usual: Priority): Priority {
  return random.weighted<Priority>([
    [usual, 14],
    ["high", 3],
    ["low", 2],
    ["urgent", 1],
  ]);
}
