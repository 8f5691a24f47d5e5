import { parseRecurrenceRule } from "@ordinavo/planning";
import { describe, expect, it } from "vitest";
import {
  builderForStart,
  builderProblems,
  defaultBuilder,
  fromRrule,
  sameRuleText,
  toRrule,
} from "./rrule-builder";

describe("the recurrence rule builder", () => {
  it.each([
    ["FREQ=WEEKLY;BYDAY=MO", "FREQ=WEEKLY;BYDAY=MO"],
    ["freq=weekly;byday=th,mo", "FREQ=WEEKLY;BYDAY=MO,TH"],
    ["RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"],
    ["FREQ=MONTHLY;BYMONTHDAY=1", "FREQ=MONTHLY;BYMONTHDAY=1"],
    ["FREQ=MONTHLY;BYMONTHDAY=-1", "FREQ=MONTHLY;BYMONTHDAY=-1"],
    ["FREQ=MONTHLY;BYDAY=1TU", "FREQ=MONTHLY;BYDAY=1TU"],
    ["FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;BYDAY=-1FR"],
    ["FREQ=MONTHLY;INTERVAL=3;BYDAY=2WE", "FREQ=MONTHLY;INTERVAL=3;BYDAY=2WE"],
    ["FREQ=DAILY;COUNT=5", "FREQ=DAILY;COUNT=5"],
    ["FREQ=WEEKLY;BYDAY=MO;UNTIL=20261231", "FREQ=WEEKLY;UNTIL=20261231;BYDAY=MO"],
  ])("shows %s in the builder and writes it back as %s", (text, written) => {
    const builder = fromRrule(text);
    expect(builder.frequency).not.toBe("custom");
    expect(toRrule(builder)).toBe(written);
    // What the builder writes is a rule the server accepts.
    expect(parseRecurrenceRule(written)).toMatchObject({ ok: true });
  });

  it.each([
    "FREQ=WEEKLY;BYDAY=MO;UNTIL=20261231T090000Z",
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
    "FREQ=YEARLY",
    "FREQ=WEEKLY",
    "FREQ=MONTHLY;BYMONTHDAY=1,15",
    "FREQ=WEEKLY;BYDAY=MO;WKST=SU",
    "FREQ=MONTHLY;BYDAY=5MO",
    "garbage",
  ])("keeps %s as custom text it cannot show", (text) => {
    const builder = fromRrule(text);
    expect(builder.frequency).toBe("custom");
    expect(toRrule(builder)).toBe(text);
  });

  it("starts weekly on the weekday of the first day", () => {
    // 2026-11-26 is a Thursday.
    expect(toRrule(builderForStart("2026-11-26"))).toBe("FREQ=WEEKLY;BYDAY=TH");
  });

  it("says what is missing", () => {
    expect(builderProblems({ ...defaultBuilder, weekdays: [] })).toHaveProperty("weekdays");
    expect(builderProblems({ ...defaultBuilder, frequency: "custom", text: " " })).toHaveProperty("rrule");
    expect(builderProblems(defaultBuilder)).toEqual({});
  });

  it("compares rule texts the way people type them", () => {
    expect(sameRuleText("RRULE:freq=weekly; byday=mo;", "FREQ=WEEKLY;BYDAY=MO")).toBe(true);
    expect(sameRuleText("FREQ=WEEKLY;BYDAY=MO", "FREQ=WEEKLY;BYDAY=TU")).toBe(false);
  });
});
