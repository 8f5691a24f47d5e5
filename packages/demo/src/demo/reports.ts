/**
 * Which visits have a report, what the report says happened, and how far it got (draft,
 * submitted, returned, approved, published) given its age. The rows are written later, in
 * report-records.ts, once follow-ups have had their say.
 */
import { randomUUID } from "node:crypto";
import { HOUR } from "@ordinavo/domain";
import type { VisitReportStatus, VisitResult } from "@ordinavo/domain/vocabulary";
import type { Random } from "../random";
import { minutesAfter, type Report, type Story, type Visit } from "./story";
import type { Schedule } from "./visits";

export function decideReports(story: Story, schedule: Schedule): Report[] {
  const { now, past } = story;
  const reportsRandom = story.random.fork("reports");
  const reports: Report[] = [];
  for (const visit of [...schedule.visits].sort((a, b) => a.start.getTime() - b.start.getTime())) {
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
        newReport(
          reportsRandom,
          now,
          visit,
          result,
          problems,
          followUp,
          reportsRandom.chance(visit.service.billable),
        ),
      );
    } else if (visit.status === "no_show" && reportsRandom.chance(0.6)) {
      reports.push(
        newReport(
          reportsRandom,
          now,
          visit,
          "no_access",
          "Nobody on site and the key box was empty; waited 20 minutes and called the site contact twice.",
          "Rebook the visit and confirm access with the site contact the day before.",
          reportsRandom.chance(0.5),
        ),
      );
    }
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
  return reports;
}

/** A report of a visit; recent ones are more often still in progress. */
function newReport(
  random: Random,
  now: Date,
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
      ? random.weighted([
          ["draft", 45],
          ["submitted", 40],
          ["returned", 5],
          ["approved", 10],
        ])
      : ageHours < 96
        ? random.weighted([
            ["draft", 10],
            ["submitted", 45],
            ["returned", 10],
            ["approved", 35],
          ])
        : random.weighted([
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
