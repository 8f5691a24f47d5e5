import { describe, expect, it } from "vitest";
import { calendarDate, endOfDayInZone } from "./format";

describe("calendar days in the tenant's zone", () => {
  it("ends a day at the next local midnight, daylight saving included", () => {
    expect(endOfDayInZone("2026-01-15", "Europe/Paris")?.toISOString()).toBe("2026-01-15T22:59:59.999Z");
    // 29 March 2026 is 23 hours long in Paris; the next midnight is already summer time.
    expect(endOfDayInZone("2026-03-29", "Europe/Paris")?.toISOString()).toBe("2026-03-29T21:59:59.999Z");
  });

  it("refuses what is not a real date", () => {
    expect(endOfDayInZone("2026-02-30", "Europe/Paris")).toBeNull();
    expect(endOfDayInZone("tomorrow", "Europe/Paris")).toBeNull();
  });

  it("names the local date of a moment", () => {
    expect(calendarDate(new Date("2026-01-14T23:30:00Z"), "Europe/Paris")).toBe("2026-01-15");
    expect(calendarDate(new Date("2026-01-15T03:30:00Z"), "America/New_York")).toBe("2026-01-14");
  });
});
