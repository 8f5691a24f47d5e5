/**
 * The second demo tenant: a small maintenance firm in Grenoble. It exists to show isolation —
 * signed in here, nothing of Rhône Facility Services is visible, and the reverse. It is written
 * with the one-row factories, the way tests use them.
 */
import type { Database, Transaction } from "@ordinavo/db";
import { addDays, isWorkingDay, localDay, MINUTE, zonedInstant } from "@ordinavo/domain";
import type { VisitReportStatus } from "@ordinavo/domain/vocabulary";
import {
  addMembership,
  createAppointment,
  createContactPerson,
  createCustomer,
  createLocation,
  createTarget,
  createTimelineEntry,
  createVisitReport,
} from "../factories";
import { emailFor, landline, mobile, person } from "../people";
import type { Random } from "../random";
import { seedTenant } from "../seeding";
import { NORTHWIND_ACCOUNTS, NORTHWIND_SLUG } from "./data/accounts";

const TIME_ZONE = "Europe/Paris";

const CUSTOMERS = [
  {
    number: "N-001",
    name: "Alpes Bureaux Partagés",
    type: "business",
    status: "active",
    domain: "alpes-bureaux.example",
    sites: [
      {
        name: "Espace Gare",
        street: "Avenue Alsace-Lorraine",
        postalCode: "38000",
        city: "Grenoble",
        lat: 45.1895,
        lng: 5.72,
      },
      {
        name: "Espace Presqu'île",
        street: "Rue des Martyrs",
        postalCode: "38000",
        city: "Grenoble",
        lat: 45.201,
        lng: 5.705,
      },
    ],
  },
  {
    number: "N-002",
    name: "Clinique Vétérinaire du Drac",
    type: "business",
    status: "active",
    domain: "veto-drac.example",
    sites: [
      {
        name: "Clinique",
        street: "Cours Jean Jaurès",
        postalCode: "38000",
        city: "Grenoble",
        lat: 45.183,
        lng: 5.718,
      },
    ],
  },
  {
    number: "N-003",
    name: "Résidence Belledonne",
    type: "business",
    status: "active",
    domain: "residence-belledonne.example",
    sites: [
      {
        name: "Bâtiment A",
        street: "Avenue Gabriel Péri",
        postalCode: "38400",
        city: "Saint-Martin-d'Hères",
        lat: 45.172,
        lng: 5.76,
      },
      {
        name: "Bâtiment B",
        street: "Avenue Gabriel Péri",
        postalCode: "38400",
        city: "Saint-Martin-d'Hères",
        lat: 45.1726,
        lng: 5.7612,
      },
    ],
  },
  {
    number: "N-004",
    name: "Lycée Professionnel du Vercors",
    type: "public_sector",
    status: "active",
    domain: "lp-vercors.example",
    sites: [
      {
        name: "Lycée",
        street: "Boulevard Gambetta",
        postalCode: "38000",
        city: "Grenoble",
        lat: 45.187,
        lng: 5.723,
      },
    ],
  },
  {
    number: "N-005",
    name: "Brasserie du Vercors",
    type: "business",
    status: "prospect",
    domain: "brasserie-vercors.example",
    sites: [
      {
        name: "Brasserie",
        street: "Chemin du Vieux Chêne",
        postalCode: "38240",
        city: "Meylan",
        lat: 45.205,
        lng: 5.78,
      },
    ],
  },
] as const;

const STAFF = [
  { email: NORTHWIND_ACCOUNTS.admin, name: "Hélène Rivière", role: "tenant_admin" },
  { email: NORTHWIND_ACCOUNTS.dispatcher, name: "Paul Garnier", role: "dispatcher" },
  { email: NORTHWIND_ACCOUNTS.employee, name: "Yann Le Goff", role: "employee" },
  { email: "sarah.benoit@northwind.example", name: "Sarah Benoît", role: "employee" },
] as const;

const JOBS = [
  "Boiler service",
  "Roof inspection after the storm",
  "Lift machine-room cleaning",
  "Replace corridor lighting",
  "Heat pump maintenance",
  "Repaint the stairwell handrails",
] as const;

/** Day offsets of Northwind's visits and what became of the past ones. */
const SCHEDULE: readonly { offset: number; report?: VisitReportStatus }[] = [
  { offset: -20, report: "approved" },
  { offset: -13, report: "approved" },
  { offset: -9, report: "approved" },
  { offset: -6, report: "submitted" },
  { offset: -2, report: "draft" },
  { offset: 1 },
  { offset: 2 },
  { offset: 5 },
  { offset: 9 },
  { offset: 15 },
];

export async function seedNorthwind(
  db: Database,
  ctx: { now: Date; passwordHash: string; random: Random },
): Promise<string> {
  return seedTenant(
    db,
    {
      slug: NORTHWIND_SLUG,
      name: "Northwind Maintenance",
      timeZone: TIME_ZONE,
      locale: "en",
      portalEnabled: false,
    },
    STAFF,
    ctx.passwordHash,
    (tx, tenantId, staffIds) => seedNorthwindData(tx, tenantId, staffIds, ctx),
  );
}

async function seedNorthwindData(
  tx: Transaction,
  tenantId: string,
  staffIds: string[],
  ctx: { now: Date; random: Random },
): Promise<void> {
  const { now, random } = ctx;
  for (const [index, member] of STAFF.entries()) {
    await addMembership(tx, { tenantId, userId: staffIds[index]!, role: member.role });
  }
  const [adminId, dispatcherId, ...technicians] = staffIds as [string, string, ...string[]];

  const sites: { customerId: string; locationId: string; contactId: string }[] = [];
  for (const seed of CUSTOMERS) {
    const customer = await createCustomer(tx, {
      tenantId,
      number: seed.number,
      name: seed.name,
      type: seed.type,
      status: seed.status,
      email: `contact@${seed.domain}`,
      phone: landline(random).replace(/^04 (72|78|37|26)/, "04 76"),
      createdById: adminId,
    });
    const p = person(random);
    const contact = await createContactPerson(tx, {
      tenantId,
      customerId: customer.id,
      name: p.name,
      role: "Site manager",
      email: emailFor(p, seed.domain),
      phone: landline(random).replace(/^04 (72|78|37|26)/, "04 76"),
      mobile: mobile(random),
    });
    for (const site of seed.sites) {
      const location = await createLocation(tx, {
        tenantId,
        customerId: customer.id,
        name: site.name,
        addressLine1: `${random.int(1, 90)} ${site.street}`,
        postalCode: site.postalCode,
        city: site.city,
        country: "FR",
        latitude: site.lat,
        longitude: site.lng,
        accessNotes: "Ask the caretaker for the technical room key.",
      });
      if (seed.status === "active")
        sites.push({ customerId: customer.id, locationId: location.id, contactId: contact.id });
    }
  }

  const today = localDay(now, TIME_ZONE);
  for (const [index, slot] of SCHEDULE.entries()) {
    let day = addDays(today, slot.offset);
    while (!isWorkingDay(day)) day = addDays(day, 1);
    const site = sites[index % sites.length]!;
    const start = zonedInstant(day, random.pick([8 * 60 + 30, 10 * 60, 13 * 60 + 30, 15 * 60]), TIME_ZONE);
    const end = new Date(start.getTime() + 90 * MINUTE);
    const isPast = end < now;
    const createdAt = new Date(Math.min(start.getTime() - 7 * 24 * 60 * MINUTE, now.getTime() - 60 * MINUTE));
    const target = await createTarget(tx, {
      tenantId,
      customerId: site.customerId,
      locationId: site.locationId,
      contactId: site.contactId,
      title: JOBS[index % JOBS.length]!,
      status: isPast ? "done" : "planned",
      dueDate: day,
      createdById: dispatcherId,
      completedAt: isPast ? end : null,
      createdAt,
    });
    const appointment = await createAppointment(tx, {
      tenantId,
      targetId: target.id,
      customerId: site.customerId,
      locationId: site.locationId,
      assignedEmployeeId: technicians[index % technicians.length]!,
      plannedStart: start,
      plannedEnd: end,
      status: isPast ? "completed" : "scheduled",
      startedAt: isPast ? start : null,
      completedAt: isPast ? end : null,
      createdById: dispatcherId,
      createdAt,
    });
    const where = { tenantId, customerId: site.customerId, locationId: site.locationId };
    await createTimelineEntry(tx, {
      ...where,
      kind: "appointment_planned",
      objectType: "appointment",
      objectId: appointment.id,
      occurredAt: createdAt,
      portalVisible: true,
    });
    if (!isPast || !slot.report) continue;
    await createTimelineEntry(tx, {
      ...where,
      kind: "appointment_completed",
      objectType: "appointment",
      objectId: appointment.id,
      occurredAt: end,
      portalVisible: true,
    });
    const submittedAt = slot.report === "draft" ? null : new Date(end.getTime() + 45 * MINUTE);
    await createVisitReport(tx, {
      tenantId,
      appointmentId: appointment.id,
      targetId: target.id,
      customerId: site.customerId,
      locationId: site.locationId,
      authorId: appointment.assignedEmployeeId,
      title: `${target.title} — report`,
      status: slot.report,
      result: "completed",
      summary: "Work carried out as planned; no further action needed.",
      submittedAt,
      approvedAt: slot.report === "approved" ? new Date(end.getTime() + 24 * 60 * MINUTE) : null,
      approvedById: slot.report === "approved" ? adminId : null,
      createdAt: end,
    });
  }
}
