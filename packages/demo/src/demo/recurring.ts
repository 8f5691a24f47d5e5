/**
 * Recurring plans and their occurrences. History reaches eight weeks back; ahead lies exactly the
 * window the daily job generates at `now` ([now, now + horizon)), so running the job after
 * seeding finds nothing to add or remove.
 */
import { randomUUID } from "node:crypto";
import { addDays, DAY, isWorkingDay, localDay, localMinuteOfDay, zonedInstant } from "@ordinavo/domain";
import { expandPlan } from "@ordinavo/planning";
import { recurringOccurrenceValues, recurringPlanValues } from "../factories";
import { PLAN_SEEDS } from "./data/plans";
import { SERVICES } from "./data/services";
import {
  type CustomerBook,
  minutesBefore,
  type Occurrence,
  type Story,
  type Team,
  type VisitDraft,
} from "./story";

/**
 * Writes the plans and their skipped occurrences; returns the visits of the other occurrences,
 * for the planning to place at their fixed times.
 */
export function addRecurringPlans(story: Story, team: Team, book: CustomerBook): VisitDraft[] {
  const { tenantId, now, today, tz, rows, ago, past } = story;
  const windowStart = zonedInstant(addDays(today, -56), 0, tz);
  const horizonDays = 28;
  const generatedUntil = new Date(now.getTime() + horizonDays * DAY);
  const plans = story.random.fork("plans");
  const occurrenceVisits: VisitDraft[] = [];
  for (const plan of PLAN_SEEDS) {
    const customer = book.byKey.get(plan.customer)!;
    const site = customer.sites[plan.site]!;
    const employee = team.employeeByKey.get(plan.assignee)!;
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
        createdById: team.managerId,
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
  return occurrenceVisits;
}
