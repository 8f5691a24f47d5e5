/**
 * Follow-ups of approved reports that asked for more work: most are taken on by the next
 * ordinary visit to the same site or get a visit of their own; some wait as open targets, one was
 * cancelled.
 */
import { randomUUID } from "node:crypto";
import { addDays, HOUR, localDay } from "@ordinavo/domain";
import { followUpValues, targetValues } from "../factories";
import {
  latest,
  minutesAfter,
  nextWorkingDay,
  type Report,
  type Story,
  type Team,
  type Visit,
} from "./story";
import type { Schedule } from "./visits";

export function addFollowUps(story: Story, team: Team, schedule: Schedule, reports: Report[]): void {
  const { tenantId, now, today, tz, rows, past, timeline } = story;
  const { visits } = schedule;
  const followRandom = story.random.fork("follow-ups");
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
      const planned = schedule.appendVisit(
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
          createdById: team.managerId,
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
}
