/**
 * The visits: twelve weeks of each employee's days, from eight weeks back to four weeks ahead.
 * Recurring occurrences and the portal story's visits are placed first, then ordinary work at
 * sites near the employee's area fills the day in a sensible driving order. Each visit gets its
 * status and history from where it lies relative to `now`.
 */
import { randomUUID } from "node:crypto";
import { addDays, HOUR, isWorkingDay, MINUTE, zonedInstant } from "@ordinavo/domain";
import type { AppointmentStatus } from "@ordinavo/domain/vocabulary";
import { estimateTravel, greatCircleKm } from "@ordinavo/planning";
import { packDay, type VisitRequest } from "../schedule";
import { DEPOT } from "./data/places";
import { SERVICES } from "./data/services";
import {
  type CustomerBook,
  DAY_END,
  DAY_START,
  type Employee,
  earliest,
  latest,
  minutesAfter,
  minutesBefore,
  nextWorkingDay,
  type Story,
  type Team,
  TRAVEL,
  type Visit,
  type VisitDraft,
} from "./story";

export interface Schedule {
  /** Every visit, in the order it was planned. */
  visits: Visit[];
  /** Visits by employee and day (see `dayKey`), in time order. */
  dayPlans: Map<string, Visit[]>;
  /** Adds a visit after the last one of an employee's day, on the first day (from `from`) it fits. */
  appendVisit(draft: VisitDraft, from: string): Visit | undefined;
}

export const dayKey = (employee: Employee, day: string) => `${employee.key}|${day}`;

/** `fixed`: visits with a set day (recurring occurrences, then the portal story's visits). */
export function planVisits(story: Story, team: Team, book: CustomerBook, fixed: VisitDraft[]): Schedule {
  const { now, today, tz, ago, past } = story;
  const { employees } = team;
  const work = story.random.fork("work");
  const candidatesByEmployee = new Map(
    employees.map((e) => [
      e.key,
      book.sites
        .filter((s) => s.customer.seed.status !== "prospect")
        .map((s) => ({ site: s, km: greatCircleKm(s.point, e.base) }))
        .sort((a, b) => a.km - b.km)
        .map((c) => c.site),
    ]),
  );
  const visits: Visit[] = [];
  const dayPlans = new Map<string, Visit[]>();

  for (let offset = -56; offset <= 28; offset++) {
    const day = addDays(today, offset);
    if (!isWorkingDay(day)) continue;
    for (const employee of employees) {
      const fixedAndPinned = fixed.filter((v) => v.employee === employee && v.day === day);
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
        const key = dayKey(employee, day);
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
    const todays = dayPlans.get(dayKey(employee, today)) ?? [];
    if (todays.some((v) => v.status === "on_site")) continue;
    const next = todays.find((v) => v.start > now && !v.forced);
    if (next && next.start.getTime() - now.getTime() <= 60 * MINUTE) {
      next.status = "en_route";
      next.statusChangedAt = ago(10);
    }
  }

  function appendVisit(draft: VisitDraft, from: string): Visit | undefined {
    for (let day = from, tries = 0; tries < 10; day = nextWorkingDay(addDays(day, 1)), tries++) {
      const key = dayKey(draft.employee, day);
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

  return { visits, dayPlans, appendVisit };
}
