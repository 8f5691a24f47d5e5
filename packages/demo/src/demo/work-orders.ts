/**
 * The target (the work) and the appointment (the visit) behind every planned visit, with their
 * customer history, and the recurring occurrences they came from. About a fifth of the ordinary
 * work of SAP customers arrives as imported jobs.
 */
import { addDays } from "@ordinavo/domain";
import type { Priority } from "@ordinavo/domain/vocabulary";
import {
  appointmentValues,
  externalReferenceValues,
  recurringOccurrenceValues,
  targetValues,
} from "../factories";
import type { Random } from "../random";
import { latest, minutesAfter, type Story, type Team } from "./story";
import type { Schedule } from "./visits";

const DESCRIPTIONS = [
  "Contract visit as per the annual maintenance plan.",
  "Requested by the site contact by phone.",
  "Follow the site checklist and photograph anything damaged.",
  null,
];

export function addWorkOrders(story: Story, team: Team, schedule: Schedule): void {
  const { tenantId, now, rows, ago, past, timeline } = story;
  const { dispatcherId } = team;
  const importedRandom = story.random.fork("imports");
  let importNumber = 4_500_012_000;
  for (const visit of schedule.visits) {
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
          visit.description ?? (visit.origin === "regular" ? importedRandom.pick(DESCRIPTIONS) : null),
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
}

function pickPriority(random: Random, usual: Priority): Priority {
  return random.weighted<Priority>([
    [usual, 14],
    ["high", 3],
    ["low", 2],
    ["urgent", 1],
  ]);
}
