import { localDay, utcToZonedWallTime } from "@ordinavo/domain";
import { describe, expect, it } from "vitest";
import { describeRecurrence, expandPlan, parseRecurrenceRule, planStartInstant } from "./recurrence";

const paris = "Europe/Paris";
const newYork = "America/New_York";

const iso = (dates: Array<{ start: Date }>) => dates.map((d) => d.start.toISOString());
const window = (from: string, to: string) => ({ from: new Date(from), to: new Date(to) });
const plan = (rrule: string, overrides: Partial<Parameters<typeof expandPlan>[0]> = {}) => ({
  rrule,
  startsOn: "2026-01-05",
  startTime: "09:00",
  timeZone: paris,
  durationMinutes: 60,
  ...overrides,
});

describe("parseRecurrenceRule", () => {
  it.each([
    ["FREQ=WEEKLY;BYDAY=MO", "FREQ=WEEKLY;BYDAY=MO"],
    ["  rrule:freq=weekly;byday=mo,we  ", "FREQ=WEEKLY;BYDAY=MO,WE"],
    ["BYDAY=TU;FREQ=WEEKLY;INTERVAL=2", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"],
    ["FREQ=MONTHLY;BYDAY=+2MO", "FREQ=MONTHLY;BYDAY=2MO"],
    ["FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;BYDAY=-1FR"],
    ["FREQ=MONTHLY;BYMONTHDAY=1,15;", "FREQ=MONTHLY;BYMONTHDAY=1,15"],
    ["FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"],
    ["FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=31", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=31"],
    ["FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"],
    ["FREQ=DAILY;COUNT=10", "FREQ=DAILY;COUNT=10"],
    ["FREQ=WEEKLY;UNTIL=20261231;BYDAY=FR", "FREQ=WEEKLY;UNTIL=20261231;BYDAY=FR"],
    ["FREQ=WEEKLY;UNTIL=20261231T170000Z", "FREQ=WEEKLY;UNTIL=20261231T170000Z"],
    ["FREQ=WEEKLY;WKST=SU;BYDAY=SA", "FREQ=WEEKLY;BYDAY=SA;WKST=SU"],
  ])("accepts %j as %j", (text, rule) => {
    expect(parseRecurrenceRule(text)).toEqual({ ok: true, rule });
  });

  it.each([
    ["", "Enter a recurrence rule"],
    ["garbage", "is not a NAME=VALUE part"],
    ["BYDAY=MO", "needs a FREQ part"],
    ["FREQ=FORTNIGHTLY", "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY"],
    ["FREQ=HOURLY", "at most daily"],
    ["FREQ=MINUTELY;INTERVAL=30", "at most daily"],
    ["FREQ=SECONDLY", "at most daily"],
    ["DTSTART:20260105T090000Z\nRRULE:FREQ=WEEKLY", "one rule on one line"],
    ["DTSTART=20260105T090000Z;FREQ=WEEKLY", "Leave out DTSTART"],
    ["FREQ=DAILY;BYHOUR=9", "time of day comes from the plan"],
    ["FREQ=WEEKLY;BOGUS=1", "not a recurrence rule part"],
    ["FREQ=WEEKLY;BYDAY=MO;BYDAY=TU", "BYDAY appears more than once"],
    ["FREQ=WEEKLY;BYDAY=XX", "is not a weekday"],
    ["FREQ=WEEKLY;BYDAY=MO,,TU", "empty entry"],
    ["FREQ=WEEKLY;BYDAY=2MO", "need FREQ=MONTHLY or FREQ=YEARLY"],
    ["FREQ=MONTHLY;BYDAY=6MO", "between 1 and 5"],
    ["FREQ=WEEKLY;INTERVAL=0", "INTERVAL must be between 1 and 999"],
    ["FREQ=WEEKLY;INTERVAL=-1", "INTERVAL must be a whole number"],
    ["FREQ=WEEKLY;COUNT=abc", "COUNT must be a whole number"],
    ["FREQ=WEEKLY;COUNT=0", "COUNT must be between 1 and 10000"],
    ["FREQ=MONTHLY;BYMONTHDAY=40", "BYMONTHDAY values must be between 1 and 31"],
    ["FREQ=WEEKLY;BYMONTHDAY=1", "BYMONTHDAY does not go with FREQ=WEEKLY"],
    ["FREQ=MONTHLY;BYYEARDAY=1", "BYYEARDAY needs FREQ=YEARLY"],
    ["FREQ=YEARLY;BYMONTH=13", "BYMONTH must be between 1 and 12"],
    ["FREQ=MONTHLY;BYSETPOS=1", "BYSETPOS needs another BY part"],
    ["FREQ=WEEKLY;UNTIL=2026", "UNTIL must be a date such as 20261231"],
    ["FREQ=WEEKLY;UNTIL=2026-12-31", "UNTIL must be a date such as 20261231"],
    ["FREQ=WEEKLY;UNTIL=20261332", "UNTIL must be a date such as 20261231"],
    ["FREQ=WEEKLY;UNTIL=20261231T250000Z", "UNTIL must be a date such as 20261231"],
    ["FREQ=WEEKLY;COUNT=3;UNTIL=20261231", "either COUNT or UNTIL"],
    ["FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "never produces a visit"],
    ["FREQ=MONTHLY;BYMONTH=4,6,9,11;BYMONTHDAY=31", "never produces a visit"],
    ["FREQ=MONTHLY;BYDAY=5MO;BYMONTHDAY=1,2,3", "never produces a visit"],
    [`FREQ=DAILY;BYMONTH=${"1,".repeat(250)}1`, "at most 500 characters"],
  ])("refuses %j", (text, message) => {
    const result = parseRecurrenceRule(text);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.message).toContain(message);
  });

  it("refuses a rule that never matches quickly, even for a daily rule", () => {
    // From a Monday, every 7th day is a Monday: never a Tuesday. rrule alone would search to 9999.
    const started = performance.now();
    const result = parseRecurrenceRule("FREQ=DAILY;INTERVAL=7;BYDAY=TU", {
      startsOn: "2026-03-02",
      startTime: "09:00",
      timeZone: paris,
    });
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining("never produces") });
    expect(performance.now() - started).toBeLessThan(2000);
    // From a Tuesday the same rule is fine.
    expect(
      parseRecurrenceRule("FREQ=DAILY;INTERVAL=7;BYDAY=TU", {
        startsOn: "2026-03-03",
        startTime: "09:00",
        timeZone: paris,
      }).ok,
    ).toBe(true);
  });

  it("with the plan's start, refuses a rule that ends before the first visit", () => {
    const context = { startsOn: "2026-03-02", startTime: "09:00", timeZone: paris };
    expect(parseRecurrenceRule("FREQ=WEEKLY;UNTIL=20260101", context)).toMatchObject({
      ok: false,
      message: expect.stringContaining("ends (UNTIL) before"),
    });
    expect(parseRecurrenceRule("FREQ=WEEKLY;UNTIL=20260302", context).ok).toBe(true);
    // 08:00Z is 09:00 in Paris: the first visit itself.
    expect(parseRecurrenceRule("FREQ=WEEKLY;UNTIL=20260302T080000Z", context).ok).toBe(true);
    expect(parseRecurrenceRule("FREQ=WEEKLY;UNTIL=20260302T075959Z", context).ok).toBe(false);
  });
});

describe("describeRecurrence", () => {
  it.each([
    ["FREQ=WEEKLY;BYDAY=MO", "Every week on Monday"],
    ["FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE", "Every 2 weeks on Monday, Wednesday"],
    ["FREQ=MONTHLY;BYDAY=2MO", "Every month on the 2nd Monday"],
    ["FREQ=MONTHLY;BYMONTHDAY=1", "Every month on the 1st"],
    ["FREQ=DAILY;COUNT=5", "Every day for 5 times"],
    ["FREQ=WEEKLY;BYDAY=FR;UNTIL=20261231", "Every week on Friday until December 31, 2026"],
    ["FREQ=MONTHLY;BYMONTHDAY=1,15", "Every month on the 1st and 15th"],
    ["FREQ=MONTHLY;BYMONTHDAY=21,22,23,31", "Every month on the 21st, 22nd, 23rd and 31st"],
    ["FREQ=MONTHLY;BYDAY=-1FR", "Every month on the last Friday"],
    ["FREQ=MONTHLY;BYDAY=-2FR", "Every month on the 2nd to last Friday"],
    ["FREQ=YEARLY;BYYEARDAY=-1", "Every year on the last day"],
  ])("describes %s", (rule, text) => {
    expect(describeRecurrence(rule)).toBe(text);
  });

  it.each([
    ["FREQ=MONTHLY;BYMONTHDAY=-1", "Every month on the last day"],
    ["FREQ=MONTHLY;BYMONTHDAY=-2", "Every month on the 2nd to last day"],
    ["FREQ=MONTHLY;BYMONTHDAY=-3", "Every month on the 3rd to last day"],
    ["FREQ=MONTHLY;BYMONTHDAY=-11", "Every month on the 11th to last day"],
    ["FREQ=MONTHLY;BYMONTHDAY=-21", "Every month on the 21st to last day"],
    ["FREQ=MONTHLY;BYMONTHDAY=-1,1", "Every month on the 1st and last day"],
    ["FREQ=MONTHLY;BYMONTHDAY=-1,15,1,-2", "Every month on the 1st, 15th, 2nd to last and last day"],
    ["FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1", "Every 3 months on the last day"],
    ["FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=6", "Every month on the last day for 6 times"],
    ["FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20261231", "Every month on the last day until December 31, 2026"],
    ["FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=-1", "Every month on Friday the last day"],
    ["FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", "Every month on Friday the 13th"],
    ["FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1", "Every February on the last day"],
    ["FREQ=YEARLY;BYMONTHDAY=-1", "Every year on the last day of the month"],
    ["FREQ=DAILY;BYMONTHDAY=-1", "Every day on the last day of the month"],
  ])("counts month days from the end: %s", (rule, text) => {
    expect(describeRecurrence(rule)).toBe(text);
  });

  it("falls back to the rule for what it cannot put in words", () => {
    expect(describeRecurrence("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1")).toBe(
      "Repeats by the rule FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
    );
    expect(describeRecurrence("not a rule")).toBe("not a rule");
  });
});

describe("planStartInstant", () => {
  it("is the first day at the start time, local", () => {
    expect(planStartInstant({ startsOn: "2026-07-01", startTime: "09:00", timeZone: paris })).toEqual(
      new Date("2026-07-01T07:00:00Z"),
    );
  });
});

describe("expandPlan", () => {
  it("expands a weekly rule on its weekday, with the duration", () => {
    const result = expandPlan(
      plan("FREQ=WEEKLY;BYDAY=MO", { durationMinutes: 90 }),
      window("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"),
    );
    expect(iso(result)).toEqual([
      "2026-01-05T08:00:00.000Z",
      "2026-01-12T08:00:00.000Z",
      "2026-01-19T08:00:00.000Z",
      "2026-01-26T08:00:00.000Z",
    ]);
    expect(result[0]!.end.toISOString()).toBe("2026-01-05T09:30:00.000Z");
  });

  it("expands several weekdays and an interval", () => {
    expect(
      iso(
        expandPlan(
          plan("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH"),
          window("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"),
        ),
      ),
    ).toEqual([
      "2026-01-06T08:00:00.000Z",
      "2026-01-08T08:00:00.000Z",
      "2026-01-20T08:00:00.000Z",
      "2026-01-22T08:00:00.000Z",
    ]);
  });

  it("expands monthly rules by month day and by numbered weekday", () => {
    const year = window("2026-01-01T00:00:00Z", "2026-05-01T00:00:00Z");
    expect(iso(expandPlan(plan("FREQ=MONTHLY;BYMONTHDAY=15"), year))).toEqual([
      "2026-01-15T08:00:00.000Z",
      "2026-02-15T08:00:00.000Z",
      "2026-03-15T08:00:00.000Z",
      "2026-04-15T07:00:00.000Z",
    ]);
    expect(iso(expandPlan(plan("FREQ=MONTHLY;BYDAY=-1FR"), year))).toEqual([
      "2026-01-30T08:00:00.000Z",
      "2026-02-27T08:00:00.000Z",
      "2026-03-27T08:00:00.000Z",
      "2026-04-24T07:00:00.000Z",
    ]);
    // Without a month day, the start day's number (5) repeats.
    expect(iso(expandPlan(plan("FREQ=MONTHLY"), year))).toHaveLength(4);
  });

  it("stops after COUNT occurrences counted from the first day, not from the window", () => {
    const rule = plan("FREQ=WEEKLY;BYDAY=MO;COUNT=3");
    expect(iso(expandPlan(rule, window("2026-01-01T00:00:00Z", "2026-12-31T00:00:00Z")))).toEqual([
      "2026-01-05T08:00:00.000Z",
      "2026-01-12T08:00:00.000Z",
      "2026-01-19T08:00:00.000Z",
    ]);
    expect(iso(expandPlan(rule, window("2026-01-10T00:00:00Z", "2026-12-31T00:00:00Z")))).toEqual([
      "2026-01-12T08:00:00.000Z",
      "2026-01-19T08:00:00.000Z",
    ]);
  });

  it("stops at UNTIL, a date meaning that whole local day", () => {
    const all = window("2026-01-01T00:00:00Z", "2026-12-31T00:00:00Z");
    expect(iso(expandPlan(plan("FREQ=WEEKLY;BYDAY=MO;UNTIL=20260112"), all))).toEqual([
      "2026-01-05T08:00:00.000Z",
      "2026-01-12T08:00:00.000Z",
    ]);
    expect(iso(expandPlan(plan("FREQ=WEEKLY;BYDAY=MO;UNTIL=20260112T075959Z"), all))).toEqual([
      "2026-01-05T08:00:00.000Z",
    ]);
  });

  it("starts no earlier than the plan's first day", () => {
    expect(
      iso(
        expandPlan(
          plan("FREQ=DAILY", { startsOn: "2026-01-30" }),
          window("2026-01-01T00:00:00Z", "2026-02-02T00:00:00Z"),
        ),
      ),
    ).toEqual(["2026-01-30T08:00:00.000Z", "2026-01-31T08:00:00.000Z", "2026-02-01T08:00:00.000Z"]);
  });

  it("includes a start equal to window.from and excludes one equal to window.to", () => {
    const rule = plan("FREQ=DAILY");
    expect(iso(expandPlan(rule, window("2026-01-06T08:00:00Z", "2026-01-08T08:00:00Z")))).toEqual([
      "2026-01-06T08:00:00.000Z",
      "2026-01-07T08:00:00.000Z",
    ]);
    expect(iso(expandPlan(rule, window("2026-01-06T08:00:00.001Z", "2026-01-08T08:00:00.001Z")))).toEqual([
      "2026-01-07T08:00:00.000Z",
      "2026-01-08T08:00:00.000Z",
    ]);
    expect(expandPlan(rule, window("2026-01-08T00:00:00Z", "2026-01-08T00:00:00Z"))).toEqual([]);
  });

  it("keeps 09:00 local across both daylight-saving changes in Paris", () => {
    const result = expandPlan(
      plan("FREQ=WEEKLY;BYDAY=SU", { startsOn: "2026-03-01" }),
      window("2026-03-20T00:00:00Z", "2026-11-05T00:00:00Z"),
    );
    const byDay = new Map(result.map((o) => [localDay(o.start, paris), o.start.toISOString()]));
    expect(byDay.get("2026-03-22")).toBe("2026-03-22T08:00:00.000Z"); // winter, UTC+1
    expect(byDay.get("2026-03-29")).toBe("2026-03-29T07:00:00.000Z"); // change day, UTC+2
    expect(byDay.get("2026-10-18")).toBe("2026-10-18T07:00:00.000Z");
    expect(byDay.get("2026-10-25")).toBe("2026-10-25T08:00:00.000Z"); // change day, UTC+1
    expect(byDay.get("2026-11-01")).toBe("2026-11-01T08:00:00.000Z");
    for (const o of result) expect(utcToZonedWallTime(o.start, paris)).toMatchObject({ hour: 9, minute: 0 });
    // Durations are real minutes, also on the change days.
    for (const o of result) expect(o.end.getTime() - o.start.getTime()).toBe(3_600_000);
  });

  it("keeps 09:00 local across both daylight-saving changes in New York", () => {
    const result = expandPlan(
      plan("FREQ=DAILY", { startsOn: "2026-03-06", timeZone: newYork }),
      window("2026-03-06T00:00:00Z", "2026-03-10T00:00:00Z"),
    );
    expect(iso(result)).toEqual([
      "2026-03-06T14:00:00.000Z",
      "2026-03-07T14:00:00.000Z",
      "2026-03-08T13:00:00.000Z",
      "2026-03-09T13:00:00.000Z",
    ]);
    const autumn = expandPlan(
      plan("FREQ=DAILY", { startsOn: "2026-10-30", timeZone: newYork }),
      window("2026-10-30T00:00:00Z", "2026-11-03T00:00:00Z"),
    );
    expect(iso(autumn)).toEqual([
      "2026-10-30T13:00:00.000Z",
      "2026-10-31T13:00:00.000Z",
      "2026-11-01T14:00:00.000Z",
      "2026-11-02T14:00:00.000Z",
    ]);
  });

  it("moves a start time in the spring gap forward and takes the first of a repeated hour", () => {
    const spring = expandPlan(
      plan("FREQ=DAILY", { startsOn: "2026-03-28", startTime: "02:30" }),
      window("2026-03-27T00:00:00Z", "2026-03-31T00:00:00Z"),
    );
    expect(spring.map((o) => `${localDay(o.start, paris)} ${o.start.toISOString()}`)).toEqual([
      "2026-03-28 2026-03-28T01:30:00.000Z", // 02:30 CET
      "2026-03-29 2026-03-29T01:30:00.000Z", // 02:30 does not exist: 03:30 CEST
      "2026-03-30 2026-03-30T00:30:00.000Z", // 02:30 CEST
    ]);
    const autumn = expandPlan(
      plan("FREQ=DAILY", { startsOn: "2026-10-24", startTime: "02:30" }),
      window("2026-10-23T00:00:00Z", "2026-10-27T00:00:00Z"),
    );
    expect(iso(autumn)).toEqual([
      "2026-10-24T00:30:00.000Z", // 02:30 CEST
      "2026-10-25T00:30:00.000Z", // 02:30 happens twice: the first (CEST)
      "2026-10-26T01:30:00.000Z", // 02:30 CET
    ]);
  });

  it("reads the window as instants, also near midnight in far-off zones", () => {
    const result = expandPlan(
      plan("FREQ=DAILY", { startsOn: "2026-01-01", startTime: "23:30", timeZone: "Pacific/Auckland" }),
      window("2026-01-01T10:30:00Z", "2026-01-03T10:30:00Z"),
    );
    expect(iso(result)).toEqual(["2026-01-01T10:30:00.000Z", "2026-01-02T10:30:00.000Z"]);
  });

  it("does not depend on the process time zone", () => {
    // All arithmetic uses UTC fields and Intl; TZ only matters if someone used local Date methods.
    const before = process.env.TZ;
    try {
      process.env.TZ = "Asia/Tokyo";
      expect(
        iso(expandPlan(plan("FREQ=DAILY;COUNT=2"), window("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"))),
      ).toEqual(["2026-01-05T08:00:00.000Z", "2026-01-06T08:00:00.000Z"]);
    } finally {
      process.env.TZ = before;
    }
  });

  it("refuses an invalid rule and an unknown time zone", () => {
    const all = window("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z");
    expect(() => expandPlan(plan("FREQ=HOURLY"), all)).toThrow(/Invalid recurrence rule: .*at most daily/);
    expect(() => expandPlan(plan("FREQ=DAILY", { timeZone: "Nowhere/Special" }), all)).toThrow(RangeError);
  });
});
