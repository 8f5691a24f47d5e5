import { describe, expect, it } from "vitest";
import { z } from "zod";
import { instant, isPhoneNumber, optionalText } from "./fields";
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
