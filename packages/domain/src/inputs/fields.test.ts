import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  instant,
  isPhoneNumber,
  isPlanningInstant,
  NUL_MESSAGE,
  optionalText,
  planningDay,
  planningInstant,
  requiredText,
  searchText,
  ZPlanningDay,
} from "./fields";
import { isIanaTimeZone } from "./time-zone";

describe("isPhoneNumber", () => {
  it.each([
    ["+33 1 23 45 67 89", true],
    ["(030) 123-4567", true],
    ["030.123.4567", true],
    ["123456", true],
    ["+12345678901234567890", true],
    ["12345", false],
    ["+123456789012345678901", false],
    ["33 +1 234567", false],
    ["0800 CALL NOW", false],
    ["123456 ext 2", false],
    ["", false],
  ])("%s → %s", (value, expected) => {
    expect(isPhoneNumber(value)).toBe(expected);
  });
});

describe("optionalText", () => {
  const schema = z.object({ notes: optionalText("Notes", 10) });

  it.each([
    [{}, {}],
    [{ notes: "  hi  " }, { notes: "hi" }],
    [{ notes: "   " }, { notes: null }],
    [{ notes: "" }, { notes: null }],
    [{ notes: null }, { notes: null }],
  ])("%j → %j", (input, expected) => {
    expect(schema.parse(input)).toEqual(expected);
  });

  it("limits the length after trimming", () => {
    expect(schema.safeParse({ notes: `  ${"x".repeat(10)}  ` }).success).toBe(true);
    expect(schema.safeParse({ notes: "x".repeat(11) }).error?.issues[0]?.message).toBe(
      "Notes must be at most 10 characters",
    );
  });
});

describe("instant", () => {
  const schema = instant("Enter a date and time");

  it.each([
    ["2025-03-01T08:30:00+01:00", "2025-03-01T07:30:00.000Z"],
    ["2025-03-01T08:30:00Z", "2025-03-01T08:30:00.000Z"],
    ["2025-03-01T08:30:00.250-05:00", "2025-03-01T13:30:00.250Z"],
  ])("reads %s", (value, iso) => {
    expect(schema.parse(value).toISOString()).toBe(iso);
  });

  it("accepts a Date", () => {
    const date = new Date("2025-03-01T08:30:00Z");
    expect(schema.parse(date)).toEqual(date);
  });

  it.each(["2025-03-01T08:30:00", "2025-03-01", "tomorrow", "", 1740817800000, new Date("nope")])(
    "refuses %s",
    (value) => {
      expect(schema.safeParse(value).error?.issues[0]?.message).toBe("Enter a date and time");
    },
  );
});

describe("isIanaTimeZone", () => {
  it.each([
    ["Europe/Paris", true],
    ["America/New_York", true],
    ["UTC", true],
    ["europe/paris", false],
    ["Mars/Olympus_Mons", false],
    ["+01:00", false],
    ["", false],
  ])("%s → %s", (value, expected) => {
    expect(isIanaTimeZone(value)).toBe(expected);
  });
});

describe("text without NUL characters", () => {
  it("is required of every domain text", () => {
    const schema = z.object({
      a: requiredText("A", 50, "Enter A"),
      b: optionalText("B", 50),
      q: searchText(),
    });
    const result = schema.safeParse({ a: "x\u0000y", b: "\u0000", q: "ab\u0000" });
    const paths = result.error?.issues.map((issue) => issue.path.join("."));
    expect(paths).toEqual(["a", "b", "q"]);
    expect(result.error?.issues[0]?.message).toBe(NUL_MESSAGE);
    expect(schema.parse({ a: " x ", b: " ", q: " ab " })).toEqual({ a: "x", b: null, q: "ab" });
  });
});

describe("planning dates", () => {
  it.each([
    ["2000-01-01", true],
    ["2026-11-20", true],
    ["2099-12-31", true],
    ["1999-12-31", false],
    ["2100-01-01", false],
    ["9999-12-31", false],
    ["0001-01-01", false],
    ["2026-02-30", false],
    ["2026-1-5", false],
  ])("day %s is accepted: %j", (day, expected) => {
    expect(ZPlanningDay.safeParse(day).success).toBe(expected);
  });

  it("say which range is allowed", () => {
    expect(planningDay().safeParse("9999-12-31").error?.issues[0]?.message).toBe(
      "Choose a date between 2000-01-01 and 2099-12-31",
    );
  });

  it.each([
    ["2026-11-20T08:00:00+01:00", true],
    ["2000-01-01T00:00:00+14:00", true],
    ["2099-12-31T23:00:00-11:00", true],
    ["9999-12-31T08:00:00Z", false],
    ["1899-12-31T08:00:00Z", false],
    ["1999-12-30T00:00:00Z", false],
    ["2100-01-02T00:00:00Z", false],
  ])("moment %s is accepted: %j", (value, expected) => {
    const schema = planningInstant("Enter a date and time");
    expect(schema.safeParse(value).success).toBe(expected);
    expect(schema.safeParse(new Date(value)).success).toBe(expected);
    expect(isPlanningInstant(new Date(value))).toBe(expected);
  });
});
