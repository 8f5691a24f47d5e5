import { describe, expect, it } from "vitest";
import { errorPaths, ids, messagesAt, parseValid } from "../test-support";
import { ZCreateAppointmentInput, ZRescheduleAppointmentInput } from "./appointment";
import { ZCreateRecurringPlanInput, ZUpdateRecurringPlanInput } from "./recurring-plan";
import { ZReorderRouteInput } from "./route";
import { ZChangeTargetStatusInput, ZCreateTargetInput, ZUpdateTargetInput } from "./target";

describe("ZCreateTargetInput", () => {
  const valid = { customerId: ids.a, title: "Replace filter" };

  it("fills defaults and clears blank optional fields", () => {
    expect(
      parseValid(ZCreateTargetInput, { ...valid, locationId: "", dueDate: "", description: " " }),
    ).toEqual({
      customerId: ids.a,
      title: "Replace filter",
      locationId: null,
      dueDate: null,
      description: null,
      priority: "normal",
      source: "manual",
    });
  });

  it.each([
    ["impossible due date", { dueDate: "2025-02-30" }, "dueDate", "Enter the due date as YYYY-MM-DD"],
    [
      "due date with time",
      { dueDate: "2025-02-03T10:00:00Z" },
      "dueDate",
      "Enter the due date as YYYY-MM-DD",
    ],
    ["long title", { title: "t".repeat(201) }, "title", "Title must be at most 200 characters"],
    [
      "long description",
      { description: "d".repeat(5001) },
      "description",
      "Description must be at most 5000 characters",
    ],
    ["unknown source", { source: "email" }, "source", "Choose where this work comes from"],
    ["bad contact", { contactId: "nope" }, "contactId", "Choose a contact person"],
  ])("%s", (_, change, path, message) => {
    const input = { ...valid, ...change };
    expect(errorPaths(ZCreateTargetInput, input)).toEqual([path]);
    expect(messagesAt(ZCreateTargetInput, input, path)).toEqual([message]);
  });

  it("update takes only what changes and never the status", () => {
    expect(
      parseValid(ZUpdateTargetInput, { targetId: ids.b, dueDate: "2025-06-30", status: "done" }),
    ).toEqual({
      targetId: ids.b,
      dueDate: "2025-06-30",
    });
  });

  it("status change names a known status", () => {
    expect(errorPaths(ZChangeTargetStatusInput, { targetId: ids.b, status: "finished" })).toEqual(["status"]);
    expect(parseValid(ZChangeTargetStatusInput, { targetId: ids.b, status: "done" }).status).toBe("done");
  });
});

describe("appointment slots", () => {
  const valid = {
    targetId: ids.a,
    plannedStart: "2025-03-03T08:00:00+01:00",
    plannedEnd: "2025-03-03T10:00:00+01:00",
  };

  it("turns offset strings into dates", () => {
    const appointment = parseValid(ZCreateAppointmentInput, valid);
    expect(appointment.plannedStart).toEqual(new Date("2025-03-03T07:00:00Z"));
    expect(appointment.plannedEnd).toEqual(new Date("2025-03-03T09:00:00Z"));
  });

  it.each([
    ["end before start", { plannedEnd: "2025-03-03T07:00:00+01:00" }, "The end must be after the start"],
    ["end at start", { plannedEnd: "2025-03-03T08:00:00+01:00" }, "The end must be after the start"],
    [
      "longer than a day",
      { plannedEnd: "2025-03-04T08:00:01+01:00" },
      "An appointment can last at most 24 hours",
    ],
    ["end without offset", { plannedEnd: "2025-03-03T10:00:00" }, "Enter the end as a date and time"],
  ])("%s", (_, change, message) => {
    const input = { ...valid, ...change };
    expect(errorPaths(ZCreateAppointmentInput, input)).toEqual(["plannedEnd"]);
    expect(messagesAt(ZCreateAppointmentInput, input, "plannedEnd")).toEqual([message]);
  });

  it("allows exactly 24 hours", () => {
    expect(
      errorPaths(ZCreateAppointmentInput, { ...valid, plannedEnd: "2025-03-04T08:00:00+01:00" }),
    ).toEqual([]);
  });

  it("reschedules with the same rules", () => {
    const input = {
      appointmentId: ids.b,
      plannedStart: new Date("2025-03-03T10:00:00Z"),
      plannedEnd: new Date("2025-03-03T09:00:00Z"),
    };
    expect(errorPaths(ZRescheduleAppointmentInput, input)).toEqual(["plannedEnd"]);
    expect(
      parseValid(ZRescheduleAppointmentInput, {
        ...input,
        plannedEnd: "2025-03-03T11:00:00Z",
        assignedEmployeeId: "",
      }),
    ).toMatchObject({ assignedEmployeeId: null });
  });
});

describe("ZReorderRouteInput", () => {
  it.each([
    [[ids.a, ids.b], []],
    [[], ["stopIds"]],
    [[ids.a, ids.b, ids.a], ["stopIds.2"]],
    [[ids.a, "x"], ["stopIds.1"]],
  ])("%j → errors at %j", (stopIds, paths) => {
    expect(errorPaths(ZReorderRouteInput, { routeId: ids.c, stopIds })).toEqual(paths);
  });

  it("explains a repeated stop", () => {
    expect(messagesAt(ZReorderRouteInput, { routeId: ids.c, stopIds: [ids.a, ids.a] }, "stopIds.1")).toEqual([
      "A stop can appear only once",
    ]);
  });
});

describe("ZCreateRecurringPlanInput", () => {
  const valid = {
    customerId: ids.a,
    locationId: ids.b,
    title: "Monthly check",
    rrule: "FREQ=MONTHLY;BYMONTHDAY=1",
    startsOn: "2025-04-01",
    startTime: "07:30",
    timeZone: "Europe/Paris",
    durationMinutes: 90,
  };

  it("fills defaults", () => {
    expect(parseValid(ZCreateRecurringPlanInput, valid)).toMatchObject({ horizonDays: 56, active: true });
  });

  it.each([
    ["rule without FREQ", { rrule: "BYDAY=MO" }, "rrule", "The recurrence rule needs a FREQ= part"],
    [
      "rule too long",
      { rrule: `FREQ=DAILY;${"X".repeat(500)}` },
      "rrule",
      "Recurrence rule must be at most 500 characters",
    ],
    ["hour 24", { startTime: "24:00" }, "startTime", "Enter a start time as HH:MM (24-hour clock)"],
    ["single-digit hour", { startTime: "7:30" }, "startTime", "Enter a start time as HH:MM (24-hour clock)"],
    ["seconds", { startTime: "07:30:00" }, "startTime", "Enter a start time as HH:MM (24-hour clock)"],
    [
      "unknown time zone",
      { timeZone: "Paris" },
      "timeZone",
      'Choose a time zone from the list, such as "Europe/Paris"',
    ],
    ["bad start day", { startsOn: "01/04/2025" }, "startsOn", "Enter the first day as YYYY-MM-DD"],
    [
      "too short",
      { durationMinutes: 4 },
      "durationMinutes",
      "Duration must be a whole number between 5 and 1440 minutes",
    ],
    [
      "horizon too far",
      { horizonDays: 366 },
      "horizonDays",
      "Planning horizon must be a whole number between 1 and 365 days",
    ],
  ])("%s", (_, change, path, message) => {
    const input = { ...valid, ...change };
    expect(errorPaths(ZCreateRecurringPlanInput, input)).toEqual([path]);
    expect(messagesAt(ZCreateRecurringPlanInput, input, path)).toEqual([message]);
  });

  it("accepts the edges of the day", () => {
    for (const startTime of ["00:00", "23:59"]) {
      expect(errorPaths(ZCreateRecurringPlanInput, { ...valid, startTime })).toEqual([]);
    }
  });

  it("update does not reset defaults", () => {
    expect(parseValid(ZUpdateRecurringPlanInput, { recurringPlanId: ids.c, title: "Renamed" })).toEqual({
      recurringPlanId: ids.c,
      title: "Renamed",
    });
  });
});
