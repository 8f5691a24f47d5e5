/** Writes the collected rows of the demo tenant, parents first, and notes the seed in the audit log. */
import type { Transaction } from "@ordinavo/db";
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
import { insertMany } from "../factories";
import type { Story } from "./story";

export async function writeStory(tx: Transaction, story: Story): Promise<void> {
  const { rows, tenantId } = story;
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
    createdAt: story.now,
  });
  await insertMany(tx, auditLog, rows.audit);
}
