/**
 * Field work around the visits: each employee's route for the last two weeks and the next few
 * days, and the status updates, comments and one problem report sent from the phone on recent
 * visits.
 */
import { randomUUID } from "node:crypto";
import type { mobileUpdates } from "@ordinavo/db/schema";
import { addDays, MINUTE, zonedInstant } from "@ordinavo/domain";
import { estimateTravel, type GeoPoint } from "@ordinavo/planning";
import { mobileUpdateValues, routeStopValues, routeValues } from "../factories";
import { DEPOT } from "./data/places";
import { COMMENTS } from "./data/words";
import { type Insert, minutesAfter, minutesBefore, type Story, TRAVEL, type Visit } from "./story";
import type { Schedule } from "./visits";

export function addRoutes(story: Story, schedule: Schedule): void {
  const { tenantId, now, today, tz, rows, ago, past, timeline } = story;
  const routeRandom = story.random.fork("routes");
  for (const [key, planned] of [...schedule.dayPlans.entries()].sort(([a], [b]) => a.localeCompare(b))) {
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
}

/** The visit with a problem report from the phone, and that update (a photo belongs to it). */
export interface ProblemReport {
  visit: Visit;
  updateId: string;
}

export function addMobileUpdates(story: Story, schedule: Schedule): ProblemReport | undefined {
  const { tenantId, today, rows, past } = story;
  const mobileRandom = story.random.fork("mobile");
  const near = (p: GeoPoint) => ({
    latitude: Math.round((p.latitude + mobileRandom.float(-0.0003, 0.0003)) * 1e6) / 1e6,
    longitude: Math.round((p.longitude + mobileRandom.float(-0.0004, 0.0004)) * 1e6) / 1e6,
    accuracyMeters: mobileRandom.int(4, 30),
  });
  const recent = schedule.visits
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
  if (!problemVisit) return undefined;
  const updateId = update(problemVisit, {
    kind: "problem_report",
    body: "Water leak under the sink in the 2nd-floor kitchen. Closed the isolation valve; needs a plumber, the trap is cracked.",
    recordedAt: past(minutesAfter(problemVisit.startedAt!, 20)),
    ...near(problemVisit.site.point),
  });
  return { visit: problemVisit, updateId };
}
