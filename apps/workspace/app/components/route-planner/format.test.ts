import { describe, expect, it } from "vitest";
import { minutesText, moved, timeChangesBetween } from "./format";

const at = (clock: string) => new Date(`2027-06-15T${clock}:00Z`);

describe("what a new order changed", () => {
  it("names every visit whose start moved, earliest new time first", () => {
    const before = [
      { appointmentId: "a", targetTitle: "Stop A", plannedStart: at("08:00") },
      { appointmentId: "c", targetTitle: "Stop C", plannedStart: at("09:30") },
      { appointmentId: "b", targetTitle: "Stop B", plannedStart: at("11:00") },
    ];
    const after = [
      { appointmentId: "c", targetTitle: "Stop C", plannedStart: at("08:00") },
      { appointmentId: "a", targetTitle: "Stop A", plannedStart: at("09:10") },
      { appointmentId: "b", targetTitle: "Stop B", plannedStart: at("11:00") },
    ];
    expect(timeChangesBetween(before, after)).toEqual([
      { appointmentId: "c", title: "Stop C", before: at("09:30"), after: at("08:00") },
      { appointmentId: "a", title: "Stop A", before: at("08:00"), after: at("09:10") },
    ]);
  });

  it("finds nothing when only the order changed", () => {
    const stops = [{ appointmentId: "a", targetTitle: "Stop A", plannedStart: at("08:00") }];
    expect(timeChangesBetween(stops, stops)).toEqual([]);
  });
});

describe("route words", () => {
  it("writes minutes as hours and minutes", () => {
    expect(minutesText(45)).toBe("45 min");
    expect(minutesText(90)).toBe("1 h 30 min");
    expect(minutesText(120)).toBe("2 h");
  });

  it("moves a stop up or down", () => {
    expect(moved(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moved(["a", "b", "c"], 2, -1)).toEqual(["a", "c", "b"]);
  });
});
