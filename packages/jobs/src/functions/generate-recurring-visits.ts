import type { Database } from "@ordinavo/db";
import { generateAllRecurringVisits, generateRecurringVisits, type OnGenerated } from "@ordinavo/planning";
import { cron, type Inngest, NonRetriableError } from "inngest";
import { recurringPlanChanged } from "../events";
import { recordEvents } from "../outbox";

/** Every night at 02:30 UTC the horizon of every active plan moves on by a day. */
export const GENERATE_RECURRING_VISITS_CRON = "TZ=UTC 30 2 * * *";

/**
 * The webhook events of a run, in its transaction, with source "job": each new visit is a target
 * created and an appointment planned; a visit that followed the plan's new time moved.
 */
export const recordGeneratedEvents: OnGenerated = (tx, { tenantId, ...changes }) =>
  recordEvents(tx, "ordinavo/webhook.event_recorded", [
    ...changes.created.flatMap((visit) => [
      { tenantId, eventType: "target.created", objectId: visit.targetId, source: "job" as const },
      { tenantId, eventType: "appointment.planned", objectId: visit.appointmentId, source: "job" as const },
    ]),
    ...changes.movedAppointmentIds.map((objectId) => ({
      tenantId,
      eventType: "appointment.moved",
      objectId,
      source: "job" as const,
    })),
  ]);

/**
 * Generates recurring visits: for one plan when it changed (created, edited, deactivated,
 * archived), and for every plan of every tenant once a day. Both paths are idempotent (the plan's
 * row lock and the unique occurrence key), so a repeated or concurrent run creates nothing twice.
 */
export function createGenerateRecurringVisitsFunction(inngest: Inngest.Any, db: Database) {
  return inngest.createFunction(
    {
      id: "generate-recurring-visits",
      name: "Generate recurring visits",
      triggers: [recurringPlanChanged, cron(GENERATE_RECURRING_VISITS_CRON)],
    },
    async ({ event, step }) => {
      if (event.name === recurringPlanChanged.name) {
        // Payloads are re-parsed: an event from an outside Inngest server is input like any other.
        const { tenantId, planId } = recurringPlanChanged.schema.parse(event.data);
        return step.run("generate-plan", () =>
          generateRecurringVisits(db, { tenantId, planId, onGenerated: recordGeneratedEvents }),
        );
      }
      const totals = await step.run("generate-all-plans", () =>
        generateAllRecurringVisits(db, { onGenerated: recordGeneratedEvents }),
      );
      if (totals.failedPlanIds.length > 0) {
        // The other plans are done (the step's result is kept); report the run as failed without
        // retrying it, so the failure is visible. Tomorrow's run tries those plans again.
        throw new NonRetriableError(
          `${totals.failedPlanIds.length} of ${totals.plans} recurring plans could not be generated`,
        );
      }
      return totals;
    },
  );
}
